/** Every topic a summary or topic names exists, substances are substance topics, and findings draw on summaries. */
import type { Problem } from '../../problems.ts';
import { didYouMean } from '../../suggest.ts';
import type { CheckContext, Rule } from '../context.ts';

function unknownTopic({ topicIds, at }: CheckContext, file: string, path: readonly PropertyKey[], slug: string) {
  return topicIds.has(slug)
    ? []
    : [
        {
          ...at(file, path),
          message: `unknown topic "${slug}"${didYouMean(slug, topicIds)}: add content/topics/${slug}.mdx or fix the slug`,
        },
      ];
}

export const topicLinks: Rule = {
  name: 'topic-links',
  description:
    "A summary's topics and substances exist, and its substances are substance topics; a topic's related topics exist and are not itself.",
  check: (context) => {
    const { studies, topics, topicKinds, at } = context;
    const problems: Problem[] = [];
    for (const { file, data } of studies) {
      data.topics.forEach((slug, index) => problems.push(...unknownTopic(context, file, ['topics', index], slug)));
      data.substances.forEach((slug, index) => {
        const unknown = unknownTopic(context, file, ['substances', index], slug);
        problems.push(...unknown);
        const kind = topicKinds.get(slug);
        if (unknown.length === 0 && kind !== undefined && kind !== 'substance') {
          problems.push({
            ...at(file, ['substances', index]),
            message: `"${slug}" is a ${kind} topic, not a substance: list it under topics, or give the topic kind: substance`,
          });
        }
      });
    }
    for (const { id, file, data } of topics) {
      data.related.forEach((slug, index) => {
        if (slug === id) {
          problems.push({
            ...at(file, ['related', index]),
            message: `a topic cannot be related to itself: remove "${slug}"`,
          });
        } else {
          problems.push(...unknownTopic(context, file, ['related', index], slug));
        }
      });
    }
    return problems;
  },
};

export const findingsStudies: Rule = {
  name: 'findings-studies',
  description: "Every study in a topic's summary of findings has a summary on the site.",
  check: ({ topics, summarised, at }) =>
    topics.flatMap(({ file, data }) =>
      data.findings.flatMap((row, index) =>
        row.studies.flatMap((key, position) =>
          summarised.has(key)
            ? []
            : [
                {
                  ...at(file, ['findings', index, 'studies', position]),
                  message: `"${key}" in the summary of findings has no summary${didYouMean(key, summarised)}: findings draw on summarised studies only`,
                },
              ],
        ),
      ),
    ),
};
