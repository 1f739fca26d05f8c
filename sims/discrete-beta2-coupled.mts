/**
 * Which continuous description the real Adam and InvAdam follow when v's memory is tied to the step (issue 16 item 5a,
 * docs/claims.md, "The real optimizers"): 1 − β2 = r·η·P·h at every point, so v remembers 1/r relaxation times
 * whatever η is. r ≪ 1: v cannot follow an escape excursion (the frozen preconditioner); r ≫ 1: it follows it
 * (quasi-static), up to v's own fluctuations, whose relative variance grows with 1 − β2. The full protocol of the
 * discrete-exponent claims; prints k and the pooled slope ratios against both descriptions.
 * Usage: npx tsx sims/discrete-beta2-coupled.mts [optimizers adam,invadam] [r 0.3,3,30] [size full|quick]
 */
import { measureDiscreteSelectivity, type DiscreteOptimizerCase } from '../src/verify/discrete-selectivity.js';

const CASES: Record<string, DiscreteOptimizerCase> = {
  adam: { optimizer: 'adam', hyper: { eps: 1e-8 }, model: { model: 'adam', eps: 1e-8 }, power: 0.5 },
  invadam: { optimizer: 'invadam', hyper: { eps: 1e-8 }, model: { model: 'invadam', eps: 1e-8 }, power: -0.5 },
};
const names = (process.argv[2] ?? 'adam,invadam').split(','), rs = (process.argv[3] ?? '0.3,3,30').split(',').map(Number);
const size = (process.argv[4] ?? 'full') as 'full' | 'quick';
const f = (x: number) => x.toFixed(3), c = (x: [number, number]) => `[${f(x[0])}, ${f(x[1])}]`;
for (const name of names) for (const r of rs) {
  const m = await measureDiscreteSelectivity({ ...CASES[name], beta2Coupling: r }, size);
  const L = m.limits, b2 = m.points.map((q) => 1 - r * q.eta * q.h ** (1 - CASES[name].power));
  console.log(`| ${name} | ${r} | ${f(Math.min(...b2))}–${f(Math.max(...b2))} | ${f(m.fit.k.value)} ${c(m.fit.k.ci95)} | ${f(L.quasiStatic.estimate)} ${c(L.quasiStatic.ci95)} | ${f(L.frozen.estimate)} ${c(L.frozen.ci95)} | ${L.follows} | ${m.seconds.toFixed(0)} s |`);
}
