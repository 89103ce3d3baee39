/**
 * A worker thread that formats one style's bibliography, so the styles of a large library are
 * formatted side by side on the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { Reference } from './bibliography.ts';
import { formatBibliography } from './format.ts';

interface Job {
  readonly references: Reference[];
  readonly style: string;
  /** The style's XML as the build registered it (a worker has its own copy of citation-js). */
  readonly xml?: string;
}

const { references, style, xml } = workerData as Job;
if (xml !== undefined) (plugins.config.get('@csl').styles as { add(name: string, xml: string): void }).add(style, xml);
const { entries, failures } = formatBibliography(references, { style });
parentPort?.postMessage({ entries: [...entries], failures });
