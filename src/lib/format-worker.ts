/**
 * A worker process that formats jobs of a build's bibliography (a style, or a part of one) as the
 * build sends them, so they are formatted side by side on the machine's cores
 * (src/lib/formatting.ts).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { Reference } from './bibliography.ts';
import { formatBibliography } from './format.ts';

interface Job {
  readonly style: string;
  /** The style's XML as the build registered it (a worker has its own copy of citation-js). */
  readonly xml?: string;
  /** Each entry on its own ("Cite this"), or the references as one list. */
  readonly alone: boolean;
  readonly references: Reference[];
}

const registry = plugins.config.get('@csl').styles as { add(name: string, xml: string): void };
const registered = new Set<string>();
// One job a message; the process stays until it is stopped or the build goes, taking the next job
// when it is done.
process.on('message', ({ style, xml, alone, references }: Job) => {
  if (xml !== undefined && !registered.has(style)) {
    registry.add(style, xml);
    registered.add(style);
  }
  const { entries, failures } = formatBibliography(references, { style, alone });
  process.send?.({ entries: [...entries], failures });
});
process.on('disconnect', () => process.exit(0));
