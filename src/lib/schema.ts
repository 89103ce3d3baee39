/**
 * The frontmatter of study summaries, topics and pages. These schemas are the documentation of
 * the fields: every field carries a short comment, and defaults live here.
 *
 * Cross-collection references (a summary's `citekey`, `topics`, `substances`; a topic's `related`)
 * are plain strings here so the schemas stay free of Astro; `src/content.config.ts` swaps them for
 * Astro `reference()`s, and `checkProject` (src/lib/check.ts) reports any that do not resolve.
 */
import { z } from 'zod';
import { registryForms, registryLink } from './registry.ts';

export const designs = [
  'rct',
  'non-randomized-trial',
  'open-label-trial',
  'cohort',
  'case-series',
  'qualitative',
  'mixed-methods',
  'systematic-review',
  'meta-analysis',
  'narrative-review',
  'protocol',
  'theoretical',
] as const;
export type Design = (typeof designs)[number];

/** Designs that report no participants or outcome data of their own. */
export const nonEmpiricalDesigns: readonly Design[] = ['narrative-review', 'protocol', 'theoretical'];
/** Designs whose unit of analysis is a set of studies rather than people. */
export const synthesisDesigns: readonly Design[] = ['systematic-review', 'meta-analysis'];

export const designLabels: Record<Design, string> = {
  rct: 'Randomised controlled trial',
  'non-randomized-trial': 'Non-randomised trial',
  'open-label-trial': 'Open-label trial',
  cohort: 'Cohort study',
  'case-series': 'Case series',
  qualitative: 'Qualitative study',
  'mixed-methods': 'Mixed-methods study',
  'systematic-review': 'Systematic review',
  'meta-analysis': 'Meta-analysis',
  'narrative-review': 'Narrative review',
  protocol: 'Protocol',
  theoretical: 'Theoretical or clinical proposal',
};

export const findings = ['positive', 'null', 'mixed', 'negative', 'not-applicable'] as const;
export type Finding = (typeof findings)[number];
export const findingLabels: Record<Finding, string> = {
  positive: 'Positive',
  null: 'No difference',
  mixed: 'Mixed',
  negative: 'Negative',
  'not-applicable': 'Not applicable',
};

/**
 * GRADE-style certainty. `not-graded` is for designs that report no outcome data of their own
 * (a clinical proposal, a protocol), where a GRADE level would suggest evidence that is not there.
 */
export const certainties = ['high', 'moderate', 'low', 'very-low', 'not-graded'] as const;
export type Certainty = (typeof certainties)[number];
export const certaintyLabels: Record<Certainty, string> = {
  high: 'High',
  moderate: 'Moderate',
  low: 'Low',
  'very-low': 'Very low',
  'not-graded': 'Not graded',
};

export const topicKinds = ['theme', 'condition', 'substance', 'method'] as const;
export type TopicKind = (typeof topicKinds)[number];
export const kindLabels: Record<TopicKind, string> = {
  theme: 'Theme',
  condition: 'Condition',
  substance: 'Substance',
  method: 'Method',
};

export const phases = ['1', '1/2', '2', '2/3', '3', '4'] as const;
export const blindings = ['open-label', 'single-blind', 'double-blind', 'triple-blind'] as const;

/** A biblatex citation key: letters, digits and `: . _ -` (pandoc's key alphabet, minus `/`). */
export const citekeyPattern = /^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$/;
/** A topic slug: lower-case words joined by hyphens; it is the file name and the URL. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const citekey = z.string().regex(citekeyPattern, 'must be a BibTeX citation key such as "rieser2025"');
const topicSlug = z.string().regex(slugPattern, 'must be a topic slug such as "alcohol-use-disorder"');
const count = z.number().int().nonnegative();
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Sample sizes as the paper reports them. Never estimate one that the paper does not give. */
export const sampleSchema = z
  .object({
    /** Participants randomised (trials). */
    randomized: count.optional(),
    /** Participants enrolled or interviewed, where there was no randomisation. */
    enrolled: count.optional(),
    /** Participants in the primary analysis. */
    analysed: count.optional(),
    /** Studies included, for systematic reviews and meta-analyses. */
    studies: count.optional(),
  })
  .strict();
export type Sample = z.infer<typeof sampleSchema>;

