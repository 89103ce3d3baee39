/** The body sections every study summary has, in this order (the check and the scaffold use them). */
export const summarySections = [
  'What was done',
  'What was found',
  'What it means for practice',
  'Limitations',
] as const;
export type SummarySection = (typeof summarySections)[number];
