/**
 * The frontmatter of study summaries, topics and pages. These schemas are the documentation of
 * the fields: every field carries a short comment, and defaults live here.
 *
 * Cross-collection references (a summary's `citekey`, `topics`, `substances`; a topic's `related`)
 * are plain strings here, so the schemas stay free of Astro; the content check (src/lib/check/)
 * reports any that do not resolve, with their positions, before the build reads them.
 */
import { z } from 'zod';
import { citationKeyProblem, slugGrammar } from './keys.ts';
import { registryForms, registryLink } from './registry.ts';
import {
  blindings,
  certainties,
  designs,
  directions,
  downgrades,
  findings,
  nonEmpiricalDesigns,
  phases,
  statementEffects,
  synthesisDesigns,
  topicKinds,
} from './vocabulary.ts';

/** A citation key in the grammar of src/lib/keys.ts. */
const citekey = z.string().superRefine((key, ctx) => {
  const problem = citationKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** A topic slug: lower-case words joined by hyphens; it is the file name and the URL. */
const topicSlug = z.string().regex(slugGrammar, 'must be a topic slug such as "alcohol-use-disorder"');

/**
 * A calendar date written YYYY-MM-DD. An impossible day (2025-02-30) is refused rather than rolled
 * over into the next month, as JavaScript's Date would.
 */
const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (date && date.toISOString().slice(0, 10) === value) return date;
  ctx.addIssue({
    code: 'custom',
    message: match
      ? `is not a day of the calendar: "${value}" (check the month and day)`
      : `must be a date such as 2026-11-29, not ${JSON.stringify(value)}`,
  });
  return z.NEVER;
});
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
    /**
     * What was studied, in a few plain words, which lists, cards, search results and the page title
     * lead with: "Psilocybin for alcohol relapse prevention". The paper's title stays the heading.
     */
    shortTitle: nonEmpty.max(90, 'must be a few words (90 characters at most)').optional(),
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
    added: isoDate,
    /** When the summary was last changed in substance (YYYY-MM-DD). */
    updated: isoDate.optional(),
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
    /**
     * A comparison's result in GRADE's standard words: what (`intervention`) does what (`effect`)
     * to which outcome (`outcome`), compared with what (`comparator`). The page writes the sentence,
     * with the verb set by the certainty ("reduces", "probably reduces", "may reduce", "we are very
     * uncertain whether … reduces"), so every row says how sure we are the same way. Required for
     * comparison rows; not for associations or qualitative findings.
     */
    statement: z
      .object({
        /** The intervention as the subject of a sentence: "MDMA-assisted therapy". */
        intervention: nonEmpty.max(80),
        /** What it did to the outcome. */
        effect: z.enum(statementEffects),
        /** The outcome as the object: "PTSD symptoms about 2 months after treatment". */
        outcome: nonEmpty.max(120),
        /** What it was compared with: "placebo with the same therapy". */
        comparator: nonEmpty.max(80).optional(),
      })
      .strict()
      .optional(),
    /** When the outcome was measured: "about 2 months after the last session" (default: the study's follow-up, for one study). */
    followUp: nonEmpty.max(120).optional(),
    /** Participants behind this outcome, when it differs from the studies' own N (default: their sum). */
    participants: z.number().int().nonnegative().optional(),
    /** Certainty (GRADE) or confidence (CERQual). */
    certainty: z.enum(certainties),
    /** Every reason the rating was lowered, each with its explanation. */
    downgrades: z
      .array(
        z
          .object({
            /** The GRADE domain (or CERQual concern) that lowered the rating, or was considered. */
            reason: z.enum(downgrades),
            /** Why, in one idea (35 words at most): it becomes a numbered footnote under the table. */
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
    /**
     * The question the summary of findings answers, after Cochrane's header: who, what, compared
     * with what, where. For condition and substance topics; a theme may have none.
     */
    pico: z
      .object({
        /** Who: "Adults with severe or moderate-to-severe PTSD". */
        population: nonEmpty.max(200),
        /** What: "MDMA-assisted therapy". */
        intervention: nonEmpty.max(200),
        /** Compared with what: "Placebo with the same therapy". */
        comparison: nonEmpty.max(200).optional(),
        /** Where: "Specialist research clinics in North America and Israel". */
        setting: nonEmpty.max(200).optional(),
      })
      .strict()
      .optional(),
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
