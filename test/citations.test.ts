/**
 * Citation fixtures: each folder under test/fixtures/citations/cases/ holds `input.mdx` (and an
 * optional `options.json` with a `style`) and the expected result: `expected.html` (the HTML
 * and the page's cited keys) or `expected.txt` (the error an unknown key raises). Run with
 * UPDATE=1 to write the expected files from the current output, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { protectBracedKeys } from '../src/lib/citations/braces.ts';
import remarkCitations from '../src/lib/citations/remark.ts';
import { readPageCitations } from '../src/lib/citations/handoff.ts';
import { satteriCitations } from '../src/lib/citations/satteri.ts';
import { resolveProject } from '../src/lib/project.ts';
import { citationOptionsFor } from './helpers.ts';
import { markdownToHtml, mdxToJs } from 'satteri';
import { pathToFileURL } from 'node:url';

const fixtures = new URL('fixtures/citations/', import.meta.url).pathname;
const paths = resolveProject(join(fixtures, 'project'), {});
const cases = readdirSync(join(fixtures, 'cases')).sort();
const update = process.env['UPDATE'] === '1';

/** The MDX pipeline the site uses, minus Astro: parse, cite, to HTML. */
async function render(input: string, style: string): Promise<string> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkCitations, citationOptionsFor(paths.root, style))
    .use(remarkRehype)
    .use(rehypeStringify);
  // Astro hands the plugin the parsed frontmatter and the body; lines keep their numbers.
  const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(input);
  const data = { astro: { frontmatter: frontmatter ? (parse(frontmatter[1] ?? '') as Record<string, unknown>) : {} } };
  const body = frontmatter
    ? '\n'.repeat(frontmatter[0].split('\n').length - 1) + input.slice(frontmatter[0].length)
    : input;
  const result = await processor.process({
    value: protectBracedKeys(body),
    path: join(paths.contentDir, 'studies', 'case.mdx'),
    data,
  });
  const astro = (result.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter ?? {};
  const handed = readPageCitations(astro);
  return `${String(result)}\n<!-- citations: ${JSON.stringify(handed.keys)} placed: ${String(handed.referencesPlaced)} -->\n`;
}

