/**
 * DOIs (src/lib/doi.ts): the grammar, the link, and the lookup against a resolver, here a local
 * server that answers the way resolvers do and the ways they should not: not found, failing,
 * not JSON, the wrong shape, too large, too slow, not there at all.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doiProblem, doiUrl, isDoi, lookupDoi, maxResponseBytes, resolverRecordSchema } from '../src/lib/doi.ts';

const sici = '10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0';
const shape =
  'a DOI looks like 10.1000/xyz123: "10.", the registrant number, "/", then no spaces, quotes or angle brackets';
const dots = 'a DOI has no "." or ".." between slashes (a link would read it as a step up its path)';
const prefixed = 'a DOI looks like 10.1000/xyz123, without "https://doi.org/" or "doi:"';

describe('doiProblem', () => {
  it.each([
    '10.1000/182',
    '10.1038/nature12373',
    '10.1093/ajae/aaq063',
    '10.1016/S0140-6736(20)30183-5',
    sici,
    '10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2'.replace('<', '%3C').replace('>', '%3E'),
    '10.12345.6/x',
    '10.1000/a../b',
    '10.1000/..x',
    '10.1000/x?y#z',
    '10.1000/Übersicht',
    '10.1000/a:b;c+d=e&f',
  ])('accepts %s', (doi) => {
    expect(doiProblem(doi)).toBeUndefined();
    expect(isDoi(doi)).toBe(true);
  });

  it.each<[string, string]>([
    ['10.1000/a"b', shape],
    ["10.1000/a'b", shape],
    ['10.1000/a b', shape],
    ['10.1000/a<b', shape],
    ['10.1000/a>b', shape],
    ['10.1000/a{b}', shape],
    ['10.1000/a\\b', shape],
    ['10.1000/a\nb', shape],
    ['10.1000/a\u0000b', shape],
    ['10.1000/', shape],
    ['10.12/x', shape],
    ['11.1000/x', shape],
    ['1000/x', shape],
    ['', shape],
    ['https://doi.org/10.1000/182', prefixed],
    ['http://dx.doi.org/10.1000/182', prefixed],
    ['doi:10.1000/182', prefixed],
    ['DOI:10.1000/182', prefixed],
    [`10.1000/${'x'.repeat(300)}`, 'is longer than 300 characters'],
    ['10.1000/../x', dots],
    ['10.1000/a/..', dots],
    ['10.1000/./x', dots],
    ['10.1000/%2e%2e/x', dots],
    ['10.1000/.%2E/x', dots],
  ])('refuses %j', (doi, message) => {
    expect(doiProblem(doi)).toBe(message);
    expect(isDoi(doi)).toBe(false);
  });
});

describe('doiUrl', () => {
  it.each<[string, string]>([
    ['10.1000/182', 'https://doi.org/10.1000/182'],
    ['10.1093/ajae/aaq063', 'https://doi.org/10.1093/ajae/aaq063'],
    ['10.1016/S0140-6736(20)30183-5', 'https://doi.org/10.1016/S0140-6736(20)30183-5'],
    [sici, 'https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO%3B2-0'],
    ['10.1000/x?y#z', 'https://doi.org/10.1000/x%3Fy%23z'],
    ['10.1000/a b&c=d', 'https://doi.org/10.1000/a%20b%26c%3Dd'],
    ['10.1000/Übersicht', 'https://doi.org/10.1000/%C3%9Cbersicht'],
    ['10.1000/50%off', 'https://doi.org/10.1000/50%25off'],
  ])('links %s as %s', (doi, url) => {
    expect(doiUrl(doi)).toBe(url);
  });

  it('uses the resolver it is given', () => {
    expect(doiUrl('10.1000/182', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/10.1000/182');
  });

  it('keeps every valid DOI inside its own path on the resolver', () => {
    const part = fc
      .array(
        fc.constantFrom('a', 'Z', '7', '.', '..', '?', '#', '%', '%2e', '%2F', ':', ';', '(', ')', 'ä', '&', '='),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((chars) => chars.join(''));
    const doi = fc
      .tuple(fc.integer({ min: 1000, max: 999_999_999 }), fc.array(part, { minLength: 1, maxLength: 4 }))
      .map(([registrant, parts]) => `10.${registrant}/${parts.join('/')}`)
      .filter(isDoi);
    fc.assert(
      fc.property(doi, (value) => {
        const url = new URL(doiUrl(value, 'http://resolver.example'));
        const prefix = value.split('/')[0];
        expect(url.origin).toBe('http://resolver.example');
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
        expect(url.pathname.startsWith(`/${prefix}/`)).toBe(true);
        expect(url.pathname.split('/')).toHaveLength(value.split('/').length + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lookupDoi', () => {
  let server: Server;
  let resolver: string;
  /** The raw request paths the resolver received, and the Accept header of each. */
  let requests: { url: string; accept: string | undefined }[];
  /** Bytes the huge answer wrote before the client went away, and whether it went away. */
  let huge: { sent: number; closed: Promise<unknown> } | undefined;

  const record = {
    type: 'article-journal',
    title: ['Psilocybin for depression', 'A second title'],
    'container-title': ['The Journal'],
    author: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Trial Group' }],
    'published-print': { 'date-parts': [[2024, 3, 1]] },
    volume: 12,
    page: '1-10',
    DOI: '10.1000/found',
    URL: 'https://doi.org/10.1000/found',
    reference: [{ key: 'ref1' }],
    abstract: '<jats:p>Long</jats:p>',
  };

  const send = (response: ServerResponse, status: number, body: string, type = 'application/json') => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };

  const answers: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/10.1000/found': (_request, response) => send(response, 200, JSON.stringify(record)),
    '/10.1000/moved': (_request, response) => {
      response.writeHead(302, { location: '/10.1000/found' });
      response.end();
    },
    '/10.1000/missing': (_request, response) => send(response, 404, 'DOI Not Found', 'text/plain'),
    '/10.1000/failing': (_request, response) => send(response, 500, 'Internal Server Error', 'text/plain'),
    '/10.1000/html': (_request, response) => send(response, 200, '<html><body>Not JSON</body></html>', 'text/html'),
    '/10.1000/title-number': (_request, response) => send(response, 200, JSON.stringify({ ...record, title: 42 })),
    '/10.1000/author-string': (_request, response) =>
      send(response, 200, JSON.stringify({ ...record, author: 'Jane Doe' })),
    '/10.1000/no-title': (_request, response) => send(response, 200, JSON.stringify({ type: 'book' })),
    '/10.1000/huge': (_request, response) => {
      // Streams up to 64 MiB without a length, at the pace the client reads.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const state = { sent: 0, closed: once(response, 'close') };
      huge = state;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"title":"');
      const pump = () => {
        while (state.sent < 64 * 1024 * 1024 && !response.destroyed) {
          state.sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end('"}');
      };
      pump();
    },
    '/10.1000/slow': () => {
      // Never answers.
    },
    '/10.1000/slow-body': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"title":');
    },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', accept: request.headers.accept });
      const answer = answers[request.url ?? ''];
      if (answer) answer(request, response);
      else send(response, 404, 'DOI Not Found', 'text/plain');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    resolver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  beforeEach(() => {
    requests = [];
    huge = undefined;
  });

  it('finds a record and keeps only the fields the project reads', async () => {
    expect(await lookupDoi('10.1000/found', resolver, 2000)).toEqual({
      status: 'found',
      csl: {
        type: 'article-journal',
        title: 'Psilocybin for depression',
        'container-title': 'The Journal',
        author: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Trial Group' }],
        issued: { 'date-parts': [[2024, 3, 1]] },
        volume: 12,
        page: '1-10',
        DOI: '10.1000/found',
        URL: 'https://doi.org/10.1000/found',
      },
    });
    expect(requests).toEqual([{ url: '/10.1000/found', accept: 'application/vnd.citationstyles.csl+json' }]);
  });

  it('follows a redirect, as doi.org answers with one', async () => {
    expect(await lookupDoi('10.1000/moved', resolver, 2000)).toMatchObject({ status: 'found' });
    expect(requests.map((request) => request.url)).toEqual(['/10.1000/moved', '/10.1000/found']);
  });

  it.each<[string, Awaited<ReturnType<typeof lookupDoi>>['status'], string]>([
    ['10.1000/missing', 'not-found', 'RESOLVER has no record of DOI 10.1000/missing'],
    ['10.1000/failing', 'unreachable', 'RESOLVER answered 500 for DOI 10.1000/failing'],
    ['10.1000/html', 'invalid', 'RESOLVER answered DOI 10.1000/html with something that is not JSON'],
    [
      '10.1000/title-number',
      'invalid',
      'RESOLVER answered DOI 10.1000/title-number with a record that is not CSL-JSON at "title": ',
    ],
    [
      '10.1000/author-string',
      'invalid',
      'RESOLVER answered DOI 10.1000/author-string with a record that is not CSL-JSON at "author": ',
    ],
    [
      '10.1000/no-title',
      'invalid',
      'RESOLVER answered DOI 10.1000/no-title with a record that is not CSL-JSON at "title": ',
    ],
  ])('reports %s as %s', async (doi, status, message) => {
    const result = await lookupDoi(doi, resolver, 2000);
    expect(result.status).toBe(status);
    const expected = message.replace('RESOLVER', resolver);
    // The message starts with the place and the verdict; zod's words for the field follow.
    expect('message' in result ? result.message.slice(0, expected.length) : '').toBe(expected);
  });

  it('stops reading an answer larger than maxResponseBytes and reports it', async () => {
    expect(await lookupDoi('10.1000/huge', resolver, 10_000)).toEqual({
      status: 'invalid',
      message: `${resolver} sent more than ${maxResponseBytes} bytes for DOI 10.1000/huge`,
    });
    expect(huge).toBeDefined();
    await huge?.closed;
    // The client hung up: the server could not send the rest (kernel buffers hold a few MiB).
    expect(huge?.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('gives up on a resolver that does not answer in time', async () => {
    const started = performance.now();
    const result = await lookupDoi('10.1000/slow', resolver, 150);
    expect(result.status).toBe('unreachable');
    expect('message' in result && result.message).toMatch(
      new RegExp(`^could not reach ${resolver.replace(/\./g, '\\.')} \\(.+\\); check the connection$`),
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('gives up on an answer whose body stops coming', async () => {
    const result = await lookupDoi('10.1000/slow-body', resolver, 150);
    expect(result.status).toBe('unreachable');
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const address = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    closed.close();
    await once(closed, 'close');
    const result = await lookupDoi('10.1000/found', address, 2000);
    expect(result).toEqual({
      status: 'unreachable',
      message: expect.stringMatching(/^could not reach http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\); check/),
    });
  });

  it('refuses a DOI that is not one, without asking', async () => {
    expect(await lookupDoi('https://doi.org/10.1000/found', resolver, 2000)).toEqual({
      status: 'invalid',
      message: `"https://doi.org/10.1000/found" is not a DOI: ${prefixed}`,
    });
    expect(await lookupDoi('10.1000/../../admin', resolver, 2000)).toEqual({
      status: 'invalid',
      message: `"10.1000/../../admin" is not a DOI: ${dots}`,
    });
    expect(requests).toEqual([]);
  });

  it.each<[string, string]>([
    ['10.1000/x../y?z=1', '/10.1000/x../y%3Fz%3D1'],
    ['10.1000/..x/#top', '/10.1000/..x/%23top'],
    ['10.1000/a%2e%2e%2Fb', '/10.1000/a%2e%2e%2Fb'],
    [sici, '/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO%3B2-0'],
  ])('sends %s to the resolver percent-encoded, inside its own path', async (doi, path) => {
    await lookupDoi(doi, resolver, 2000);
    expect(requests.map((request) => request.url)).toEqual([path]);
    const [prefix] = doi.split('/');
    for (const { url } of requests) {
      expect(url.startsWith(`/${prefix}/`)).toBe(true);
      expect(url).not.toContain('?');
      expect(url).not.toContain('#');
      expect(url.split('/')).not.toContain('..');
    }
  });
});

describe('resolverRecordSchema', () => {
  it('caps the size of what it reads', () => {
    expect(resolverRecordSchema.safeParse({ title: 'x'.repeat(2001) }).success).toBe(false);
    expect(resolverRecordSchema.safeParse({ title: 'x', author: Array(5001).fill({ family: 'Doe' }) }).success).toBe(
      false,
    );
    expect(resolverRecordSchema.safeParse({ title: 'x', extra: { anything: true } }).success).toBe(true);
  });
});
