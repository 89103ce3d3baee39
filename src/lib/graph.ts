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

const weights = { conditions: 3, substances: 2, themes: 1 } as const;

/**
 * A finder of related studies among `all`, indexed once by tag, so each study's related studies
 * cost what it shares rather than a pass over every study (a site of 10,000 studies asks 10,000
 * times). A shared condition counts 3, a shared substance 2, a shared theme or method 1; ties go
 * to the newer study, then by key. At most `limit`, never the study itself.
 */
export function relatedFinder<T extends StudyTags>(all: readonly T[]): (study: StudyTags, limit?: number) => T[] {
  const index = new Map<string, T[]>();
  for (const other of all) {
    for (const kind of Object.keys(weights) as (keyof typeof weights)[]) {
      for (const slug of new Set(other[kind])) {
        const id = `${kind}\0${slug}`;
        const list = index.get(id);
        if (list) list.push(other);
        else index.set(id, [other]);
      }
    }
  }
  return (study, limit = 6) => {
    const scores = new Map<T, number>();
    for (const kind of Object.keys(weights) as (keyof typeof weights)[]) {
      for (const slug of new Set(study[kind])) {
        for (const other of index.get(`${kind}\0${slug}`) ?? []) {
          if (other.key !== study.key) scores.set(other, (scores.get(other) ?? 0) + weights[kind]);
        }
      }
    }
    return [...scores]
      .sort(
        ([a, scoreA], [b, scoreB]) => scoreB - scoreA || (b.year ?? 0) - (a.year ?? 0) || a.key.localeCompare(b.key),
      )
      .slice(0, limit)
      .map(([other]) => other);
  };
}
