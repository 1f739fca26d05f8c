/**
 * The step-size study of the simulated selectivity exponent (docs/claims.md, "Selectivity exponents by simulation"):
 * k of the SGD, Adam and InvAdam models at the full protocol with dt = 0.5%, 1% (the default) and 2% of the
 * relaxation time 1/(P·h). The chains' ln τ carry a step bias of about ΔΦ·rate·dt/2, the same relative amount at
 * every h, so k should not move with dt beyond its error.
 * Usage: npx tsx sims/selectivity-dt.mts [models sgd,adam,invadam] [fractions 0.005,0.01,0.02] [size full|quick]
 */
import { measureSelectivity } from '../src/verify/selectivity.js';

const MODELS: Record<string, Record<string, unknown>> = {
  sgd: { model: 'sgd' },
  adam: { model: 'adam', eps: 1e-8 },
  invadam: { model: 'invadam', eps: 1e-8 },
};
const models = (process.argv[2] ?? 'sgd,adam,invadam').split(','), fractions = (process.argv[3] ?? '0.005,0.01,0.02').split(',').map(Number);
const size = (process.argv[4] ?? 'full') as 'full' | 'quick';
for (const name of models) for (const f of fractions) {
  const m = await measureSelectivity({ ...MODELS[name], noise: { kind: 'hessian', floor: 0 } }, size, 1, undefined, f);
  const k = m.fit.k, off = m.points.reduce((a, q) => a + (q.lnTau - q.exactLnTau), 0) / m.points.length;
  console.log(`| ${name} | ${f} | ${k.value.toFixed(4)} [${k.ci95[0].toFixed(4)}, ${k.ci95[1].toFixed(4)}] | ${m.exact.k.value.toFixed(4)} | ${off.toFixed(3)} | ${m.seconds.toFixed(0)} s |`);
}
