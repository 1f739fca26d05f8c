/**
 * The SDE models of the optimizers with Hessian noise under the rare-event solver, against the exact MFPT by
 * quadrature (docs/rare-events.md, "Optimizer models"), and the chain's step bias (a dt study).
 * Landscape: well-barrier H_a = 2, |H_b| = 1, ΔL = ½ (examples/well-barrier-*.json), C = |L″| + 1, B = 1, start at
 * the minimum, exit x ≥ 2.23, wall x ≤ −2. η is set so that the Eyring–Kramers exponent ΔΦ of `theory` is the
 * target (ΔΦ ∝ 1/η for these models). One estimate per (model, convention, dt); seeds are fixed, the same for
 * every dt (the same seed family), so differences between dt are the chain's own bias plus AMS noise.
 * Usage: npx tsx sims/ams-models.mts <models: sgd,adam,invadam> <conventions: ito,hanggi> <ΔΦ> <dt list> [method ams|direct] [ams JSON, or {"trajectories": N} for direct] [seed]
 * e.g.   npx tsx sims/ams-models.mts sgd,adam,invadam ito,hanggi 20 0.002,0.0005 ams '{"runs":20}'
 */
import { readFileSync } from 'node:fs';
import { compileScenario } from '../src/scenario/compile.js';
import { solveAms } from '../src/montecarlo/ams/index.js';
import { runEnsemble } from '../src/montecarlo/engine.js';
import { summarize } from '../src/montecarlo/summary.js';
import { theoryOfSystem } from '../src/theory/scenario.js';

const [models, conventions, target, dts] = [process.argv[2].split(','), process.argv[3].split(','), Number(process.argv[4]), process.argv[5].split(',').map(Number)];
const method = process.argv[6] ?? 'ams', ams = JSON.parse(process.argv[7] ?? '{}') as Record<string, number>, seed = Number(process.argv[8] ?? 1);

function scenario(model: string, convention: string, lr: number, dt: number, simulation: Record<string, unknown> = {}) {
  const sc = JSON.parse(readFileSync(`examples/well-barrier-${model}.json`, 'utf8'));
  sc.dynamics = { ...sc.dynamics, lr, convention };
  const { trajectories: _n, ...amsKeys } = ams;
  sc.simulation = { trajectories: 1, dt, maxTime: 1e11 /* ≤ 1e15 steps for dt ≥ 1e-4: the scenario bound */, seed, integrator: 'milstein', method, ...(method === 'ams' ? { ams: amsKeys } : {}), backend: 'auto', ...simulation };
  return sc;
}

/** η with theory's exponent at the target: ΔΦ ∝ 1/η, corrected twice for what is not */
function lrFor(model: string, convention: string): number {
  let lr = 0.1;
  for (let i = 0; i < 3; i++) lr *= theoryOfSystem(compileScenario(scenario(model, convention, lr, 1e-3))).exponent! / target;
  return lr;
}

for (const model of models) for (const convention of conventions) {
  const lr = lrFor(model, convention);
  const t = theoryOfSystem(compileScenario(scenario(model, convention, lr, 1e-3)));
  const exact = t.mfpt.exact!;
  for (const dt of dts) {
    const t0 = performance.now();
    let est: number, lo: number, hi: number, steps: number;
    if (method === 'ams') {
      const o = await solveAms(compileScenario(scenario(model, convention, lr, dt)));
      [est, lo, hi, steps] = [o.mfpt.estimate, o.mfpt.ci95[0], o.mfpt.ci95[1], o.steps.loops + o.steps.ams];
    } else {
      const N = ams.trajectories ?? 4000;
      const p = compileScenario(scenario(model, convention, lr, dt, { trajectories: N }));
      const run = await runEnsemble(p, { work: { first: 0, stride: 1, count: N } });
      const m = summarize(p, run.results, run).mfpt!;
      [est, lo, hi, steps] = [m.estimate, m.ci95[0], m.ci95[1], run.steps];
    }
    const inside = lo <= exact && exact <= hi ? 'yes' : 'NO';
    console.log(`| ${model} | ${convention} | ${lr.toPrecision(4)} | ${t.exponent!.toFixed(2)} | ${exact.toPrecision(5)} | ${dt} | ${method} | ${est.toPrecision(5)} [${lo.toPrecision(4)}, ${hi.toPrecision(4)}] | ${(est / exact).toFixed(3)} | ${inside} | ${steps.toExponential(2)} | ${((performance.now() - t0) / 1000).toFixed(0)} s |`);
  }
}
