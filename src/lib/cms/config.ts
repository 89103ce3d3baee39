/**
 * The configuration of the editors' CMS at `/admin/` (Decap CMS), generated from the frontmatter
 * schemas of src/lib/schema.ts at build time so the form never drifts from what `npm run check`
 * accepts. Each zod field becomes a Decap field: its label from the field name (or `fieldLabels`),
 * its hint from the field's comment in schema.ts (`schemaComments`), `required` from whether the
 * schema makes it optional, enums as selects with the site's labels, whole numbers as integer
 * inputs, objects and lists of objects as nested forms. Fields that name other entries choose
 * among the entries that exist: topics and substances among the topic slugs, a new summary's paper
 * among the references without a summary, a findings row's studies among the summarised ones.
 *
 * Pure: the build hands it the settings, the schema comments and the corpus (src/pages/admin/).
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import type { Bibliography } from '../bibliography.ts';
import { sectionGuidance, summarySections } from '../content/sections.ts';
import { repositoryPath, type Project } from '../project.ts';
import { pageSchema, studySchema, topicSchema } from '../schema.ts';
import {
  certaintyLabels,
  designLabels,
  directionLabels,
  downgradeLabels,
  findingLabels,
  topicKindLabels,
} from '../vocabulary.ts';
import { authorYearLabel } from '../labels.ts';
import { cmsWidgets } from './widgets.ts';

/** Labels where the field name does not read well on its own (others: `followUp` → "Follow up"). */
export const fieldLabels: Readonly<Record<string, string>> = {
  'studySchema.citekey': 'Paper',
  'studySchema.shortTitle': 'Short title',
  'studySchema.n': 'Participants (N)',
  'studySchema.n.randomized': 'Randomised',
  'studySchema.n.studies': 'Studies included',
  'studySchema.followUp': 'Follow-up',
  'studySchema.certaintyReason': 'Why this certainty',
  'studySchema.nocite': 'Listed without a citation',
  'studySchema.registry': 'Trial registrations',
  'studySchema.miscitations': 'Mistaken citations elsewhere',
  'studySchema.miscitations.alias': 'Mistaken key',
  'studySchema.miscitations.citedAs': 'Cited as',
  'studySchema.added': 'Added on',
  'studySchema.updated': 'Updated on',
  'topicSchema.pico': 'Question (PICO)',
  'topicSchema.nocite': 'Listed without a citation',
  'topicSchema.findings': 'Summary of findings',
  'topicSchema.findings.comparison': 'Compares groups',
  'topicSchema.findings.statement': 'Statement (GRADE wording)',
  'topicSchema.findings.followUp': 'Follow-up',
  'topicSchema.findings.downgrades': 'Reasons for rating down',
  'topicSchema.findings.downgrades.reason': 'Domain',
  'topicSchema.findings.downgrades.why': 'Why',
  'topicSchema.findings.downgrades.levels': 'Levels down',
  'topicSchema.evidenceNote': 'Evidence note',
  'pageSchema.nocite': 'Listed without a citation',
};

/** What one item of a list is called ("Add row"). */
const itemLabels: Readonly<Record<string, string>> = {
  'studySchema.registry': 'registration',
  'studySchema.miscitations': 'mistaken citation',
  'topicSchema.findings': 'row',
  'topicSchema.findings.downgrades': 'reason',
};

/** Text fields that take a paragraph rather than a line. */
const paragraphs = new Set([
  'studySchema.summary',
  'studySchema.population',
  'studySchema.intervention',
  'studySchema.comparator',
  'studySchema.certaintyReason',
  'studySchema.miscitations.differences',
  'topicSchema.description',
  'topicSchema.findings.result',
  'topicSchema.findings.downgrades.why',
  'topicSchema.evidenceNote',
  'pageSchema.description',
]);

/** Option labels of the enums that have them in src/lib/vocabulary.ts. */
const optionLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'studySchema.design': designLabels,
  'studySchema.finding': findingLabels,
  'studySchema.certainty': certaintyLabels,
  'topicSchema.kind': topicKindLabels,
  'topicSchema.findings.direction': directionLabels,
  'topicSchema.findings.certainty': certaintyLabels,
  'topicSchema.findings.downgrades.reason': downgradeLabels,
};

/** A topic as the form offers it. */
export interface CmsTopic {
  readonly slug: string;
  readonly title: string;
  readonly kind: string;
}

