/**
 * A worker thread that formats its share of the styles of a build's bibliography, so the styles
 * are formatted side by side on the machine's cores (src/lib/formatting.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { Reference } from './bibliography.ts';
import { formatBibliography } from './format.ts';

interface Job {
  readonly style: string;
  /** The style's XML as the build registered it (a worker has its own copy of citation-js). */
  readonly xml?: string;
  readonly references: Reference[];
}

const registry = plugins.config.get('@csl').styles as { add(name: string, xml: string): void };
const done = (workerData as Job[]).map(({ style, xml, references }) => {
  if (xml !== undefined) registry.add(style, xml);
  const { entries, failures } = formatBibliography(references, { style });
  return { style, entries: [...entries], failures };
});
parentPort?.postMessage(done);
