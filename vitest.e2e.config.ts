import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: `npm run build`, then `npm run test:e2e`.
 * e2e/setup.ts serves dist/ on 127.0.0.1 and provides its address to the tests as `baseUrl`.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
  },
});
