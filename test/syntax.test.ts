import { describe, expect, it } from 'vitest';
import { locatorTerms } from '../src/lib/citations/locators.ts';
import { OBJECT, parseCitations, readKey } from '../src/lib/citations/syntax.ts';

interface Expected {
  key: string;
  prefix?: string;
  locator?: string;
  label?: string;
  suffix?: string;
  suppressAuthor?: boolean;
  authorInText?: boolean;
}

/** The citations of a run, with prefix and suffix as text. */
function items(text: string): Expected[] {
  return parseCitations(text).flatMap((citation) =>
    citation.items.map((item) => ({
      key: item.key,
      ...(item.prefix ? { prefix: text.slice(item.prefix.start, item.prefix.end) } : {}),
      ...(item.locator !== undefined ? { locator: item.locator, label: item.label ?? '' } : {}),
      ...(item.suffix ? { suffix: text.slice(item.suffix.start, item.suffix.end) } : {}),
      ...(item.suppressAuthor ? { suppressAuthor: true } : {}),
      ...(item.authorInText ? { authorInText: true } : {}),
    })),
  );
}

describe('parseCitations', () => {
  it.each<[string, Expected[]]>([
    ['See [@doe99; @roe2001].', [{ key: 'doe99' }, { key: 'roe2001' }]],
    [
      '[see @doe99, pp. 33-35 and more; @smith04, chap. 1]',
      [
        { key: 'doe99', prefix: 'see', locator: '33-35', label: 'page', suffix: 'and more' },
        { key: 'smith04', locator: '1', label: 'chapter' },
      ],
    ],
    ['[@doe99, p. 33]', [{ key: 'doe99', locator: '33', label: 'page' }]],
    ['[@doe99, p.3, and after]', [{ key: 'doe99', locator: '3', label: 'page', suffix: ', and after' }]],
    ['[@doe99, 89, and after]', [{ key: 'doe99', locator: '89', label: 'page', suffix: ', and after' }]],
    ['[@doe99, xi, all suffix]', [{ key: 'doe99', suffix: ', xi, all suffix' }]],
    [
      '[@doe99, pp. VII, 89, then words]',
      [{ key: 'doe99', locator: 'VII, 89', label: 'page', suffix: ', then words' }],
    ],
    [
      '[@doe99 pp. 33, 35-37, and nowhere else]',
      [{ key: 'doe99', locator: '33, 35-37', label: 'page', suffix: ', and nowhere else' }],
    ],
    ['[@doe99 and nowhere else]', [{ key: 'doe99', suffix: 'and nowhere else' }]],
    ['[@doe99, sec. 4.2]', [{ key: 'doe99', locator: '4.2', label: 'section' }]],
    ['[@doe99, § 4]', [{ key: 'doe99', locator: '4', label: 'section' }]],
    ['[@doe99, vol. 2]', [{ key: 'doe99', locator: '2', label: 'volume' }]],
    [
      '[@doe99{ii, A, D-Z}, with a suffix]',
      [{ key: 'doe99', locator: 'ii, A, D-Z', label: 'page', suffix: ', with a suffix' }],
    ],
    [
      '[@doe99, {pp. iv, vi-xi} with suffix]',
      [{ key: 'doe99', locator: 'iv, vi-xi', label: 'page', suffix: 'with suffix' }],
    ],
    ['[@doe99{}, 99 years later]', [{ key: 'doe99', suffix: ', 99 years later' }]],
    ['Doe says [-@doe99].', [{ key: 'doe99', suppressAuthor: true }]],
    ['@doe99 says.', [{ key: 'doe99', authorInText: true }]],
    ['@doe99 [p. 33] says.', [{ key: 'doe99', locator: '33', label: 'page', authorInText: true }]],
    [
      '@doe99 [-@roe01 p. 30; see also @пункт3] says.',
      [
        { key: 'doe99', authorInText: true },
        { key: 'roe01', locator: '30', label: 'page', suppressAuthor: true },
        { key: 'пункт3', prefix: 'see also' },
      ],
    ],
    ['@doe99 [foo]', [{ key: 'doe99', suffix: 'foo', authorInText: true }]],
    [
      '[@Doe:2006; @doe.2006; @doe_2006; @doe-2006]',
      [{ key: 'Doe:2006' }, { key: 'doe.2006' }, { key: 'doe_2006' }, { key: 'doe-2006' }],
    ],
    ['@Foo_bar.baz.', [{ key: 'Foo_bar.baz', authorInText: true }]],
    ['@Foo_bar--baz', [{ key: 'Foo_bar', authorInText: true }]],
    ['@{Foo_bar.baz.}', [{ key: 'Foo_bar.baz.', authorInText: true }]],
    ['@https://example.org/a?id=1', [{ key: 'https://example.org/a?id', authorInText: true }]],
    ['(@citation)', [{ key: 'citation', authorInText: true }]],
    ['Wow![@legras_2010]', [{ key: 'legras_2010' }]],
    ['@1657:huyghens', [{ key: '1657:huyghens', authorInText: true }]],
    [`[${OBJECT} @doe99, p. ${OBJECT}]`, [{ key: 'doe99', prefix: OBJECT, suffix: `, p. ${OBJECT}` }]],
  ])('%s', (text, expected) => {
    expect(items(text)).toEqual(expected);
  });

  it.each([
    'Contact john@example.com for a copy.',
    'A bracket [with no key] and [an @ sign].',
    '@ alone, and @, and @-dash',
    `mail${OBJECT}x@doe99`,
    '\uE002doe99 was escaped',
  ])('finds no citation in %j', (text) => {
    expect(parseCitations(text)).toEqual([]);
  });

  it('gives the offsets of each citation and of each key', () => {
    const text = 'A [see @doe99] and @roe01.';
    const [first, second] = parseCitations(text);
    expect(text.slice(first?.start, first?.end)).toBe('[see @doe99]');
    expect(text.slice(second?.start, second?.end)).toBe('@roe01');
    expect(first?.items[0]?.at).toBe(7);
  });
});

describe('readKey', () => {
  it('stops at punctuation that is not internal, keeps braced keys whole', () => {
    expect(readKey('@doe99.', 0)).toEqual({ key: 'doe99', end: 6 });
    expect(readKey('@{a b.}', 0)).toEqual({ key: 'a b.', end: 7 });
    expect(readKey('@{}', 0)).toBeUndefined();
    expect(readKey('@.x', 0)).toBeUndefined();
  });
});

describe('locatorTerms', () => {
  it('reads the en-US locale terms, long and short, singular and plural', () => {
    const labels = Object.fromEntries(locatorTerms.map(({ term, label }) => [term, label]));
    expect(labels).toMatchObject({
      'p.': 'page',
      'pp.': 'page',
      page: 'page',
      pages: 'page',
      'chap.': 'chapter',
      'sec.': 'section',
      '§': 'section',
      '¶¶': 'paragraph',
      'fig.': 'figure',
      'para.': 'paragraph',
      'vol.': 'volume',
      'l.': 'line',
      's.v.': 'sub-verbo',
    });
    // Longest first, so "pp." is tried before "p.".
    expect(locatorTerms.findIndex(({ term }) => term === 'pp.')).toBeLessThan(
      locatorTerms.findIndex(({ term }) => term === 'p.'),
    );
  });
});
