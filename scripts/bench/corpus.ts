/**
 * A synthetic corpus for the benchmark: N references, N summaries with realistic frontmatter,
 * six body sections and about five citations each, three topics each, and 40 topics. The same
 * seed gives the same corpus.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { designs, type Design } from '../../src/lib/vocabulary.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
const words =
  'psilocybin therapy trial participants depression alcohol preparation integration session therapist alliance trauma outcome follow-up placebo dose craving abstinence anxiety qualitative interview theme support safety relapse symptoms scale remission response adverse events screening protocol music setting expectations trust memory emotion insight wellbeing clinic community'.split(
    ' ',
  );
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
  readonly referencesDir: string;
  readonly keys: readonly string[];
}

/** Write a corpus of `studies` summaries into `root` (replacing what is there). */
export function generateCorpus(root: string, studies: number, seed = 7): Corpus {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const sentence = (length: number) => {
    const text = Array.from({ length }, () => pick(words)).join(' ');
    return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
  };

  rmSync(root, { recursive: true, force: true });
  const contentDir = join(root, 'content');
  const referencesDir = join(root, 'references');
  for (const folder of ['studies', 'topics', 'pages']) mkdirSync(join(contentDir, folder), { recursive: true });
  mkdirSync(referencesDir, { recursive: true });

  const keys = Array.from(
    { length: studies },
    (_, i) => `${slug(pick(families)).replace(/-/g, '')}${2000 + (i % 25)}s${i}`,
  );
  const bib: string[] = [];
  for (const key of keys) {
    const authors = Array.from({ length: int(3, 10) }, () => `${pick(families)}, ${pick(givens)}`).join(' and ');
    const year = key.match(/(20\d\d)s/)?.[1] ?? '2020';
    bib.push(
      `@article{${key},\n  author  = {${authors}},\n  title   = {${sentence(int(8, 16)).replace(/\.$/, '')}},\n  journal = {${pick(journals)}},\n  year    = {${year}},\n  volume  = {${int(1, 90)}},\n  pages   = {${int(1, 900)}--${int(901, 1200)}},\n  doi     = {10.5555/bench.${key}}\n}\n`,
    );
  }
  writeFileSync(join(referencesDir, 'references.bib'), bib.join('\n'));

  const topics = topicNames.map(([name, kind]) => ({ slug: slug(name), name, kind }));
  for (const topic of topics) {
    const cites = Array.from({ length: 3 }, () => `[@${pick(keys)}]`);
    writeFileSync(
      join(contentDir, 'topics', `${topic.slug}.mdx`),
      `---\ntitle: ${JSON.stringify(topic.name[0]?.toUpperCase() + topic.name.slice(1))}\ndescription: ${JSON.stringify(sentence(14))}\nkind: ${topic.kind}\n---\n\n${sentence(30)} ${cites[0]}\n\n${sentence(40)} ${cites[1]} ${sentence(20)} ${cites[2]}\n`,
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
    const citation = (i: number) => {
      const other = keys[(index + 1 + i * 7) % keys.length];
      const forms = [
        `[@${other}]`,
        `[see @${other}, p. ${int(2, 40)}]`,
        `@${other}`,
        `[@${other}; @${pick(keys)}]`,
        `[-@${other}]`,
      ];
      return forms[i % forms.length];
    };
    const body = sections
      .map(
        (heading, i) =>
          `## ${heading}\n\n${sentence(int(25, 40))} ${i < 5 ? citation(i) : ''} ${sentence(int(15, 30))}\n`,
      )
      .join('\n');
    writeFileSync(
      join(contentDir, 'studies', `${key}.mdx`),
      [
        '---',
        `citekey: ${key}`,
        `summary: ${JSON.stringify(`${sentence(18)} ${sentence(12)}`)}`,
        `design: ${design}`,
        `population: ${JSON.stringify(sentence(8))}`,
        'n:',
        `  randomized: ${int(12, 600)}`,
        `substances: [${pick(substances).slug}]`,
        `topics: [${[...chosen].join(', ')}]`,
        `intervention: ${JSON.stringify(sentence(8))}`,
        `comparator: ${JSON.stringify(sentence(6))}`,
        `followUp: ${int(2, 52)} weeks`,
        `primaryOutcome: ${JSON.stringify(sentence(7))}`,
        `finding: "${pick(['positive', 'null', 'mixed', 'negative'])}"`,
        `certainty: ${pick(['high', 'moderate', 'low', 'very-low'])}`,
        `certaintyReason: ${JSON.stringify(sentence(10))}`,
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
  return { root, contentDir, referencesDir, keys };
}
