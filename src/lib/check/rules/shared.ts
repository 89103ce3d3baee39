/** Small helpers several rules share. */
import type { SourceFile } from '../../content/collections.ts';
import type { CheckContext } from '../context.ts';

export { nociteOf } from '../../citations/handoff.ts';

/** Every content file, summaries first, then topics, then pages. */
export function allFiles({ files }: CheckContext): SourceFile[] {
  return [...files.studies, ...files.topics, ...files.pages];
}