/** A reference as the form offers it. */
export interface CmsReference {
  readonly key: string;
  /** "Rieser et al. (2025): Psilocybin-assisted therapy for …". */
  readonly label: string;
  /** "Rieser et al. (2025)", as the preview shows a citation. */
  readonly short?: string;
  /** Whether a summary of it exists. */
  readonly summarised: boolean;
  /** Other keys that resolve to it (biblatex `ids`), which bodies may cite. */
  readonly aliases?: readonly string[];
}

export interface CmsInput {
  readonly project: Pick<Project, 'repository' | 'branch' | 'cmsAuthUrl' | 'cmsLocalBackend' | 'site' | 'base'>;
  /** The content folder relative to the repository root (`content`). */
  readonly contentFolder: string;
  /** The comments of src/lib/schema.ts (`schemaComments`). */
  readonly comments: ReadonlyMap<string, string>;
  readonly topics: readonly CmsTopic[];
  readonly references: readonly CmsReference[];
}

/**
 * The whole library as the CMS offers it, sorted by key: every entry, used on the site or not, since
 * a new summary is most often about a paper nothing cites yet.
 */
export function cmsReferences(bibliography: Bibliography, summaries: ReadonlySet<string>): CmsReference[] {
  return [...bibliography.references.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((reference) => {
      const short = authorYearLabel(reference.csl, reference.authorListIncomplete);
      return {
        key: reference.key,
        aliases: reference.aliases,
        label: `${short}: ${reference.csl.title ?? ''}`,
        short,
        summarised: summaries.has(reference.key),
      };
    });
}

/** A Decap field, as the config file holds it. */
export type CmsField = Record<string, unknown> & { name: string; label: string; widget: string };

/** The custom widgets src/scripts/admin.ts registers: a select and the Markdown editor that check what they hold. */
export { cmsWidgets };

/** "followUp" → "Follow up", "certaintyReason" → "Certainty reason". */
export function labelFromName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Whether Decap names a new file after this key unchanged: its slugs are lower-cased, with "."
 * and characters outside letters, digits, "_" and "-" replaced, so such keys need `npm run new`.
 */
export function keyIsSlugSafe(key: string): boolean {
  return /^[\p{Ll}\p{Lo}\p{N}_-]+$/u.test(key) && !key.startsWith('-');
}

type AnySchema = z.ZodType;

interface Unwrapped {
  readonly schema: AnySchema;
  readonly required: boolean;
  readonly fallback?: unknown;
}

/** Peels `.optional()` and `.default()` off a schema. */
function unwrap(schema: AnySchema): Unwrapped {
  let current = schema;
  let required = true;
  let fallback: unknown;
  for (;;) {
    if (current instanceof z.ZodOptional) {
      required = false;
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodDefault) {
      required = false;
      fallback = current.def.defaultValue;
      current = current.unwrap() as AnySchema;
    } else {
      return fallback === undefined ? { schema: current, required } : { schema: current, required, fallback };
    }
  }
}

/** The shape of an object schema (also one with `.strict()` and refinements). */
function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, AnySchema>) : undefined;
}

interface Context {
  readonly input: CmsInput;
  /** Field paths that the corpus turns into choices, by path. */
  readonly choices: ReadonlyMap<string, (field: CmsField) => CmsField>;
}

/**
 * Select options with the site's labels. zod keeps an enum as an object, whose number-like keys
 * ("2", "2/3") JavaScript orders first, so those are put back in numeric order.
 */
function options(values: readonly string[], labels?: Readonly<Record<string, string>>) {
  const numeric = values.every((value) => /^\d/.test(value));
  const ordered = numeric
    ? [...values].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b) || a.length - b.length)
    : values;
  return ordered.map((value) => ({ label: labels?.[value] ?? value, value }));
}

