/**
 * Step-size study: Monte Carlo MFPT against the exact MFPT at several dt (docs/engine.md, "Step size").
 * Usage: npx tsx sims/dt-scan.ts <example name or scenario file> [trajectories] [dt,dt,...] [integrator]; SEED=7 by default.
 */
import { readFileSync } from 'node:fs';
import { compileScenario } from '../src/scenario/compile.js';
import { runEnsemble } from '../src/montecarlo/engine.js';
import { summarize } from '../src/montecarlo/summary.js';
import { exactMFPT1D } from '../src/theory/mfpt1d/index.js';
const name = process.argv[2]; const N = Number(process.argv[3] ?? 4000);
const sc = JSON.parse(readFileSync(name.endsWith(".json") ? name : `examples/${name}.json`, 'utf8'));
for (const dt of (process.argv[4] ?? '0.004,0.002,0.001').split(',').map(Number)) {
  const c = compileScenario(sc, { trajectories: N, seed: Number(process.env.SEED ?? 7), dt, integrator: process.argv[5] ?? 'euler-maruyama' } as Record<string, unknown>);
  const co = c.model!.coefficients1D();
  const ex = exactMFPT1D({ drift: co.drift, diffusion: co.diffusion }, { start: c.start[0], exit: c.passage.exit[0].level, reflect: c.passage.reflect[0]?.level ?? -Infinity }).mfpt;
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: N }, backend: 'workers' });
  const s = summarize(c, run.results, run);
  console.log(name, 'dt', dt, 'exact', ex.toFixed(3), 'MC', s.mfpt!.estimate.toFixed(3), '±', s.mfpt!.se.toFixed(3), 'rel bias', ((s.mfpt!.estimate / ex - 1) * 100).toFixed(2) + '%');
}
