/**
 * The public surface of the modules every other part of the project builds on: the names each
 * exports. Adding, removing or renaming an export changes this list, so the change is deliberate
 * and reviewed with the callers in mind. (Types are not listed: they leave no trace at run time.)
 */
import { describe, expect, it } from 'vitest';
import * as facets from '../src/lib/facets.ts';
import * as html from '../src/lib/html.ts';
import * as keys from '../src/lib/keys.ts';
import * as output from '../src/lib/output.ts';
import * as project from '../src/lib/project.ts';
import * as routes from '../src/lib/routes.ts';

const surfaces: [string, object, string[]][] = [
  [
    'src/lib/keys.ts',
    keys,
    [
      'asCitationKey',
      'caseFold',
      'citationKeyProblem',
      'isCitationKey',
      'isSlug',
      'maxKeyLength',
      'slugGrammar',
      'suggestKey',
    ],
  ],
  [
    'src/lib/routes.ts',
    routes,
    ['anchors', 'exportExtensions', 'outputFile', 'reservedPageSlugs', 'routes', 'routesWithBase', 'withBase'],
  ],
  ['src/lib/output.ts', output, ['UnsafeWriteError', 'createWriter', 'resolveInside', 'writeInside']],
  [
    'src/lib/project.ts',
    project,
    ['projectRoot', 'repositoryPath', 'resolveProject', 'settingsSchema', 'settingsTable'],
  ],
  [
    'src/lib/html.ts',
    html,
    ['cslSchema', 'escapeHtml', 'jsonForScript', 'sanitizeCslHtml', 'sanitizeCslTree', 'xmlDocument'],
  ],
  [
    'src/lib/facets.ts',
    facets,
    [
      'facetAttribute',
      'facetNames',
      'facetOptions',
      'facets',
      'facetsOf',
      'nBand',
      'nBands',
      'pageKindLabels',
      'pageKinds',
      'topicFacetOf',
    ],
  ],
];

describe('public surface', () => {
  it.each(surfaces)('of %s is these exports', (_file, module, names) => {
    expect(Object.keys(module).sort()).toEqual(names);
  });
});
