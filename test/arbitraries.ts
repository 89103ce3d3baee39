/** fast-check generators shared by the property tests. */
import fc from 'fast-check';
import { isCitationKey } from '../src/lib/keys.ts';

/** Keys from the grammar: a start character, then the rest, as src/lib/keys.ts defines them. */
export const keyArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'Z', '7', '_', 'é', 'Ж', 'ß', '𝐀'),
    fc.array(fc.constantFrom('a', 'b', 'Z', '0', '9', '_', '-', '.', ':', '+', 'é', 'Ж', '𝐀'), { maxLength: 30 }),
  )
  .map(([start, rest]) => `${start}${rest.join('')}`.replace(/\.+$/, ''))
  .filter((key) => isCitationKey(key));

/** Style names as src/lib/citations/styles.ts allows them: lower-case letters, digits, hyphens. */
export const styleNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'p', 'v', '1', 'x'),
    fc.array(fc.constantFrom('a', 'b', 'l', '1', '-', 'x'), { maxLength: 12 }),
  )
  .map(([start, rest]) => `${start}${rest.join('')}`);
