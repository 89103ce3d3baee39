/**
 * The integration adds its citation plugin to the Markdown processor the site configured, and the
 * site's own plugins keep running beside it: with Sätteri (Astro's default) and with unified.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'node-html-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, root } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-plugins-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A corpus whose topic says "zzmarker" and cites a study. */
function corpus(): string {
  const content = join(scratch, `content-${Math.random().toString(36).slice(2)}`);
  cpSync(new URL('../fixtures/project/content/', import.meta.url), content, { recursive: true });
  const topic = join(content, 'topics', 'integration.mdx');
  writeFileSync(topic, `${readFileSync(topic, 'utf8')}\nThe site plugin reads zzmarker, next to [@alpha2020].\n`);
  return content;
}

const resolve = (specifier: string) => JSON.stringify(import.meta.resolve(specifier));
const integration = JSON.stringify(pathToFileURL(join(root, 'src/integrations/index.ts')).href);

/** An astro.config that sets up `processor` with the site's own plugin, then adds the integration. */
function config(processor: 'satteri' | 'unified'): string {
  const file = join(scratch, `astro.config.${processor}.mjs`);
  const setup =
    processor === 'satteri'
      ? `satteri({ mdastPlugins: [{ name: 'site-marker', text(node, ctx) { if (node.value.includes('zzmarker')) ctx.setProperty(node, 'value', node.value.replaceAll('zzmarker', 'ZZMARKER')); } }] })`
      : `unified({ remarkPlugins: [() => (tree) => { const walk = (node) => { if (node.type === 'text') node.value = node.value.replaceAll('zzmarker', 'ZZMARKER'); for (const child of node.children ?? []) walk(child); }; walk(tree); }] })`;
  writeFileSync(
    file,
    `import mdx from ${resolve('@astrojs/mdx')};
import { satteri } from ${resolve('@astrojs/markdown-satteri')};
import { unified } from ${resolve('@astrojs/markdown-remark')};
import { defineConfig } from ${resolve('astro/config')};
import evidenceAtlas from ${integration};
export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  markdown: { processor: ${setup} },
  integrations: [evidenceAtlas(), mdx()],
});
`,
  );
  return file;
}

describe("the site's own Markdown plugins", () => {
  it.each(['satteri', 'unified'] as const)('keep running next to the citation plugin with %s', async (processor) => {
    const out = join(scratch, `dist-${processor}`);
    await buildSite(
      out,
      {
        ATLAS_CONTENT_DIR: corpus(),
        ATLAS_REFERENCES_DIR: new URL('../fixtures/project/references/', import.meta.url).pathname,
      },
      // Astro reads --config relative to the root.
      ['--root', root, '--config', relative(root, config(processor))],
    );
    const html = parse(readFileSync(join(out, 'topics', 'integration', 'index.html'), 'utf8'));
    const body = html.querySelector('.prose')?.text ?? '';
    expect(body).toContain('The site plugin reads ZZMARKER');
    expect(body).not.toContain('zzmarker');
    const citation = html.querySelector('.prose a.cite');
    expect(citation?.getAttribute('href')).toBe('/studies/alpha2020/');
    expect(citation?.text).toBe('(Alpha et al., 2020)');
  });
});
