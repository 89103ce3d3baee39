/**
 * `npm run diff -- <base> [<head>]`: what the changes from the Git revision `base` to `head` (by
 * default the working tree) do to the evidence, as Markdown on standard output: certainty and
 * direction changes first, then rows added or removed, N, studies, topics, references, and the
 * pages affected (src/lib/evidence-diff.ts). Each revision's references and content are read from
 * Git (`git ls-tree`, `git show`) into a temporary folder and parsed with the project's own
 * readers and schemas (`checkProject`, without its rules); nothing is built and nothing leaves the
 * machine. CI posts the report on every pull request.
 *
 * Options: `--title "…"` for the heading (default "<base> → <head>"), `--site <url>` to link the
 * pages affected. Exits 2 when a revision cannot be read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { checkProject } from '../src/lib/check/index.ts';
import { evidenceReport, evidenceSnapshot, type EvidenceSnapshot } from '../src/lib/evidence-diff.ts';
import { createWriter } from '../src/lib/output.ts';
import { ProblemReport, formatProblem } from '../src/lib/problems.ts';
import { projectRoot, resolveProject, type Project } from '../src/lib/project.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { title: { type: 'string' }, site: { type: 'string' } },
});
const [base, head] = positionals;
if (!base || positionals.length > 2) {
  console.error('usage: npm run diff -- <base revision> [<head revision>] [--title "…"] [--site https://…]');
  process.exit(2);
}

let project: Project;
try {
  project = resolveProject(projectRoot(new URL('..', import.meta.url).pathname));
} catch (error) {
  if (!(error instanceof ProblemReport)) throw error;
  for (const problem of error.problems) console.error(formatProblem(problem));
  process.exit(2);
}
const root = project.root;

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** A folder of the project as a path in its repository, with "/". */
function inRepository(folder: string): string {
  const path = relative(root, folder);
  if (path.startsWith('..') || path === '') {
    throw new Error(`${folder} is not inside ${root}: the diff reads revisions of folders inside the project`);
  }
  return path.split(sep).join('/');
}

/** The snapshot of a project whose content files are on disk. */
async function snapshot(at: Project): Promise<EvidenceSnapshot> {
  // No rules: the readers and schemas alone, so a revision with warnings or errors is still compared.
  const check = await checkProject(at, []);
  const files = [...check.studies, ...check.topics, ...check.pages].map((entry) => entry.file);
  return evidenceSnapshot(check, new Map(files.map((file) => [file, readFileSync(join(at.root, file), 'utf8')])));
}

/** The snapshot of `revision`: its references and content, read from Git into a temporary folder. */
async function snapshotOf(revision: string): Promise<EvidenceSnapshot> {
  try {
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  } catch {
    throw new Error(`"${revision}" is not a revision of the repository at ${root}`);
  }
  const folders = [inRepository(project.contentDir), inRepository(project.referencesDir)];
  const copy = mkdtempSync(join(tmpdir(), 'atlas-diff-'));
  try {
    const writer = createWriter(copy);
    const files = git(['ls-tree', '-r', '-z', '--name-only', revision, '--', ...folders])
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      writer.write(
        file,
        execFileSync('git', ['show', `${revision}:${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024 }),
      );
    }
    const [contentFolder = '', referencesFolder = ''] = folders;
    return await snapshot(
      resolveProject(copy, {
        ...process.env,
        ATLAS_CONTENT_DIR: join(copy, contentFolder),
        ATLAS_REFERENCES_DIR: join(copy, referencesFolder),
      }),
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

try {
  const before = await snapshotOf(base);
  const after = head ? await snapshotOf(head) : await snapshot(project);
  process.stdout.write(
    evidenceReport(before, after, {
      title: values.title ?? `${base} → ${head ?? 'the working tree'}`,
      site: values.site,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
