/**
 * Global setup for the browser tests: serves the built site (dist/) on 127.0.0.1 at a free port
 * and provides its address to the tests as `inject('baseUrl')`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the static server, e.g. `http://127.0.0.1:43210`, without a trailing slash. */
    baseUrl: string;
  }
}

const distDir = resolve(fileURLToPath(new URL('../dist/', import.meta.url)));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(
      `The built site is missing (${join(distDir, 'index.html')} not found). Run \`npm run build\` first.`,
    );
  }
  const server = await serveStatic(distDir);
  project.provide('baseUrl', server.baseUrl);
  return () => server.close();
}
