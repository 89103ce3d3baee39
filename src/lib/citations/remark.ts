/**
 * The remark adapter: pandoc citations in Markdown and MDX through the unified processor. What the
 * page needs (cited keys, where the list goes) is handed over with `writePageCitations`.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { processCitations, type CitationOptions } from './core.ts';
import { nociteOf, writePageCitations } from './handoff.ts';

export type Options = CitationOptions;

interface AstroData {
  astro?: { frontmatter?: Record<string, unknown> };
}

export default function remarkCitations(options: Options) {
  return function transform(tree: Root, file: VFile): void {
    const data = file.data as AstroData;
    const frontmatter = (data.astro ??= {}).frontmatter ?? (data.astro.frontmatter = {});
    const result = processCitations(
      tree,
      String(file.value),
      { path: file.path, nocite: nociteOf(frontmatter) },
      options.context(),
    );
    for (const { parent, children } of result.edits) parent.children = children;
    for (const { node, value } of result.values) (node as { value: string }).value = value;
    for (const { node, url } of result.links) (node as { url: string }).url = url;
    for (const marker of result.markers) {
      const element = marker as { attributes?: unknown[] };
      element.attributes = [
        ...(element.attributes ?? []),
        { type: 'mdxJsxAttribute', name: 'keys', value: result.keys.join(' ') },
      ];
    }
    writePageCitations(frontmatter, result);
  };
}