/** The Decap field for the schema field `name` at `path` (`studySchema.n.randomized`). */
function fieldFor(name: string, schema: AnySchema, path: string, context: Context): CmsField {
  const { schema: inner, required, fallback } = unwrap(schema);
  const hint = context.input.comments.get(path);
  const base: CmsField = {
    name,
    label: fieldLabels[path] ?? labelFromName(name),
    widget: 'string',
    required,
    ...(hint ? { hint } : {}),
  };
  const choice = context.choices.get(path);
  if (choice) return choice(base);
  if (inner instanceof z.ZodEnum) {
    const values = inner.options.map(String);
    return { ...base, widget: 'select', options: options(values, optionLabels[path]) };
  }
  if (inner instanceof z.ZodNumber) {
    const bounds = {
      ...(inner.minValue !== null && Number.isFinite(inner.minValue) ? { min: inner.minValue } : {}),
      ...(inner.maxValue !== null && inner.maxValue < Number.MAX_SAFE_INTEGER ? { max: inner.maxValue } : {}),
    };
    return {
      ...base,
      widget: 'number',
      value_type: inner.format === 'safeint' || inner.format === 'int32' ? 'int' : 'float',
      step: 1,
      ...bounds,
    };
  }
  if (inner instanceof z.ZodUnion && inner.options.every((option) => option instanceof z.ZodLiteral)) {
    const values = inner.options.flatMap((option) => [...(option as z.ZodLiteral).values]);
    if (values.every((value) => typeof value === 'number' && Number.isInteger(value))) {
      const numbers = values as number[];
      return {
        ...base,
        widget: 'number',
        value_type: 'int',
        step: 1,
        min: Math.min(...numbers),
        max: Math.max(...numbers),
        ...(typeof fallback === 'number' ? { default: fallback } : {}),
      };
    }
  }
  if (inner instanceof z.ZodBoolean) {
    return { ...base, widget: 'boolean', required: false, default: fallback === true };
  }
  if (inner instanceof z.ZodPipe) {
    // The one pipe of the schemas: a calendar date written YYYY-MM-DD.
    return {
      ...base,
      widget: 'datetime',
      format: 'YYYY-MM-DD',
      date_format: 'YYYY-MM-DD',
      time_format: false,
      picker_utc: true,
      ...(required ? { default: '{{now}}' } : {}),
    };
  }
  const shape = shapeOf(inner);
  if (shape) {
    const fields = Object.entries(shape).map(([key, value]) => fieldFor(key, value, `${path}.${key}`, context));
    return {
      ...base,
      widget: 'object',
      collapsed: false,
      // Decap asks for a required field of an object even when the object is left out, so inside
      // an optional object (a topic's question, a row's statement) none is required in the form;
      // the check still asks for all of them once the object is there.
      fields: required ? fields : fields.map((field) => ({ ...field, required: false })),
    };
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as AnySchema).schema;
    const elementShape = shapeOf(element);
    const min = inner.def.checks?.length ? minItems(inner) : undefined;
    if (elementShape) {
      const fields = Object.entries(elementShape).map(([key, value]) =>
        fieldFor(key, value, `${path}.${key}`, context),
      );
      const first = fields[0]?.name;
      return {
        ...base,
        widget: 'list',
        ...(itemLabels[path] ? { label_singular: itemLabels[path] } : {}),
        collapsed: true,
        ...(first ? { summary: `{{fields.${first}}}` } : {}),
        ...(min ? { min } : {}),
        fields,
      };
    }
    return {
      ...base,
      widget: 'list',
      ...(itemLabels[path] ? { label_singular: itemLabels[path] } : {}),
      ...(min ? { min } : {}),
      field: { name: 'item', label: base.label, widget: 'string' },
    };
  }
  if (inner instanceof z.ZodString) {
    const max = inner.maxLength;
    const minLength = inner.minLength ?? 0;
    const patterns: [string, string][] = [];
    if (max !== null) patterns.push([`^[\\s\\S]{0,${max}}$`, `${max} characters at most`]);
    else if (minLength > 0) patterns.push(['\\S', 'must not be empty']);
    return {
      ...base,
      widget: paragraphs.has(path) ? 'text' : 'string',
      ...(patterns[0] ? { pattern: patterns[0] } : {}),
    };
  }
  throw new Error(`the CMS has no widget for ${path} (${inner.def.type}): add one in src/lib/cms/config.ts`);
}

function minItems(array: z.ZodArray): number | undefined {
  for (const check of array.def.checks ?? []) {
    const def = (check as { _zod?: { def?: { check?: string; minimum?: number } } })._zod?.def;
    if (def?.check === 'min_length' && typeof def.minimum === 'number') return def.minimum;
  }
  return undefined;
}

/** Every field of `schema` (named `schemaName` in schema.ts), in the schema's order. */
export function schemaFields(
  schemaName: string,
  schema: AnySchema,
  input: CmsInput,
  choices: ReadonlyMap<string, (field: CmsField) => CmsField> = corpusChoices(formLists(input)),
): CmsField[] {
  const shape = shapeOf(schema);
  if (!shape) throw new Error(`${schemaName} is not an object schema`);
  const context: Context = { input, choices };
  return Object.entries(shape).map(([name, value]) => fieldFor(name, value, `${schemaName}.${name}`, context));
}

type Option = { label: string; value: string };

