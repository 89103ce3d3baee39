/**
 * Citations in an mdast tree: found per run of inline siblings, so a bracketed citation may
 * span emphasis, while inline code, links and MDX expressions stay opaque. Pure functions over
 * mdast: the remark adapter (./remark.ts) and the content check both use them.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { positionAt } from '../problems.ts';
import {
  CLOSE_BRACE,
  ESCAPED_AT,
  OBJECT,
  OPEN_BRACE,
  parseCitations,
  type Citation,
  type CitationItem,
  type Range,
} from './syntax.ts';

export interface FoundItem extends Omit<CitationItem, 'prefix' | 'suffix'> {
  /** The prefix as citeproc affix markup (`<i>`, `<b>` and escaped text). */
  readonly prefix?: string;
  readonly suffix?: string;
  /** 1-based position of the `@` in the source. */
  readonly line: number;
  readonly column: number;
}

export interface FoundCitation {
  readonly items: readonly FoundItem[];
  /** True for `@key …`: the author is part of the sentence. */
  readonly inText: boolean;
}

/** Renders a citation; return nothing to leave the source text as it is. */
export type RenderCitation = (citation: FoundCitation) => PhrasingContent | undefined;

/** Nodes whose text never holds citations. */
const opaqueParents = new Set([
  'link',
  'linkReference',
  'code',
  'inlineCode',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'html',
  'yaml',
  'toml',
]);

/**
 * For each character of a text node's value, its offset in the source, and whether an `@` there
 * was escaped. Markdown drops backslash escapes and decodes entities, so the two can differ.
 */
function alignToSource(node: Text, source: string): { offsets: number[]; escaped: Set<number> } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const { value } = node;
  const offsets: number[] = [];
  const escaped = new Set<number>();
  let j = start;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    while (j < end && source[j] !== char) {
      if (source[j] === '\\' && source[j + 1] === char) {
        if (char === '@') escaped.add(i);
        j++;
        break;
      }
      if (source[j] === '&') {
        const semicolon = source.indexOf(';', j);
        if (semicolon > 0 && semicolon - j < 12) {
          j = semicolon + 1;
          offsets.push(j - 1);
          break;
        }
      }
      if (/\s/.test(source[j] ?? '')) j++;
      else break;
    }
    if (offsets.length === i) {
      offsets.push(Math.min(j, end));
      if (source[j] === char) j++;
    } else {
      // An entity stood for this character; it is already recorded.
    }
  }
  return { offsets, escaped };
}

interface RunPart {
  readonly node: PhrasingContent;
  /** Offset of this node's first character in the run. */
  readonly start: number;
  readonly end: number;
  readonly align?: ReturnType<typeof alignToSource>;
}

/** The run string of a parent's children, and where each child sits in it. */
function buildRun(children: readonly PhrasingContent[], source: string): { text: string; parts: RunPart[] } {
  let text = '';
  const parts: RunPart[] = [];
  for (const node of children) {
    const start = text.length;
    if (node.type === 'text') {
      const align = alignToSource(node, source);
      let value = node.value;
      if (align && align.escaped.size > 0) {
        value = [...value].map((char, i) => (align.escaped.has(i) ? ESCAPED_AT : char)).join('');
      }
      text += value;
      parts.push({ node, start, end: text.length, ...(align ? { align } : {}) });
    } else {
      text += OBJECT;
      parts.push({ node, start, end: text.length });
    }
  }
  return { text, parts };
}

/**
 * Text of an affix for citeproc, which escapes `&`, `<` and `>` itself (escaping them here would
 * show "&#38;"). It reads a few tags in affixes as formatting (`<i>`, `<b>`, `<sc>`, `<sup>`,
 * `<sub>`, `<span …>`), so a `<` that would start one of them in the text gets an invisible
 * zero-width non-joiner after it and stays text.
 */
const escapeAffix = (text: string) =>
  text
    .replaceAll(ESCAPED_AT, '@')
    .replaceAll(OPEN_BRACE, '{')
    .replaceAll(CLOSE_BRACE, '}')
    .replace(/<(?=\/?(?:i|b|sc|sup|sub|span)\b)/gi, '<\u200C');

/** Inline markup as citeproc affix markup: emphasis and strong survive, the rest is text. */
function affixMarkup(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return escapeAffix(node.value);
    case 'emphasis':
      return `<i>${node.children.map(affixMarkup).join('')}</i>`;
    case 'strong':
      return `<b>${node.children.map(affixMarkup).join('')}</b>`;
    default:
      return 'children' in node ? node.children.map((child) => affixMarkup(child as Nodes)).join('') : '';
  }
}