describe('citation fixtures', () => {
  it('has a case for every syntax form, style and failure', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('%s', async (name) => {
    const folder = join(fixtures, 'cases', name);
    const input = readFileSync(join(folder, 'input.mdx'), 'utf8');
    const options = existsSync(join(folder, 'options.json'))
      ? (JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as { style?: string })
      : {};
    let actual: string;
    let expectedFile = join(folder, 'expected.html');
    try {
      actual = await render(input, options.style ?? 'apa');
    } catch (error) {
      actual = `${error instanceof Error ? error.message : String(error)}\n`;
      expectedFile = join(folder, 'expected.txt');
    }
    if (update) writeFileSync(expectedFile, actual);
    expect(existsSync(expectedFile), `${name}: no ${expectedFile}; run with UPDATE=1 and review`).toBe(true);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

describe('the Sätteri adapter', () => {
  /** Each `<span class="citation">…</span>` of an HTML string. */
  const spans = (html: string) => html.match(/<span class="citation">[\s\S]*?<\/span>(?=[^<]*(?:<(?!\/a>)|$))/g) ?? [];

  it.each(cases)('%s gives the same citations and keys as the remark adapter', async (name) => {
    const folder = join(fixtures, 'cases', name);
    const input = readFileSync(join(folder, 'input.mdx'), 'utf8');
    const style = existsSync(join(folder, 'options.json'))
      ? ((JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as { style?: string }).style ?? 'apa')
      : 'apa';
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(input);
    const body = frontmatter
      ? '\n'.repeat(frontmatter[0].split('\n').length - 1) + input.slice(frontmatter[0].length)
      : input;
    const data = {
      astro: { frontmatter: frontmatter ? (parse(frontmatter[1] ?? '') as Record<string, unknown>) : {} },
    };
    const plugin = satteriCitations(citationOptionsFor(paths.root, style));
    let satteri: string;
    try {
      const result = markdownToHtml(protectBracedKeys(body), {
        mdastPlugins: [plugin as never],
        fileURL: pathToFileURL(join(paths.contentDir, 'studies', 'case.mdx')),
        data,
        features: { smartPunctuation: false },
      } as never) as { html: string; data: { astro?: { frontmatter?: Record<string, unknown> } } };
      satteri = `${JSON.stringify(spans(result.html))} ${JSON.stringify(readPageCitations(result.data.astro?.frontmatter).keys)}`;
    } catch (error) {
      satteri = error instanceof Error ? error.message : String(error);
    }
    let remark: string;
    try {
      const html = await render(input, style);
      remark = `${JSON.stringify(spans(html))} ${/citations: (\[.*?\])/.exec(html)?.[1] ?? '[]'}`;
    } catch (error) {
      remark = error instanceof Error ? error.message : String(error);
    }
    expect(satteri).toBe(remark);
  });
});

describe('the reference list marker', () => {
  it("passes the cited keys to <References /> through Sätteri's MDX compiler", () => {
    const data = { astro: { frontmatter: {} as Record<string, unknown> } };
    const { code } = mdxToJs('Cites [@smith04] and @doe99.\n\n## Sources\n\n<References />\n', {
      mdastPlugins: [satteriCitations(citationOptionsFor(paths.root)) as never],
      data: data as never,
    });
    expect(code).toMatch(/References, \{\s*keys: "smith04 doe99"\s*\}/);
    expect(readPageCitations(data.astro.frontmatter).referencesPlaced).toBe(true);
  });
});

describe('a style from references/styles/', () => {
  it('is selectable by its file name and numbers citations its own way', async () => {
    const { cpSync, mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { plugins } = await import('@citation-js/core');
    const root = mkdtempSync(join(tmpdir(), 'atlas-style-'));
    try {
      cpSync(join(fixtures, 'project'), root, { recursive: true });
      mkdirSync(join(root, 'references', 'styles'));
      // A numeric style of our own: Vancouver with square brackets.
      const vancouver = (plugins.config.get('@csl') as { styles: { get(name: string): string } }).styles.get(
        'vancouver',
      );
      const bracketed = vancouver
        .replace(/<title>[^<]*<\/title>/, '<title>Bracketed Vancouver</title>')
        .replace(/(<citation\b[\s\S]*?<layout[^>]*?)prefix="\(" suffix="\)"/, '$1prefix="[" suffix="]"');
      expect(bracketed).not.toBe(vancouver);
      writeFileSync(join(root, 'references', 'styles', 'bracketed.csl'), bracketed);
      const processor = unified()
        .use(remarkParse)
        .use(remarkMdx)
        .use(remarkCitations, citationOptionsFor(root, 'bracketed'))
        .use(remarkRehype)
        .use(rehypeStringify);
      const html = String(
        await processor.process({ value: 'See [@smith04; @doe99].', path: join(root, 'content', 'x.mdx') }),
      );
      expect(html).toContain('[<a class="cite"');
      expect(html).toContain('>1</a>,<a');
      expect(html).toContain('>2</a>]');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('links every item of a cluster when its layout prefix holds "<" or "&"', async () => {
    const { cpSync, mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { plugins } = await import('@citation-js/core');
    const root = mkdtempSync(join(tmpdir(), 'atlas-style-'));
    try {
      cpSync(join(fixtures, 'project'), root, { recursive: true });
      mkdirSync(join(root, 'references', 'styles'));
      const apa = (plugins.config.get('@csl') as { styles: { get(name: string): string } }).styles.get('apa');
      const marked = apa.replace(/(<citation\b[\s\S]*?<layout[^>]*?)prefix="\("/, '$1prefix="&lt;&amp;("');
      expect(marked).not.toBe(apa);
      writeFileSync(join(root, 'references', 'styles', 'marked.csl'), marked);
      const processor = unified()
        .use(remarkParse)
        .use(remarkMdx)
        .use(remarkCitations, citationOptionsFor(root, 'marked'))
        .use(remarkRehype)
        .use(rehypeStringify);
      const html = String(
        await processor.process({ value: 'See [@smith04; @doe99].', path: join(root, 'content', 'x.mdx') }),
      );
      expect(html).toContain('&#x3C;&#x26;(');
      expect([...html.matchAll(/data-cite="([^"]+)"/g)].map((match) => match[1])).toEqual(['doe99', 'smith04']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
