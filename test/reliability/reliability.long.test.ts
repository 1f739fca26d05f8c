/**
 * The whole reliability suite (docs/cli.md "Reliability suite"): every malformed, hostile and extreme scenario
 * of the corpus through `escapelab theory` and `simulate`, and every CLI misuse, against the real CLI. Minutes on
 * two cores; run by `npm run test:long` (vitest.long.config.ts), not by `npm test` (smoke.test.ts is the subset).
 */
import { allJobs } from './suite.js';
import { defineReliabilitySuite } from './vitest-entry.js';

defineReliabilitySuite('escapelab reliability suite', allJobs(), { hookTimeoutMs: 60 * 60_000 });