/**
 * The lists the form offers, made once per configuration: fields that offer the same list hold
 * the same array, which the YAML writer then writes once and refers to with an alias, so the
 * configuration grows once with the library rather than once per field. Each list has option objects of its own:
 * an object shared between lists would get an anchor of its own, and the YAML writer names anchors
 * in time that grows with the square of their number.
 */
interface FormLists {
  readonly themes: Option[];
  readonly substances: Option[];
  readonly topics: Option[];
  readonly references: Option[];
  readonly summarised: Option[];
  /** A new summary's paper: those without a summary first, then those with one, marked. */
  readonly citekey: Option[];
  readonly summarisedKeys: string[];
  /** Every key and alias a body may cite, and how the preview shows its citation. */
  readonly bodyKeys: string[];
  readonly bodyLabels: Record<string, string>;
}

function formLists(input: CmsInput): FormLists {
  const { topics, references } = input;
  const topicOptions = (list: readonly CmsTopic[]): Option[] =>
    list.map((topic) => ({ label: `${topic.title} (${topic.slug})`, value: topic.slug }));
  const option = (reference: CmsReference, marked = ''): Option => ({
    label: `${reference.label} [${reference.key}]${marked}`,
    value: reference.key,
  });
  const summarised = references.filter((reference) => reference.summarised);
  return {
    themes: topicOptions(topics.filter((topic) => topic.kind !== 'substance')),
    substances: topicOptions(topics.filter((topic) => topic.kind === 'substance')),
    topics: topicOptions(topics),
    references: references.map((reference) => option(reference)),
    summarised: summarised.map((reference) => option(reference)),
    citekey: [
      ...references
        .filter((reference) => !reference.summarised && keyIsSlugSafe(reference.key))
        .map((reference) => option(reference)),
      ...summarised.map((reference) => option(reference, ': has a summary')),
    ],
    summarisedKeys: summarised.map((reference) => reference.key),
    bodyKeys: references.flatMap((reference) => [reference.key, ...(reference.aliases ?? [])]),
    bodyLabels: Object.fromEntries(
      references.flatMap((reference) =>
        [reference.key, ...(reference.aliases ?? [])].map((key) => [key, reference.short ?? reference.key]),
      ),
    ),
  };
}

/** The fields whose values name other entries, as choices among the entries that exist. */
export function corpusChoices(lists: FormLists): Map<string, (field: CmsField) => CmsField> {
  const multiple =
    (choices: Option[], min?: number) =>
    (field: CmsField): CmsField => ({
      ...field,
      widget: 'select',
      multiple: true,
      ...(min ? { min } : {}),
      options: choices,
      ...(field.required ? {} : { default: [] }),
    });
  return new Map<string, (field: CmsField) => CmsField>([
    [
      'studySchema.citekey',
      (field) => ({
        ...field,
        widget: cmsWidgets.citekey,
        hint: `The paper this summary is about, from the bibliography: those without a summary come first; one that has a summary cannot be chosen for a new one. ${field.hint ?? ''} To add a paper, see "Edit in the browser" in CONTRIBUTING.md.`,
        // Summarised papers are listed too, so an existing summary shows its own; the widget
        // refuses one of them for a new summary (src/scripts/admin.ts).
        options: lists.citekey,
        summarised: lists.summarisedKeys,
      }),
    ],
    ['studySchema.topics', multiple(lists.themes, 1)],
    ['studySchema.substances', multiple(lists.substances)],
    ['studySchema.nocite', multiple(lists.references)],
    ['topicSchema.related', multiple(lists.topics)],
    ['topicSchema.nocite', multiple(lists.references)],
    ['topicSchema.findings.studies', multiple(lists.summarised, 1)],
    ['pageSchema.nocite', multiple(lists.references)],
  ]);
}

/** The body of a new summary: the four sections, each with its guidance as a comment. */
export function summaryBody(): string {
  return summarySections.map((section) => `## ${section}\n\n{/* ${sectionGuidance[section]} */}\n`).join('\n');
}

/** The Markdown body field, which checks its citations against the bibliography. */
function bodyField(lists: FormLists, hint: string, fallback?: string): CmsField {
  return {
    name: 'body',
    label: 'Text',
    widget: cmsWidgets.body,
    hint,
    // Raw Markdown only: the rich-text editor rewrites comments ({/* … */} loses its stars) and escapes citations.
    modes: ['raw'],
    buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'quote', 'bulleted-list', 'numbered-list'],
    editor_components: [],
    sanitize_preview: true,
    keys: lists.bodyKeys,
    labels: lists.bodyLabels,
    ...(fallback ? { default: fallback } : {}),
  };
}

