/**
 * `@{key}` in MDX: MDX reads `{…}` as a JavaScript expression, so before MDX parses a file the
 * braces after an `@` are swapped for private-use stand-ins of the same length (positions stay
 * exact). The citation parser reads the stand-ins as braces; text that is not a citation gets
 * its braces back (`restoreBraces`).
 */
import { CLOSE_BRACE, OPEN_BRACE } from './syntax.ts';

const bracedKey = /(^|[^\p{L}\p{N}_\\])@\{([^{}\r\n]+)\}/gu;

/** Swap the braces of every `@{key}` outside the frontmatter for stand-ins. */
export function protectBracedKeys(source: string): string {
  if (!source.includes('@{')) return source;
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)?.[0] ?? '';
  const body = source.slice(frontmatter.length);
  return (
    frontmatter +
    body.replace(bracedKey, (_match, before: string, key: string) => `${before}@${OPEN_BRACE}${key}${CLOSE_BRACE}`)
  );
}

export function restoreBraces(text: string): string {
  return text.replaceAll(OPEN_BRACE, '{').replaceAll(CLOSE_BRACE, '}');
}
