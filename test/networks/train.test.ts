// Training to a minimum: deterministic, to the stated gradient norm, with a positive-definite Hessian there; the
// reference minima of docs/networks.md (iris 4-16-3 and the teacher–student net), and the refusals.
import { describe, expect, it } from 'vitest';
import {
  buildNetwork, canonicalJson, symmetricEigen, trainToMinimum, trainedMinimum, type NetworkSpec, type TrainedMinimum,
} from '../../src/networks/index.js';
import { EPS, IRIS, TEACHER } from './helpers.js';

const norm = (v: Float64Array) => Math.hypot(...v);

function timed(spec: NetworkSpec): { minimum: TrainedMinimum; ms: number } {
  const t = performance.now();
  const minimum = trainToMinimum(buildNetwork(spec));
  return { minimum, ms: performance.now() - t };
}

/** report line for docs/networks.md */
function report(name: string, m: TrainedMinimum, ms: number): void {
  const top = Array.from(m.eigenvalues.slice(0, 5), (x) => x.toPrecision(4)).join(', ');
  console.log(`${name}: ${ms.toFixed(0)} ms, ${m.iterations} Newton iterations, L = ${m.loss.toPrecision(8)}, ‖∇L‖ = ${m.gradientNorm.toExponential(2)}, top eigenvalues ${top}, smallest ${m.eigenvalues[m.eigenvalues.length - 1].toExponential(3)}`);
}

describe.each<[string, NetworkSpec]>([
  // λ = 1e-2 makes every direction curved (smallest eigenvalue ≈ 1e-4, well above the eigensolver's resolution)
  ['iris 4-16-3 tanh cross-entropy λ=1e-2', IRIS],
  ['teacher–student 4-8-1 tanh squared λ=1e-3', TEACHER],
])('%s', (name, spec) => {
  const a = timed(spec), b = timed(spec);
  report(name, a.minimum, a.ms);

  it('is deterministic: the same spec gives the same bits', () => {
    expect(Buffer.from(a.minimum.phi.buffer).equals(Buffer.from(b.minimum.phi.buffer))).toBe(true);
    expect(a.minimum.loss).toBe(b.minimum.loss);
    expect(a.minimum.iterations).toBe(b.minimum.iterations);
  });

  it('reaches ‖∇L‖ ≤ gradientTolerance, and reports L, ‖∇L‖ and the spectrum of φ*', () => {
    const net = buildNetwork(spec), m = a.minimum, n = net.dim, g = new Float64Array(n), H = new Float64Array(n * n);
    net.gradient(m.phi, g);
    expect(m.gradientNorm).toBeLessThanOrEqual(spec.train.gradientTolerance);
    // the same norm, summed in another order (Math.hypot): a few ulps
    expect(Math.abs(norm(g) - m.gradientNorm)).toBeLessThanOrEqual(4 * EPS * m.gradientNorm);
    expect(net.loss(m.phi)).toBe(m.loss);
    net.hessian(m.phi, H);
    expect(Array.from(symmetricEigen(H, n).values)).toEqual(Array.from(m.eigenvalues));
  });

  it('H(φ*) is positive definite, eigenvalues descending', () => {
    const e = a.minimum.eigenvalues;
    for (let k = 1; k < e.length; k++) expect(e[k]).toBeLessThanOrEqual(e[k - 1]);
    expect(e[e.length - 1]).toBeGreaterThan(1000 * e.length * EPS * e[0]);
  });
});

describe('scale invariance of the minimum', () => {
  it('α = 2 finds θ* = αφ* of α = 1 (to ‖∇L‖/λ_min) with H̃ = α²H', () => {
    const one = trainedMinimum(TEACHER).minimum, two = trainedMinimum({ ...TEACHER, scale: 2 }).minimum;
    // both stop within ‖∇_θL‖ ≤ tol_θ of θ*: ‖θ₁ − θ₂‖ ≤ (‖∇_θL₁‖ + ‖∇_θL₂‖)/λ_min(H_θ) to first order; ×2 for the second order
    const lmin = one.eigenvalues[one.eigenvalues.length - 1];
    const bound = 2 * (one.gradientNorm + two.gradientNorm / 2) / lmin;
    const d = Math.hypot(...one.phi.map((x, i) => x - 2 * two.phi[i]));
    expect(d).toBeLessThanOrEqual(bound + 1e3 * EPS * norm(one.phi));
    for (let k = 0; k < 5; k++) expect(two.eigenvalues[k] / (4 * one.eigenvalues[k])).toBeCloseTo(1, 8);
  });
});

describe('memoisation and refusals', () => {
  it('trainedMinimum returns the same object for equal specs in any key order', () => {
    const reordered = JSON.parse(canonicalJson(TEACHER)) as NetworkSpec;
    expect(trainedMinimum(reordered)).toBe(trainedMinimum(TEACHER));
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it('weightDecay 0 with cross-entropy on iris: no minimum, and the error says so', () => {
    expect(() => trainToMinimum(buildNetwork({ ...IRIS, weightDecay: 0, train: { gradientTolerance: 1e-10, maxIterations: 40 } }))).toThrow(/weightDecay 0 a cross-entropy network that separates its data has no minimum/);
  });

  it('maxIterations reached: the error states the gradient norm', () => {
    expect(() => trainToMinimum(buildNetwork({ ...TEACHER, train: { gradientTolerance: 1e-14, maxIterations: 2 } }))).toThrow(/did not reach ‖∇L‖ ≤ 1e-14 in 2 Newton iterations .*‖∇L‖ = \d/);
  });
});
