import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The build test runs a full `astro build`.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
