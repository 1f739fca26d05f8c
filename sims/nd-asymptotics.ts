/**
 * n-D asymptotics against Monte Carlo (docs/theory.md, "n-D check by Monte Carlo"): SGD with Hessian noise on the
 * 2-D eigen-saddle and on the 1-D well-barrier with the same profile, both conventions.
 * Usage: npx tsx sims/nd-asymptotics.ts [trajectories=600] [lr=0.09]   (about 4 minutes on 2 cores at the defaults)
 */
import { compileScenario } from '../src/scenario/compile.js';
import { runEnsemble } from '../src/montecarlo/engine.js';
import { summarize } from '../src/montecarlo/summary.js';
import { theoryOfSystem } from '../src/theory/scenario.js';

async function main(): Promise<void> {
  const N = Number(process.argv[2] ?? 600);
  const lr = Number(process.argv[3] ?? 0.09);
  for (const convention of ['hanggi', 'ito']) {
    for (const dim of [2, 1]) {
      const landscape = dim === 1
        ? { builtin: 'well-barrier', Ha: 2, Hb: 1, dL: 0.25 }
        : { builtin: 'eigen-saddle', Ha: 2, Hb: 1, dL: 0.25, minEigs: [3], saddleEigs: [1.5] };
      const v = dim === 1 ? 'x' : 'x1';
      const c = compileScenario({
        landscape, start: 'minimum', exit: { var: v, above: 1.8 }, ...(dim === 1 ? { reflect: { var: 'x', below: -2 } } : {}),
        dynamics: { model: 'sgd', lr, batch: 1, noise: { kind: 'hessian', floor: 0.5 }, convention },
        simulation: { trajectories: N, dt: 2e-3, maxTime: 1e5, seed: 7, backend: 'workers' },
      });
      const t = theoryOfSystem(c);
      const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: N }, backend: 'workers' });
      const m = summarize(c, run.results, run).mfpt!;
      console.log(`${convention} ${dim}-D: ΔΦ ${t.exponent?.toFixed(3)}, exact ${t.mfpt.exact?.toFixed(2) ?? '—'}, asymptotic ${t.mfpt.asymptotic?.toFixed(2)}, ` +
        `MC ${m.estimate.toFixed(2)} [${m.ci95[0].toFixed(2)}, ${m.ci95[1].toFixed(2)}], MC/asymptotic ${(m.estimate / t.mfpt.asymptotic!).toFixed(3)}`);
    }
  }
}
main();
