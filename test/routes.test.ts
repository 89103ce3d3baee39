/**
 * Every address of the site (src/lib/routes.ts): the path each route gives for ordinary and
 * unusual keys, the base applied exactly once, the file each path becomes, and anchors that
 * cannot collide across families.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchors,
  exportExtensions,
  outputFile,
  reservedPageSlugs,
  routes,
  routesWithBase,
  withBase,
  type BasedRoutes,
} from '../src/lib/routes.ts';
import { keyArbitrary, styleNameArbitrary } from './arbitraries.ts';

const plain = 'rieser2025';
const colon = 'Doe:2006';
const cyrillic = 'АренсЗ2022Кдпз';
/** `cyrillic` percent-encoded as UTF-8, written out by hand. */
const cyrillicEncoded = '%D0%90%D1%80%D0%B5%D0%BD%D1%81%D0%972022%D0%9A%D0%B4%D0%BF%D0%B7';

/** A call of a route, on the plain routes or on the routes with a base. */
type RouteCall = (r: BasedRoutes) => string;
/** Route name → [what is asked, the call, the expected path]. */
const routeTable: Record<keyof typeof routes, [string, RouteCall, string][]> = {
  home: [['home', (r) => r.home(), '/']],
  studies: [
    ['all studies', (r) => r.studies(), '/studies/'],
    ['empty filters', (r) => r.studies({ topic: undefined, design: '' }), '/studies/'],
    [
      'filtered studies',
      (r) => r.studies({ topic: 'ptsd', design: 'rct', year: undefined }),
      '/studies/?topic=ptsd&design=rct',
    ],
    ['a filter value that needs encoding', (r) => r.studies({ q: 'a&b c' }), '/studies/?q=a%26b+c'],
  ],
  studiesPart: [
    ['a year', (r) => r.studiesPart('2024'), '/studies/by-year/2024/'],
    ['a year in parts', (r) => r.studiesPart('2024-2'), '/studies/by-year/2024-2/'],
  ],
  study: [
    ['plain key', (r) => r.study(plain), '/studies/rieser2025/'],
    ['key with ":"', (r) => r.study(colon), '/studies/Doe:2006/'],
    ['non-ASCII key', (r) => r.study(cyrillic), `/studies/${cyrillicEncoded}/`],
    ['key with "+"', (r) => r.study('a+b'), '/studies/a+b/'],
  ],
  topics: [['topics', (r) => r.topics(), '/topics/']],
  topic: [['topic', (r) => r.topic('ptsd'), '/topics/ptsd/']],
  topicFeed: [['topic feed', (r) => r.topicFeed('ptsd'), '/topics/ptsd/feed.xml']],
  topicReferences: exportExtensions.map((extension) => [
    `topic references .${extension}`,
    (r) => r.topicReferences('alcohol-use-disorder', extension),
    `/topics/alcohol-use-disorder/references.${extension}`,
  ]),
  references: [['references', (r) => r.references(), '/references/']],
  referencesPart: [
    ['a letter', (r) => r.referencesPart('s'), '/references/by-name/s/'],
    ['a range in parts', (r) => r.referencesPart('sa-sh-2'), '/references/by-name/sa-sh-2/'],
  ],
  referencesPartsMap: [['parts of references by key', (r) => r.referencesPartsMap(), '/references/by-name/parts.json']],
  referenceEntry: [
    ['plain key', (r) => r.referenceEntry(plain), '/references/#ref-rieser2025'],
    ['on a part', (r) => r.referenceEntry(plain, 'r'), '/references/by-name/r/#ref-rieser2025'],
    ['key with ":"', (r) => r.referenceEntry(colon), '/references/#ref-Doe:2006'],
    ['non-ASCII key', (r) => r.referenceEntry(cyrillic), `/references/#ref-${cyrillic}`],
  ],
  referenceFile: [
    ['plain key', (r) => r.referenceFile(plain, 'bib'), '/references/rieser2025.bib'],
    ['key with ":"', (r) => r.referenceFile(colon, 'ris'), '/references/Doe:2006.ris'],
    ['non-ASCII key', (r) => r.referenceFile(cyrillic, 'json'), `/references/${cyrillicEncoded}.json`],
  ],
  library: exportExtensions.map((extension) => [
    `library .${extension}`,
    (r) => r.library(extension),
    `/references.${extension}`,
  ]),
  search: [
    ['search', (r) => r.search(), '/search/'],
    ['search with a query', (r) => r.search('?q=psilocybin'), '/search/?q=psilocybin'],
  ],
  map: [['map', (r) => r.map(), '/map/']],
  page: [['page', (r) => r.page('about'), '/about/']],
  rss: [['rss', (r) => r.rss(), '/rss.xml']],
  sitemap: [['sitemap', (r) => r.sitemap(), '/sitemap-index.xml']],
  favicon: [['favicon', (r) => r.favicon(), '/favicon.svg']],
  faviconIco: [['favicon for old browsers', (r) => r.faviconIco(), '/favicon.ico']],
  notFound: [['404 page', (r) => r.notFound(), '/404.html']],
  pagefind: [['pagefind', (r) => r.pagefind(), '/pagefind/']],
  admin: [['admin', (r) => r.admin(), '/admin/']],
  adminConfig: [['admin config', (r) => r.adminConfig(), '/admin/config.yml']],
  adminFile: [
    ['bundle file', (r) => r.adminFile('decap-cms.js'), '/admin/decap-cms.js'],
    ['a name that is not a segment', (r) => r.adminFile('../x.js'), '/admin/..%2Fx.js'],
  ],
};

