/**
 * The rows of a study's "at a glance" panel, computed once for the study page
 * (src/components/AtAGlance.astro) and the CMS preview (src/admin/preview.ts), so the preview
 * shows what the page will. Browser-safe.
 */
import { describeSample } from './labels.ts';
import type { Sample } from './schema.ts';
import {
  certaintyLabels,
  designLabels,
  findingLabels,
  nonEmpiricalDesigns,
  type Certainty,
  type Design,
  type Finding,
} from './vocabulary.ts';

/** The fields the panel reads (a study's frontmatter, or the CMS form's values). */
export interface GlanceData {
  readonly design: Design;
  readonly phase?: string | undefined;
  readonly blinding?: string | undefined;
  readonly n: Sample;
  readonly population: string;
  readonly country?: string | undefined;
  readonly setting?: string | undefined;
  readonly intervention?: string | undefined;
  readonly comparator?: string | undefined;
  readonly followUp?: string | undefined;
  readonly primaryOutcome?: string | undefined;
  readonly finding: Finding;
  readonly certainty: Certainty;
  readonly certaintyReason: string;
}

export interface GlanceRow {
  readonly term: string;
  /** The value, or undefined when the summary does not give it. */
  readonly value: string | undefined;
}

export interface Glance {
  readonly rows: readonly GlanceRow[];
  /** What a row without a value says: "Not reported", or "Not applicable" for non-empirical designs. */
  readonly missing: string;
  readonly finding: string;
  readonly certainty: string;
  readonly certaintyReason: string;
}

/** The panel of a study: rows in order (country and setting only when given), finding and certainty. */
export function glance(data: GlanceData): Glance {
  const empirical = !nonEmpiricalDesigns.includes(data.design);
  const design = [designLabels[data.design], data.phase ? `phase ${data.phase}` : undefined, data.blinding]
    .filter(Boolean)
    .join(', ');
  const rows: GlanceRow[] = [
    { term: 'Design', value: design },
    { term: 'Participants (N)', value: describeSample(data.n) },
    { term: 'Population', value: data.population },
    { term: 'Country', value: data.country },
    { term: 'Setting', value: data.setting },
    { term: 'Intervention', value: data.intervention },
    { term: 'Comparator', value: data.comparator },
    { term: 'Follow-up', value: data.followUp },
    { term: 'Primary outcome', value: data.primaryOutcome },
  ];
  return {
    rows: rows.filter((row) => row.value !== undefined || (row.term !== 'Country' && row.term !== 'Setting')),
    missing: empirical ? 'Not reported' : 'Not applicable',
    finding: findingLabels[data.finding],
    certainty: certaintyLabels[data.certainty],
    certaintyReason: data.certaintyReason,
  };
}