/** The affix for a range of the run: text as is, each OBJECT as its node's markup. */
function affixOf(run: { text: string; parts: RunPart[] }, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  let out = '';
  for (const part of run.parts) {
    const from = Math.max(range.start, part.start);
    const to = Math.min(range.end, part.end);
    if (from >= to) continue;
    out += part.node.type === 'text' ? escapeAffix(run.text.slice(from, to)) : affixMarkup(part.node);
  }
  return out;
}

function sourcePosition(run: { parts: RunPart[] }, offset: number, source: string): { line: number; column: number } {
  const part = run.parts.find((each) => offset >= each.start && offset < each.end);
  const sourceOffset = part?.align?.offsets[offset - part.start] ?? part?.node.position?.start.offset;
  if (sourceOffset !== undefined) return positionAt(source, sourceOffset);
  const start = part?.node.position?.start;
  return { line: start?.line ?? 0, column: start?.column ?? 0 };
}

function toFound(citation: Citation, run: { text: string; parts: RunPart[] }, source: string): FoundCitation {
  return {
    inText: citation.items[0]?.authorInText ?? false,
    items: citation.items.map(({ prefix, suffix, ...item }) => {
      const prefixMarkup = affixOf(run, prefix);
      const suffixMarkup = affixOf(run, suffix);
      return {
        ...item,
        ...(prefixMarkup ? { prefix: prefixMarkup } : {}),
        ...(suffixMarkup ? { suffix: suffixMarkup } : {}),
        ...sourcePosition(run, item.at, source),
      };
    }),
  };
}

/** Text for a slice of the run that lies inside one text node, with stand-ins restored. */
function restoreText(value: string): string {
  return value.replaceAll(ESCAPED_AT, '@').replaceAll(OPEN_BRACE, '{').replaceAll(CLOSE_BRACE, '}');
}

/** New children for a parent whose run holds citations that `render` replaced. */
export interface CitationEdit {
  readonly parent: Parent;
  readonly children: PhrasingContent[];
}

/**
 * The new children of `parent` with its citations replaced by what `render` returns; children
 * that a citation spans entirely are consumed, text nodes at its edges are split. Undefined when
 * nothing changes.
 */
function planRun(parent: Parent, source: string, render: RenderCitation): PhrasingContent[] | undefined {
  const children = parent.children as PhrasingContent[];
  if (!children.some((child) => child.type === 'text' && /[@[]/.test(child.value))) return undefined;
  const run = buildRun(children, source);
  const citations = parseCitations(run.text);
  if (citations.length === 0) return undefined;
  const rendered = citations.map((citation) => ({ citation, node: render(toFound(citation, run, source)) }));
  if (rendered.every((each) => each.node === undefined)) return undefined;

  const out: PhrasingContent[] = [];
  let cursor = 0;
  const emitUntil = (limit: number) => {
    for (const part of run.parts) {
      if (part.end <= cursor || part.start >= limit) continue;
      if (part.node.type !== 'text') {
        out.push(part.node);
        continue;
      }
      const from = Math.max(cursor, part.start);
      const to = Math.min(limit, part.end);
      // A text node kept whole stays the same node; an edge of a citation becomes a new one.
      if (from === part.start && to === part.end && !/[\uE000-\uE002]/.test(run.text.slice(from, to)))
        out.push(part.node);
      else if (from < to) out.push({ type: 'text', value: restoreText(run.text.slice(from, to)) });
    }
    cursor = limit;
  };
  for (const { citation, node } of rendered) {
    if (!node) continue;
    emitUntil(citation.start);
    out.push(node);
    cursor = citation.end;
  }
  emitUntil(run.text.length);
  return out;
}

function walk(node: Nodes, source: string, render: RenderCitation, edits: CitationEdit[]): void {
  if (!('children' in node) || opaqueParents.has(node.type)) return;
  for (const child of node.children) walk(child as Nodes, source, render, edits);
  if (node.children.some((child) => child.type === 'text')) {
    const children = planRun(node as Parent, source, render);
    if (children) edits.push({ parent: node as Parent, children });
  }
}

/**
 * Where the tree's citations are and what replaces them, without changing the tree: the edits
 * say which parent gets which new children. `source` is the text the tree was parsed from (for
 * escapes and positions). Processor adapters apply the edits their own way.
 */
export function planCitations(tree: Root, source: string, render: RenderCitation): CitationEdit[] {
  const edits: CitationEdit[] = [];
  walk(tree, source, render, edits);
  return edits;
}

/** Every citation in the tree, in document order, without changing it. */
export function findCitations(tree: Root, source: string): FoundCitation[] {
  const found: FoundCitation[] = [];
  planCitations(tree, source, (citation) => {
    found.push(citation);
    return undefined;
  });
  return found.sort(
    (a, b) =>
      (a.items[0]?.line ?? 0) - (b.items[0]?.line ?? 0) || (a.items[0]?.column ?? 0) - (b.items[0]?.column ?? 0),
  );
}
