/**
 * The benchmark's synthetic corpus (scripts/bench/): a Zipf-distributed vocabulary, seeded, whose
 * topical words are on some pages and not all; a library scenario with most references unused;
 * and a corpus the site's content check accepts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editSummary, generateCorpus } from '../scripts/bench/corpus.ts';
import { headWords, random, rankFor, zipfCumulative, zipfVocabulary, zipfWords } from '../scripts/bench/vocabulary.ts';
import { checkProject } from '../src/lib/check/index.ts';
import { isError } from '../src/lib/problems.ts';
import { resolveProject } from '../src/lib/project.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-bench-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the Zipf vocabulary', () => {
  it('has as many distinct words as asked, the head words first', () => {
    const words = zipfVocabulary(4000);
    expect(new Set(words).size).toBe(4000);
    expect(words.slice(0, headWords.length)).toEqual(headWords);
    expect(new Set(headWords).size).toBe(headWords.length);
    expect(words.every((word) => /^[a-z-]{1,}$/.test(word))).toBe(true);
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(zipfVocabulary(3000, 5)).toEqual(zipfVocabulary(3000, 5));
    expect(zipfVocabulary(3000, 5)).not.toEqual(zipfVocabulary(3000, 6));
  });

  it('draws ranks by cumulative weight', () => {
    const cumulative = zipfCumulative(3); // weights 1, 1/2, 1/3: sum 11/6
    expect(rankFor(cumulative, 0)).toBe(0);
    expect(rankFor(cumulative, 5.9 / 11)).toBe(0);
    expect(rankFor(cumulative, 6.1 / 11)).toBe(1);
    expect(rankFor(cumulative, 0.99)).toBe(2);
  });

  it("follows Zipf's law: frequency falls as 1 / rank", () => {
    const sampler = zipfWords(random(3), { types: 4000 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 400_000; i++) {
      const word = sampler.word();
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const at = (rank: number) => counts.get(sampler.words[rank - 1] as string) ?? 0;
    // The expected ratio of the counts of ranks a and b is b / a.
    expect(at(1) / at(10)).toBeGreaterThan(8.5);
    expect(at(1) / at(10)).toBeLessThan(11.5);
    expect(at(2) / at(20)).toBeGreaterThan(8.5);
    expect(at(2) / at(20)).toBeLessThan(11.5);
    // The slope of log(count) against log(rank) over the first 200 ranks is close to -1.
    const points = Array.from({ length: 200 }, (_, i) => [Math.log(i + 1), Math.log(at(i + 1))] as const);
    const meanX = points.reduce((sum, [px]) => sum + px, 0) / points.length;
    const meanY = points.reduce((sum, [, py]) => sum + py, 0) / points.length;
    const slope =
      points.reduce((sum, [px, py]) => sum + (px - meanX) * (py - meanY), 0) /
      points.reduce((sum, [px]) => sum + (px - meanX) ** 2, 0);
    expect(slope).toBeGreaterThan(-1.1);
    expect(slope).toBeLessThan(-0.9);
  });
});

describe('the corpus', () => {
  const root = join(scratch, 'studies');
  const corpus = generateCorpus(root, 300);
  const bodies = readdirSync(join(corpus.contentDir, 'studies')).map((file) =>
    readFileSync(join(corpus.contentDir, 'studies', file), 'utf8'),
  );
  const share = (word: RegExp) => bodies.filter((body) => word.test(body)).length / bodies.length;

  it('summarises every reference of its library', () => {
    expect(bodies).toHaveLength(300);
    expect(corpus.keys).toHaveLength(300);
    expect(corpus.libraryEntries).toBe(300);
    expect(corpus.citedEntries).toBe(300);
  });

  it('puts the query word on some study pages, not all, and the commonest words on all', () => {
    // Psilocybin is one substance of ten: its own studies name it, a few others mention it.
    expect(share(/\bpsilocybin\b/i)).toBeGreaterThan(0.05);
    expect(share(/\bpsilocybin\b/i)).toBeLessThan(0.4);
    expect(share(/\bthe\b/)).toBe(1);
  });

  it('passes the content check without errors (warnings about readability are expected)', async () => {
    const check = await checkProject(
      resolveProject(scratch, { ATLAS_CONTENT_DIR: corpus.contentDir, ATLAS_REFERENCES_DIR: corpus.referencesDir }),
    );
    expect(check.problems.filter(isError)).toEqual([]);
    expect(check.studies).toHaveLength(300);
  });

  it('edits one summary sentence for --edit, and the edited corpus still passes the check', async () => {
    const edited = generateCorpus(join(scratch, 'edited'), 12);
    const studiesDir = join(edited.contentDir, 'studies');
    const before = new Map(readdirSync(studiesDir).map((file) => [file, readFileSync(join(studiesDir, file), 'utf8')]));
    const key = edited.keys[3] as string;
    editSummary(edited, key, 'Edited before run 1.');
    const changed = [...before].filter(([file, text]) => readFileSync(join(studiesDir, file), 'utf8') !== text);
    expect(changed.map(([file]) => file)).toEqual([`${key}.mdx`]);
    const text = readFileSync(join(studiesDir, `${key}.mdx`), 'utf8');
    expect(text).toMatch(/^summary: "Edited before run 1\. \S/m);
    expect(text.replace('Edited before run 1. ', '')).toBe(before.get(`${key}.mdx`));
    const check = await checkProject(
      resolveProject(scratch, { ATLAS_CONTENT_DIR: edited.contentDir, ATLAS_REFERENCES_DIR: edited.referencesDir }),
    );
    expect(check.problems.filter(isError)).toEqual([]);
  });

  it('has thousands of word types, not a few dozen', () => {
    const types = new Set(
      bodies
        .join(' ')
        .toLowerCase()
        .match(/[a-z]+/g),
    );
    expect(types.size).toBeGreaterThan(2000);
  });

  it('is the same for the same seed', () => {
    const again = generateCorpus(join(scratch, 'again'), 300);
    const file = `${corpus.keys[7]}.mdx`;
    expect(readFileSync(join(again.contentDir, 'studies', file), 'utf8')).toBe(
      readFileSync(join(corpus.contentDir, 'studies', file), 'utf8'),
    );
    expect(readFileSync(join(again.referencesDir, 'references.bib'), 'utf8')).toBe(
      readFileSync(join(corpus.referencesDir, 'references.bib'), 'utf8'),
    );
  });
});

describe('the library scenario', () => {
  const corpus = generateCorpus(join(scratch, 'library'), 10, { library: 400 });
  const check = (referencesDir: string) =>
    checkProject(
      resolveProject(scratch, { ATLAS_CONTENT_DIR: corpus.contentDir, ATLAS_REFERENCES_DIR: referencesDir }),
    );
  const unused = (problems: readonly { message: string }[]) =>
    problems.filter((problem) => problem.message.includes('neither cited nor summarised')).length;

  it('summarises the first references, and leaves most of the library unused', async () => {
    expect(corpus.keys).toHaveLength(10);
    expect(corpus.libraryEntries).toBe(400);
    expect(corpus.citedEntries).toBeGreaterThanOrEqual(10);
    expect(corpus.citedEntries).toBeLessThan(40);
    const whole = await check(corpus.referencesDir);
    expect(whole.problems.filter(isError)).toEqual([]);
    expect(whole.bibliography.references.size).toBe(400);
    expect(unused(whole.problems)).toBe(400 - corpus.citedEntries);
  });

  it('has a cited library of exactly the references used, which the check accepts', async () => {
    const cited = await check(corpus.citedReferencesDir);
    expect(cited.problems.filter(isError)).toEqual([]);
    expect(cited.bibliography.references.size).toBe(corpus.citedEntries);
    expect(unused(cited.problems)).toBe(0);
  });
});
