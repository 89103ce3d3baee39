/**
 * How hard a Markdown or MDX body is to read: its sentences, their length in words, and the
 * Flesch–Kincaid grade of the whole body. The site's rule is no sentence over 30 words and a grade
 * of 12 or less per body (a practitioner reading on a phone between sessions).
 *
 * What counts as text, decided once here:
 * - The body is parsed as MDX with GFM, so what is measured is the prose a reader sees, not the
 *   Markdown syntax around it: by remark here (`measureReadability`), and in the content check by
 *   the parser of the processor that compiles it (`measureTree` over the check's tree).
 * - Paragraphs and table cells are prose. A block always ends a sentence, so a list item without a
 *   full stop is a sentence of its own.
 * - Headings are skipped: they are labels, and counting them as very short sentences would flatter
 *   the grade.
 * - Code (blocks and inline), MDX expressions, ESM, HTML and images are skipped. Link text counts.
 * - A bracketed citation (`[@key]`, `[see @a, p. 4; @b]`) renders as a parenthesis of names and
 *   years, not as part of the sentence, so it is not counted. An in-text citation (`@key`) reads as
 *   the authors' name, so it counts as one word: the letters of its key ("Rieser" for `rieser2025`).
 * - A word is a run of characters between spaces (or em dashes) that holds a letter or a digit.
 *   Syllables come from wooorm's `syllable`; a word it gives none (a number such as 16.80) counts
 *   as one syllable.
 */
import type { Nodes, Parent, Root } from 'mdast';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { protectBracedKeys } from './citations/braces.ts';
import { parseCitations } from './citations/syntax.ts';
import { remarkMdxParser } from './content/markdown.ts';
import { readFrontmatter } from './frontmatter.ts';
import type { Problem } from './problems.ts';

/** The longest sentence the site allows, in words. */
export const maxSentenceWords = 30;
/** The highest Flesch–Kincaid grade the site allows for a body. */
export const maxGrade = 12;

export interface Sentence {
  /** The sentence as read: citations in brackets removed, in-text citations as a name. */
  readonly text: string;
  readonly words: number;
  readonly syllables: number;
  /** 1-based position of the sentence's first character in the source. */
  readonly line: number;
  readonly column: number;
}

export interface Readability {
  /** Flesch–Kincaid grade of the whole text; 0 when it has no words. */
  readonly grade: number;
  readonly words: number;
  readonly syllables: number;
  readonly sentences: readonly Sentence[];
}

export interface ReadabilityOptions {
  /** 1-based line in the file where `markdown` starts (a body after frontmatter); default 1. */
  readonly bodyLine?: number;
}

/**
 * A run of prose: its text, and for each of its UTF-16 code units the source position it came
 * from (the two units of a character outside the Basic Multilingual Plane share one column).
 */
interface Run {
  readonly text: string;
  readonly lines: readonly number[];
  readonly columns: readonly number[];
}

/** A run being built: text in pieces, positions unit by unit. */
interface RunBuilder {
  readonly pieces: string[];
  readonly lines: number[];
  readonly columns: number[];
}

const newRun = (): RunBuilder => ({ pieces: [], lines: [], columns: [] });
const finish = ({ pieces, lines, columns }: RunBuilder): Run => ({ text: pieces.join(''), lines, columns });

/** Add `text` to a run, every unit at one place (a space for a skipped node, a name for a key). */
function addAt(run: RunBuilder, text: string, at: { line: number; column: number }): void {
  run.pieces.push(text);
  for (let i = 0; i < text.length; i++) {
    run.lines.push(at.line);
    run.columns.push(at.column);
  }
}

/** Add a text node's value to a run, each unit with its source position. */
function addText(run: RunBuilder, value: string, start: { line: number; column: number }): void {
  run.pieces.push(value);
  let { line, column } = start;
  for (let i = 0; i < value.length; i++) {
    run.lines.push(line);
    run.columns.push(column);
    const unit = value.charCodeAt(i);
    if (unit === 10) {
      line++;
      column = 1;
    } else if (unit < 0xd800 || unit > 0xdbff || i + 1 === value.length) {
      // A high surrogate shares its column with the low one after it.
      column++;
    }
  }
}

/** Add the units `from`–`to` of `run` to `into`. */
function addSlice(into: RunBuilder, run: Run, from: number, to: number): void {
  if (to <= from) return;
  into.pieces.push(run.text.slice(from, to));
  for (let i = from; i < to; i++) {
    into.lines.push(run.lines[i] ?? 0);
    into.columns.push(run.columns[i] ?? 0);
  }
}

