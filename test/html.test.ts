/**
 * Text into HTML (src/lib/html.ts): escaped text, JSON that cannot leave its script element, and
 * the CSL engine's HTML cut down to the formatting CSL uses.
 */
import fc from 'fast-check';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import {
  cslSchema,
  escapeHtml,
  jsonForScript,
  sanitizeCslHtml,
  sanitizeCslTree,
  xmlDocument,
} from '../src/lib/html.ts';
import { disallowedHtml } from './allowed-html.ts';

describe('escapeHtml', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["O'Brien & Sons", 'O&#39;Brien &amp; Sons'],
    ['&amp;', '&amp;amp;'],
  ])('escapes %j', (text, html) => {
    expect(escapeHtml(text)).toBe(html);
  });

  it('gives back the text when the HTML is read, in content and in an attribute', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const tree = fromHtml(`<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`, { fragment: true });
        const p = tree.children[0] as Element;
        expect(tree.children).toHaveLength(1);
        expect(p.properties['title']).toBe(text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('jsonForScript', () => {
  it('escapes what could end or change a script element', () => {
    expect(jsonForScript({ name: '</script><script>alert(1)</script>' })).toBe(
      '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}',
    );
    expect(jsonForScript('<!-- & \u2028\u2029')).toBe('"\\u003c!-- \\u0026 \\u2028\\u2029"');
  });

  const value = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue(), fc.array(fc.string({ unit: 'binary' })));

  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(value, (input) => {
        expect(JSON.parse(jsonForScript(input))).toEqual(JSON.parse(JSON.stringify(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('never holds "<", ">", "&", U+2028 or U+2029', () => {
    const hostile = fc
      .array(fc.constantFrom('<', '>', '&', '\u2028', '\u2029', '</script>', '<!--', '-->', '"', '\\', 'a'))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(value, hostile), (input) => {
        expect(jsonForScript(input)).not.toMatch(/[<>&\u2028\u2029]/);
      }),
      { numRuns: 300 },
    );
  });

  it('stays one script element whose text is the JSON', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const json = jsonForScript({ name: input });
        const tree = fromHtml(`<script type="application/ld+json">${json}</script><p>after</p>`, {
          fragment: true,
        });
        const [script, after] = tree.children as Element[];
        expect(tree.children).toHaveLength(2);
        expect(script?.tagName).toBe('script');
        expect(after?.tagName).toBe('p');
        expect(script?.children).toEqual([expect.objectContaining({ type: 'text', value: json })]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sanitizeCslHtml', () => {
  it.each<[string, string]>([
    ['<i>Nature</i>, <b>12</b>(3)', '<i>Nature</i>, <b>12</b>(3)'],
    ['E = mc<sup>2</sup>, H<sub>2</sub>O', 'E = mc<sup>2</sup>, H<sub>2</sub>O'],
    ['<span style="font-variant:small-caps;">Doe</span>', '<span style="font-variant:small-caps;">Doe</span>'],
    ['<span class="nocase">mRNA</span>', '<span class="nocase">mRNA</span>'],
    [
      '<a href="https://doi.org/10.1000/x">https://doi.org/10.1000/x</a>',
      '<a href="https://doi.org/10.1000/x">https://doi.org/10.1000/x</a>',
    ],
    ['<a href="http://example.org/">x</a>', '<a href="http://example.org/">x</a>'],
    [
      '<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">Doe</div></div>',
      '<div class="csl-entry"><div class="csl-left-margin">1.</div><div class="csl-right-inline">Doe</div></div>',
    ],
  ])('keeps %j', (html, kept) => {
    expect(sanitizeCslHtml(html)).toBe(kept);
  });

  it.each<[string, string]>([
    ['<script>alert(1)</script>Doe', 'Doe'],
    ['<style>body{display:none}</style>Doe', 'Doe'],
    ['<iframe src="https://evil.example/"></iframe>Doe', 'Doe'],
    ['<img src=x onerror=alert(1)>Doe', 'Doe'],
    ['<i onclick="alert(1)" onmouseover="alert(1)">Doe</i>', '<i>Doe</i>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<a href="vbscript:x" target="_blank" rel="opener">x</a>', '<a>x</a>'],
    ['<span style="color:red">x</span>', '<span>x</span>'],
    ['<span style="background:url(javascript:alert(1))">x</span>', '<span>x</span>'],
    ['<span class="nocase evil">x</span>', '<span class="nocase">x</span>'],
    ['<div class="csl-entry" id="main" name="x">x</div>', '<div class="csl-entry">x</div>'],
    ['<svg><script>alert(1)</script></svg>x', 'x'],
    ['<form action="https://evil.example/"><input name="q"></form>x', 'x'],
    ['<!-- <script>alert(1)</script> -->x', 'x'],
    ['<em>a</em> &lt;script&gt;', '<em>a</em> &#x3C;script>'],
  ])('removes what is unsafe from %j', (html, clean) => {
    expect(sanitizeCslHtml(html)).toBe(clean);
  });

  it('gives a tree without a document around it', () => {
    const tree = sanitizeCslTree('<i>x</i>');
    expect(tree.type).toBe('root');
    expect(tree.children.map((node) => node.type)).toEqual(['element']);
  });

  it('gives only allowed elements, attributes and web links, whatever the HTML', () => {
    fc.assert(
      fc.property(htmlArbitrary, (html) => {
        const clean = sanitizeCslHtml(html);
        expect(disallowedHtml(clean), `${html}\n→ ${clean}`).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

const tagNames = [
  ...(cslSchema.tagNames ?? []),
  'script',
  'style',
  'iframe',
  'img',
  'svg',
  'math',
  'object',
  'embed',
  'form',
  'input',
  'textarea',
  'title',
  'noscript',
  'template',
  'base',
  'link',
  'meta',
  'button',
  'table',
  'td',
  'p',
];
const hrefs = [
  'https://doi.org/10.1000/x',
  'http://example.org/?a=1&b=2',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java&#x09;script:alert(1)',
  'java&#x0A;script:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD4=',
  'vbscript:msgbox',
  'file:///etc/passwd',
  'mailto:a@b.c',
  '//evil.example/',
  '/relative',
  '#ref-x',
  '',
];
const attributes = fc.oneof(
  fc.constantFrom(...hrefs).map((href) => `href="${href}"`),
  fc.constantFrom(...hrefs).map((href) => `src='${href}'`),
  fc.constantFrom(...hrefs).map((href) => `xlink:href=${href.replace(/\s/g, '')}`),
  fc
    .constantFrom('font-variant:small-caps;', 'font-style:normal;', 'color:red', 'background:url(javascript:x)')
    .map((style) => `style="${style}"`),
  fc
    .constantFrom('nocase', 'nodecor', 'csl-entry', 'csl-block', 'evil', 'nocase evil')
    .map((name) => `class="${name}"`),
  fc.constantFrom('onclick', 'onerror', 'onload', 'onmouseover', 'onfocus').map((name) => `${name}="alert(1)"`),
  fc.constantFrom('id="x"', 'name="x"', 'srcdoc="<script>alert(1)</script>"', 'formaction="javascript:x"', 'autofocus'),
);
const token = fc.oneof(
  fc
    .tuple(fc.constantFrom(...tagNames), fc.array(attributes, { maxLength: 3 }), fc.boolean())
    .map(([tag, attrs, selfClosing]) => `<${[tag, ...attrs].join(' ')}${selfClosing ? '/' : ''}>`),
  fc.constantFrom(...tagNames).map((tag) => `</${tag}>`),
  fc.constantFrom('text', ' ', '<', '>', '&', '&amp;', '"', "'", '<!--', '-->', '<![CDATA[x]]>', 'é', '\u2028', '\0'),
  fc.string({ maxLength: 8 }),
);
const htmlArbitrary = fc.array(token, { maxLength: 25 }).map((tokens) => tokens.join(''));

describe('xmlDocument', () => {
  it('drops the characters XML 1.0 cannot hold and keeps every other', () => {
    const kept = '<t a="x">tab\tline\ncr\r é — \u2028 😀 \uFFFD</t>';
    expect(xmlDocument(kept)).toBe(kept);
    expect(xmlDocument('<t>a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi</t>')).toBe('<t>abcdefghi</t>');
  });

  it('drops unpaired surrogates but keeps pairs', () => {
    expect(xmlDocument('a\uD83Db \uDE00c \uD83D\uDE00')).toBe('ab c \uD83D\uDE00');
  });
});
