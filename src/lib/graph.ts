/**
 * Links between studies derived from their summaries: related studies by shared topics,
 * conditions and substances.
 */
export interface StudyTags {
  readonly key: string;
  readonly year: number | undefined;
  /** Topic slugs of kind condition. */
  readonly conditions: readonly string[];
  /** Other topic slugs (themes, methods). */
  readonly themes: readonly string[];
  readonly substances: readonly string[];
}

/**
 * Studies that share most with `study`: a shared condition counts 3, a shared substance 2, a
 * shared theme or method 1; ties go to the newer study, then by key. At most `limit`.
 */
export function relatedStudies<T extends StudyTags>(study: StudyTags, others: readonly T[], limit = 6): T[] {
  const shared = (a: readonly string[], b: readonly string[]) => a.filter((slug) => b.includes(slug)).length;
  return others
    .filter((other) => other.key !== study.key)
    .map((other) => ({
      other,
      score:
        3 * shared(study.conditions, other.conditions) +
        2 * shared(study.substances, other.substances) +
        shared(study.themes, other.themes),
    }))
    .filter(({ score }) => score > 0)
    .sort(
      (a, b) =>
        b.score - a.score || (b.other.year ?? 0) - (a.other.year ?? 0) || a.other.key.localeCompare(b.other.key),
    )
    .slice(0, limit)
    .map(({ other }) => other);
}
