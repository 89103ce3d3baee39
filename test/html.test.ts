/** Text into markup: what a feed document keeps of text XML cannot hold. */
import { describe, expect, it } from 'vitest';
import { xmlDocument } from '../src/lib/html.ts';

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
