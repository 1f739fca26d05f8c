import { defineConfig } from 'vitest/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'proofs/**/*.test.ts'],
    // the long statistical suites run in `npm run test:long` (vitest.long.config.ts), which CI runs too
    exclude: ['**/*.long.test.ts', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // `auto` reads the backend validation cache (src/montecarlo/gpujs/auto.ts); the tests must not see the user's
    env: { ESCAPELAB_CACHE_DIR: join(tmpdir(), `escapelab-test-cache-${process.pid}`) },
  },
});