/** Nodes whose content is not prose. */
const skipped = new Set([
  'code',
  'inlineCode',
  'heading',
  'html',
  'image',
  'imageReference',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'yaml',
  'toml',
  'definition',
  'footnoteReference',
]);

/** Nodes that hold one run of prose. */
const blocks = new Set(['paragraph', 'tableCell']);

/** The prose of a block as a run; a skipped inline node leaves a space. */
function runOf(node: Nodes, run: RunBuilder = newRun()): RunBuilder {
  if (skipped.has(node.type) || node.type === 'break') {
    addAt(run, ' ', node.position?.start ?? { line: 0, column: 0 });
    return run;
  }
  if (node.type === 'text') {
    addText(run, node.value, node.position?.start ?? { line: 0, column: 0 });
    return run;
  }
  if ('children' in node) for (const child of (node as Parent).children) runOf(child as Nodes, run);
  return run;
}

/** Every prose block of the tree, in document order. */
function proseBlocks(node: Nodes, found: Run[] = []): Run[] {
  if (skipped.has(node.type)) return found;
  if (blocks.has(node.type)) {
    found.push(finish(runOf(node)));
    return found;
  }
  if ('children' in node) for (const child of (node as Parent).children) proseBlocks(child as Nodes, found);
  return found;
}

/** The name an in-text citation reads as: the letters of its key, capitalised like a name. */
function nameOfKey(key: string): string {
  const letters = key.match(/^\p{L}+/u)?.[0] ?? 'author';
  return letters.charAt(0).toUpperCase() + letters.slice(1);
}

/** Drop bracketed citations and turn in-text ones into a name. */
function withoutCitations(run: Run): Run {
  const citations = parseCitations(run.text);
  if (citations.length === 0) return run;
  const out = newRun();
  let from = 0;
  for (const citation of citations) {
    addSlice(out, run, from, citation.start);
    const first = citation.items[0];
    if (first?.authorInText && citation.start < run.text.length) {
      addAt(out, nameOfKey(first.key), {
        line: run.lines[citation.start] ?? 0,
        column: run.columns[citation.start] ?? 0,
      });
    }
    from = citation.end;
  }
  addSlice(out, run, from, run.text.length);
  return finish(out);
}

/** Abbreviations after which a full stop does not end a sentence. */
const abbreviations = new Set([
  'e.g',
  'i.e',
  'al',
  'vs',
  'cf',
  'approx',
  'dr',
  'mr',
  'mrs',
  'ms',
  'p',
  'pp',
  'vol',
  'no',
  'fig',
  'st',
]);
const closers = new Set(['"', "'", '”', '’', ')', ']', '*', '_']);

const nonSpace = /\S/g;
/** Where the first character of `text` from `from` on that is not white space is; -1 if none. */
function nonSpaceFrom(text: string, from: number): number {
  nonSpace.lastIndex = from;
  return nonSpace.exec(text)?.index ?? -1;
}
/** That character itself. */
const nextNonSpace = (text: string, from: number): string | undefined => text[nonSpaceFrom(text, from)];

/** Whether the full stop (or ! or ?) at `i` ends a sentence. */
function endsSentence(text: string, i: number): { ends: boolean; after: number } {
  let after = i + 1;
  while (after < text.length && closers.has(text[after] ?? '')) after++;
  if (after < text.length && !/\s/.test(text[after] ?? '')) return { ends: false, after };
  if (text[i] !== '.') return { ends: true, after };
  let wordStart = i;
  while (wordStart > 0 && !/\s/.test(text[wordStart - 1] ?? '')) wordStart--;
  const word = text.slice(wordStart, i);
  const bare = word.replace(/^[("'“‘[]+/, '');
  // An initial ("H. Raine-Smith") or an abbreviation ("e.g.", "et al.", "p. 4").
  if (/^\p{Lu}$/u.test(bare)) return { ends: false, after };
  if (abbreviations.has(bare.toLowerCase())) {
    const next = nextNonSpace(text, after);
    // "et al." and "etc." may close a sentence: only a capital after them starts a new one.
    if (!(bare === 'al' && next !== undefined && /\p{Lu}/u.test(next))) return { ends: false, after };
  }
  const next = nextNonSpace(text, after);
  if (next !== undefined && /\p{Ll}/u.test(next)) return { ends: false, after };
  return { ends: true, after };
}

/** Where a run's sentences start and end (`[start, end)` in its text). */
function splitSentences(run: Run): [number, number][] {
  const { text } = run;
  const sentences: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '.' && char !== '!' && char !== '?') continue;
    const { ends, after } = endsSentence(text, i);
    if (!ends) continue;
    sentences.push([start, after]);
    start = after;
    i = after - 1;
  }
  sentences.push([start, text.length]);
  return sentences;
}

/** The words of a sentence: runs between spaces or em dashes that hold a letter or a digit. */
export function wordsOf(text: string): string[] {
  return text
    .split(/[\s—]+/u)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, ''))
    .filter((token) => /[\p{L}\p{N}]/u.test(token));
}

