/**
 * `npm run build [-- astro build options]`: Astro's build, in a Node.js process that holds less
 * memory on a large corpus (src/lib/build-process.ts). Astro's output is the build's own; the
 * exit code is Astro's.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildProcess, endedBySignal } from '../src/lib/build-process.ts';

const astro = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));
const { args, env, heapMB } = buildProcess(astro, ['build', ...process.argv.slice(2)], process.env, process.execArgv);
const child = spawn(process.execPath, args, { env, stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`The build could not start: ${error.message}`);
  process.exitCode = 1;
});
// Ctrl-C reaches the build through the terminal's process group; a signal sent to this process
// alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(endedBySignal(signal, heapMB));
    process.exitCode = 1;
  } else {
    process.exitCode = code ?? 1;
  }
});
