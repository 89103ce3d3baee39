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
  const kinds = Object.keys(weights) as (keyof typeof weights)[];
  // Per tag, the positions in `all` of the studies that carry it.
  const index = new Map<string, number[]>();
  all.forEach((other, position) => {
    for (const kind of kinds) {
      for (const slug of new Set(other[kind])) {
        const id = `${kind}\0${slug}`;
        const list = index.get(id);
        if (list) list.push(position);
        else index.set(id, [position]);
      }
    }
  });
  const collator = new Intl.Collator();
  // Higher score first, then the newer study, then by key.
  const before = (a: number, scoreA: number, b: number, scoreB: number): boolean => {
    if (scoreA !== scoreB) return scoreA > scoreB;
    const yearA = all[a]?.year ?? 0;
    const yearB = all[b]?.year ?? 0;
    if (yearA !== yearB) return yearA > yearB;
    return collator.compare(all[a]?.key ?? '', all[b]?.key ?? '') < 0;
  };
  const scores = new Float64Array(all.length);
  return (study, limit = 6) => {
    const touched: number[] = [];
    for (const kind of kinds) {
      for (const slug of new Set(study[kind])) {
        for (const position of index.get(`${kind}\0${slug}`) ?? []) {
          if (all[position]?.key === study.key) continue;
          if (scores[position] === 0) touched.push(position);
          scores[position] = (scores[position] ?? 0) + weights[kind];
        }
      }
    }
    // The best `limit`, kept in order while the candidates pass once.
    const best: number[] = [];
    for (const position of touched) {
      const score = scores[position] ?? 0;
      const last = best[best.length - 1];
      if (best.length >= limit && (last === undefined || !before(position, score, last, scores[last] ?? 0))) continue;
      let at = best.length;
      while (at > 0) {
        const previous = best[at - 1] as number;
        if (!before(position, score, previous, scores[previous] ?? 0)) break;
        at--;
      }
      best.splice(at, 0, position);
      if (best.length > limit) best.pop();
    }
    const related = best.map((position) => all[position] as T);
    for (const position of touched) scores[position] = 0;
    return related;
  };
}
