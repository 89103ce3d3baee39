/**
 * The content check: every reference, summary, topic and page read from disk and validated
 * together, every problem collected with its position. The build runs it before anything is
 * written (src/integration.ts) and fails on any problem, so a broken corpus never half-builds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  knownKeys,
  loadBibliographyFolder,
  resolveReference,
  type Bibliography,
  type CitationKey,
} from './bibliography.ts';
import { readFrontmatter, schemaProblems, type Frontmatter } from './frontmatter.ts';
import type { Problem } from './problems.ts';
import {
  slugPattern,
  pageSchema,
  studySchema,
  topicSchema,
  type PageFrontmatter,
  type StudyFrontmatter,
  type TopicFrontmatter,
} from './schema.ts';
import { didYouMean } from './suggest.ts';
import { protectBracedKeys } from './citations/braces.ts';
import { findCitations } from './citations/mdast.ts';
import { unknownKeyProblems } from './citations/render.ts';
import { describeStyle, registerStyles } from './citations/styles.ts';
import { parseCitations } from './citations/syntax.ts';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** First path segments the site uses itself; a page in content/pages cannot take them. */
export const reservedPageIds: readonly string[] = ['studies', 'topics', 'references', 'search', 'map', 'rss.xml'];

export interface ProjectPaths {
  readonly root: string;
  /** Holds `studies/`, `topics/` and `pages/`. */
  readonly contentDir: string;
  /** Holds the `.bib` files. */
  readonly referencesDir: string;
}

/**
 * The content and references folders: `content/` and `references/` under the root, or the
 * folders named by ATLAS_CONTENT_DIR and ATLAS_REFERENCES_DIR (to build the engine from
 * another corpus).
 */
export function resolvePaths(root: string, env: Record<string, string | undefined> = process.env): ProjectPaths {
  const pick = (value: string | undefined, fallback: string) =>
    value ? (isAbsolute(value) ? value : resolve(root, value)) : join(root, fallback);
  return {
    root,
    contentDir: pick(env['ATLAS_CONTENT_DIR'], 'content'),
    referencesDir: pick(env['ATLAS_REFERENCES_DIR'], 'references'),
  };
}

export interface Checked<T> {
  readonly id: string;
  readonly file: string;
  readonly data: T;
}

export interface ProjectCheck {
  readonly problems: readonly Problem[];
  readonly bibliography: Bibliography;
  readonly studies: readonly Checked<StudyFrontmatter>[];
  readonly topics: readonly Checked<TopicFrontmatter>[];
  readonly pages: readonly Checked<PageFrontmatter>[];
}

interface SourceFile {
  readonly id: string;
  readonly frontmatter: Frontmatter;
}

function readCollection(directory: string, root: string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => /\.mdx?$/.test(name))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(directory, name);
    return {
      id: name.replace(/\.mdx?$/, ''),
      frontmatter: readFrontmatter(relative(root, path), readFileSync(path, 'utf8')),
    };
  });
}

