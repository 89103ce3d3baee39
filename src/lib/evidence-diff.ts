/**
 * What a change to the corpus does to the evidence, for a reviewer: two "evidence snapshots" (the
 * studies with design, N, finding and certainty; each topic's summary-of-findings rows with
 * direction and certainty; which topics each study is in; the references; every content file's
 * text) compared into a list of changes, each with a consequence rank, and written as Markdown,
 * most consequential first. Pure: `npm run diff` (scripts/diff.ts) builds the snapshots of two Git
 * revisions with the project's own readers, and CI posts the report on the pull request.
 */
import type { ProjectCheck } from './check/index.ts';
import { certaintyRank } from './grading.ts';
import { certaintySymbols } from './findings.ts';
import { authorYearLabel, describeSample, headlineSample } from './labels.ts';
import { formatProblem, isError } from './problems.ts';
import { routes } from './routes.ts';
import type { FindingRow, Sample, StudyFrontmatter, TopicFrontmatter } from './schema.ts';
import {
  certaintyLabels,
  designLabels,
  directionLabels,
  findingLabels,
  type Certainty,
  type Design,
  type Finding,
} from './vocabulary.ts';

export interface StudySnapshot {
  readonly key: string;
  /** "Rieser et al. (2025)". */
  readonly label: string;
  readonly design: Design;
  readonly n: Sample;
  readonly finding: Finding;
  readonly certainty: Certainty;
  /** Topic and substance slugs. */
  readonly topics: readonly string[];
}

export interface RowSnapshot {
  readonly outcome: string;
  readonly direction: FindingRow['direction'];
  readonly certainty: Certainty;
  readonly studies: readonly string[];
  readonly participants?: number | undefined;
  readonly qualitative: boolean;
}

export interface TopicSnapshot {
  readonly slug: string;
  readonly title: string;
  readonly rows: readonly RowSnapshot[];
}

export interface ReferenceSnapshot {
  readonly key: string;
  readonly label: string;
  /** The record's fields that a reader sees, as text, for telling what changed. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface EvidenceSnapshot {
  readonly studies: ReadonlyMap<string, StudySnapshot>;
  readonly topics: ReadonlyMap<string, TopicSnapshot>;
  readonly references: ReadonlyMap<string, ReferenceSnapshot>;
  /** Each content file's text (or a digest of it), by its site path (`/studies/x/`, `/about/`). */
  readonly pages: ReadonlyMap<string, string>;
  /** Files that could not be read, with the reason (`file:line:col message`). */
  readonly problems: readonly string[];
}

/** How consequential a change is: lower comes first in the report. */
export const consequence = {
  /** Certainty, direction or finding of a row or study. */
  grading: 1,
  /** A summary-of-findings row added or removed. */
  row: 2,
  /** N, a row's participants, a study's design or a row's studies. */
  numbers: 3,
  /** A study summary added or removed. */
  study: 4,
  /** A study put into or taken out of a topic. */
  membership: 5,
  /** A reference added, removed or changed. */
  reference: 6,
} as const;
export type Consequence = (typeof consequence)[keyof typeof consequence];

export interface EvidenceChange {
  readonly rank: Consequence;
  /** One Markdown line, without the list marker. */
  readonly text: string;
  /** The site paths whose pages it changes. */
  readonly pages: readonly string[];
}

const sectionTitles: Readonly<Record<Consequence, string>> = {
  [consequence.grading]: 'Certainty, direction and findings',
  [consequence.row]: 'Summary-of-findings rows added or removed',
  [consequence.numbers]: 'Sample sizes, designs and the studies behind rows',
  [consequence.study]: 'Study summaries added or removed',
  [consequence.membership]: 'Studies in topics',
  [consequence.reference]: 'References',
};

/** Input for `studySnapshot`: a summary's frontmatter and the label of its reference. */
export function studySnapshot(key: string, data: StudyFrontmatter, label: string): StudySnapshot {
  return {
    key,
    label,
    design: data.design,
    n: data.n,
    finding: data.finding,
    certainty: data.certainty,
    topics: [...data.substances, ...data.topics],
  };
}

