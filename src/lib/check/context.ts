/**
 * What every check rule reads: the project, the bibliography, the content files with their
 * frontmatter, the entries that passed their schema, and each body parsed as MDX once.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Bibliography } from '../bibliography.ts';
import { protectBracedKeys } from '../citations/braces.ts';
import type { FoundCitation } from '../citations/mdast.ts';
import type { ContentCollection, SourceFile } from '../content/collections.ts';
import type { Project } from '../project.ts';
import type { Problem } from '../problems.ts';
import type { PageFrontmatter, StudyFrontmatter, TopicFrontmatter } from '../schema.ts';
import type { TopicKind } from '../vocabulary.ts';

export interface Checked<T> {
  readonly id: string;
  /** Path relative to the project root. */
  readonly file: string;
  readonly data: T;
}

/** A body as MDX: its tree, or where and why it does not parse. */
export interface ParsedBody {
  /** The source with the frontmatter blanked out, so positions are the file's own. */
  readonly source: string;
  readonly tree: Root | undefined;
  readonly error: { readonly line: number; readonly column: number; readonly message: string } | undefined;
}

export interface CheckContext {
  readonly project: Project;
  readonly bibliography: Bibliography;
  /** Every content file read, valid or not. */
  readonly files: Readonly<Record<ContentCollection, readonly SourceFile[]>>;
  readonly studies: readonly Checked<StudyFrontmatter>[];
  readonly topics: readonly Checked<TopicFrontmatter>[];
  readonly pages: readonly Checked<PageFrontmatter>[];
  /** Topic slugs from file names; a topic whose frontmatter is invalid still exists. */
  readonly topicIds: ReadonlySet<string>;
  readonly topicKinds: ReadonlyMap<string, TopicKind>;
  /** Keys that have a valid summary. */
  readonly summarised: ReadonlySet<string>;
  /** Where the frontmatter field at `path` of `file` is (or its nearest parent). */
  at(file: string, path: readonly PropertyKey[]): Pick<Problem, 'file' | 'line' | 'column'>;
  /** The file's body parsed as MDX, once per check. */
  body(file: SourceFile): ParsedBody;
  /** The citations in the file's body, with positions (none when the body does not parse). */
  citations(file: SourceFile): readonly FoundCitation[];
}

/** One rule of the content check: a name, what it checks, and the problems it finds. */
export interface Rule {
  readonly name: string;
  readonly description: string;
  check(context: CheckContext): readonly Problem[] | Promise<readonly Problem[]>;
}

const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/** Parse a body as MDX, as the build will, with `@{key}` kept from MDX's expressions. */
export function parseBody(file: SourceFile): ParsedBody {
  const { frontmatter } = file;
  const source = protectBracedKeys('\n'.repeat(frontmatter.bodyLine - 1) + frontmatter.body);
  try {
    return { source, tree: mdxParser.parse(source), error: undefined };
  } catch (error) {
    const { line = 0, column = 0, reason } = error as { line?: number; column?: number; reason?: string };
    const message = reason ?? (error instanceof Error ? error.message : String(error));
    return { source, tree: undefined, error: { line: line ?? 0, column: column ?? 0, message } };
  }
}
