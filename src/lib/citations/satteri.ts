/**
 * The Sätteri adapter: the same citation processing as a Sätteri mdast plugin, for Astro's
 * default (Rust) Markdown processor. Sätteri trees are read-only; changes go through its
 * context. What the page needs is handed over with `writePageCitations` on
 * `ctx.data.astro.frontmatter`, which Astro exposes as the entry's `remarkPluginFrontmatter`.
 */
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { processCitations, type CitationOptions } from './core.ts';
import { nociteOf, writePageCitations } from './handoff.ts';

/** The part of Sätteri's visitor context this plugin uses. */
interface SatteriContext {
  readonly source: string;
  readonly fileURL: URL | undefined;
  readonly data: Record<string, unknown>;
  setProperty(node: unknown, key: string, value: unknown): void;
  replaceNode(node: unknown, replacement: unknown): void;
}

export function satteriCitations(options: CitationOptions) {
  return {
    name: 'evidence-atlas-citations',
    options: { position: true },
    before(root: Readonly<Root>, ctx: SatteriContext): void {
      const astro = (ctx.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
      const frontmatter = (astro.frontmatter ??= {});
      const path = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
      const result = processCitations(
        root as Root,
        ctx.source,
        { path, nocite: nociteOf(frontmatter) },
        options.context(),
      );
      for (const { parent, children } of result.edits) ctx.setProperty(parent, 'children', children);
      for (const { node, value } of result.values) ctx.setProperty(node, 'value', value);
      for (const { node, url } of result.links) ctx.setProperty(node, 'url', url);
      // Sätteri cannot set a JSX element's attributes: the element is replaced by one that has them.
      for (const marker of result.markers) {
        const { type, name, attributes = [] } = marker as { type: string; name: string; attributes?: unknown[] };
        ctx.replaceNode(marker, {
          type,
          name,
          attributes: [...attributes, { type: 'mdxJsxAttribute', name: 'keys', value: result.keys.join(' ') }],
          children: [],
        });
      }
      writePageCitations(frontmatter, result);
    },
  };
}