// Decap shows hints as Markdown: code spans keep the brackets and backslashes as they are typed.
const bodyHint =
  'Markdown. Cite with `[@key]` (several: `[@a; @b]`; a page: `[@key, p. 4]`). Write a literal `{` or `<` as `\\{` or `\\<`. Comments such as `{/* note */}` are not shown to readers.';

/** The whole Decap configuration. */
export function cmsConfig(input: CmsInput): Record<string, unknown> {
  const { project, contentFolder } = input;
  // One set of lists for every collection, so the YAML writer writes each once (`formLists`).
  const lists = formLists(input);
  const choices = corpusChoices(lists);
  const folder = (name: string) => [contentFolder, name].filter(Boolean).join('/');
  const repository = project.repository ? new URL(project.repository) : undefined;
  const backend = repository
    ? {
        name: 'github',
        repo: repositoryPath(repository.href),
        branch: project.branch,
        base_url: project.cmsAuthUrl,
        // GitHub Enterprise: its API lives on the same host.
        ...(repository.host === 'github.com' ? {} : { api_root: `https://${repository.host}/api/v3` }),
        squash_merges: true,
        commit_messages: commitMessages,
      }
    : {
        // No repository: only a decap-server on this computer can save.
        name: 'proxy',
        proxy_url: project.cmsLocalBackend,
        branch: project.branch,
        commit_messages: commitMessages,
      };
  const site = `${project.site.replace(/\/+$/, '')}${project.base}`;
  return {
    backend,
    local_backend: { url: project.cmsLocalBackend },
    publish_mode: 'editorial_workflow',
    site_url: site,
    display_url: site,
    media_folder: 'public/media',
    public_folder: `${project.base}/media`,
    locale: 'en',
    collections: [
      {
        name: 'studies',
        label: 'Study summaries',
        label_singular: 'Study summary',
        description:
          'One summary per paper. Every figure comes from the paper. Saving opens a pull request; its checks say what is still wrong.',
        folder: folder('studies'),
        extension: 'mdx',
        format: 'frontmatter',
        create: true,
        delete: false,
        identifier_field: 'citekey',
        slug: '{{citekey}}',
        summary: '{{citekey}}: {{shortTitle}}',
        sortable_fields: ['citekey', 'added', 'design', 'certainty'],
        preview_path: 'studies/{{slug}}/',
        fields: [
          ...schemaFields('studySchema', studySchema, input, choices),
          bodyField(
            lists,
            `${bodyHint} Keep the four sections in this order: ${summarySections.join(', ')}.`,
            summaryBody(),
          ),
        ],
      },
      {
        name: 'topics',
        label: 'Topics',
        label_singular: 'Topic',
        description: 'Themes, conditions, substances and methods, each with its summary of findings.',
        folder: folder('topics'),
        extension: 'mdx',
        format: 'frontmatter',
        create: true,
        delete: false,
        identifier_field: 'title',
        summary: '{{title}}',
        preview_path: 'topics/{{slug}}/',
        fields: [
          ...schemaFields('topicSchema', topicSchema, input, choices),
          bodyField(lists, `${bodyHint} An overview in prose.`),
        ],
      },
      {
        name: 'pages',
        label: 'Pages',
        label_singular: 'Page',
        folder: folder('pages'),
        extension: 'mdx',
        format: 'frontmatter',
        create: false,
        delete: false,
        identifier_field: 'title',
        summary: '{{title}}',
        preview_path: '{{slug}}/',
        fields: [...schemaFields('pageSchema', pageSchema, input, choices), bodyField(lists, bodyHint)],
      },
    ],
  };
}

/** Commit messages of the CMS, in the project's words. */
const commitMessages = {
  create: 'Add the {{collection}} entry {{slug}}',
  update: 'Update the {{collection}} entry {{slug}}',
  delete: 'Delete the {{collection}} entry {{slug}}',
  uploadMedia: 'Add {{path}}',
  deleteMedia: 'Delete {{path}}',
  openAuthoring: '{{message}}',
};

/**
 * The configuration as the CMS reads it (`/admin/config.yml`). A list several fields offer is
 * written once, with an anchor, and referred to by an alias (`*a1`) in the others.
 */
export function cmsConfigYaml(input: CmsInput): string {
  const header =
    '# Generated by the build from src/lib/schema.ts and the corpus (src/lib/cms/config.ts): edit those, not this.';
  return `${header}\n${stringify(cmsConfig(input), { lineWidth: 0, aliasDuplicateObjects: true })}`;
}
