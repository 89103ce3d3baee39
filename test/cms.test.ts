/**
 * The editors' CMS configuration (src/lib/cms/): generated from the frontmatter schemas, so every
 * field is in the form with a label and the comment of src/lib/schema.ts as its hint; enums as
 * selects with the site's labels; whole numbers as integers; entries that must exist as choices
 * among those that do. And the form's own checks (src/lib/cms/form.ts), which mirror the content
 * check where a form can. e2e/admin.test.ts drives the same configuration in Chromium.
 */
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkProject } from '../src/lib/check/index.ts';
import { mdxBodies } from '../src/lib/check/rules/mdx-bodies.ts';
import { summarySectionsRule } from '../src/lib/check/rules/summary-sections.ts';
import {
  cmsConfig,
  cmsConfigYaml,
  cmsWidgets,
  fieldLabels,
  keyIsSlugSafe,
  labelFromName,
  summaryBody,
  type CmsField,
  type CmsInput,
} from '../src/lib/cms/config.ts';
import {
  citedKeys,
  citekeyProblem,
  emptyPaths,
  previewBody,
  sectionProblems,
  unknownCitations,
} from '../src/lib/cms/form.ts';
import { pathInRepository } from '../src/lib/cms/repository.ts';
import { schemaComments } from '../src/lib/cms/schema-docs.ts';
import { summarySections } from '../src/lib/content/sections.ts';
import { resolveProject } from '../src/lib/project.ts';
import { pageSchema, studySchema, topicSchema } from '../src/lib/schema.ts';
import {
  certainties,
  certaintyLabels,
  designLabels,
  designs,
  directions,
  findings,
  topicKinds,
} from '../src/lib/vocabulary.ts';

const schemaSource = readFileSync(new URL('../src/lib/schema.ts', import.meta.url), 'utf8');
const comments = schemaComments(schemaSource);

const input = (overrides: Partial<Parameters<typeof resolveProject>[1]> = {}): CmsInput => ({
  project: resolveProject('/srv/atlas', { ATLAS_REPOSITORY: 'https://github.com/owner/evidence-atlas', ...overrides }),
  contentFolder: 'content',
  comments,
  topics: [
    { slug: 'ptsd', title: 'PTSD', kind: 'condition' },
    { slug: 'integration', title: 'Integration', kind: 'theme' },
    { slug: 'mdma', title: 'MDMA', kind: 'substance' },
  ],
  references: [
    { key: 'mitchell2021', label: 'Mitchell et al. (2021): MDMA', short: 'Mitchell et al. (2021)', summarised: true },
    {
      key: 'rieser2025',
      label: 'Rieser et al. (2025): Psilocybin',
      short: 'Rieser et al. (2025)',
      summarised: false,
      aliases: ['rieser2024'],
    },
    { key: 'Smith.2020', label: 'Smith (2020): A key Decap would rename', summarised: false },
  ],
});

type Collection = { name: string; fields: CmsField[]; [key: string]: unknown };
const collections = (config = cmsConfig(input())) => config['collections'] as Collection[];
const collection = (name: string, config = cmsConfig(input())) => {
  const found = collections(config).find((each) => each.name === name);
  if (!found) throw new Error(`no collection ${name}`);
  return found;
};

/** Every field of a field list, nested ones too, with its dotted path. */
function walk(fields: readonly CmsField[], prefix: string): [string, CmsField][] {
  return fields.flatMap((field) => {
    const path = `${prefix}.${field.name}`;
    const nested = (field['fields'] as CmsField[] | undefined) ?? [];
    return [[path, field] as [string, CmsField], ...walk(nested, path)];
  });
}

const field = (collectionName: string, path: string): CmsField => {
  const schemaName = { studies: 'studySchema', topics: 'topicSchema', pages: 'pageSchema' }[collectionName];
  const found = walk(collection(collectionName).fields, schemaName ?? '').find(([each]) => each === path);
  if (!found) throw new Error(`no field ${path}`);
  return found[1];
};

