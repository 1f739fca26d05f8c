/**
 * Timing and accuracy of exactMFPT1D (not a test; run with `npx tsx test/theory/bench-mfpt.ts`).
 * For each scenario: median wall time of one call after warm-up, evaluations, the reported error
 * bound, and the actual error against an independent reference (closed form, series, or the
 * backward-ODE route at relTol 1e-11).
 */
import { exactMFPT1D, mfptBackwardODE, type Diffusion1D, type Interval1D } from '../../src/theory/mfpt1d/index.js';

interface Scenario {
  name: string;
  model: Diffusion1D;
  geo: Interval1D;
  reference: () => number;
}

const dw = (h: number, T: number): Diffusion1D => ({ drift: (x) => -4 * h * x * (x * x - 1), diffusion: () => T });
const ode = (m: Diffusion1D, g: Interval1D) => (): number => mfptBackwardODE(m, g, { relTol: 1e-11 }).mfpt;
const kinkD = (x: number): number => 0.02 * (Math.abs(4 * (3 * x * x - 1)) + 0.5);
const step = (x: number): number => 0.01 + 0.01 * (1 + Math.tanh((x + 0.5) / 0.1)) / 2;

const scenarios: Scenario[] = [
  {
    name: 'pure diffusion D=0.7',
    model: { drift: () => 0, diffusion: () => 0.7 },
    geo: { start: 0.3, exit: 2, reflect: -1 },
    reference: () => (9 - 1.3 ** 2) / 1.4,
  },
  { name: 'double well h=1 T=0.25, wall -3', model: dw(1, 0.25), geo: { start: -1, exit: 0.5, reflect: -3 }, reference: ode(dw(1, 0.25), { start: -1, exit: 0.5, reflect: -3 }) },
  { name: 'double well h=1 T=0.05, wall -inf', model: dw(1, 0.05), geo: { start: -1, exit: 0.5, reflect: -Infinity }, reference: ode(dw(1, 0.05), { start: -1, exit: 0.5, reflect: -3 }) },
  { name: 'double well dPhi=300, wall -2', model: dw(1, 1 / 300), geo: { start: -1, exit: 1, reflect: -2 }, reference: ode(dw(1, 1 / 300), { start: -1, exit: 1, reflect: -2 }) },
  {
    name: 'kinked D=c(|L\'\'|+floor), breakpoints',
    model: { drift: dw(1, 1).drift, diffusion: kinkD, breakpoints: [-1 / Math.sqrt(3), 1 / Math.sqrt(3)] },
    geo: { start: -1, exit: 0.5, reflect: -3 },
    reference: ode({ drift: dw(1, 1).drift, diffusion: kinkD, breakpoints: [-1 / Math.sqrt(3), 1 / Math.sqrt(3)] }, { start: -1, exit: 0.5, reflect: -3 }),
  },
  {
    name: 'kinked D, no breakpoints',
    model: { drift: dw(1, 1).drift, diffusion: kinkD },
    geo: { start: -1, exit: 0.5, reflect: -3 },
    reference: ode({ drift: dw(1, 1).drift, diffusion: kinkD, breakpoints: [-1 / Math.sqrt(3), 1 / Math.sqrt(3)] }, { start: -1, exit: 0.5, reflect: -3 }),
  },
  {
    name: 'smooth step D 0.01->0.02 (theory 4.4)',
    model: { drift: (x) => -x * (x * x - 1), diffusion: step },
    geo: { start: -1, exit: 1, reflect: -3 },
    reference: ode({ drift: (x) => -x * (x * x - 1), diffusion: step }, { start: -1, exit: 1, reflect: -3 }),
  },
  {
    name: 'mirror: OU exit below, wall +inf',
    model: { drift: (x) => -x, diffusion: () => 0.25 },
    geo: { start: 0.5, exit: -1, reflect: Infinity },
    reference: () => {
      // series of test/theory/mfpt1d.test.ts (k = 1, D = 0.25, x0 = −0.5, e = 1 after mirroring)
      const F1 = (S: number): number => { let t = S, s = 0; for (let n = 0; n < 200; n++) { s += t / (2 * n + 1); t *= (S * S) / (n + 1); } return s; };
      const F2 = (S: number): number => { let t = S * S, s = 0; for (let n = 0; n < 200; n++) { s += t / (2 * n + 2); t *= (2 * S * S) / (2 * n + 3); } return 2 * s; };
      const c = Math.sqrt(2);
      return Math.sqrt(Math.PI) * (F1(c) - F1(-0.5 * c)) + F2(c) - F2(-0.5 * c);
    },
  },
];

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('scenario'.padEnd(42), 'ms/eval'.padStart(8), 'evals'.padStart(6), 'reported'.padStart(10), 'actual'.padStart(10));
for (const s of scenarios) {
  for (let i = 0; i < 5; i++) exactMFPT1D(s.model, s.geo); // warm-up (JIT)
  const times: number[] = [];
  let last = exactMFPT1D(s.model, s.geo);
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    last = exactMFPT1D(s.model, s.geo);
    times.push(performance.now() - t0);
  }
  const ref = s.reference();
  const actual = Math.abs(last.mfpt / ref - 1);
  console.log(
    s.name.padEnd(42),
    median(times).toFixed(2).padStart(8),
    String(last.evaluations).padStart(6),
    last.relError.toExponential(1).padStart(10),
    actual.toExponential(1).padStart(10),
  );
}
// cold first call (includes JIT compilation of the module), in a fresh scenario
const t0 = performance.now();
exactMFPT1D(dw(2, 0.07), { start: -1, exit: 0.6, reflect: -2.5 });
console.log(`one more call on a new model: ${(performance.now() - t0).toFixed(2)} ms`);
