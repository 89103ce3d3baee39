/**
 * `/topics/<slug>/references.bib|ris|json`: the topic's references (its studies and what its
 * overview cites) in one file for a reference manager.
 */
import { getEntries, render } from 'astro:content';
import type { APIRoute } from 'astro';
import { loadAtlas, type TopicView } from '../../../data/atlas.ts';
import { exportFormats } from '../../../lib/exports.ts';
import type { CitationKey, Reference } from '../../../lib/bibliography.ts';

const formats = exportFormats;

export async function getStaticPaths() {
  const atlas = await loadAtlas();
  return atlas.topics.flatMap((topic) =>
    Object.keys(formats).map((format) => ({ params: { slug: topic.slug, format }, props: { topic } })),
  );
}

export const GET: APIRoute = async ({ props, params }) => {
  const { topic } = props as { topic: TopicView };
  const format = formats[params['format'] as keyof typeof formats];
  const { remarkPluginFrontmatter } = await render(topic.entry);
  const keys = [
    ...new Set([
      ...topic.studies.map((study) => study.key),
      ...((remarkPluginFrontmatter['citations'] as string[] | undefined) ?? []),
    ]),
  ];
  const entries = await getEntries(keys.map((id) => ({ collection: 'references' as const, id })));
  const references: Reference[] = entries.flatMap((entry) =>
    entry
      ? [
          {
            key: entry.data.key as CitationKey,
            aliases: entry.data.aliases,
            csl: entry.data.csl,
            authorListIncomplete: entry.data.authorListIncomplete,
            file: entry.data.file,
            line: entry.data.line,
            column: 1,
          },
        ]
      : [],
  );
  return new Response(format.write(references), { headers: { 'Content-Type': format.type } });
};