describe('schemaComments', () => {
  it('reads each field comment, following nested objects, lists of objects and other schemas', () => {
    const source = `
      const inner = z.object({
        /** Inner field. */
        deep: z.string(),
      });
      export const outer = z
        .object({
          /** The first. */
          first: z.string().optional(),
          /**
           * Spread over
           * two lines.
           */
          second: inner.default({}),
          /** A list. */
          rows: z
            .array(
              z
                .object({
                  /** Row field. */
                  cell: z.number(),
                })
                .strict(),
            )
            .default([]),
          plain: z.boolean(),
        })
        .strict()
        .superRefine(() => {});
    `;
    expect(Object.fromEntries(schemaComments(source))).toEqual({
      'inner.deep': 'Inner field.',
      'outer.first': 'The first.',
      'outer.second': 'Spread over two lines.',
      'outer.second.deep': 'Inner field.',
      'outer.rows': 'A list.',
      'outer.rows.cell': 'Row field.',
    });
  });
});

describe('the generated form', () => {
  const schemas = { studies: studySchema, topics: topicSchema, pages: pageSchema } as const;

  it('has every field of each schema, in the schema order, then the body', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      expect(collection(name).fields.map((each) => each.name)).toEqual([...Object.keys(schema.shape), 'body']);
    }
  });

  it('gives every field, nested ones too, a label and the comment of src/lib/schema.ts as its hint', () => {
    // A new field without a comment in schema.ts fails here.
    for (const [name, schemaName] of [
      ['studies', 'studySchema'],
      ['topics', 'topicSchema'],
      ['pages', 'pageSchema'],
    ] as const) {
      for (const [path, each] of walk(collection(name).fields, schemaName)) {
        if (each.name === 'body') continue;
        expect(each.label, path).toMatch(/\S/);
        expect(each['hint'], `${path} has no comment in src/lib/schema.ts`).toEqual(expect.stringMatching(/\S/));
        expect(String(each['hint']), path).toContain(comments.get(path) ?? '(no comment)');
      }
    }
  });

  it('has no label for a field that does not exist', () => {
    const paths = new Set(
      [
        ...walk(collection('studies').fields, 'studySchema'),
        ...walk(collection('topics').fields, 'topicSchema'),
        ...walk(collection('pages').fields, 'pageSchema'),
      ].map(([path]) => path),
    );
    expect(Object.keys(fieldLabels).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('labels fields from their names where no label is set', () => {
    expect(labelFromName('primaryOutcome')).toBe('Primary outcome');
    expect(field('studies', 'studySchema.primaryOutcome').label).toBe('Primary outcome');
    expect(field('studies', 'studySchema.n').label).toBe('Participants (N)');
  });

  it('requires exactly the fields the schema requires', () => {
    const optional = (schema: z.ZodType) => schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [key, inner] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        const generated = collection(name).fields.find((each) => each.name === key);
        expect(generated?.['required'], `${name}.${key}`).toBe(!optional(inner) && !(inner instanceof z.ZodBoolean));
      }
    }
  });

  it('offers enums as selects with the site labels', () => {
    const options = (each: CmsField) => each['options'] as { label: string; value: string }[];
    const design = field('studies', 'studySchema.design');
    expect(design.widget).toBe('select');
    expect(options(design)).toEqual(designs.map((value) => ({ label: designLabels[value], value })));
    expect(options(field('studies', 'studySchema.finding')).map((option) => option.value)).toEqual([...findings]);
    expect(options(field('studies', 'studySchema.certainty'))).toEqual(
      certainties.map((value) => ({ label: certaintyLabels[value], value })),
    );
    expect(options(field('topics', 'topicSchema.findings.direction')).map((option) => option.value)).toEqual([
      ...directions,
    ]);
    expect(options(field('topics', 'topicSchema.kind')).map((option) => option.value)).toEqual([...topicKinds]);
    // zod keeps "2/3" after "3" (object key order); the form puts phases in order.
    expect(options(field('studies', 'studySchema.phase')).map((option) => option.value)).toEqual([
      '1',
      '1/2',
      '2',
      '2/3',
      '3',
      '4',
    ]);
  });

  it('takes N as whole numbers of zero or more', () => {
    for (const name of ['randomized', 'enrolled', 'analysed', 'studies']) {
      expect(field('studies', `studySchema.n.${name}`)).toMatchObject({
        widget: 'number',
        value_type: 'int',
        min: 0,
        required: false,
      });
    }
    expect(field('topics', 'topicSchema.findings.participants')).toMatchObject({ widget: 'number', value_type: 'int' });
    expect(field('topics', 'topicSchema.findings.downgrades.levels')).toMatchObject({
      widget: 'number',
      value_type: 'int',
      min: 0,
      max: 2,
      default: 1,
    });
  });

  it('chooses topics and substances among the topics of their kind, related topics among all', () => {
    const values = (each: CmsField) => (each['options'] as { value: string }[]).map((option) => option.value);
    expect(field('studies', 'studySchema.topics')).toMatchObject({ widget: 'select', multiple: true, min: 1 });
    expect(values(field('studies', 'studySchema.topics'))).toEqual(['ptsd', 'integration']);
    expect(values(field('studies', 'studySchema.substances'))).toEqual(['mdma']);
    expect(values(field('topics', 'topicSchema.related'))).toEqual(['ptsd', 'integration', 'mdma']);
  });

  it("chooses a new summary's paper among the references without one whose key can be a file name, then the summarised", () => {
    const citekey = field('studies', 'studySchema.citekey');
    expect(citekey.widget).toBe(cmsWidgets.citekey);
    expect(citekey['options']).toEqual([
      { label: 'Rieser et al. (2025): Psilocybin [rieser2025]', value: 'rieser2025' },
      { label: 'Mitchell et al. (2021): MDMA [mitchell2021]: has a summary', value: 'mitchell2021' },
    ]);
    expect(citekey['summarised']).toEqual(['mitchell2021']);
    expect(keyIsSlugSafe('rieser2025')).toBe(true);
    expect(keyIsSlugSafe('Smith.2020')).toBe(false);
    expect(keyIsSlugSafe('çelik-2021')).toBe(true);
  });

  it("chooses a findings row's studies among the summarised ones", () => {
    const studies = field('topics', 'topicSchema.findings.studies');
    expect(studies).toMatchObject({ widget: 'select', multiple: true, min: 1, required: true });
    expect((studies['options'] as { value: string }[]).map((option) => option.value)).toEqual(['mitchell2021']);
  });

  it('edits findings rows as a list of forms, with their downgrades as a list inside', () => {
    const rows = field('topics', 'topicSchema.findings');
    expect(rows).toMatchObject({
      widget: 'list',
      label_singular: 'row',
      summary: '{{fields.outcome}}',
      required: false,
    });
    expect(field('topics', 'topicSchema.findings.downgrades')).toMatchObject({ widget: 'list' });
    expect(field('topics', 'topicSchema.findings.qualitative')).toMatchObject({ widget: 'boolean', default: false });
    // An optional object's fields are optional in the form: Decap would otherwise ask for them
    // when the object is left out. The check still asks for them when it is there.
    expect(field('topics', 'topicSchema.findings.statement.intervention').required).toBe(false);
    expect(field('topics', 'topicSchema.pico.population').required).toBe(false);
  });

  it('keeps text limits as patterns', () => {
    expect(field('studies', 'studySchema.summary')).toMatchObject({
      widget: 'text',
      pattern: ['^[\\s\\S]{0,400}$', '400 characters at most'],
    });
    expect(
      new RegExp(String((field('studies', 'studySchema.summary')['pattern'] as string[])[0])).test('x'.repeat(401)),
    ).toBe(false);
  });

  it('starts a summary body with the four sections and their guidance', () => {
    const body = field('studies', 'studySchema.body');
    expect(body.widget).toBe(cmsWidgets.body);
    expect(body['default']).toBe(summaryBody());
    for (const section of summarySections) expect(summaryBody()).toContain(`## ${section}\n\n{/* `);
    expect(body['modes']).toEqual(['raw']);
    expect(body['keys']).toEqual(['mitchell2021', 'rieser2025', 'rieser2024', 'Smith.2020']);
    expect(body['labels']).toMatchObject({ rieser2024: 'Rieser et al. (2025)' });
  });

  it('turns the editorial workflow on, and saves to the repository of the settings', () => {
    const config = cmsConfig(input({ ATLAS_BRANCH: 'trunk', ATLAS_CMS_AUTH_URL: 'https://auth.example.org' }));
    expect(config).toMatchObject({
      publish_mode: 'editorial_workflow',
      backend: { name: 'github', repo: 'owner/evidence-atlas', branch: 'trunk', base_url: 'https://auth.example.org' },
      local_backend: { url: 'http://localhost:8081/api/v1' },
    });
    expect(collections(config).map((each) => each['folder'])).toEqual([
      'content/studies',
      'content/topics',
      'content/pages',
    ]);
    expect(collection('studies', config)).toMatchObject({
      extension: 'mdx',
      format: 'frontmatter',
      slug: '{{citekey}}',
    });
    expect(cmsConfig(input({ ATLAS_REPOSITORY: 'https://git.example.org/team/atlas' }))['backend']).toMatchObject({
      api_root: 'https://git.example.org/api/v3',
    });
  });

  it('without a repository, saves only through decap-server', () => {
    const project = resolveProject('/srv/atlas', { ATLAS_CMS_LOCAL_BACKEND: 'http://127.0.0.1:9000/api/v1' });
    expect(cmsConfig({ ...input(), project })['backend']).toMatchObject({
      name: 'proxy',
      proxy_url: 'http://127.0.0.1:9000/api/v1',
    });
  });

  it('names the content folder by its path in the repository', () => {
    expect(pathInRepository(new URL('../content', import.meta.url).pathname)).toBe('content');
    expect(pathInRepository(new URL('fixtures/project/content', import.meta.url).pathname)).toBe(
      'test/fixtures/project/content',
    );
  });
});