/** How a source outside the bibliography cites this reference, where that differs from the record. */
export const miscitationSchema = z
  .object({
    /** The key the mistaken citation used; it must be one of the entry's biblatex `ids`. */
    alias: citekey,
    /** Who cites it that way (a document, an article). */
    source: nonEmpty,
    /** The citation as that source gives it, in short form. */
    citedAs: nonEmpty,
    /** What differs from the published record, in plain words. */
    differences: nonEmpty,
  })
  .strict();
export type Miscitation = z.infer<typeof miscitationSchema>;

export const studySchema = z
  .object({
    /** The BibTeX key of the paper summarised; must equal the file name. */
    citekey,
    /** One or two plain-language sentences: who was studied, what was done, what was found. */
    summary: nonEmpty.max(400, 'must be one or two sentences (400 characters at most)'),
    /** The study design. */
    design: z.enum(designs),
    /** Trial phase, as a string ("2", "2/3"). */
    phase: z.enum(phases).optional(),
    /** Who was blinded. */
    blinding: z.enum(blindings).optional(),
    /** Country or countries where the study ran. */
    country: nonEmpty.optional(),
    /** Where the study ran (clinic, online survey, sites). */
    setting: nonEmpty.optional(),
    /** Who took part. */
    population: nonEmpty,
    /** Sample sizes; at least one for empirical designs. */
    n: sampleSchema.default({}),
    /** Substance topics (topic slugs of kind "substance"). */
    substances: z.array(topicSlug).default([]),
    /** Topic slugs: themes, conditions and methods. */
    topics: z.array(topicSlug).min(1, 'must list at least one topic'),
    /** What the intervention group received. */
    intervention: nonEmpty.optional(),
    /** What the comparison group received. */
    comparator: nonEmpty.optional(),
    /** How long participants were followed. */
    followUp: nonEmpty.optional(),
    /** The primary outcome and when it was measured. */
    primaryOutcome: nonEmpty.optional(),
    /** Direction of the primary result. */
    finding: z.enum(findings),
    /** GRADE-style certainty in the primary result. */
    certainty: z.enum(certainties),
    /** One line: why this certainty (the main reasons for any downgrade). */
    certaintyReason: nonEmpty.max(300, 'must be one line (300 characters at most)'),
    /** Keys to list in the page's references without citing them in the text. */
    nocite: z.array(citekey).default([]),
    /** Trial registrations (NCT04141501, ISRCTN…, EudraCT 2017-003288-36, …), linked to the registry. */
    registry: z
      .array(
        z.string().refine((id) => registryLink(id) !== undefined, {
          message: `must be a trial registry ID such as NCT04141501 (known forms: ${registryForms})`,
        }),
      )
      .default([]),
    /** Mistaken citations of this paper found elsewhere, shown on the study page. */
    miscitations: z.array(miscitationSchema).default([]),
    /** When the summary was added (YYYY-MM-DD). */
    added: z.coerce.date({ error: 'must be a date such as 2026-11-29' }),
    /** When the summary was last changed in substance (YYYY-MM-DD). */
    updated: z.coerce.date({ error: 'must be a date such as 2026-11-29' }).optional(),
  })
  .strict()
  .superRefine((study, ctx) => {
    const empirical = !nonEmpiricalDesigns.includes(study.design);
    const { randomized, enrolled, analysed, studies } = study.n;
    if (empirical && !synthesisDesigns.includes(study.design)) {
      if (randomized === undefined && enrolled === undefined && analysed === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['n'],
          message: `needs at least one of randomized, enrolled or analysed for a ${study.design} design`,
        });
      }
    }
    if (synthesisDesigns.includes(study.design) && studies === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['n', 'studies'],
        message: `is required for a ${study.design}: the number of studies included`,
      });
    }
    if (empirical && study.certainty === 'not-graded') {
      ctx.addIssue({
        code: 'custom',
        path: ['certainty'],
        message: `"not-graded" is only for designs without outcome data (${nonEmpiricalDesigns.join(', ')})`,
      });
    }
    if (study.updated && study.updated < study.added) {
      ctx.addIssue({ code: 'custom', path: ['updated'], message: 'must not be before "added"' });
    }
  });
export type StudyFrontmatter = z.infer<typeof studySchema>;

