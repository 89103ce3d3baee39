/**
 * citeproc-js, with one hot spot made cheap. citeproc lower- and upper-cases strings through
 * `String#toLocaleLowerCase(languages)`, which resolves the ICU locale on every call; it was a
 * third of the time spent formatting a large APA bibliography. Outside the languages with their
 * own casing rules (Turkish, Azerbaijani, Lithuanian), the plain methods give the same result.
 */
import CSL from 'citeproc';

interface Casing {
  toLocaleLowerCase(this: { tmp?: { lang_array?: unknown } } | undefined, text: string): string;
  toLocaleUpperCase(this: { tmp?: { lang_array?: unknown } } | undefined, text: string): string;
  __evidenceAtlasCasing?: boolean;
}

const casing = CSL as unknown as Casing;
if (!casing.__evidenceAtlasCasing) {
  const lower = casing.toLocaleLowerCase;
  const upper = casing.toLocaleUpperCase;
  const plain = (languages: unknown) =>
    !Array.isArray(languages) || languages.every((language) => !/^(tr|az|lt)\b/i.test(String(language)));
  casing.toLocaleLowerCase = function (text) {
    return plain(this?.tmp?.lang_array) ? text.toLowerCase() : lower.call(this, text);
  };
  casing.toLocaleUpperCase = function (text) {
    return plain(this?.tmp?.lang_array) ? text.toUpperCase() : upper.call(this, text);
  };
  casing.__evidenceAtlasCasing = true;
}

export default CSL;
