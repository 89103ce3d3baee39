/**
 * What every check rule reads: the project, the bibliography, the content files with their
 * frontmatter, the entries that passed their schema, and each body parsed as MDX once, by the
 * parser of the processor that will compile it.
 */
import type { Root } from 'mdast';
import { mdxToMdast } from 'satteri';
import type { Bibliography } from '../bibliography.ts';
import { protectBracedKeys } from '../citations/braces.ts';
import type { FoundCitation } from '../citations/mdast.ts';
import type { ContentCollection, SourceFile } from '../content/collections.ts';
import { remarkMdxParser, satteriFeatures } from '../content/markdown.ts';
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

/**
 * Sätteri's MDX parser with the build's features, except that text stays as written (no curly
 * quotes or dashes), so each character of a text node is where the source has it; the elements,
 * expressions, imports and links are the ones the build compiles.
 */
const satteriParse = (source: string) =>
  mdxToMdast(source, { features: { ...satteriFeatures, smartPunctuation: false } }) as Root;

/** Sätteri's parse error: "line:column: reason (rule)". */
function satteriError(message: string): { line: number; column: number; message: string } | undefined {
  const match = /^(\d+):(\d+): ([\s\S]*?)(?: \([\w:-]+\))?$/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]), message: match[3] ?? message } : undefined;
}

/**
 * Parse a body as MDX as the build will (Sätteri, or remark for `ATLAS_MARKDOWN_PROCESSOR=unified`),
 * with `@{key}` kept from MDX's expressions.
 */
export function parseBody(file: SourceFile, processor: Project['markdownProcessor']): ParsedBody {
  const { frontmatter } = file;
  const source = protectBracedKeys('\n'.repeat(frontmatter.bodyLine - 1) + frontmatter.body);
  try {
    const tree = processor === 'unified' ? remarkMdxParser.parse(source) : satteriParse(source);
    return { source, tree, error: undefined };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (processor !== 'unified') {
      return { source, tree: undefined, error: satteriError(text) ?? { line: 0, column: 0, message: text } };
    }
    const { line = 0, column = 0, reason } = error as { line?: number; column?: number; reason?: string };
    return { source, tree: undefined, error: { line: line ?? 0, column: column ?? 0, message: reason ?? text } };
  }
}
