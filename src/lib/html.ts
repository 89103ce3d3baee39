/**
 * Text into HTML, by construction: escaping for text and attributes, JSON that cannot end its
 * script element, and the CSL engine's HTML cut down to an allow-list of the formatting CSL uses
 * (parsed into a tree and sanitised with hast-util-sanitize, never filtered with a pattern).
 */
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&` are written as
 * `\u003c`, `\u003e`, `\u0026`, so no text (`</script>`, `<!--`) can end or change the element;
 * U+2028 and U+2029 are escaped too, as older JavaScript parsers read them as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * An XML 1.0 document (a feed) without the characters XML cannot hold at all: C0 controls other
 * than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates. Not even a
 * character reference can carry them, and one of them (a `\v` in a summary's YAML, a control
 * character pasted into a BibTeX title) makes readers reject the whole feed, so they are dropped.
 */
export function xmlDocument(xml: string): string {
  return xml.replace(
    // eslint-disable-next-line no-control-regex -- the control characters are what is dropped
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

/**
 * What the CSL engine's HTML may hold: citeproc-js's formatting elements (italic, bold,
 * super- and subscript, the spans of its font settings), the blocks of a bibliography entry,
 * and links to web addresses. Every other element is unwrapped to its text, every other
 * attribute dropped, and a link to another protocol loses its address.
 */
export const cslSchema: Schema = {
  strip: ['script', 'style'],
  tagNames: ['a', 'b', 'i', 'em', 'strong', 'sup', 'sub', 'span', 'div'],
  attributes: {
    a: ['href'],
    span: [
      [
        'style',
        'font-style:normal;',
        'font-variant:small-caps;',
        'font-variant:normal;',
        'font-weight:normal;',
        'text-decoration:none;',
        'text-decoration:underline;',
        'baseline',
      ],
      ['className', 'nocase', 'nodecor'],
    ],
    div: [['className', 'csl-entry', 'csl-block', 'csl-left-margin', 'csl-right-inline', 'csl-indent', 'csl-bib-body']],
  },
  protocols: { href: ['http', 'https'] },
  clobber: [],
  required: {},
  ancestors: {},
};

/** The CSL engine's HTML as a sanitised tree of nodes. */
export function sanitizeCslTree(html: string): Root {
  return sanitize(fromHtml(html, { fragment: true }), cslSchema) as Root;
}

/** The CSL engine's HTML, sanitised (see `cslSchema`). */
export function sanitizeCslHtml(html: string): string {
  return toHtml(sanitizeCslTree(html));
}
