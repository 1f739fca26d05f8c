/**
 * The selectivity exponent of two more real optimizers (issue 16 item 5, docs/claims.md, "The real optimizers"):
 * Padam with its AMSGrad max (p = ¼, the official code's form, claimed k = 1 − p = ¾ by this toolkit's derivation) and
 * DualAdam at its default switch rate ξ = 0.01 (InvAdam blended into Adam for the first 100 steps of a run, then Adam:
 * expected k = ½). The full protocol of the discrete-exponent claims (AMS on the whole state, ΔL = 0.05); η is placed by
 * the Padam model (P = (√v+ε)^{−2p}) and by the Adam model for DualAdam.
 * Usage: npx tsx sims/discrete-exponents-more.mts [padam,dualadam] [size full|quick]
 */
import { measureDiscreteSelectivity, type DiscreteOptimizerCase } from '../src/verify/discrete-selectivity.js';

const CASES: Record<string, DiscreteOptimizerCase & { claimed: number }> = {
  padam: { optimizer: 'padam', hyper: { eps: 1e-8, partial: 0.25, amsgrad: true }, model: { model: 'padam', p: 0.25, eps: 1e-8 }, power: 0.25, claimed: 0.75 },
  dualadam: { optimizer: 'dualadam', hyper: { eps: 1e-8, switchRate: 0.01 }, model: { model: 'adam', eps: 1e-8 }, power: 0.5, claimed: 0.5 },
};
const names = (process.argv[2] ?? 'padam,dualadam').split(','), size = (process.argv[3] ?? 'full') as 'full' | 'quick';
const f = (x: number) => x.toFixed(3), c = (x: [number, number]) => `[${f(x[0])}, ${f(x[1])}]`;
for (const name of names) {
  const { claimed, ...cs } = CASES[name];
  const m = await measureDiscreteSelectivity(cs, size);
  const L = m.limits;
  console.log(`| ${name} | ${claimed} | ${f(m.fit.k.value)} ${c(m.fit.k.ci95)} | ${f(m.exact.k.value)} | ${f(L.quasiStatic.estimate)} ${c(L.quasiStatic.ci95)} | ${f(L.frozen.estimate)} ${c(L.frozen.ci95)} | ${L.follows} | ${m.seconds.toFixed(0)} s |`);
}
