/**
 * Frontmatter read with positions, so a schema problem points at the line of the field.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems.ts';
import { didYouMean } from './suggest.ts';

export interface Frontmatter {
  readonly file: string;
  /** The parsed YAML, or undefined when there is none or it is broken. */
  readonly data: unknown;
  /** The body after the closing `---`. */
  readonly body: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
  readonly problems: readonly Problem[];
  /** Position of the value at `path` (or of its nearest existing parent). */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

const fence = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m;

/** YAML aliases a frontmatter may expand; more is a "billion laughs" attack, not a summary. */
const maxAliasCount = 50;

export function readFrontmatter(file: string, original: string): Frontmatter {
  const problems: Problem[] = [];
  let text = original;
  if (text.startsWith('\uFEFF')) {
    // MDX and the site read the mark as text before the frontmatter, so the file would not build.
    problems.push({
      file,
      line: 1,
      column: 1,
      message: 'the file starts with an invisible byte-order mark (BOM): save it as UTF-8 without BOM',
    });
    text = text.slice(1);
  }
  const match = text.startsWith('---') ? fence.exec(text) : null;
  if (!match || match.index !== 0) {
    return {
      file,
      data: undefined,
      body: text,
      bodyLine: 1,
      problems: [
        ...problems,
        { file, line: 1, column: 1, message: 'missing frontmatter: the file must start with a "---" block of fields' },
      ],
      locate: () => ({ line: 1, column: 1 }),
    };
  }
  const yamlText = match[1] ?? '';
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the file's second line.
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  const yamlProblems: Problem[] = document.errors.map((error) => ({
    file,
    ...at(error.pos[0]),
    message: `invalid YAML in the frontmatter: ${error.message.split('\n')[0]}`,
  }));
  problems.push(...yamlProblems);
  let data: unknown;
  if (yamlProblems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount });
    } catch (error) {
      data = undefined;
      // yaml's words for too many aliases; an alias without its anchor is another error.
      const alias = /excessive alias count/i.test(error instanceof Error ? error.message : '');
      problems.push({
        file,
        line: 2,
        column: 1,
        message: alias
          ? `the frontmatter expands YAML aliases (*name) more than ${maxAliasCount} times: write the values out`
          : `invalid YAML in the frontmatter: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Positions are asked for only where there is a problem: the YAML is parsed again then, so a
  // build of 10,000 summaries does not keep 10,000 parsed documents.
  let positions: { document: typeof document; at: typeof at } | undefined;
  const locate = (path: readonly PropertyKey[]) => {
    if (!positions) {
      const counter = new LineCounter();
      const again = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
      positions = {
        document: again,
        at: (offset: number) => {
          const { line, col } = counter.linePos(offset);
          return { line: line + 1, column: col };
        },
      };
    }
    const { document: parsed, at: place } = positions;
    let node: unknown = parsed.contents;
    let best = { line: 1, column: 1 };
    if (node && (node as Node).range) best = place((node as Node).range![0]);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => String((item.key as { value?: unknown })?.value ?? item.key) === String(segment),
        );
        if (!pair) break;
        const key = pair.key as Node | null;
        if (key?.range) best = place(key.range[0]);
        node = pair.value;
        if ((node as Node | null)?.range && !isMap(node)) best = place((node as Node).range![0]);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item?.range) break;
        best = place(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return best;
  };
  const consumed = match[0];
  return {
    file,
    data,
    body: text.slice(consumed.length),
    bodyLine: consumed.split('\n').length,
    problems,
    locate,
  };
}

/** Zod issues as problems at the position of each field. */
export function schemaProblems(frontmatter: Frontmatter, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((segment) => typeof segment !== 'symbol');
    const value = valueAt(frontmatter.data, path);
    if (issue.code === 'unrecognized_keys') {
      const [first] = issue.keys;
      const where = path.length > 0 ? ` in "${path.join('.')}"` : '';
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return {
        file: frontmatter.file,
        ...frontmatter.locate(first === undefined ? path : [...path, first]),
        message: `unknown field${issue.keys.length === 1 ? '' : 's'} ${keys}${where}: remove it or check its spelling`,
      };
    }
    const field = path.length > 0 ? `"${path.join('.')}"` : 'frontmatter';
    return {
      file: frontmatter.file,
      ...frontmatter.locate(path),
      message: `${field} ${describeIssue(issue, value)}`,
    };
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got = value === undefined ? '' : `, not ${JSON.stringify(value)}`;
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map((option) => String(option));
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      const options = allowed.map((option) => `"${option}"`).join(', ');
      if (value === undefined) return `is required: one of ${options}`;
      if (value === null || value === '') {
        // YAML reads `finding: null` as no value at all.
        const quoted = allowed.includes('null') ? ' (a null result is written "null", in quotes)' : '';
        return `is empty: choose one of ${options}${quoted}`;
      }
      return `must be one of ${allowed.map((option) => `"${option}"`).join(', ')}${got}${hint}`;
    }
    case 'invalid_type':
      if (value === undefined) return `is required (${issue.expected})`;
      if (value === null)
        return issue.expected === 'object'
          ? 'is empty: fill in its fields'
          : `is empty: fill it in (${issue.expected})`;
      return issue.message.startsWith('Invalid input')
        ? `must be ${article(issue.expected)}${got}`
        : `${issue.message}${got}`;
    case 'too_small':
      if (value === '' || (Array.isArray(value) && value.length === 0)) {
        return issue.message === 'must not be empty'
          ? 'is empty: fill it in'
          : `is empty: ${issue.message.replace(/^Too small: /, '')}`;
      }
      return `is too small: ${issue.message.replace(/^Too small: /, '')}${got}`;
    case 'invalid_union':
      if (value === undefined) return 'is required';
      if (value === null || value === '') return 'is empty: fill it in';
      return issue.message;
    case 'custom':
      return issue.message;
    case 'too_big':
      return `is too long: ${issue.message.replace(/^Too big: /, '')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
