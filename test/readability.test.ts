import { describe, expect, it } from 'vitest';
import * as readability from '../src/lib/readability.ts';
import {
  longSentences,
  longestSentences,
  maxGrade,
  maxSentenceWords,
  measureFile,
  measureReadability,
  readabilityProblems,
  syllablesOf,
  wordsOf,
} from '../src/lib/readability.ts';

/** Flesch–Kincaid grade, written out so the fixtures' grades are known by hand. */
const fk = (sentences: number, words: number, syllables: number) =>
  0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;

describe('readability: known grades', () => {
  it('grades one short sentence of one-syllable words', () => {
    // the cat sat on the mat: 6 words, 6 syllables, 1 sentence.
    const result = measureReadability('The cat sat on the mat.');
    expect(result).toMatchObject({ words: 6, syllables: 6 });
    expect(result.sentences).toHaveLength(1);
    expect(result.grade).toBeCloseTo(fk(1, 6, 6), 6);
    expect(result.grade).toBeCloseTo(-1.45, 2);
  });

  it('grades two sentences with longer words', () => {
    // psi-lo-cy-bin was giv-en once (4+1+2+1) · de-pres-sion scores fell (3+1+1): 7 words, 13 syllables.
    const result = measureReadability('Psilocybin was given once. Depression scores fell.');
    expect(result.sentences.map((sentence) => [sentence.words, sentence.syllables])).toEqual([
      [4, 8],
      [3, 5],
    ]);
    expect(result.grade).toBeCloseTo(fk(2, 7, 13), 6);
    expect(result.grade).toBeCloseTo(7.69, 2);
  });

  it('grades dense clinical prose above the limit', () => {
    const text =
      'Randomised participants demonstrated statistically significant improvements in depressive symptomatology, ' +
      'notwithstanding considerable methodological heterogeneity and questionable generalisability to community populations.';
    const result = measureReadability(text);
    expect(result.sentences).toHaveLength(1);
    expect(result.grade).toBeGreaterThan(maxGrade);
    expect(result.grade).toBeCloseTo(fk(1, result.words, result.syllables), 6);
  });

  it('gives 0 for text without words', () => {
    expect(measureReadability('')).toEqual({ grade: 0, words: 0, syllables: 0, sentences: [] });
    expect(measureReadability('```\ncode only\n```\n').grade).toBe(0);
  });
});

describe('readability: what counts as a word and a sentence', () => {
  it('counts numbers as one-syllable words and keeps decimals and ranges whole', () => {
    expect(wordsOf('Scores fell by 16.80 points (95% CI 14.31–19.29; p = 0.55).')).toEqual([
      'Scores',
      'fell',
      'by',
      '16.80',
      'points',
      '95%',
      'CI',
      '14.31–19.29',
      'p',
      '0.55',
    ]);
    expect(syllablesOf('16.80')).toBe(1);
    expect(measureReadability('It fell by 0.55 points. Then it rose.').sentences).toHaveLength(2);
  });

  it('does not end a sentence at an initial, an abbreviation or a lower-case word', () => {
    const result = measureReadability(
      'H. Raine-Smith wrote it, e.g. for clinicians, as Goodwin et al. report (see p. 4). Nothing was measured.',
    );
    expect(result.sentences.map((sentence) => sentence.words)).toEqual([15, 3]);
  });

  it('ends a sentence at ! and ?, and after a closing quote or bracket', () => {
    const result = measureReadability(
      'Was it blinded? Nobody knows! They called it "mild." Then it ended (as planned). Done.',
    );
    expect(result.sentences.map((sentence) => sentence.text)).toEqual([
      'Was it blinded?',
      'Nobody knows!',
      'They called it "mild."',
      'Then it ended (as planned).',
      'Done.',
    ]);
  });

  it('skips headings and code, and reads link text', () => {
    const result = measureReadability(
      '## What was found\n\nSee the [methods page](/methods/) for `npm run check` details.\n\n```sh\nnpm test\n```\n',
    );
    expect(result.sentences.map((sentence) => sentence.text)).toEqual(['See the methods page for details.']);
  });

  it('makes each list item and table cell its own sentence', () => {
    const result = measureReadability(
      '- First point\n- Second point, longer\n\n| a b | c |\n| --- | --- |\n| one two | three |\n',
    );
    expect(result.sentences.map((sentence) => sentence.text)).toEqual([
      'First point',
      'Second point, longer',
      'a b',
      'c',
      'one two',
      'three',
    ]);
  });

  it('does not count bracketed citations, and reads an in-text citation as one name', () => {
    const plain = measureReadability('One dose helped.');
    const cited = measureReadability('One dose helped [@raison2023; see @vonrotz2023, p. 4].');
    expect(cited.words).toBe(plain.words);
    expect(cited.syllables).toBe(plain.syllables);
    const inText = measureReadability('@raison2023 gave one dose. It helped.');
    expect(inText.sentences.map((sentence) => [sentence.text, sentence.words])).toEqual([
      ['Raison gave one dose.', 4],
      ['It helped.', 2],
    ]);
    // A braced key is a citation too, not an MDX expression.
    expect(measureReadability('As @{rieser2025} found, it did not.').sentences[0]?.text).toBe(
      'As Rieser found, it did not.',
    );
  });

  it('finds citations and sentences after a character outside the Basic Multilingual Plane', () => {
    // An emoji is one character but two UTF-16 units: the citations and the sentence break after
    // it are still where they are, and columns count characters.
    const { sentences } = measureReadability('Calm 🙂 came first [@rieser2025]. Then 😀 @rieser2025 wrote more.');
    expect(sentences.map(({ text, words, line, column }) => [text, words, line, column])).toEqual([
      ['Calm 🙂 came first .', 3, 1, 1],
      ['Then 😀 Rieser wrote more.', 4, 1, 34],
    ]);
  });

  it('skips MDX expressions, ESM and JSX attributes but reads JSX text', () => {
    const result = measureReadability(
      'import X from "./x.ts";\n\n<Note kind="aside">Read this first.</Note>\n\nThe value is {1 + 2} here.\n',
    );
    expect(result.sentences.map((sentence) => sentence.text)).toEqual(['Read this first.', 'The value is here.']);
  });
});

