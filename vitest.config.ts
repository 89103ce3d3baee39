import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit and integration tests in test/, and the site tests in test/site/, which read one
 * shared build of the real site (test/site/build.ts) or make their own.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/*.test.ts'],
          // Some run `astro build` on scratch projects.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['test/site/*.test.ts'],
          globalSetup: ['test/site/build.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
