/**
 * The words of the evidence: designs, findings, certainty levels, topic kinds, directions and
 * reasons for rating down, each with what readers see. Browser-safe (no schema library), so
 * pages and browser scripts can use the labels; src/lib/schema.ts builds the frontmatter schemas
 * from the same lists.
 */

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
export const topicKindLabels: Record<TopicKind, string> = {
  theme: 'Theme',
  condition: 'Condition',
  substance: 'Substance',
  method: 'Method',
};

export const phases = ['1', '1/2', '2', '2/3', '3', '4'] as const;
export const blindings = ['open-label', 'single-blind', 'double-blind', 'triple-blind'] as const;

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
 * What a compared intervention did to an outcome, for GRADE's standard statements. Direction
 * (benefit or harm) depends on the outcome: "reduces" is a benefit for symptoms, "increases" a
 * harm for adverse events.
 */
export const statementEffects = ['reduces', 'increases', 'improves', 'worsens', 'little-or-no-difference'] as const;
export type StatementEffect = (typeof statementEffects)[number];
