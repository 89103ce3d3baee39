/**
 * A broken corpus fails the build with the places of its problems and writes nothing.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, root } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a broken corpus', () => {
  it('fails the build naming the file of a mistyped topic and the position of a misspelt key, and writes nothing', async () => {
    const content = join(scratch, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    const file = join(content, 'studies', 'rieser2025.mdx');
    const text = readFileSync(file, 'utf8');
    const mistyped = text
      .replace(/^( {2}- )alcohol-use-disorder$/m, '$1alcohol-use-disordr')
      .concat('\nAs [@rieser2024] showed.\n');
    expect(mistyped).not.toBe(text);
    writeFileSync(file, mistyped);
    const brokenOut = join(scratch, 'broken-dist');
    const failure = await buildSite(brokenOut, { ATLAS_CONTENT_DIR: content }).then(
      () => undefined,
      // CI terminals get colours: read the text.
      (error: { stdout: string; stderr: string }) => stripVTControlCharacters(`${error.stdout}\n${error.stderr}`),
    );
    expect(failure).toBeDefined();
    expect(failure).toMatch(
      /rieser2025\.mdx:\d+:\d+ unknown topic "alcohol-use-disordr" \(did you mean "alcohol-use-disorder"\?\)/,
    );
    const lines = mistyped.split('\n');
    const line = lines.findIndex((each) => each.includes('[@rieser2024]')) + 1;
    expect(failure).toContain(
      `content/studies/rieser2025.mdx:${line}:5 unknown citation key "rieser2024" (did you mean "rieser2025"?)`,
    );
    expect(existsSync(brokenOut)).toBe(false);
  });
});
