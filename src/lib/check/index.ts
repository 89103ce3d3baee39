/**
 * The content check: every reference, summary, topic and page read from disk and validated
 * together, every problem collected with its position. The build runs it before anything is
 * written (src/integrations/content-check.ts) and fails on any error, so a broken corpus never
 * half-builds; `npm run check` prints the same problems.
 *
 * The check is a list of rules (`rules`), each a named function of the shared context; a new rule
 * is a file in `rules/` and a line in the list.
 */
import { loadBibliographyFolder, type Bibliography } from '../bibliography.ts';
import { findCitations, type FoundCitation } from '../citations/mdast.ts';
import { loadContentFiles, type SourceFile } from '../content/collections.ts';
import { schemaProblems } from '../frontmatter.ts';
import type { Project } from '../project.ts';
import type { Problem } from '../problems.ts';
import {
  pageSchema,
  studySchema,
  topicSchema,
  type PageFrontmatter,
  type StudyFrontmatter,
  type TopicFrontmatter,
} from '../schema.ts';
import { parseBody, type CheckContext, type Checked, type ParsedBody, type Rule } from './context.ts';
import { auditFile } from './rules/audit-file.ts';
import { citationKeys, unusedReferences } from './rules/citations.ts';
import { citationStyle } from './rules/citation-style.ts';
import { fileNames } from './rules/file-names.ts';
import { findingsStatements } from './rules/findings-statements.ts';
import { findingsGrading } from './rules/grading.ts';
import { mdxBodies } from './rules/mdx-bodies.ts';
import { plainLanguage } from './rules/plain-language.ts';
import { referenceProblems } from './rules/references.ts';
import { summaryReferences } from './rules/summaries.ts';
import { summarySectionsRule } from './rules/summary-sections.ts';
import { titleCase } from './rules/title-case.ts';
import { findingsStudies, topicLinks } from './rules/topic-links.ts';

export type { CheckContext, Checked, Rule } from './context.ts';

/** Every rule of the check, in the order their problems are found. */
export const rules: readonly Rule[] = [
  referenceProblems,
  fileNames,
  summaryReferences,
  topicLinks,
  findingsStudies,
  findingsGrading,
  findingsStatements,
  summarySectionsRule,
  mdxBodies,
  citationKeys,
  unusedReferences,
  titleCase,
  plainLanguage,
  citationStyle,
  auditFile,
];

export interface ProjectCheck {
  readonly problems: readonly Problem[];
  readonly bibliography: Bibliography;
  readonly studies: readonly Checked<StudyFrontmatter>[];
  readonly topics: readonly Checked<TopicFrontmatter>[];
  readonly pages: readonly Checked<PageFrontmatter>[];
}

type Schema<T> = {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
};

function validate<T>(files: readonly SourceFile[], schema: Schema<T>, problems: Problem[]): Checked<T>[] {
  const valid: Checked<T>[] = [];
  for (const { id, frontmatter } of files) {
    problems.push(...frontmatter.problems);
    if (frontmatter.data === undefined) continue;
    const result = schema.safeParse(frontmatter.data);
    if (result.success) valid.push({ id, file: frontmatter.file, data: result.data });
    else problems.push(...schemaProblems(frontmatter, result.error));
  }
  return valid;
}

/** Read and check the whole project. Never throws on bad input: look at `problems`. */
export async function checkProject(project: Project, only: readonly Rule[] = rules): Promise<ProjectCheck> {
  const problems: Problem[] = [];
  const bibliography = loadBibliographyFolder(project.referencesDir, project.root);
  const content = loadContentFiles(project.contentDir, project.root);
  problems.push(...content.problems);
  const { files } = content;
  const studies = validate(files.studies, studySchema, problems);
  const topics = validate(files.topics, topicSchema, problems);
  const pages = validate(files.pages, pageSchema, problems);

  const frontmatterOf = new Map(
    [...files.studies, ...files.topics, ...files.pages].map((file) => [file.frontmatter.file, file.frontmatter]),
  );
  const bodies = new Map<SourceFile, ParsedBody>();
  const citations = new Map<SourceFile, readonly FoundCitation[]>();
  const body = (file: SourceFile) => {
    let parsed = bodies.get(file);
    if (!parsed) bodies.set(file, (parsed = parseBody(file, project.markdownProcessor)));
    return parsed;
  };
  const context: CheckContext = {
    project,
    bibliography,
    files,
    studies,
    topics,
    pages,
    topicIds: new Set(files.topics.map((file) => file.id)),
    topicKinds: new Map(topics.map((topic) => [topic.id, topic.data.kind])),
    summarised: new Set(studies.map((study) => study.id)),
    at: (file, path) => ({ file, ...(frontmatterOf.get(file)?.locate(path) ?? { line: 1, column: 1 }) }),
    body,
    citations: (file) => {
      let found = citations.get(file);
      if (!found) {
        const { tree, source } = body(file);
        citations.set(file, (found = tree ? findCitations(tree, source) : []));
      }
      return found;
    },
  };
  for (const rule of only) {
    for (const problem of await rule.check(context)) problems.push({ ...problem, rule: rule.name });
  }
  return { problems, bibliography, studies, topics, pages };
}