/**
 * Direction of effect across the studies of one outcome. Every direction but `not-applicable`
 * says how groups compared, so it needs a row with `comparison: true`; a row without a comparison
 * group (an association, a description, a qualitative finding) is `not-applicable`.
 */
export const directions = ['benefit', 'no-difference', 'harm', 'mixed', 'not-applicable'] as const;
export const directionLabels: Record<(typeof directions)[number], string> = {
  benefit: 'Favours the intervention',
  'no-difference': 'No difference shown',
  harm: 'Favours the comparator',
  mixed: 'Mixed',
  'not-applicable': 'No comparison group',
};

/** GRADE's reasons to rate certainty down (and CERQual's concerns for qualitative findings). */
export const downgrades = [
  'risk-of-bias',
  'imprecision',
  'inconsistency',
  'indirectness',
  'publication-bias',
  'methodological-limitations',
  'coherence',
  'adequacy',
  'relevance',
] as const;
export const downgradeLabels: Record<(typeof downgrades)[number], string> = {
  'risk-of-bias': 'Risk of bias',
  imprecision: 'Imprecision',
  inconsistency: 'Inconsistency',
  indirectness: 'Indirectness',
  'publication-bias': 'Publication bias',
  'methodological-limitations': 'Methodological limitations',
  coherence: 'Coherence',
  adequacy: 'Adequacy of data',
  relevance: 'Relevance',
};

/**
 * One row of a topic's summary of findings: an outcome (or, for qualitative evidence, a finding),
 * the studies behind it, the direction, and how certain it is, with the reason for every
 * downgrade. Quantitative rows use GRADE; qualitative rows (`qualitative: true`) use CERQual's
 * confidence on the same four levels.
 */
export const findingRowSchema = z
  .object({
    /** The outcome measured, or the qualitative finding, in plain words. */
    outcome: nonEmpty,
    /** Citation keys of the studies behind this row. */
    studies: z.array(citekey).min(1, 'must name at least one study'),
    /** Direction of effect across those studies. */
    direction: z.enum(directions),
    /** What the studies found, in one or two plain sentences. */
    result: nonEmpty,
    /** True for a qualitative finding (CERQual confidence instead of GRADE certainty). */
    qualitative: z.boolean().default(false),
    /**
     * True when the row compares groups, an intervention against a control (placebo, another
     * treatment, a waiting list); false for an association within one group, a description or a
     * qualitative finding. Only a comparison may favour a side or show no difference, and only a
     * comparison between randomised groups starts at high certainty (see the methods page).
     */
    comparison: z.boolean().default(false),
    /** Certainty (GRADE) or confidence (CERQual). */
    certainty: z.enum(certainties),
    /** Every reason the rating was lowered, each with its explanation. */
    downgrades: z
      .array(
        z
          .object({
            reason: z.enum(downgrades),
            why: nonEmpty,
            /**
             * Levels taken off: 1 for a serious concern, 2 for a very serious one; 0 records a
             * domain that was considered and not rated down (its `why` says "Not rated down: …").
             */
            levels: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type FindingRow = z.infer<typeof findingRowSchema>;

export const topicSchema = z
  .object({
    /** The topic's name as readers see it. */
    title: nonEmpty,
    /** One sentence: what the topic covers (used in lists and meta descriptions). */
    description: nonEmpty.max(300, 'must be one sentence (300 characters at most)'),
    /** What kind of topic this is. */
    kind: z.enum(topicKinds),
    /** Slugs of related topics. */
    related: z.array(topicSlug).default([]),
    /** Keys to list in the page's references without citing them in the text. */
    nocite: z.array(citekey).default([]),
    /** The summary of findings: one row per outcome or qualitative finding. */
    findings: z.array(findingRowSchema).default([]),
    /** Why the topic has fewer than two summarised studies, in a sentence (shown on the page). */
    evidenceNote: nonEmpty.optional(),
  })
  .strict();
export type TopicFrontmatter = z.infer<typeof topicSchema>;

export const pageSchema = z
  .object({
    /** The page title. */
    title: nonEmpty,
    /** One sentence for lists and meta descriptions. */
    description: nonEmpty.max(300),
    /** Keys to list in the page's references without citing them in the text. */
    nocite: z.array(citekey).default([]),
  })
  .strict();
export type PageFrontmatter = z.infer<typeof pageSchema>;
