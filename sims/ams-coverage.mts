/**
 * Coverage of the AMS interval (docs/rare-events.md, "Measured"): repeats of `simulate --method ams` on the quartic
 * L = x⁴/4 − x²/2 (start −1, exit x ≥ 0.5, wall −3, additive noise T = 1/(4ΔΦ), dt = 0.01, the bridge on) with
 * seeds 100, 101, …, against the exact MFPT by quadrature. Prints the coverage of the nominal 95% interval, the
 * mean ratio to exact and the spread of the standardised error z = log(τ̂/τ)/relSE (1 if the interval is right).
 * Usage: npx tsx sims/ams-coverage.mts <ΔΦ> <repeats> ['{"replicas":100,"runs":20}']
 */
import { compileScenario } from '../src/scenario/compile.js';
import { solveAms } from '../src/montecarlo/ams/index.js';
import { theoryOfSystem } from '../src/theory/scenario.js';

const dPhi = Number(process.argv[2] ?? 20), repeats = Number(process.argv[3] ?? 50);
const ams = JSON.parse(process.argv[4] ?? '{}') as Record<string, number>;
const zs: number[] = [], ratios: number[] = [];
let cover = 0, exact = 0, steps = 0;
const t0 = performance.now();
for (let seed = 100; seed < 100 + repeats; seed++) {
  const p = compileScenario({
    landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
    dynamics: { model: 'langevin', temperature: 1 / (4 * dPhi) },
    simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed, method: 'ams', ams },
  });
  exact ||= theoryOfSystem(p).mfpt.exact!;
  const o = await solveAms(p);
  zs.push(Math.log(o.mfpt.estimate / exact) / o.mfpt.relSE);
  ratios.push(o.mfpt.estimate / exact);
  steps += o.steps.loops + o.steps.ams;
  if (o.mfpt.ci95[0] <= exact && exact <= o.mfpt.ci95[1]) cover++;
}
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a: number[]) => Math.sqrt(a.reduce((x, y) => x + (y - mean(a)) ** 2, 0) / (a.length - 1));
console.log(`ΔΦ = ${dPhi}, ${JSON.stringify(ams)}: exact ${exact.toPrecision(6)}; the 95% interval holds it in ${cover}/${repeats}; ` +
  `ratio to exact ${mean(ratios).toFixed(4)} ± ${(sd(ratios) / Math.sqrt(repeats)).toFixed(4)} (mean ± SE); z: mean ${mean(zs).toFixed(2)}, sd ${sd(zs).toFixed(2)}; ` +
  `${(steps / repeats).toExponential(2)} steps per estimate; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
