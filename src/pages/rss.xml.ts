/**
 * `/rss.xml`: summaries newly added or updated, newest first.
 */
import { getRssString } from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { loadAtlas } from '../data/atlas.ts';
import { escapeHtml, xmlDocument } from '../lib/html.ts';
import { designLabels } from '../lib/vocabulary.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await loadAtlas();
  const studies = [...atlas.studies].sort(
    (a, b) =>
      (b.entry.data.updated ?? b.entry.data.added).getTime() - (a.entry.data.updated ?? a.entry.data.added).getTime(),
  );
  const xml = await getRssString({
    title: 'Evidence Atlas: new and updated summaries',
    description: 'Plain-language summaries of research on psychedelic-assisted therapy, as they are added or updated.',
    site: site ?? 'http://localhost:4321',
    items: studies.map((study) => ({
      title: `${study.label}: ${study.title}`,
      link: study.url,
      pubDate: study.entry.data.updated ?? study.entry.data.added,
      // An RSS description is HTML: the summary goes in as escaped text.
      description: escapeHtml(study.entry.data.summary),
      categories: [designLabels[study.entry.data.design], ...study.topics.map((topic) => topic.data.title)],
    })),
    customData: '<language>en</language>',
    stylesheet: false,
  });
  return new Response(xmlDocument(xml), { headers: { 'Content-Type': 'application/xml' } });
};
