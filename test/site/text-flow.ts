/**
 * The text of a parsed page as a reader meets it, to find spacing that templates got wrong: a word
 * glued to a link ("browse all<a>studies</a>" reads "browse allstudies") or a space a line break
 * left before punctuation ("BibTeX , RIS"). A page's text is walked in document order; block
 * elements end a run of text (as they end a line on screen), and hidden and non-rendered elements
 * are skipped. Code keeps its place in the text as one word, so the spacing around it counts.
 */
import { NodeType, type HTMLElement, type Node } from 'node-html-parser';

/** Elements that start and end a line of text: nothing on either side runs into them. */
const blocks = new Set(
  `address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form
  h1 h2 h3 h4 h5 h6 header hr legend li main nav ol option p pre section select summary table tbody td tfoot th
  thead tr ul`.split(/\s+/),
);
/** Elements whose content is never part of the page's running text. */
const skipped = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'svg', 'textarea']);
/** Elements whose content is written as it must be typed: one word here, whatever it holds. */
const literal = new Set(['code', 'kbd', 'samp']);

const word = /[\p{L}\p{N}]/u;
const letter = /\p{L}/u;
/** Marks that English follows with a space: "record: BibTeX", "BibTeX · RIS". */
const spacedAfter = /[:;,·]/u;
/** A space before closing punctuation (not a decimal: "P = .01"), or after an opening bracket or quote. */
const strayedSpace = / [,.;:!?)\]”’](?!\d)|[([“‘] /gu;

interface Run {
  text: string;
  /** Start and end offsets in `text` of each link's text. */
  links: { start: number; end: number; href: string }[];
}

/** The page's text in runs that no block boundary interrupts, with the place of each link. */
export function textRuns(page: HTMLElement): Run[] {
  const runs: Run[] = [];
  let current: Run = { text: '', links: [] };
  const breakRun = () => {
    if (current.text.trim()) runs.push(current);
    current = { text: '', links: [] };
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current.text += node.text.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    const tag = (element.tagName ?? '').toLowerCase();
    if (skipped.has(tag) || element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return;
    if (literal.has(tag)) {
      current.text += 'code';
      return;
    }
    const block = blocks.has(tag);
    if (block) breakRun();
    const start = current.text.length;
    for (const child of element.childNodes) walk(child);
    if (tag === 'a' && !block) {
      current.links.push({ start, end: current.text.length, href: element.getAttribute('href') ?? '' });
    }
    if (block) breakRun();
  };
  walk(page.querySelector('body') ?? page);
  breakRun();
  return runs;
}

const around = (text: string, start: number, end: number) =>
  JSON.stringify(text.slice(Math.max(0, start - 30), end + 30).trim());

/**
 * Each link whose text starts with a letter or digit that directly follows one (or with a letter
 * that directly follows a colon, semicolon, comma or middle dot: "doi:10.1000/x" is written so,
 * "record:BibTeX" is not), or ends with one that a letter, digit or middle dot directly follows.
 */
export function gluedLinks(page: HTMLElement): string[] {
  const found: string[] = [];
  for (const { text, links } of textRuns(page)) {
    for (const { start, end, href } of links) {
      if (end <= start) continue;
      const before = text[start - 1] ?? '';
      const after = text[end] ?? '';
      const first = text[start] ?? '';
      const last = text[end - 1] ?? '';
      const glued =
        (word.test(first) && word.test(before)) ||
        (letter.test(first) && spacedAfter.test(before)) ||
        (word.test(last) && (word.test(after) || after === '·'));
      if (glued) found.push(`${around(text, start, end)} (${href})`);
    }
  }
  return found;
}

/** Each space before closing punctuation or after an opening bracket or quote, with the text around it. */
export function strayedSpaces(page: HTMLElement): string[] {
  return textRuns(page).flatMap(({ text }) =>
    [...text.trim().matchAll(strayedSpace)].map((match) =>
      around(text.trim(), match.index, match.index + match[0].length),
    ),
  );
}
