/**
 * Frontmatter read with positions (src/lib/frontmatter.ts): a problem points at the line and
 * column an editor must look at, and hostile YAML is refused rather than expanded.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readFrontmatter, schemaProblems } from '../src/lib/frontmatter.ts';
import { formatProblem } from '../src/lib/problems.ts';

const file = 'content/studies/rieser2025.mdx';
const problems = (text: string) => readFrontmatter(file, text).problems.map(formatProblem);

const study = [
  '---',
  'citekey: rieser2025',
  'n:',
  '  total: 104',
  '  arms:',
  '    - name: psilocybin',
  '      size: 52',
  '    - name: placebo',
  '      size: 52',
  'topics:',
  '  - ptsd',
  '  - integration',
  '---',
  '',
  'The body.',
  '',
].join('\n');

describe('readFrontmatter', () => {
  it('reads the fields, the body and the line the body starts on', () => {
    const frontmatter = readFrontmatter(file, study);
    expect(frontmatter.problems).toEqual([]);
    expect(frontmatter.data).toEqual({
      citekey: 'rieser2025',
      n: {
        total: 104,
        arms: [
          { name: 'psilocybin', size: 52 },
          { name: 'placebo', size: 52 },
        ],
      },
      topics: ['ptsd', 'integration'],
    });
    expect(frontmatter.body).toBe('\nThe body.\n');
    expect(frontmatter.bodyLine).toBe(14);
    expect(frontmatter.file).toBe(file);
  });

  it('reports a byte-order mark at 1:1 and still reads the rest', () => {
    const frontmatter = readFrontmatter(file, `\uFEFF${study}`);
    expect(frontmatter.problems.map(formatProblem)).toEqual([
      `${file}:1:1 the file starts with an invisible byte-order mark (BOM): save it as UTF-8 without BOM`,
    ]);
    expect(frontmatter.data).toEqual(readFrontmatter(file, study).data);
    expect(frontmatter.body).toBe('\nThe body.\n');
    expect(frontmatter.locate(['n', 'total'])).toEqual({ line: 4, column: 10 });
  });

  it('reports an alias bomb without expanding it', () => {
    const levels = 'abcdefghij';
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...[...levels.slice(1)].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`),
    ].join('\n');
    const started = performance.now();
    const frontmatter = readFrontmatter(file, `---\n${bomb}\n---\n`);
    // Expanded, the last level would hold 9^10 (3.4 billion) strings.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(frontmatter.data).toBeUndefined();
    expect(frontmatter.problems.map(formatProblem)).toEqual([
      `${file}:2:1 the frontmatter expands YAML aliases (*name) more than 50 times: write the values out`,
    ]);
  });

  it('expands a few aliases', () => {
    const frontmatter = readFrontmatter(file, '---\nsame: &t [ptsd]\ntopics: *t\n---\n');
    expect(frontmatter.problems).toEqual([]);
    expect(frontmatter.data).toEqual({ same: ['ptsd'], topics: ['ptsd'] });
  });

  it('reports an alias without its anchor as invalid YAML, not as a bomb', () => {
    expect(problems('---\ntopics: *ptsd\n---\n')).toEqual([
      `${file}:2:1 invalid YAML in the frontmatter: Unresolved alias (the anchor must be set before the alias): ptsd`,
    ]);
  });

  it.each<[string, string[]]>([
    [
      '---\ncitekey: x\ntopics: [ptsd\n---\n',
      [
        `${file}:3:14 invalid YAML in the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      ],
    ],
    ['---\ncitekey: x\ncitekey: y\n---\n', [`${file}:3:1 invalid YAML in the frontmatter: Map keys must be unique`]],
    [
      '---\ncitekey: x\n\ttopics: y\n---\n',
      [`${file}:3:1 invalid YAML in the frontmatter: Tabs are not allowed as indentation`],
    ],
  ])('reports invalid YAML %j where it goes wrong', (text, expected) => {
    const frontmatter = readFrontmatter(file, text);
    expect(frontmatter.data).toBeUndefined();
    expect(frontmatter.problems.map(formatProblem).slice(0, expected.length)).toEqual(expected);
  });

  it.each(['# Only a body\n', '\n---\ncitekey: x\n---\n', '---\ncitekey: x\n', ' ---\ncitekey: x\n---\n', ''])(
    'reports a missing frontmatter in %j',
    (text) => {
      const frontmatter = readFrontmatter(file, text);
      expect(frontmatter.data).toBeUndefined();
      expect(frontmatter.body).toBe(text);
      expect(frontmatter.bodyLine).toBe(1);
      expect(frontmatter.problems.map(formatProblem)).toEqual([
        `${file}:1:1 missing frontmatter: the file must start with a "---" block of fields`,
      ]);
    },
  );

  it('reads Windows line ends with the same positions', () => {
    const frontmatter = readFrontmatter(file, study.replace(/\n/g, '\r\n'));
    expect(frontmatter.problems).toEqual([]);
    expect(frontmatter.data).toEqual(readFrontmatter(file, study).data);
    expect(frontmatter.bodyLine).toBe(14);
    expect(frontmatter.locate(['n', 'arms', 1, 'size'])).toEqual({ line: 9, column: 13 });
  });

  describe('locate', () => {
    const { locate } = readFrontmatter(file, study);
    it.each<[PropertyKey[], number, number, string]>([
      [['citekey'], 2, 10, 'a value'],
      [['n'], 3, 1, 'the key of a nested map'],
      [['n', 'total'], 4, 10, 'a nested value'],
      [['n', 'arms'], 6, 5, 'a list'],
      [['n', 'arms', 0], 6, 7, 'the first item of a list'],
      [['n', 'arms', 1, 'name'], 8, 13, 'a field of a later item'],
      [['n', 'arms', 1, 'size'], 9, 13, 'another field of it'],
      [['topics', 1], 12, 5, 'an item of a list of words'],
      [['n', 'missing'], 3, 1, 'the nearest parent of a missing field'],
      [['n', 'arms', 7], 6, 5, 'the list, for an item it does not have'],
      [['missing'], 2, 1, 'the start of the fields, for a missing top-level field'],
      [[], 2, 1, 'the start of the fields'],
    ])('finds %j at %i:%i (%s)', (path, line, column) => {
      expect(locate(path)).toEqual({ line, column });
    });
  });
});

describe('schemaProblems', () => {
  it('reports each problem at the position of its field', () => {
    const schema = z
      .object({
        citekey: z.string(),
        n: z.object({ total: z.number(), arms: z.array(z.object({ name: z.string(), size: z.number() })) }).strict(),
        topics: z.array(z.enum(['ptsd', 'integration'])),
      })
      .strict();
    const frontmatter = readFrontmatter(
      file,
      study.replace('size: 52\ntopics', 'size: many\ntopics').replace('  - integration', '  - integraton\n  - ptsd'),
    );
    const result = schema.safeParse(frontmatter.data);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(schemaProblems(frontmatter, result.error).map(formatProblem)).toEqual([
      `${file}:9:13 "n.arms.1.size" must be a number, not "many"`,
      `${file}:12:5 "topics.1" must be one of "ptsd", "integration", not "integraton" (did you mean "integration"?)`,
    ]);
  });
});