export function topicSnapshot(slug: string, data: TopicFrontmatter): TopicSnapshot {
  return {
    slug,
    title: data.title,
    rows: data.findings.map((row) => ({
      outcome: row.outcome,
      direction: row.direction,
      certainty: row.certainty,
      studies: row.studies,
      participants: row.participants,
      qualitative: row.qualitative,
    })),
  };
}

/** The record fields a reference change is told by. */
const referenceFields = ['type', 'title', 'container-title', 'volume', 'issue', 'page', 'DOI', 'URL'] as const;

/**
 * The snapshot of a checked project. `texts` holds each content file's text by the file name the
 * check gives it; a file that failed its schema is left out of the evidence and named in `problems`.
 */
export function evidenceSnapshot(check: ProjectCheck, texts: ReadonlyMap<string, string>): EvidenceSnapshot {
  const labels = new Map<string, string>(
    [...check.bibliography.references.values()].map((reference) => [
      reference.key,
      authorYearLabel(reference.csl, reference.authorListIncomplete),
    ]),
  );
  const pages = new Map<string, string>();
  const text = (file: string) => texts.get(file) ?? '';
  for (const study of check.studies) pages.set(routes.study(study.id), text(study.file));
  for (const topic of check.topics) pages.set(routes.topic(topic.id), text(topic.file));
  for (const page of check.pages) pages.set(routes.page(page.id), text(page.file));
  return {
    studies: new Map(
      check.studies.map((study) => [study.id, studySnapshot(study.id, study.data, labels.get(study.id) ?? study.id)]),
    ),
    topics: new Map(check.topics.map((topic) => [topic.id, topicSnapshot(topic.id, topic.data)])),
    references: new Map(
      [...check.bibliography.references.values()].map((reference) => {
        const { csl } = reference;
        const fields: Record<string, string> = {};
        for (const field of referenceFields) {
          const value = csl[field];
          if (value !== undefined && value !== '') fields[field] = String(value);
        }
        const authors = (csl.author ?? []).map((name) =>
          [name.family, name.given, name.literal].filter(Boolean).join(', '),
        );
        if (authors.length > 0) fields['author'] = authors.join('; ');
        const year = csl.issued?.['date-parts']?.[0]?.[0];
        if (year !== undefined) fields['year'] = String(year);
        const title = typeof csl.title === 'string' ? `, ${csl.title}` : '';
        return [reference.key, { key: reference.key, label: `${labels.get(reference.key)}${title}`, fields }];
      }),
    ),
    pages,
    problems: check.problems.filter(isError).map(formatProblem),
  };
}

/** Markdown inline code that holds any text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** Text from content, safe inside Markdown: no markup, no line breaks, no mentions. */
function plain(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200b')
    .trim();
}

function certaintyWords(certainty: Certainty): string {
  const symbols = certaintySymbols(certainty);
  return `${certaintyLabels[certainty].toLowerCase()}${symbols ? ` (${symbols})` : ''}`;
}

function sampleWords(n: Sample): string {
  return describeSample(n) ?? 'no N';
}

function studyName(study: StudySnapshot): string {
  return `**${plain(study.label)}** (${code(study.key)})`;
}

function topicName(topic: TopicSnapshot | undefined, slug: string): string {
  return topic ? `**${plain(topic.title)}**` : code(slug);
}

/** Rows are matched by outcome, then by position for a row whose outcome was reworded. */
function matchRows(
  before: readonly RowSnapshot[],
  after: readonly RowSnapshot[],
): { pairs: [RowSnapshot, RowSnapshot][]; added: RowSnapshot[]; removed: RowSnapshot[] } {
  const pairs: [RowSnapshot, RowSnapshot][] = [];
  const unmatchedBefore = [...before];
  const added: RowSnapshot[] = [];
  for (const row of after) {
    const index = unmatchedBefore.findIndex((old) => old.outcome === row.outcome);
    if (index >= 0) {
      pairs.push([unmatchedBefore[index] as RowSnapshot, row]);
      unmatchedBefore.splice(index, 1);
    } else {
      added.push(row);
    }
  }
  // A reworded outcome at the same place is the same row.
  const removed: RowSnapshot[] = [];
  for (const old of unmatchedBefore) {
    const at = before.indexOf(old);
    const candidate = after[at];
    const addedIndex = candidate ? added.indexOf(candidate) : -1;
    if (candidate && addedIndex >= 0) {
      pairs.push([old, candidate]);
      added.splice(addedIndex, 1);
    } else {
      removed.push(old);
    }
  }
  return { pairs, added, removed };
}

