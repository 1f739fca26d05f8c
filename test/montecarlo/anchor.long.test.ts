/**
 * Correctness anchor (issue 2 item 8, issue 3 acceptance): Monte Carlo mean escape times against the exact
 * Gardiner MFPT of `escapelab theory`, computed by quadrature (src/theory, an independent route sharing no code with the stepper).
 *
 * Null hypothesis of each case: the simulator samples the SDE's first-passage time, so its 95% CI covers the
 * exact MFPT (a 5%-level test per case, fixed seed; the EM step bias at dt = 1e-3 is far below the CI width).
 * Each case prints its z-score so a drift towards the edge is visible.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';

const N = 4000;
const example = (name: string) => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
async function check(label: string, sc: Record<string, any>) {
  const c = compileScenario(sc, { trajectories: N, seed: 1 });
  // the exact MFPT as `escapelab theory` reports it
  const t = theoryOfSystem(c);
  const exact = { mfpt: t.mfpt.exact!, relError: t.exact!.relError };
  expect(exact.relError).toBeLessThan(1e-8);
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: N }, backend: 'auto' });
  const s = summarize(c, run.results, run);
  const m = s.mfpt!;
  console.log(`${label}: exact ${exact.mfpt.toFixed(4)}, MC ${m.estimate.toFixed(4)} [${m.ci95[0].toFixed(4)}, ${m.ci95[1].toFixed(4)}] (${m.method}), z = ${((m.estimate - exact.mfpt) / m.se).toFixed(2)}`);
  expect(s.blowups).toBe(0);
  expect(m.ci95[0]).toBeLessThanOrEqual(exact.mfpt);
  expect(m.ci95[1]).toBeGreaterThanOrEqual(exact.mfpt);
}

describe('Monte Carlo MFPT vs exact quadrature, 4000 trajectories', () => {
  for (const T of [0.5, 0.25, 0.2]) {
    it(`langevin quartic h(x²−1)², T = ${T}`, async () => {
      const sc = example('double-well-langevin');
      sc.dynamics.temperature = T;
      delete sc.reflect; // natural boundary on the left, as in the issue
      await check(`langevin T=${T}`, sc);
    });
  }
  for (const name of ['well-barrier-sgd', 'well-barrier-sgd-hanggi', 'well-barrier-adam', 'well-barrier-invadam', 'well-barrier-padam']) {
    it(`${name} (hessian noise)`, async () => {
      await check(name, example(name));
    });
  }
});
