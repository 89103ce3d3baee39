/**
 * The benchmark corpus's words: a vocabulary of a few thousand word types whose frequencies follow
 * Zipf's law (the word of rank r is drawn with probability proportional to 1 / r^s, s ≈ 1 for
 * English), as real prose does, instead of a handful of words that all occur on every page. The
 * first ranks are real English and domain words in a plausible order; the long tail is made of
 * pronounceable invented words. Everything is seeded: the same seed gives the same words and the
 * same draws.
 */

/** A small deterministic generator (mulberry32): numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The most frequent words, most frequent first: English function words interleaved with the
 * field's common words (roughly where they would rank in summaries of clinical studies). The
 * substances are not here: the corpus puts a study's own substance into its text (see corpus.ts),
 * which is how such a word is distributed in real summaries (often on a few pages, not a little
 * on every page).
 */
export const headWords = `the of and to in a with was were for that on participants as by at therapy from is
  this or be their after trial more than session not all who treatment had symptoms have but dose they
  which group during placebo both each outcome one sessions two weeks over depression three these most some
  also between people no anxiety those into only scores may its alcohol per study time first patients
  baseline follow-up therapist integration preparation compared reported higher lower change scale support
  safety adverse events effect effects use months clinical experience felt described care interview
  craving abstinence relapse remission response trauma qualitative theme alliance protocol music setting
  expectations trust memory emotion insight wellbeing clinic community screening disorder measures team
  week days before while within across among other such many however said small large randomized
  controlled open-label pilot sample size primary secondary analysis results found showed suggest needed
  future research evidence quality risk bias blinding expectancy mystical breakthrough harm reduction
  guide guides room eyes headphones playlist night day home family partner work life meaning loss grief
  fear shame anger hope calm body breath mind self`
  .split(/\s+/)
  .filter(Boolean);

const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z'];
const clusters = ['br', 'cl', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'sl', 'st', 'th', 'tr'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ou', 'io'];
const codas = ['', '', '', 'n', 'r', 's', 'l', 'm', 't', 'nd', 'st', 'nt', 'x'];

/**
 * `types` distinct words, rank 1 first: the head words, then invented words of one to four
 * syllables, shorter ones more likely at earlier ranks (frequent words are short).
 */
export function zipfVocabulary(types: number, seed = 11): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const words = headWords.slice(0, types);
  const seen = new Set(words);
  while (words.length < types) {
    const rank = words.length;
    // One or two syllables near the head, up to four in the tail.
    const syllables = 1 + Math.floor(next() * Math.min(4, 2 + rank / 1000));
    let word = '';
    for (let i = 0; i < syllables; i++) word += (next() < 0.2 ? pick(clusters) : pick(onsets)) + pick(vowels);
    word += pick(codas);
    if (word.length < 3 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

/** Zipf weights 1 / r^s for ranks 1..n, cumulated (the last value is their sum). */
export function zipfCumulative(n: number, s = 1): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 1; rank <= n; rank++) {
    sum += 1 / rank ** s;
    cumulative[rank - 1] = sum;
  }
  return cumulative;
}

/** A draw of a 0-based rank for a uniform number `u` in [0, 1), by binary search. */
export function rankFor(cumulative: Float64Array, u: number): number {
  const target = u * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] as number) > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

export interface ZipfWords {
  readonly words: readonly string[];
  /** One word, drawn by its Zipf frequency. */
  word(): string;
}

/** A sampler over a vocabulary of `types` words with exponent `s`, drawing from `next`. */
export function zipfWords(next: () => number, options: { types?: number; s?: number; seed?: number } = {}): ZipfWords {
  const words = zipfVocabulary(options.types ?? 4000, options.seed);
  const cumulative = zipfCumulative(words.length, options.s ?? 1);
  return { words, word: () => words[rankFor(cumulative, next())] as string };
}