function lowerOrRaise(before: Certainty, after: Certainty): string {
  return certaintyRank(after) < certaintyRank(before) ? 'lowered' : 'raised';
}

function rowWords(row: RowSnapshot): string {
  const studies = `${row.studies.length} ${row.studies.length === 1 ? 'study' : 'studies'}`;
  return `${directionLabels[row.direction].toLowerCase()}, ${certaintyWords(row.certainty)}, ${studies}`;
}

function compareTopics(before: EvidenceSnapshot, after: EvidenceSnapshot, changes: EvidenceChange[]): void {
  for (const slug of new Set([...before.topics.keys(), ...after.topics.keys()])) {
    const old = before.topics.get(slug);
    const now = after.topics.get(slug);
    const page = routes.topic(slug);
    const name = topicName(now ?? old, slug);
    const { pairs, added, removed } = matchRows(old?.rows ?? [], now?.rows ?? []);
    for (const [was, is] of pairs) {
      const row = `${name}, row "${plain(is.outcome)}"`;
      if (was.outcome !== is.outcome) {
        changes.push({
          rank: consequence.numbers,
          text: `${row}: outcome reworded (was "${plain(was.outcome)}")`,
          pages: [page],
        });
      }
      if (was.certainty !== is.certainty) {
        changes.push({
          rank: consequence.grading,
          text: `${row}: ${is.qualitative ? 'confidence' : 'certainty'} ${lowerOrRaise(was.certainty, is.certainty)} from ${certaintyWords(was.certainty)} to ${certaintyWords(is.certainty)}`,
          pages: [page],
        });
      }
      if (was.direction !== is.direction) {
        changes.push({
          rank: consequence.grading,
          text: `${row}: direction changed from "${directionLabels[was.direction]}" to "${directionLabels[is.direction]}"`,
          pages: [page],
        });
      }
      if (was.participants !== is.participants) {
        changes.push({
          rank: consequence.numbers,
          text: `${row}: participants ${was.participants ?? 'from the studies'} → ${is.participants ?? 'from the studies'}`,
          pages: [page],
        });
      }
      const gone = was.studies.filter((key) => !is.studies.includes(key));
      const joined = is.studies.filter((key) => !was.studies.includes(key));
      if (gone.length > 0 || joined.length > 0) {
        const parts = [
          joined.length > 0 ? `adds ${joined.map(code).join(', ')}` : undefined,
          gone.length > 0 ? `drops ${gone.map(code).join(', ')}` : undefined,
        ].filter(Boolean);
        changes.push({ rank: consequence.numbers, text: `${row}: ${parts.join(' and ')}`, pages: [page] });
      }
    }
    for (const row of added) {
      changes.push({
        rank: consequence.row,
        text: `${name}: new row "${plain(row.outcome)}" (${rowWords(row)})`,
        pages: [page],
      });
    }
    for (const row of removed) {
      changes.push({
        rank: consequence.row,
        text: `${name}: row removed, "${plain(row.outcome)}" (was ${rowWords(row)})`,
        pages: [page],
      });
    }
  }
}

