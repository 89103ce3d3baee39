/**
 * Citations in Markdown and MDX: the citation plugin is *added* to the processor the site
 * configured (Sätteri, Astro's default, or unified), next to the site's own plugins, which keep
 * running. Also a Vite transform that keeps `@{key}` from MDX's expression syntax.
 */
import type { AstroConfig } from 'astro';
import type { Plugin } from 'vite';
import { protectBracedKeys } from '../lib/citations/braces.ts';
import { releaseCitationEngines } from '../lib/citations/engine.ts';
import type { CitationOptions } from '../lib/citations/core.ts';
import remarkCitations from '../lib/citations/remark.ts';
import { satteriCitations } from '../lib/citations/satteri.ts';

interface Processor {
  readonly name: string;
  readonly options: Record<string, unknown>;
}

/**
 * Put the citation plugin first in the configured processor's plugin list, so citations are
 * resolved before the site's plugins see the tree.
 */
export function addCitationPlugins(config: AstroConfig, options: CitationOptions): void {
  const processor = config.markdown.processor as unknown as Processor;
  if (processor.name === 'satteri') {
    const list = (processor.options['mdastPlugins'] ??= []) as unknown[];
    list.unshift(satteriCitations(options));
  } else if (processor.name === 'unified') {
    const list = (processor.options['remarkPlugins'] ??= []) as unknown[];
    list.unshift([remarkCitations, options]);
  } else {
    throw new Error(
      `evidence-atlas: citations work with the satteri and unified Markdown processors, not "${processor.name}"`,
    );
  }
}

/** Keep `@{key}` out of MDX's expression parser (see lib/citations/braces.ts). */
export function bracedKeysPlugin(): Plugin {
  return {
    name: 'evidence-atlas:braced-keys',
    enforce: 'pre',
    transform: (code, id) =>
      id.split('?')[0]?.endsWith('.mdx') && code.includes('@{') ? protectBracedKeys(code) : undefined,
  };
}

/**
 * Free the citation engines once a build's bundles are written (Vite's `buildApp`, after the
 * environments are built and before Astro renders the pages): every cluster has been formatted
 * by then, and the engines' registries need not stay through rendering.
 */
export function releaseCitationEnginesPlugin(): Plugin {
  return {
    name: 'evidence-atlas:release-citation-engines',
    apply: 'build',
    buildApp: {
      order: 'post',
      handler: async () => {
        releaseCitationEngines();
      },
    },
  };
}
