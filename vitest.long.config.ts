import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:long`: the statistical suites too long for `npm test` (files named *.long.test.ts: coverage studies,
 * the reliability corpus, the runs of whole claims). CI (.ci/run) runs them after `npm test`.
 * The same settings as vitest.config.ts, with the include and exclude lists replaced (mergeConfig would append them).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/**/*.long.test.ts', 'proofs/**/*.long.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 600_000,
  },
});
