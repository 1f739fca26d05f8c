/**
 * The fast subset of the reliability suite (docs/cli.md "Reliability suite"), part of `npm test`: one run for
 * each class of defect the full suite (reliability.long.test.ts) looks for — a BOM, an expression that calls
 * mathjs' import, 10^4 nested parentheses, a run budget that never ends, a 5 MB name that must not be echoed,
 * a prototype key, and the CLI's usage errors, seeds, --claims "", --out into a missing folder, --version.
 * A run is a hang after 30 s here (60 s in the full suite).
 */
import { allJobs } from './suite.js';
import { defineReliabilitySuite } from './vitest-entry.js';

defineReliabilitySuite('escapelab reliability smoke', allJobs({ smoke: true }), { hookTimeoutMs: 10 * 60_000, runTimeoutMs: 30_000 });
