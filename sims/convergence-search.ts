/**
 * Convergence-bound searches beyond the CI budget (docs/convergence.md records the output):
 *   npx tsx sims/convergence-search.ts [--size quick|full] [--seeds N] [--out DIR]
 * 1. every convergence claim at the given size (default full: 20000 cases per property, horizons ≤ 10⁴);
 * 2. the detection rate of the Adam counterexample at the quick budget over seeds 1…N (default 20), and the
 *    same seeds for AMSGrad's Theorem 4, so that "found for Adam, not for AMSGrad" is not one lucky seed.
 * Writes DIR/convergence-<size>.json (default DIR = docs/data), the recorded results that figures are drawn from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { searchTheorem } from '../src/convergence/search.js';
import { theorem } from '../src/convergence/theorems.js';
import { CONVERGENCE_BUDGET, CONVERGENCE_CLAIMS } from '../src/verify/claims/convergence.js';
import type { RunSize } from '../src/verify/claim.js';
import { runClaim } from '../src/verify/row.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: 'full' }, seeds: { type: 'string', default: '20' }, out: { type: 'string', default: 'docs/data' } } });
const size = values.size as RunSize;
if (size !== 'quick' && size !== 'full') throw new Error(`--size must be quick or full, got '${values.size}'`);
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 0) throw new Error(`--seeds must be an integer ≥ 0, got '${values.seeds}'`);
mkdirSync(values.out!, { recursive: true });

const claims = [];
for (const c of CONVERGENCE_CLAIMS) {
  const t0 = performance.now();
  const r = await runClaim(c, size);
  console.log(`${c.id}: ${r.verdict} (${((performance.now() - t0) / 1000).toFixed(1)} s) — ${r.rule}`);
  claims.push(r);
}

const detection: Record<string, { seed: number; found: boolean; runs: number; covered: number; horizon: number | null }[]> = {};
for (const id of ['bound-adam-kingma-ba', 'bound-amsgrad']) {
  detection[id] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = searchTheorem(theorem(id), { ...CONVERGENCE_BUDGET.quick, seed });
    const b = r.bound!;
    detection[id].push({ seed, found: b.counterexample !== null, runs: b.runs, covered: b.covered, horizon: b.counterexample?.horizon ?? null });
  }
  const found = detection[id].filter((d) => d.found).length;
  console.log(`${id}: bound counterexample found with ${found}/${seeds} seeds at the quick budget`);
}

const file = `${values.out}/convergence-${size}.json`;
writeFileSync(file, JSON.stringify({ size, budget: CONVERGENCE_BUDGET[size], claims, detection }, null, 1));
console.log(`wrote ${file}`);
