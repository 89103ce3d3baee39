/**
 * What the CMS form checks before it saves, mirroring `npm run check` where a form can: the paper
 * of a new summary, the citation keys and sections of a body, and no empty optional values.
 * Browser-safe and pure; src/scripts/admin.ts wires these into Decap's widgets and events. The
 * pull request's CI still runs the whole check.
 */
import { suggest } from '../suggest.ts';

/** Why `key` cannot be the paper of this summary, or undefined when it can. */
export function citekeyProblem(
  key: string,
  summarised: ReadonlySet<string>,
  /** The file name (without `.mdx`) of the summary being edited; undefined for a new one. */
  existing: string | undefined,
): string | undefined {
  if (!key) return undefined;
  if (existing === undefined) {
    return summarised.has(key)
      ? `${key} already has a summary: open it from the list of summaries to change it`
      : undefined;
  }
  return key === existing
    ? undefined
    : `this summary is of ${existing}: its paper cannot change (start a new summary for ${key})`;
}

/** Fenced code, inline code and escaped "@": never citations. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1\2[^\n]*(?=\n|$)|$)/gm, '')
    .replace(/(`+)[\s\S]*?\1/g, '')
    .replace(/\\@/g, '');
}

/**
 * The citation keys of a Markdown body, in order of first use: `@key` and `@{key}` anywhere in
 * text (pandoc's syntax), but not in code, an e-mail address or after `\`. A key ends before
 * punctuation that does not join two word characters (`@smith2020.` is "smith2020").
 */
export function citedKeys(markdown: string): string[] {
  const keys = new Set<string>();
  const pattern =
    /(?<![\p{L}\p{N}_\\])@(?:\{([^}\s][^}]*)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*))/gu;
  for (const match of withoutCode(markdown).matchAll(pattern)) {
    const key = match[1] ?? match[2];
    if (key) keys.add(key);
  }
  return [...keys];
}

/** A problem for each cited key the bibliography does not know, with the nearest known one. */
export function unknownCitations(markdown: string, known: ReadonlySet<string>): string[] {
  return citedKeys(markdown)
    .filter((key) => !known.has(key))
    .map((key) => {
      const hint = suggest(key, known);
      return `unknown citation key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
    });
}

/** The `## ` headings of a body that are not in `sections`, and the sections that are missing, in words. */
export function sectionProblems(markdown: string, sections: readonly string[]): string[] {
  const headings = [...withoutCode(markdown).matchAll(/^##[ \t]+(.+?)[ \t#]*$/gm)].map((match) =>
    (match[1] ?? '').trim(),
  );
  const missing = sections.filter((section) => !headings.includes(section));
  const order = headings.filter((heading) => sections.includes(heading));
  const problems = missing.map((section) => `the section "## ${section}" is missing`);
  if (missing.length === 0 && order.join('\n') !== sections.join('\n')) {
    problems.push(`the sections must come in this order: ${sections.join(', ')}`);
  }
  return problems;
}

/** Whether a form value is empty: nothing, a blank text, or an object with nothing but empty values. */
function isEmptyValue(value: unknown, key: string | number): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '' && key !== 'body';
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.entries(value as Record<string, unknown>).every(([inner, each]) => isEmptyValue(each, inner));
  }
  return false;
}

/**
 * The paths of the empty values a form leaves behind (an optional text cleared to "", a number
 * removed, an object with nothing in it), which the check would refuse as empty: removing them
 * gives what a person would have written. Lists keep their length (an empty list is the schema's
 * default); the body is kept even when empty.
 */
export function emptyPaths(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((each, index) => emptyPaths(each, [...prefix, index]));
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
    isEmptyValue(inner, key) ? [[...prefix, key]] : emptyPaths(inner, [...prefix, key]),
  );
}

/**
 * A body as the preview shows it: comments dropped, as the site drops them, and citations as
 * author and year ("(Rieser et al., 2025; Goodwin et al., 2022)", "Rieser et al. (2025)"), so an
 * editor sees where each one lands without the site's citation engine.
 */
export function previewBody(markdown: string, labels: Readonly<Record<string, string>>): string {
  const label = (key: string) => labels[key];
  const parenthetical = (key: string) => {
    const text = label(key);
    return text ? text.replace(/ \((\d{4}[a-z]?|n\.d\.)\)$/, ', $1') : `@${key} (unknown key)`;
  };
  const keyPattern = /@(?:\{([^}]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*))/gu;
  return markdown
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\[([^[\]]*?@[^[\]]*?)\](?!\()/g, (_whole, inside: string) => {
      const keys = [...inside.matchAll(keyPattern)].map((match) => match[1] ?? match[2] ?? '');
      return `(${keys.map(parenthetical).join('; ')})`;
    })
    .replace(
      /(?<![\p{L}\p{N}_\\])@(?:\{([^}]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*))/gu,
      (whole, braced: string | undefined, bare: string | undefined) => label(braced ?? bare ?? '') ?? whole,
    );
}
