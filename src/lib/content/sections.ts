/** The body sections every study summary has, in this order (the check and the scaffold use them). */
export const summarySections = [
  'What was done',
  'What was found',
  'What it means for practice',
  'Limitations',
] as const;
export type SummarySection = (typeof summarySections)[number];

/** What each section holds, which the scaffold and the CMS put under its heading as a comment. */
export const sectionGuidance: Readonly<Record<SummarySection, string>> = {
  'What was done': 'Design, setting, who took part, what each group received, how outcomes were measured.',
  'What was found':
    'The primary result with its numbers (effect, confidence interval, p), then secondary results and harms. Every figure from the paper.',
  'What it means for practice':
    'What a practitioner can and cannot take from this study, hedged to the design and size.',
  Limitations: "The authors' stated limitations, then the site's own reading of the design, labelled as such.",
};
