/**
 * The citation-key grammar (src/lib/keys.ts): the keys a contributor may write, the message a
 * refused key gets, and the suggestion in that message, which must itself be a key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asCitationKey,
  caseFold,
  citationKeyProblem,
  isCitationKey,
  isSlug,
  maxKeyLength,
  suggestKey,
} from '../src/lib/keys.ts';
import { keyArbitrary } from './arbitraries.ts';

const unsafe = 'which a URL segment or file name cannot hold safely';
const use = 'use letters, digits and _ - . : +';

describe('citationKeyProblem', () => {
  it.each(['rieser2025', 'Doe:2006', 'knuth:ct:a', 'doe.2006_b-1', 'АренсЗ2022Кдпз', '9.8:11', '_x', 'a+b', 'é2020'])(
    'accepts %s',
    (key) => {
      expect(citationKeyProblem(key)).toBeUndefined();
      expect(isCitationKey(key)).toBe(true);
      expect(asCitationKey(key)).toBe(key);
    },
  );

  it('accepts a key of exactly the longest length', () => {
    expect(citationKeyProblem('k'.repeat(maxKeyLength))).toBeUndefined();
  });

  it.each<[string, string]>([
    ['../x', `has "/", ${unsafe} and must start with a letter, digit or "_": ${use} (such as _.._x)`],
    ['a/b', `has "/", ${unsafe}: ${use} (such as a_b)`],
    ['what?2020', `has "?", ${unsafe}: ${use} (such as what_2020)`],
    ['a b', `has a space, ${unsafe}: ${use} (such as a_b)`],
    ['a#b', `has "#", ${unsafe}: ${use} (such as a_b)`],
    ['a\\b', `has "\\", ${unsafe}: ${use} (such as a_b)`],
    ['a%2Fb', `has "%", ${unsafe}: ${use} (such as a_2Fb)`],
    ['-x', `must start with a letter, digit or "_": ${use} (such as _-x)`],
    ['key.', 'ends in ".", which file systems drop: use key'],
    ['con', 'is a device name Windows reserves: use con_'],
    ['NUL', 'is a device name Windows reserves: use NUL_'],
    ['com1.2020', 'is a device name Windows reserves: use com1_.2020'],
    ['k'.repeat(maxKeyLength + 1), `is longer than ${maxKeyLength} characters: shorten it`],
    ['e\u0301tude2020', 'is not in Unicode normal form NFC (a letter and its accent are stored apart): retype it'],
    ['', 'is empty: write "@type{key," with a key such as rieser2025'],
  ])('refuses %j', (key, message) => {
    expect(citationKeyProblem(key)).toBe(message);
    expect(isCitationKey(key)).toBe(false);
    expect(() => asCitationKey(key)).toThrow(`citation key "${key}" ${message}`);
  });

  it('is not a key for a value that is not a string', () => {
    expect(isCitationKey(2020)).toBe(false);
    expect(isCitationKey(undefined)).toBe(false);
  });
});

describe('suggestKey', () => {
  it.each<[string, string]>([
    ['what?2020', 'what_2020'],
    ['key.', 'key'],
    ['key...', 'key'],
    ['con', 'con_'],
    ['con.txt', 'con_.txt'],
    ['e\u0301tude2020', 'étude2020'],
    ['', '_'],
    ['.', '_'],
    ['-'.repeat(maxKeyLength), `_${'-'.repeat(maxKeyLength - 1)}`],
    [`${'a'.repeat(maxKeyLength - 1)}..x`, 'a'.repeat(maxKeyLength - 1)],
    [`a${'𝐀'.repeat(maxKeyLength)}`, `a${'𝐀'.repeat((maxKeyLength - 2) / 2)}`],
  ])('suggests a key for %j', (key, suggestion) => {
    expect(suggestKey(key)).toBe(suggestion);
    expect(isCitationKey(suggestion)).toBe(true);
  });

  it('leaves a valid key as it is', () => {
    fc.assert(
      fc.property(keyArbitrary, (key) => {
        expect(suggestKey(key)).toBe(key);
      }),
      { numRuns: 200 },
    );
  });

  it('always suggests a key the grammar accepts', () => {
    const hostile = fc.constantFrom('.', '/', '\\', '?', '#', '%', ' ', '-', ':', '~', '\0', 'e\u0301', '𝐀', '\uD800');
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 130 }),
      fc
        .array(fc.oneof(hostile, fc.constantFrom('con', 'COM1', 'lpt9', 'aux.', 'a', 'Ä', '7')), { maxLength: 120 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (key) => {
        const suggestion = suggestKey(key);
        expect(citationKeyProblem(suggestion)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('caseFold', () => {
  it('makes keys that differ only in case or normal form equal', () => {
    expect(caseFold('Doe:2006')).toBe(caseFold('doe:2006'));
    expect(caseFold('ÉTUDE2020')).toBe(caseFold('e\u0301tude2020'));
    expect(caseFold('doe2006')).not.toBe(caseFold('doe2007'));
  });
});

describe('isSlug', () => {
  it.each(['ptsd', 'alcohol-use-disorder', 'mdma2', '3-arm'])('accepts %s', (slug) => {
    expect(isSlug(slug)).toBe(true);
  });
  it.each(['', 'PTSD', 'a--b', '-a', 'a-', 'a_b', 'a/b', '..', 'über', 'a b'])('refuses %j', (slug) => {
    expect(isSlug(slug)).toBe(false);
  });
});