function validate<T>(
  files: readonly SourceFile[],
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  problems: Problem[],
): Checked<T>[] {
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

const markdownParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/**
 * Unknown citation keys in a body, with positions. A quick scan of the raw text finds every key
 * that could be a citation; only a body with an unknown one is parsed for real (where a link or
 * code may turn out to hold it), so a clean corpus costs a string scan per file.
 */
export function bodyCitationProblems(
  frontmatter: Frontmatter,
  bibliography: Bibliography,
  cited?: Set<string>,
): Problem[] {
  const candidates = parseCitations(frontmatter.body).flatMap((citation) => citation.items.map((item) => item.key));
  for (const key of candidates) {
    const reference = resolveReference(bibliography, key);
    if (reference) cited?.add(reference.key);
  }
  if (candidates.every((key) => bibliography.references.has(key as CitationKey))) return [];
  // Parse with the frontmatter blanked out, so positions are the file's own, and `@{key}` kept
  // from MDX's expressions as the build keeps it.
  const source = protectBracedKeys('\n'.repeat(frontmatter.bodyLine - 1) + frontmatter.body);
  const found = findCitations(markdownParser.parse(source), source);
  const aliases: Problem[] = found.flatMap((citation) =>
    citation.items.flatMap((item) => {
      const target = bibliography.aliases.get(item.key);
      return target === undefined
        ? []
        : [
            {
              file: frontmatter.file,
              line: item.line,
              column: item.column,
              severity: 'warning' as const,
              message: `"${item.key}" is an alias of "${target}": cite the verified key "${target}"`,
            },
          ];
    }),
  );
  return [...unknownKeyProblems(frontmatter.file, found, bibliography), ...aliases];
}

/** The body sections every summary has, in this order. */
export const summarySections = [
  'What was done',
  'What was found',
  'What it means for practice',
  'Limitations',
] as const;

function missingSections(frontmatter: Frontmatter): Problem[] {
  const headings = [...frontmatter.body.matchAll(/^##[ \t]+(.+?)[ \t]*#*$/gm)].map((match) => match[1]?.trim() ?? '');
  return summarySections
    .filter((section) => !headings.some((heading) => heading.toLowerCase() === section.toLowerCase()))
    .map((section) => ({
      file: frontmatter.file,
      line: frontmatter.bodyLine,
      column: 1,
      message: `missing section "## ${section}": a summary has ${summarySections.map((each) => `"${each}"`).join(', ')}`,
    }));
}

/** Read and check the whole project. Never throws on bad input: look at `problems`. */
export function checkProject(paths: ProjectPaths, options: { citationStyle?: string } = {}): ProjectCheck {
  const problems: Problem[] = [];
  const bibliography = loadBibliographyFolder(paths.referencesDir, paths.root);
  problems.push(...bibliography.problems);
  if (bibliography.references.size === 0 && bibliography.problems.length === 0) {
    problems.push({
      file: relative(paths.root, paths.referencesDir) || '.',
      line: 0,
      column: 0,
      message: 'no references: add at least one .bib file with entries to this folder',
    });
  }

  const studyFiles = readCollection(join(paths.contentDir, 'studies'), paths.root);
  const topicFiles = readCollection(join(paths.contentDir, 'topics'), paths.root);
  const pageFiles = readCollection(join(paths.contentDir, 'pages'), paths.root);
  const studies = validate(studyFiles, studySchema, problems);
  const topics = validate(topicFiles, topicSchema, problems);
  const pages = validate(pageFiles, pageSchema, problems);

  for (const { id, frontmatter } of topicFiles) {
    if (!slugPattern.test(id)) {
      problems.push({
        file: frontmatter.file,
        line: 0,
        column: 0,
        message: `"${id}" is not a topic slug: name the file in lower-case words joined by hyphens, such as alcohol-use-disorder.mdx`,
      });
    }
  }
  for (const { id, frontmatter } of pageFiles) {
    if (reservedPageIds.includes(id) || !slugPattern.test(id)) {
      problems.push({
        file: frontmatter.file,
        line: 0,
        column: 0,
        message: reservedPageIds.includes(id)
          ? `a page cannot be named "${id}": /${id}/ belongs to the site; rename the file`
          : `"${id}" is not a page slug: name the file in lower-case words joined by hyphens, such as about.mdx`,
      });
    }
  }

  // Topic slugs come from file names; invalid topics still count as existing so that one
  // broken topic file does not also report every summary that uses it.
  const topicKinds = new Map(topics.map((topic) => [topic.id, topic.data.kind]));
  const topicIds = new Set(topicFiles.map((file) => file.id));
  const frontmatterOf = new Map(
    [...studyFiles, ...topicFiles].map((file) => [file.frontmatter.file, file.frontmatter]),
  );
  const at = (file: string, path: readonly PropertyKey[]) => ({
    file,
    ...(frontmatterOf.get(file)?.locate(path) ?? { line: 1, column: 1 }),
  });
  const checkTopic = (file: string, path: readonly PropertyKey[], slug: string) => {
    if (topicIds.has(slug)) return true;
    problems.push({
      ...at(file, path),
      message: `unknown topic "${slug}"${didYouMean(slug, topicIds)}: add content/topics/${slug}.mdx or fix the slug`,
    });
    return false;
  };

  for (const { id, file, data } of studies) {
    if (data.citekey !== id) {
      problems.push({
        ...at(file, ['citekey']),
        message: `citekey "${data.citekey}" does not match the file name: rename the file to ${data.citekey}.mdx or fix the key`,
      });
    }
    const reference = resolveReference(bibliography, data.citekey);
    if (!reference) {
      problems.push({
        ...at(file, ['citekey']),
        message: `unknown citation key "${data.citekey}"${didYouMean(data.citekey, knownKeys(bibliography))}: the summary needs its entry in references/*.bib`,
      });
    } else if (reference.key !== data.citekey) {
      problems.push({
        ...at(file, ['citekey']),
        message: `citekey "${data.citekey}" is an alias of "${reference.key}": a summary uses the entry's own key (rename to ${reference.key}.mdx)`,
      });
    } else {
      data.miscitations.forEach((miscitation, index) => {
        if (!reference.aliases.includes(miscitation.alias)) {
          problems.push({
            ...at(file, ['miscitations', index, 'alias']),
            message: `"${miscitation.alias}" is not an alias of "${reference.key}": add it to the entry's ids field in ${reference.file}:${reference.line}`,
          });
        }
      });
    }
    data.topics.forEach((slug, index) => checkTopic(file, ['topics', index], slug));
    data.substances.forEach((slug, index) => {
      if (!checkTopic(file, ['substances', index], slug)) return;
      const kind = topicKinds.get(slug);
      if (kind !== undefined && kind !== 'substance') {
        problems.push({
          ...at(file, ['substances', index]),
          message: `"${slug}" is a ${kind} topic, not a substance: list it under topics, or give the topic kind: substance`,
        });
      }
    });
  }

  const summarised = new Set(studies.map((study) => study.id));
  for (const { id, file, data } of topics) {
    data.findings.forEach((row, index) => {
      row.studies.forEach((key, position) => {
        if (summarised.has(key)) return;
        problems.push({
          ...at(file, ['findings', index, 'studies', position]),
          message: `"${key}" in the summary of findings has no summary${didYouMean(key, summarised)}: findings draw on summarised studies only`,
        });
      });
    });
    data.related.forEach((slug, index) => {
      if (slug === id) {
        problems.push({
          ...at(file, ['related', index]),
          message: `a topic cannot be related to itself: remove "${slug}"`,
        });
      } else {
        checkTopic(file, ['related', index], slug);
      }
    });
  }

  const validNocite = new Map(
    [...studies, ...topics, ...pages].map((entry) => [entry.file, (entry.data as { nocite: string[] }).nocite]),
  );
  const cited = new Set<string>();
  for (const file of studyFiles)
    if (file.frontmatter.data !== undefined) problems.push(...missingSections(file.frontmatter));
  for (const file of [...studyFiles, ...topicFiles, ...pageFiles]) {
    const { frontmatter } = file;
    if (frontmatter.data === undefined) continue;
    problems.push(...bodyCitationProblems(frontmatter, bibliography, cited));
    (validNocite.get(frontmatter.file) ?? []).forEach((key, index) => {
      const reference = resolveReference(bibliography, key);
      if (reference) {
        cited.add(reference.key);
        return;
      }
      problems.push({
        file: frontmatter.file,
        ...frontmatter.locate(['nocite', index]),
        message: `unknown citation key "${key}" in nocite${didYouMean(key, knownKeys(bibliography))}`,
      });
    });
  }

  // A reference nobody cites and nothing summarises is probably a leftover or a typo'd key.
  for (const reference of bibliography.references.values()) {
    if (cited.has(reference.key) || summarised.has(reference.key)) continue;
    problems.push({
      file: reference.file,
      line: reference.line,
      column: reference.column,
      severity: 'warning',
      message: `"${reference.key}" is neither cited nor summarised: cite it, summarise it, or remove it`,
    });
  }

  const stylesDir = join(paths.referencesDir, 'styles');
  registerStyles(stylesDir);
  const style = options.citationStyle ?? 'apa';
  if (!describeStyle(style)) {
    problems.push({
      file: 'astro.config.mjs',
      line: 0,
      column: 0,
      message: `unknown citation style "${style}": use apa, vancouver, harvard1, or put ${style}.csl in ${relative(paths.root, stylesDir)}/`,
    });
  }

  return { problems, bibliography, studies, topics, pages };
}
