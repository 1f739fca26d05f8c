/**
 * The simulated selectivity exponent outside the derivation's regime (docs/claims.md, "Selectivity exponents by
 * simulation", issue 16 item 2): the same prefactor-free two-stage estimator on the well-barrier with H_b = 1,
 * ΔL = ½ and Hessian noise with floor 1 (C = |L″| + 1), the landscape of the old Monte Carlo points. There C is not
 * ∝ H, half the barrier lies on the barrier side and (L′)² is comparable with C/B, so k = 1 − p is not expected;
 * the quadrature's k on the same points is the second route.
 * Usage: npx tsx sims/selectivity-outside-regime.mts [models sgd,adam,invadam] [size full|quick]
 */
import { compileScenario } from '../src/scenario/compile.js';
import { theoryOfSystem } from '../src/theory/scenario.js';
import { solveAms } from '../src/montecarlo/ams/index.js';
import { selectivityExponent, type EscapePointData } from '../src/stats/index.js';
import { wellBarrier } from '../src/verify/measure.js';
import { lrForLnTau, SELECTIVITY_SIZE } from '../src/verify/selectivity.js';

const MODELS: Record<string, Record<string, unknown>> = {
  sgd: { model: 'sgd' }, adam: { model: 'adam', eps: 1e-8 }, invadam: { model: 'invadam', eps: 1e-8 },
};
const LAND = { Hb: 1, dL: 0.5 };
const NOISE = { kind: 'hessian', floor: 1 };
const models = (process.argv[2] ?? 'sgd,adam,invadam').split(','), size = (process.argv[3] ?? 'full') as 'full' | 'quick';

const scenario = (h: number, dyn: Record<string, unknown>, sim: Record<string, unknown> = {}) => {
  const sc = wellBarrier({ Ha: h, ...LAND, dynamics: { batch: 1, noise: NOISE, convention: 'ito', ...dyn } }) as Record<string, unknown>;
  return { ...sc, simulation: { ...(sc.simulation as object), ...sim } };
};
const lnTau = (h: number, dyn: Record<string, unknown>) => theoryOfSystem(compileScenario(scenario(h, dyn))).logMfpt.exact!;

/** the relaxation rate |A′| at the minimum 0 */
function rate(h: number, dyn: Record<string, unknown>): number {
  const f = compileScenario(scenario(h, dyn)).model!.coefficients1D(), d = 1e-6;
  return Math.abs((f.drift(d) - f.drift(-d)) / (2 * d));
}

const { hs, targets, runs } = SELECTIVITY_SIZE[size];
for (const name of models) {
  const t0 = performance.now();
  const pts: (EscapePointData & { exact: number })[] = [];
  for (const h of hs) for (const target of targets) {
    const lr = lrForLnTau((x) => lnTau(h, { ...MODELS[name], lr: x }), target, 10, 40, 40), dyn = { ...MODELS[name], lr };
    const sim = { dt: 0.01 / rate(h, dyn), maxTime: 1e300, seed: `1:outside:${name}:h=${h}:target=${target}`, method: 'ams', ams: { runs } };
    const o = await solveAms(compileScenario(scenario(h, dyn, sim)));
    pts.push({ h, eta: lr, lnTau: Math.log(o.mfpt.estimate), se: o.mfpt.relSE, exact: lnTau(h, dyn) });
  }
  const f = selectivityExponent(pts), x = selectivityExponent(pts.map((p) => ({ ...p, lnTau: p.exact })));
  const k = f.k;
  console.log(`| ${name} | ${k.value.toFixed(3)} [${k.ci95[0].toFixed(3)}, ${k.ci95[1].toFixed(3)}] | ${x.k.value.toFixed(3)} | χ² ${k.chi2.toFixed(1)} on ${k.dof} | ${((performance.now() - t0) / 1000).toFixed(0)} s |`);
}