describe('the configuration file', () => {
  /** The YAML parser Decap CMS itself uses, with its options (decap-cms-core, actions/config). */
  const decapRequire = createRequire(createRequire(import.meta.url).resolve('decap-cms-core/package.json'));
  const decapYaml = decapRequire('yaml') as { parse: (text: string, options: object) => unknown };
  const library = (size: number): CmsInput => ({
    ...input(),
    references: Array.from({ length: size }, (_, index) => ({
      key: `author${index}`,
      label: `Author${index} et al. (2020): Title number ${index}`,
      short: `Author${index} et al. (2020)`,
      summarised: index % 4 === 0,
      ...(index % 10 === 0 ? { aliases: [`alias${index}`] } : {}),
    })),
  });
  const count = (text: string, part: string) => text.split(part).length - 1;

  it('reads back in Decap CMS as the configuration it was written from', () => {
    const config = library(40);
    expect(decapYaml.parse(cmsConfigYaml(config), { maxAliasCount: -1, prettyErrors: true, merge: true })).toEqual(
      JSON.parse(JSON.stringify(cmsConfig(config))),
    );
  });

  it('writes each list of references once, however many fields offer it', () => {
    const yaml = cmsConfigYaml(library(40));
    // The library (offered by three nocite fields) and a new summary's paper.
    expect(count(yaml, 'Title number 3 [author3]')).toBe(2);
    // Also among the summarised papers (a findings row's studies), and marked as summarised.
    expect(count(yaml, 'Title number 4 [author4]"')).toBe(2);
    expect(count(yaml, 'Title number 4 [author4]: has a summary"')).toBe(1);
    // The keys and labels the three body editors check citations against.
    expect(count(yaml, 'alias10: Author10 et al. (2020)')).toBe(1);
    const bigger = cmsConfigYaml(library(80));
    expect((bigger.length - yaml.length) / 40).toBeLessThan(400);
    // Whole lists are aliased, never single choices: as many anchors for 80 references as for 40.
    const anchors = (text: string) => text.match(/&a\d+/g)?.length ?? 0;
    expect(anchors(yaml)).toBeGreaterThan(0);
    expect(anchors(bigger)).toBe(anchors(yaml));
  });
});