function compareStudies(before: EvidenceSnapshot, after: EvidenceSnapshot, changes: EvidenceChange[]): void {
  const topicTitle = (slug: string) => topicName(after.topics.get(slug) ?? before.topics.get(slug), slug);
  for (const key of new Set([...before.studies.keys(), ...after.studies.keys()])) {
    const old = before.studies.get(key);
    const now = after.studies.get(key);
    const page = routes.study(key);
    if (!old && now) {
      const headline = headlineSample(now.n);
      const topics = now.topics.map(topicTitle);
      changes.push({
        rank: consequence.study,
        text: `New study ${studyName(now)}: ${designLabels[now.design].toLowerCase()}, ${headline ? `N = ${headline.value}${headline.unit === 'studies' ? ' studies' : ''} (${sampleWords(now.n)})` : 'no N'}, finding ${findingLabels[now.finding].toLowerCase()}, certainty ${certaintyWords(now.certainty)}; in ${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}: ${topics.join(', ')}`,
        pages: [page, ...now.topics.map((slug) => routes.topic(slug))],
      });
      continue;
    }
    if (old && !now) {
      changes.push({
        rank: consequence.study,
        text: `Study removed: ${studyName(old)} (was ${designLabels[old.design].toLowerCase()}, ${sampleWords(old.n)}, certainty ${certaintyWords(old.certainty)}), from ${old.topics.map(topicTitle).join(', ')}`,
        pages: [page, ...old.topics.map((slug) => routes.topic(slug))],
      });
      continue;
    }
    if (!old || !now) continue;
    const topicPages = now.topics.map((slug) => routes.topic(slug));
    if (old.certainty !== now.certainty) {
      changes.push({
        rank: consequence.grading,
        text: `${studyName(now)}: certainty ${lowerOrRaise(old.certainty, now.certainty)} from ${certaintyWords(old.certainty)} to ${certaintyWords(now.certainty)}`,
        pages: [page, ...topicPages],
      });
    }
    if (old.finding !== now.finding) {
      changes.push({
        rank: consequence.grading,
        text: `${studyName(now)}: finding changed from ${findingLabels[old.finding].toLowerCase()} to ${findingLabels[now.finding].toLowerCase()}`,
        pages: [page, ...topicPages],
      });
    }
    if (old.design !== now.design) {
      changes.push({
        rank: consequence.numbers,
        text: `${studyName(now)}: design changed from ${designLabels[old.design].toLowerCase()} to ${designLabels[now.design].toLowerCase()}`,
        pages: [page, ...topicPages],
      });
    }
    if (sampleWords(old.n) !== sampleWords(now.n)) {
      changes.push({
        rank: consequence.numbers,
        text: `${studyName(now)}: N changed from ${sampleWords(old.n)} to ${sampleWords(now.n)}`,
        pages: [page, ...topicPages],
      });
    }
    const joined = now.topics.filter((slug) => !old.topics.includes(slug));
    const left = old.topics.filter((slug) => !now.topics.includes(slug));
    if (joined.length > 0) {
      changes.push({
        rank: consequence.membership,
        text: `${studyName(now)} added to ${joined.map(topicTitle).join(', ')}`,
        pages: [page, ...joined.map((slug) => routes.topic(slug))],
      });
    }
    if (left.length > 0) {
      changes.push({
        rank: consequence.membership,
        text: `${studyName(now)} taken out of ${left.map(topicTitle).join(', ')}`,
        pages: [page, ...left.map((slug) => routes.topic(slug))],
      });
    }
  }
}

function compareReferences(before: EvidenceSnapshot, after: EvidenceSnapshot, changes: EvidenceChange[]): void {
  for (const key of new Set([...before.references.keys(), ...after.references.keys()])) {
    const old = before.references.get(key);
    const now = after.references.get(key);
    const pages = [
      routes.references(),
      ...(after.studies.has(key) || before.studies.has(key) ? [routes.study(key)] : []),
    ];
    if (!old && now) {
      changes.push({ rank: consequence.reference, text: `Reference added: ${code(key)}, ${plain(now.label)}`, pages });
    } else if (old && !now) {
      changes.push({
        rank: consequence.reference,
        text: `Reference removed: ${code(key)}, ${plain(old.label)}`,
        pages,
      });
    } else if (old && now) {
      const fields = [...new Set([...Object.keys(old.fields), ...Object.keys(now.fields)])]
        .filter((field) => old.fields[field] !== now.fields[field])
        .sort();
      if (fields.length > 0) {
        changes.push({
          rank: consequence.reference,
          text: `Reference changed: ${code(key)}, ${plain(now.label)}: ${fields.join(', ')}`,
          pages,
        });
      }
    }
  }
}