type Call = () => string;

const anchorTable: Record<keyof typeof anchors, [string, Call, string][]> = {
  reference: [
    ['plain key', () => anchors.reference(plain), 'ref-rieser2025'],
    ['key with ":"', () => anchors.reference(colon), 'ref-Doe:2006'],
    ['non-ASCII key', () => anchors.reference(cyrillic), `ref-${cyrillic}`],
  ],
  citation: [
    ['plain key', () => anchors.citation(plain), 'cite-rieser2025'],
    ['key with ":"', () => anchors.citation(colon), 'cite-Doe:2006'],
    ['non-ASCII key', () => anchors.citation(cyrillic), `cite-${cyrillic}`],
  ],
  citeString: [
    ['plain key', () => anchors.citeString(plain, 'apa'), 'copy-apa~rieser2025'],
    ['key with ":"', () => anchors.citeString(colon, 'vancouver'), 'copy-vancouver~Doe:2006'],
    ['non-ASCII key', () => anchors.citeString(cyrillic, 'harvard1'), `copy-harvard1~${cyrillic}`],
  ],
  citeStringLabel: [
    ['plain key', () => anchors.citeStringLabel(plain, 'apa'), 'copy-apa~rieser2025~label'],
    ['key with ":"', () => anchors.citeStringLabel(colon, 'vancouver'), 'copy-vancouver~Doe:2006~label'],
    ['non-ASCII key', () => anchors.citeStringLabel(cyrillic, 'harvard1'), `copy-harvard1~${cyrillic}~label`],
  ],
  citeThisHeading: [['heading', () => anchors.citeThisHeading(), 'heading-cite-this']],
  miscitation: [['heading', () => anchors.miscitation(), 'miscitation-heading']],
  referencesHeading: [['heading', () => anchors.referencesHeading(), 'page-references-heading']],
  findingsNote: [['first note', () => anchors.findingsNote(1), 'sof-note-1']],
};

const rows = <C>(table: Record<string, [string, C, string][]>) =>
  Object.entries(table).flatMap(([name, cases]) =>
    cases.map(([what, call, expected]) => [name, what, call, expected] as const),
  );

describe('routes', () => {
  it('has a row in the table for every route', () => {
    expect(Object.keys(routeTable).sort()).toEqual(Object.keys(routes).sort());
  });

  it.each(rows(routeTable))('%s (%s)', (_name, _what, call, expected) => {
    expect(call(routes)).toBe(expected);
  });
});