describe('the form checks', () => {
  it("refuses a new summary of a paper that has one, and a change of an existing summary's paper", () => {
    const summarised = new Set(['mitchell2021']);
    expect(citekeyProblem('rieser2025', summarised, undefined)).toBeUndefined();
    expect(citekeyProblem('mitchell2021', summarised, undefined)).toBe(
      'mitchell2021 already has a summary: open it from the list of summaries to change it',
    );
    expect(citekeyProblem('mitchell2021', summarised, 'mitchell2021')).toBeUndefined();
    expect(citekeyProblem('rieser2025', summarised, 'mitchell2021')).toBe(
      'this summary is of mitchell2021: its paper cannot change (start a new summary for rieser2025)',
    );
  });

  it('finds citation keys as pandoc does, not in code, e-mail addresses or escapes', () => {
    expect(
      citedKeys(
        [
          'As [@a2020; see @b.2021, p. 4] and @c2022 [p. 3] show, and @{d/2023}.',
          'Write to someone@example.org, not \\@e2024.',
          '`@f2025` and',
          '```',
          '@g2026',
          '```',
          'Ends with @h2027.',
        ].join('\n'),
      ),
    ).toEqual(['a2020', 'b.2021', 'c2022', 'd/2023', 'h2027']);
  });

  it('agrees with the content check on every body of the corpus', async () => {
    const check = await checkProject(resolveProject(new URL('..', import.meta.url).pathname));
    const known = new Set([...check.bibliography.references.values()].flatMap((ref) => [ref.key, ...ref.aliases]));
    const contentDir = new URL('../content/', import.meta.url).pathname;
    for (const file of [...check.studies, ...check.topics, ...check.pages]) {
      const text = readFileSync(join(contentDir, '..', file.file), 'utf8');
      expect(unknownCitations(text.replace(/^---[\s\S]*?\n---\n/, ''), known), file.file).toEqual([]);
    }
  });

  it('names an unknown key with the one it was probably meant to be', () => {
    expect(unknownCitations('As [@rieser2052] found.', new Set(['rieser2025', 'mitchell2021']))).toEqual([
      'unknown citation key "rieser2052" (did you mean "rieser2025"?)',
    ]);
  });

  it('asks for the four sections in order', () => {
    expect(sectionProblems(summaryBody(), summarySections)).toEqual([]);
    expect(sectionProblems('## What was done\n\n## Limitations\n', summarySections)).toEqual([
      'the section "## What was found" is missing',
      'the section "## What it means for practice" is missing',
    ]);
    const swapped = summaryBody().replace('## What was done', '## X').replace('## Limitations', '## What was done');
    expect(sectionProblems(`${swapped}\n## Limitations\n`, summarySections)).toEqual([
      'the sections must come in this order: What was done, What was found, What it means for practice, Limitations',
    ]);
  });

  it('drops the empty values a form leaves behind, and nothing else', () => {
    expect(
      emptyPaths({
        citekey: 'x',
        country: '',
        setting: '  ',
        n: { randomized: 37, enrolled: null },
        pico: { population: '', comparison: undefined },
        topics: [],
        findings: [{ outcome: 'o', followUp: '' }],
        qualitative: false,
        participants: 0,
        body: '',
      }),
    ).toEqual([['country'], ['setting'], ['n', 'enrolled'], ['pico'], ['findings', 0, 'followUp']]);
  });

  it('previews a body as the site shows it: no comments, citations by author and year', () => {
    const labels = { rieser2025: 'Rieser et al. (2025)', mitchell2021: 'Mitchell et al. (2021)' };
    expect(
      previewBody(
        '{/* guidance */}\nAs [@rieser2025; @mitchell2021, p. 4] and @rieser2025 found, not [@nope].',
        labels,
      ),
    ).toBe(
      '\nAs (Rieser et al., 2025; Mitchell et al., 2021) and Rieser et al. (2025) found, not (@nope (unknown key)).',
    );
  });
});

describe('what the form writes passes the content check', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-cms-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a summary with the scaffolded body, as the form saves it', async () => {
    cpSync(new URL('fixtures/project/', import.meta.url).pathname, scratch, { recursive: true });
    const body = summaryBody().replace(
      '{/* Design, setting',
      'A trial like the earlier one [@alpha2020], in 37 people (p \\< 0.05).\n\n{/* Design, setting',
    );
    writeFileSync(
      join(scratch, 'content', 'studies', 'beta2021.mdx'),
      [
        '---',
        'citekey: beta2021',
        'summary: Thirty-seven fixture adults took part.',
        'design: qualitative',
        'population: Fixture adults',
        'n:',
        '  enrolled: 37',
        'topics:',
        '  - integration',
        'finding: not-applicable',
        'certainty: moderate',
        'certaintyReason: One site.',
        'added: 2026-11-30',
        '---',
        body,
      ].join('\n'),
    );
    const project = resolveProject(scratch, {});
    const { problems } = await checkProject(project, [mdxBodies, summarySectionsRule]);
    expect(problems).toEqual([]);
  });
});
