/**
 * House style of the starter corpus that a practitioner relies on when reading a summary of
 * findings on a phone: one way of writing p-values, results and footnotes short enough for a table,
 * and no editor terms in reader text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { resolveProject } from '../src/lib/project.ts';

const root = new URL('..', import.meta.url).pathname;
const project = await checkProject(resolveProject(root, {}));
const files = [...project.studies, ...project.topics, ...project.pages].map((entry) => entry.file);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('the starter corpus, as written', () => {
  it('writes p-values one way: lower-case p, spaces, a leading zero', () => {
    const others = files.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\bP (?:=|<|below)|\bp ?(?:=|\\?<) ?\.\d|\bp[=<]\d/g)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    );
    expect(others).toEqual([]);
  });

  it('keeps each finding short enough for a table cell: results of 45 words, footnotes of 35', () => {
    const long = project.topics.flatMap(({ id, data }) =>
      data.findings.flatMap((row, index) => [
        ...(words(row.result) > 45 ? [`${id} row ${index + 1}: result of ${words(row.result)} words`] : []),
        ...row.downgrades
          .filter((downgrade) => words(downgrade.why) > 35)
          .map((downgrade) => `${id} row ${index + 1}: ${downgrade.reason} note of ${words(downgrade.why)} words`),
      ]),
    );
    expect(long).toEqual([]);
  });

  it('says nothing about keys, aliases or BibTeX in reader text', () => {
    const jargon = files.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*- alias: /.test(line))
        .filter((line) => /\b(keys?|alias(?:es)?|bibtex)\b/i.test(line))
        .map((line) => `${file}: ${line.trim().slice(0, 80)}`),
    );
    expect(jargon).toEqual([]);
  });
});
