/**
 * A static file server for the browser tests: serves a built site on 127.0.0.1 at a free port,
 * never anything outside its folder. e2e/setup.ts serves dist/ with it; a test that builds its
 * own site serves that.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

/** Maps a request path to a file in `root`: a directory gives its index.html; anything else is 404. */
async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = resolve(join(root, decoded));
  // Never serve anything outside the folder.
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // Missing file or directory without index.html.
  }
  return undefined;
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(res, 405, 'Method Not Allowed');
    return;
  }
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = await resolveFile(root, pathname);
  if (file === undefined) {
    // As GitHub Pages does: the site's own 404.html, with the status 404.
    const notFound = join(root, '404.html');
    const page = await readFile(notFound).catch(() => undefined);
    if (!page) {
      send(res, 404, `Not Found: ${pathname}`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
    res.end(req.method === 'HEAD' ? undefined : page);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export interface StaticServer {
  /** Its address, e.g. `http://127.0.0.1:43210`, without a trailing slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Serve the files of `folder` on 127.0.0.1 at a free port. */
export async function serveStatic(folder: string): Promise<StaticServer> {
  const root = resolve(folder);
  const server = createServer((req, res) => {
    handle(root, req, res).catch((error: unknown) => {
      console.error('[e2e server]', error);
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
      });
    },
  };
}