describe('readability: positions and warnings', () => {
  const file = [
    '---',
    'title: "A page"',
    'description: "One sentence."',
    '---',
    '',
    'A short opening sentence.',
    '',
    `- A list item that goes on ${'and on '.repeat(14)}until it is far too long for anyone.`,
    '',
    'Then a short one.',
    '',
  ].join('\n');

  it('gives each sentence the line and column of its first character in the file', () => {
    const result = measureFile(file);
    expect(result.sentences.map((sentence) => [sentence.line, sentence.column])).toEqual([
      [6, 1],
      [8, 3],
      [10, 1],
    ]);
    const body = measureReadability('First.\n\nSecond one here.', { bodyLine: 10 });
    expect(body.sentences.map((sentence) => sentence.line)).toEqual([10, 12]);
  });

  it('lists sentences over the limit, longest first', () => {
    const result = measureFile(file);
    const long = longSentences(result);
    expect(long).toHaveLength(1);
    expect(long[0]?.words).toBeGreaterThan(maxSentenceWords);
    expect(longSentences(result, 3).map((sentence) => sentence.line)).toEqual([8, 6, 10]);
    expect(longestSentences(result, 1)[0]?.line).toBe(8);
  });

  it('reports long sentences and a high grade as warnings at their lines', () => {
    const problems = readabilityProblems('content/pages/a.mdx', measureFile(file), { grade: -5 });
    expect(problems.every((problem) => problem.severity === 'warning')).toBe(true);
    expect(problems[0]).toMatchObject({ file: 'content/pages/a.mdx', line: 8, column: 3 });
    expect(problems[0]?.message).toMatch(/^sentence of \d+ words \(at most 30\): "A list item that goes on/);
    expect(problems[1]?.message).toMatch(/^reading grade -?\d+(\.\d)? \(Flesch–Kincaid; at most -5\)/);
    expect(problems[1]?.message).toContain('longest at line 8');
    expect(readabilityProblems('x.mdx', measureReadability('The cat sat on the mat.'))).toEqual([]);
  });

  it('exports exactly its public surface', () => {
    expect(Object.keys(readability).sort()).toEqual([
      'longSentences',
      'longestSentences',
      'maxGrade',
      'maxSentenceWords',
      'measureFile',
      'measureReadability',
      'measureTree',
      'readabilityProblems',
      'syllablesOf',
      'wordsOf',
    ]);
  });
});
