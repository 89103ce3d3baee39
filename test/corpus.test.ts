/**
 * The starter corpus as a practitioner relies on it: every reference summarised, every topic
 * with enough studies or a stated reason, and each summary's sample sizes repeated in its text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { resolveProject } from '../src/lib/project.ts';
import { isError } from '../src/lib/problems.ts';

const root = new URL('..', import.meta.url).pathname;
const project = await checkProject(resolveProject(root, {}));

describe('the starter corpus', () => {
  it('passes the check without errors', async () => {
    expect(project.problems.filter(isError)).toEqual([]);
  });

  it('summarises every reference of the library', async () => {
    const summarised = new Set(project.studies.map((study) => study.id));
    expect([...project.bibliography.references.keys()].filter((key) => !summarised.has(key))).toEqual([]);
  });

  it('gives every topic at least two studies, or says why not', async () => {
    const thin = project.topics
      .filter((topic) => {
        const studies = project.studies.filter(
          (study) => study.data.topics.includes(topic.id) || study.data.substances.includes(topic.id),
        );
        return studies.length < 2 && !topic.data.evidenceNote;
      })
      .map((topic) => topic.id);
    expect(thin).toEqual([]);
  });

  it('repeats every sample size of a summary in its text', async () => {
    const disagreements: string[] = [];
    for (const study of project.studies) {
      const body = readFileSync(join(root, study.file), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      for (const [field, value] of Object.entries(study.data.n)) {
        if (value === undefined) continue;
        if (!new RegExp(`(^|[^\\d.])${value}(?![\\d.]\\d)`).test(body))
          disagreements.push(`${study.id}: n.${field} = ${value} is not in the text`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
