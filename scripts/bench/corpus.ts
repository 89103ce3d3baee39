/**
 * A synthetic corpus for the benchmark: a library of references, N summaries with realistic
 * frontmatter, six body sections and about five citations each, three topics each, and 40 topics.
 * The prose is drawn from a Zipf-distributed vocabulary of a few thousand words (vocabulary.ts), and
 * each summary names its own substance in about a third of its sentences, so a topical word such as
 * "psilocybin" is on some pages, not all. The same seed gives the same corpus.
 *
 * By default every reference of the library is summarised. With `library` larger than `studies`
 * (a reference manager's whole export), only the first `studies` references are summarised; topics
 * and summaries cite summarised references, and each summary one other reference of the library, so
 * most of the library is cited nowhere. `citedReferencesDir` holds the same entries minus the unused
 * ones: the library of an editor who exports only what the site cites.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { designs, type Design } from '../../src/lib/vocabulary.ts';
import { random, zipfWords } from './vocabulary.ts';

const families = [
  'Andersen',
  'Bakker',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hoffmann',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'López',
  'Müller',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ulrich',
  'Varga',
  'Wagner',
  'Xu',
  'Yilmaz',
  'Zhang',
  'van der Berg',
  'de Vries',
  "O'Neill",
  'Søndergaard',
];
const givens = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kaja',
  'Luis',
  'Maya',
  'Nils',
  'Olga',
  'Pavel',
  'Rosa',
  'Sami',
  'Tove',
  'Yusuf',
];
const journals = [
  'Journal of Psychopharmacology',
  'JAMA Psychiatry',
  'Nature Medicine',
  'eClinicalMedicine',
  'Scientific Reports',
  'PLOS ONE',
  'CNS Drugs',
  'Frontiers in Pharmacology',
  'American Journal of Psychiatry',
  'Neuropsychiatric Disease and Treatment',
];
const topicNames = [
  ['integration', 'theme'],
  ['preparation', 'theme'],
  ['therapeutic alliance', 'theme'],
  ['trauma-informed care', 'theme'],
  ['relapse prevention', 'theme'],
  ['set and setting', 'theme'],
  ['music in sessions', 'theme'],
  ['adverse events', 'theme'],
  ['harm reduction', 'theme'],
  ['mystical experience', 'theme'],
  ['emotional breakthrough', 'theme'],
  ['group therapy', 'theme'],
  ['dosing', 'theme'],
  ['blinding', 'theme'],
  ['expectancy', 'theme'],
  ['alcohol use disorder', 'condition'],
  ['treatment-resistant depression', 'condition'],
  ['major depressive disorder', 'condition'],
  ['ptsd', 'condition'],
  ['anxiety in serious illness', 'condition'],
  ['anorexia nervosa', 'condition'],
  ['tobacco use disorder', 'condition'],
  ['opioid use disorder', 'condition'],
  ['obsessive-compulsive disorder', 'condition'],
  ['bipolar depression', 'condition'],
  ['psilocybin', 'substance'],
  ['mdma', 'substance'],
  ['ketamine', 'substance'],
  ['lsd', 'substance'],
  ['ayahuasca', 'substance'],
  ['ibogaine', 'substance'],
  ['dmt', 'substance'],
  ['esketamine', 'substance'],
  ['mescaline', 'substance'],
  ['5-meo-dmt', 'substance'],
  ['emdr', 'method'],
  ['qualitative research', 'method'],
  ['systematic reviews', 'method'],
  ['cbt', 'method'],
  ['motivational interviewing', 'method'],
] as const;

export const topicCount = topicNames.length;

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface Corpus {
  readonly root: string;
  readonly contentDir: string;
  /** The whole library. */
  readonly referencesDir: string;
  /** The library restricted to the references summarised or cited somewhere. */
  readonly citedReferencesDir: string;
  /** The summarised references' keys, in order. */
  readonly keys: readonly string[];
  /** How many references the library and the cited library hold. */
  readonly libraryEntries: number;
  readonly citedEntries: number;
}

export interface CorpusOptions {
  /** References in the library (default: `studies`, every one summarised). */
  readonly library?: number;
  readonly seed?: number;
}

/** How the prose names each substance (topic slug → words in the text). */
const substanceWords: Record<string, string> = {
  psilocybin: 'psilocybin',
  mdma: 'MDMA',
  ketamine: 'ketamine',
  lsd: 'LSD',
  ayahuasca: 'ayahuasca',
  ibogaine: 'ibogaine',
  dmt: 'DMT',
  esketamine: 'esketamine',
  mescaline: 'mescaline',
  '5-meo-dmt': '5-MeO-DMT',
};
/** The share of a summary's sentences that name its own substance, and another one. */
const ownSubstanceRate = 0.35;
const otherSubstanceRate = 0.02;