/** Syllables of a word; at least one, so that a number counts. */
/** Words already counted: a corpus repeats its vocabulary, and counting is the check's hot spot. */
const syllableCounts = new Map<string, number>();

export function syllablesOf(word: string): number {
  let count = syllableCounts.get(word);
  if (count === undefined) {
    count = Math.max(1, syllable(word));
    if (syllableCounts.size >= 100_000) syllableCounts.clear();
    syllableCounts.set(word, count);
  }
  return count;
}

function toSentence(run: Run, start: number, end: number): Sentence | undefined {
  const first = nonSpaceFrom(run.text, start);
  if (first < 0 || first >= end) return undefined;
  const text = run.text.slice(first, end).replace(/\s+/g, ' ').trim();
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  return {
    text,
    words: words.length,
    syllables: words.reduce((sum, word) => sum + syllablesOf(word), 0),
    line: run.lines[first] ?? 0,
    column: run.columns[first] ?? 0,
  };
}

/** Grade from counts; 0 for text without words. */
function gradeOf(sentence: number, word: number, syllables: number): number {
  if (sentence === 0 || word === 0) return 0;
  return fleschKincaid({ sentence, word, syllable: syllables });
}

/** Measure a Markdown or MDX text (a body without frontmatter, or plain prose). */
export function measureReadability(markdown: string, options: ReadabilityOptions = {}): Readability {
  const bodyLine = options.bodyLine ?? 1;
  // Blank lines in front keep positions the file's own; braces after `@` are kept from MDX.
  const source = protectBracedKeys('\n'.repeat(bodyLine - 1) + markdown);
  return measureTree(remarkMdxParser.parse(source) as Root);
}

/** Measure a body already parsed as MDX (positions as the tree has them). */
export function measureTree(tree: Root): Readability {
  const sentences = proseBlocks(tree)
    .map(withoutCitations)
    .flatMap((run) => splitSentences(run).map(([start, end]) => toSentence(run, start, end)))
    .filter((sentence): sentence is Sentence => sentence !== undefined);
  const words = sentences.reduce((sum, sentence) => sum + sentence.words, 0);
  const syllables = sentences.reduce((sum, sentence) => sum + sentence.syllables, 0);
  return { grade: gradeOf(sentences.length, words, syllables), words, syllables, sentences };
}

/** Measure the body of an MDX file (the frontmatter is skipped; lines are the file's). */
export function measureFile(text: string): Readability {
  const { body, bodyLine } = readFrontmatter('', text);
  return measureReadability(body, { bodyLine });
}

/** The sentences longer than `limit` words, longest first. */
export function longSentences(result: Readability, limit = maxSentenceWords): Sentence[] {
  return result.sentences.filter((sentence) => sentence.words > limit).sort((a, b) => b.words - a.words);
}

/** The longest sentences of a result, longest first. */
export function longestSentences(result: Readability, count = 3): Sentence[] {
  return [...result.sentences].sort((a, b) => b.words - a.words).slice(0, count);
}

const round = (grade: number) => Math.round(grade * 10) / 10;

/** Shorten a sentence for a message. */
function excerpt(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/**
 * Readability warnings for one file, as the check reports them: every sentence over the limit at
 * its own line, and a grade over the limit at the body's longest sentences.
 */
export function readabilityProblems(
  file: string,
  result: Readability,
  limits: { words?: number; grade?: number } = {},
): Problem[] {
  const words = limits.words ?? maxSentenceWords;
  const grade = limits.grade ?? maxGrade;
  const problems: Problem[] = longSentences(result, words).map((sentence) => ({
    file,
    line: sentence.line,
    column: sentence.column,
    severity: 'warning',
    message: `sentence of ${sentence.words} words (at most ${words}): "${excerpt(sentence.text)}"`,
  }));
  if (result.grade > grade) {
    const longest = longestSentences(result);
    const first = longest[0];
    problems.push({
      file,
      line: first?.line ?? 0,
      column: first?.column ?? 0,
      severity: 'warning',
      message:
        `reading grade ${round(result.grade)} (Flesch–Kincaid; at most ${grade}): shorten sentences and use plainer words;` +
        ` longest at ${longest.map((sentence) => `line ${sentence.line} (${sentence.words} words)`).join(', ')}`,
    });
  }
  return problems;
}