/** Every change from `before` to `after`, most consequential first (then in the order found). */
export function compareEvidence(before: EvidenceSnapshot, after: EvidenceSnapshot): EvidenceChange[] {
  const changes: EvidenceChange[] = [];
  compareTopics(before, after, changes);
  compareStudies(before, after, changes);
  compareReferences(before, after, changes);
  return changes
    .map((change, order) => ({ change, order }))
    .sort((a, b) => a.change.rank - b.change.rank || a.order - b.order)
    .map(({ change }) => change);
}

/** The site paths whose pages change: those the changes name, and every content file whose text changed. */
export function pagesAffected(
  before: EvidenceSnapshot,
  after: EvidenceSnapshot,
  changes: readonly EvidenceChange[],
): { path: string; how: 'new' | 'removed' | 'changed' }[] {
  const paths = new Set(changes.flatMap((change) => change.pages));
  for (const path of new Set([...before.pages.keys(), ...after.pages.keys()])) {
    if (before.pages.get(path) !== after.pages.get(path)) paths.add(path);
  }
  return [...paths].sort().map((path) => ({
    path,
    how:
      !before.pages.has(path) && after.pages.has(path)
        ? 'new'
        : before.pages.has(path) && !after.pages.has(path)
          ? 'removed'
          : 'changed',
  }));
}

export interface ReportOptions {
  /** What is compared, as the heading says it: "`main` → this pull request". */
  readonly title: string;
  /** The site's address with its base, to link the pages affected; paths alone without it. */
  readonly site?: string | undefined;
}

/** The Markdown report of the changes between two snapshots. */
export function evidenceReport(before: EvidenceSnapshot, after: EvidenceSnapshot, options: ReportOptions): string {
  const changes = compareEvidence(before, after);
  const pages = pagesAffected(before, after, changes);
  const lines = [`## Evidence diff: ${options.title}`, ''];
  const evidence = changes.filter((change) => change.rank <= consequence.membership).length;
  if (changes.length === 0) {
    lines.push(
      pages.length === 0
        ? 'No change to the studies, topics, summary-of-findings rows or references.'
        : 'No change to the evidence: only the text of the pages below.',
    );
  } else {
    const references = changes.length - evidence;
    const count = (n: number, what: string) => `${n} ${n === 1 ? 'change' : 'changes'} ${what}`;
    const parts = [
      evidence > 0 ? count(evidence, 'in the evidence') : undefined,
      references > 0 ? count(references, 'to references') : undefined,
    ].filter(Boolean);
    lines.push(`${parts.join(' and ')}, most consequential first.`.replace(/^./, (first) => first.toUpperCase()));
  }
  for (const rank of Object.values(consequence)) {
    const section = changes.filter((change) => change.rank === rank);
    if (section.length === 0) continue;
    lines.push('', `### ${sectionTitles[rank]}`, '', ...section.map((change) => `- ${change.text}`));
  }
  if (pages.length > 0) {
    const site = options.site?.replace(/\/+$/, '');
    lines.push(
      '',
      '### Pages affected',
      '',
      ...pages.map(
        ({ path, how }) =>
          `- ${site && how !== 'removed' ? `[${path}](${site}${path})` : code(path)}${how === 'changed' ? '' : ` (${how})`}`,
      ),
    );
  }
  const problems = after.problems;
  if (problems.length > 0) {
    lines.push(
      '',
      '### Not compared',
      '',
      'These files have errors, so their evidence is left out above; `npm run check` (and the check in CI) lists them all:',
      '',
      ...problems.slice(0, 20).map((problem) => `- ${code(problem)}`),
      ...(problems.length > 20 ? [`- and ${problems.length - 20} more`] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}