/** Write a corpus of `studies` summaries into `root` (replacing what is there). */
export function generateCorpus(root: string, studies: number, options: CorpusOptions = {}): Corpus {
  const next = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const prose = zipfWords(next);
  const substanceNames = Object.values(substanceWords);
  /** A sentence of `length` words; with a substance, named where a summary of its study would. */
  const sentence = (length: number, substance?: string) => {
    const words = Array.from({ length }, () => prose.word());
    if (substance && next() < ownSubstanceRate) words[Math.floor(next() * length)] = substance;
    if (substance && next() < otherSubstanceRate) words[Math.floor(next() * length)] = pick(substanceNames);
    const text = words.join(' ');
    return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
  };

  rmSync(root, { recursive: true, force: true });
  const contentDir = join(root, 'content');
  const referencesDir = join(root, 'references');
  const citedReferencesDir = join(root, 'references-cited');
  for (const folder of ['studies', 'topics', 'pages']) mkdirSync(join(contentDir, folder), { recursive: true });
  for (const folder of [referencesDir, citedReferencesDir]) mkdirSync(folder, { recursive: true });

  const libraryEntries = Math.max(studies, options.library ?? studies);
  const libraryKeys = Array.from(
    { length: libraryEntries },
    (_, i) => `${slug(pick(families)).replace(/-/g, '')}${2000 + (i % 25)}s${i}`,
  );
  const keys = libraryKeys.slice(0, studies);
  const used = new Set(keys);
  const cite = (key: string) => {
    used.add(key);
    return key;
  };
  const bib = new Map<string, string>();
  for (const key of libraryKeys) {
    const authors = Array.from({ length: int(3, 10) }, () => `${pick(families)}, ${pick(givens)}`).join(' and ');
    const year = key.match(/(20\d\d)s/)?.[1] ?? '2020';
    bib.set(
      key,
      `@article{${key},\n  author  = {${authors}},\n  title   = {${sentence(int(8, 16)).replace(/\.$/, '')}},\n  journal = {${pick(journals)}},\n  year    = {${year}},\n  volume  = {${int(1, 90)}},\n  pages   = {${int(1, 900)}--${int(901, 1200)}},\n  doi     = {10.5555/bench.${key}}\n}\n`,
    );
  }

  const topics = topicNames.map(([name, kind]) => ({ slug: slug(name), name, kind }));
  for (const topic of topics) {
    const named = substanceWords[topic.slug];
    const cites = Array.from({ length: 3 }, () => `[@${cite(pick(keys))}]`);
    writeFileSync(
      join(contentDir, 'topics', `${topic.slug}.mdx`),
      `---\ntitle: ${JSON.stringify(topic.name[0]?.toUpperCase() + topic.name.slice(1))}\ndescription: ${JSON.stringify(sentence(14, named))}\nkind: ${topic.kind}\n---\n\n${sentence(30, named)} ${cites[0]}\n\n${sentence(40, named)} ${cites[1]} ${sentence(20, named)} ${cites[2]}\n`,
    );
  }
  const themes = topics.filter((topic) => topic.kind !== 'substance');
  const substances = topics.filter((topic) => topic.kind === 'substance');
  const sections = [
    'What was done',
    'Who took part',
    'What was found',
    'What it means for practice',
    'Limitations',
    'How it fits with other studies',
  ];
  keys.forEach((key, index) => {
    const design = pick(
      designs.filter(
        (each) => !['protocol', 'theoretical', 'narrative-review', 'systematic-review', 'meta-analysis'].includes(each),
      ),
    ) as Design;
    const chosen = new Set<string>();
    while (chosen.size < 3) chosen.add(pick(themes).slug);
    const substance = pick(substances).slug;
    const named = substanceWords[substance];
    const say = (length: number) => sentence(length, named);
    const citation = (i: number) => {
      const other = cite(keys[(index + 1 + i * 7) % keys.length] as string);
      const forms = [
        () => `[@${other}]`,
        () => `[see @${other}, p. ${int(2, 40)}]`,
        () => `@${other}`,
        () => `[@${other}; @${cite(pick(libraryKeys))}]`,
        () => `[-@${other}]`,
      ];
      return forms[i % forms.length]?.();
    };
    const body = sections
      .map((heading, i) => `## ${heading}\n\n${say(int(25, 40))} ${i < 5 ? citation(i) : ''} ${say(int(15, 30))}\n`)
      .join('\n');
    writeFileSync(
      join(contentDir, 'studies', `${key}.mdx`),
      [
        '---',
        `citekey: ${key}`,
        `summary: ${JSON.stringify(`${say(18)} ${say(12)}`)}`,
        `design: ${design}`,
        `population: ${JSON.stringify(say(8))}`,
        'n:',
        `  randomized: ${int(12, 600)}`,
        `substances: [${substance}]`,
        `topics: [${[...chosen].join(', ')}]`,
        `intervention: ${JSON.stringify(say(8))}`,
        `comparator: ${JSON.stringify(say(6))}`,
        `followUp: ${int(2, 52)} weeks`,
        `primaryOutcome: ${JSON.stringify(say(7))}`,
        `finding: "${pick(['positive', 'null', 'mixed', 'negative'])}"`,
        `certainty: ${pick(['high', 'moderate', 'low', 'very-low'])}`,
        `certaintyReason: ${JSON.stringify(say(10))}`,
        `added: 2026-${String(int(1, 11)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
        '---',
        '',
        body,
      ].join('\n'),
    );
  });
  writeFileSync(
    join(contentDir, 'pages', 'about.mdx'),
    `---\ntitle: About\ndescription: A synthetic corpus for the benchmark.\n---\n\n${sentence(40)}\n`,
  );
  writeFileSync(join(referencesDir, 'references.bib'), [...bib.values()].join('\n'));
  const cited = libraryKeys.filter((key) => used.has(key));
  writeFileSync(join(citedReferencesDir, 'references.bib'), cited.map((key) => bib.get(key)).join('\n'));
  return { root, contentDir, referencesDir, citedReferencesDir, keys, libraryEntries, citedEntries: cited.length };
}

/**
 * Edit the summary of `key` as an editor correcting one would: a few words put before its
 * one-sentence summary, which other studies' pages show where they cite or relate it.
 */
export function editSummary(corpus: Corpus, key: string, words: string): string {
  const path = join(corpus.contentDir, 'studies', `${key}.mdx`);
  const text = readFileSync(path, 'utf8');
  const edited = text.replace(/^summary: "/m, `summary: "${words} `);
  if (edited === text) throw new Error(`${path} has no summary line to edit`);
  writeFileSync(path, edited);
  return path;
}