describe('anchors', () => {
  it('has a row in the table for every anchor', () => {
    expect(Object.keys(anchorTable).sort()).toEqual(Object.keys(anchors).sort());
  });

  it.each(rows(anchorTable))('%s (%s)', (_name, _what, call, expected) => {
    expect(call()).toBe(expected);
  });

  it('never gives the same id to two different things, whatever the keys and style names', () => {
    const anchor = fc.oneof(
      keyArbitrary.map((key) => ({ id: anchors.reference(key), what: `reference ${key}` })),
      keyArbitrary.map((key) => ({ id: anchors.citation(key), what: `citation ${key}` })),
      fc.tuple(keyArbitrary, styleNameArbitrary).map(([key, style]) => ({
        id: anchors.citeString(key, style),
        what: `citeString ${style} ${key}`,
      })),
      fc.tuple(keyArbitrary, styleNameArbitrary).map(([key, style]) => ({
        id: anchors.citeStringLabel(key, style),
        what: `citeStringLabel ${style} ${key}`,
      })),
      fc.constant({ id: anchors.citeThisHeading(), what: 'citeThisHeading' }),
      fc.constant({ id: anchors.miscitation(), what: 'miscitation' }),
      fc.constant({ id: anchors.referencesHeading(), what: 'referencesHeading' }),
      fc.nat({ max: 500 }).map((number) => ({ id: anchors.findingsNote(number), what: `findingsNote ${number}` })),
    );
    fc.assert(
      fc.property(anchor, anchor, (a, b) => {
        if (a.id === b.id) expect(a.what).toBe(b.what);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the families apart even for keys shaped like another family', () => {
    const tricky = ['label', 'ref-x', 'cite-x', 'copy-apa', 'heading', 'this', 'apa', 'x-label'];
    const ids = [
      anchors.citeThisHeading(),
      anchors.miscitation(),
      ...tricky.flatMap((key) => [
        anchors.reference(key),
        anchors.citation(key),
        ...['apa', 'copy', 'label', 'x-label'].flatMap((style) => [
          anchors.citeString(key, style),
          anchors.citeStringLabel(key, style),
        ]),
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('withBase', () => {
  it.each<[string, string, string]>([
    ['', '/', '/'],
    ['', '/studies/x/', '/studies/x/'],
    ['/', '/studies/x/', '/studies/x/'],
    ['/evidence-atlas', '/', '/evidence-atlas/'],
    ['/evidence-atlas', '/studies/x/', '/evidence-atlas/studies/x/'],
    ['/evidence-atlas/', '/studies/x/', '/evidence-atlas/studies/x/'],
    ['/evidence-atlas', 'https://doi.org/10.1000/x', 'https://doi.org/10.1000/x'],
    ['/evidence-atlas', '//cdn.example/x.js', '//cdn.example/x.js'],
    ['/evidence-atlas', '#ref-x', '#ref-x'],
  ])('with base %j puts %j at %j', (base, path, expected) => {
    expect(withBase(base, path)).toBe(expected);
  });

  it.each(['', '/evidence-atlas'])('routesWithBase(%j) adds the base once to every route', (base) => {
    const based = routesWithBase(base);
    expect(Object.keys(based).sort()).toEqual(Object.keys(routes).sort());
    for (const [, , call, expected] of rows(routeTable)) {
      expect(call(based)).toBe(`${base}${expected}`);
      expect(withBase(base, call(routes))).toBe(call(based));
    }
  });
});

describe('outputFile', () => {
  it.each<[string, Call, string]>([
    ['home', () => routes.home(), 'index.html'],
    ['study list', () => routes.studies(), 'studies/index.html'],
    ['filtered study list', () => routes.studies({ topic: 'ptsd' }), 'studies/index.html'],
    ['study', () => routes.study(plain), 'studies/rieser2025/index.html'],
    ['study with ":"', () => routes.study(colon), 'studies/Doe:2006/index.html'],
    ['non-ASCII study', () => routes.study(cyrillic), `studies/${cyrillic}/index.html`],
    ['topic', () => routes.topic('ptsd'), 'topics/ptsd/index.html'],
    ['topic feed', () => routes.topicFeed('ptsd'), 'topics/ptsd/feed.xml'],
    ['topic download', () => routes.topicReferences('ptsd', 'ris'), 'topics/ptsd/references.ris'],
    ['reference entry', () => routes.referenceEntry(plain), 'references/index.html'],
    ['reference download', () => routes.referenceFile(plain, 'bib'), 'references/rieser2025.bib'],
    ['reference download with ":"', () => routes.referenceFile(colon, 'json'), 'references/Doe:2006.json'],
    ['non-ASCII reference download', () => routes.referenceFile(cyrillic, 'ris'), `references/${cyrillic}.ris`],
    ['library', () => routes.library('bib'), 'references.bib'],
    ['search with a query', () => routes.search('?q=x'), 'search/index.html'],
    ['page', () => routes.page('about'), 'about/index.html'],
    ['feed', () => routes.rss(), 'rss.xml'],
    ['sitemap', () => routes.sitemap(), 'sitemap-index.xml'],
  ])('writes the %s to its file', (_what, call, file) => {
    expect(outputFile(call())).toBe(file);
  });

  it.each<[string, string]>([
    ['/../x', 'leaves the output folder'],
    ['/a/%2e%2e/x', 'leaves the output folder'],
    ['/a/%2E%2E/x', 'leaves the output folder'],
    ['/a/./x', 'leaves the output folder'],
    ['/..%2F..%2Fetc/passwd', 'leaves the output folder'],
    ['/a/..%2fx', 'leaves the output folder'],
    ['/a%5C..%5Cx', 'leaves the output folder'],
    ['/a/%00.html', 'leaves the output folder'],
    ['//etc/passwd', 'has an empty segment ("//")'],
    ['/a/%zz', 'has a "%" that is not followed by an encoded character'],
    ['studies/x/', 'not a site path'],
  ])('refuses %j', (path, message) => {
    expect(() => outputFile(path)).toThrow(message);
  });
});

describe('reservedPageSlugs', () => {
  it('names the first segment of every route of the site', () => {
    expect([...reservedPageSlugs].sort()).toEqual(
      [
        '404',
        'favicon.ico',
        'admin',
        'favicon.svg',
        'map',
        'pagefind',
        'references',
        'references.bib',
        'references.json',
        'references.ris',
        'rss.xml',
        'search',
        'sitemap-index.xml',
        'studies',
        'topics',
      ].sort(),
    );
  });
});
