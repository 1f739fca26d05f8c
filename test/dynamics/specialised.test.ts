/**
 * The specialised exact steps (src/dynamics/specialised.ts) and the one-decomposition n-D noise against the generic
 * path they replace in the kernels: bit-identical states (Object.is), not merely close ones.
 *
 * 1-D: every model × convention × integrator × noise on three landscapes (a piecewise builtin, a polynomial builtin,
 * an expression), the specialised step against ScalarSDE.eval followed by
 * eulerMaruyama1D / milstein1D on the same ΔW for a few thousand steps, and 𝒟 at the old state (the bridge's).
 * n-D: the model's drift and σ against the former evaluation (C and C^{1/2} from two decompositions).
 * Kernels: whole runs of the examples against the generic path give the same per-trajectory results.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, preconditioner, type ModelSpec, type VectorSDE } from '../../src/dynamics/models.js';
import { eulerMaruyama1D, eulerMaruyamaND, milstein1D, stepperOf } from '../../src/dynamics/integrators.js';
import { builtinLandscape } from '../../src/landscapes/builtins/index.js';
import { wellBarrierProfile } from '../../src/landscapes/builtins/helpers.js';
import { expressionLandscape } from '../../src/landscapes/expr.js';
import type { Landscape } from '../../src/landscapes/types.js';
import { buildNoise, type NoiseSpec } from '../../src/noise/index.js';
import { makeStream } from '../../src/rng/stream.js';
import { compileScenario } from '../../src/scenario/compile.js';
import type { EscapeProblem } from '../../src/scenario/problem.js';
import { createKernel } from '../../src/montecarlo/kernels/index.js';
import { ALIVE, EXITED, newChunk, type ChunkState } from '../../src/montecarlo/state.js';
import { bytes } from '../helpers.js';

const landscapes: { name: string; L: Landscape; lo: number; hi: number; marks: number[] }[] = (() => {
  const wb = builtinLandscape('well-barrier', { Ha: 2, Hb: 1, dL: 0.5 });
  const f = wellBarrierProfile(2, 1, 0.5);
  return [
    // restarts hit the piece boundaries w1, x2 exactly
    { name: 'builtin well-barrier', L: wb, lo: -1.5, hi: f.b + 1, marks: [f.w1, f.x2, 0, f.b] },
    { name: 'builtin quartic', L: builtinLandscape('quartic', { h: 1 }), lo: -2, hi: 2, marks: [-1, 0, 1 / Math.sqrt(3)] },
    { name: 'expression', L: expressionLandscape({ expr: 'h*(x^2-1)^2 + c*x', vars: ['x'], params: { h: 1, c: 0.2 } }), lo: -2, hi: 2, marks: [-1, 0] },
  ];
})();

const noises: NoiseSpec[] = [
  { kind: 'hessian', floor: 0.05 },
  { kind: 'white', variance: 0.7 },
  { kind: 'expr', expr: '0.3 + 0.5*x^2' },
];
const models = ['sgd', 'adam', 'invadam', 'padam', 'power', 'adamomentum'] as const;

function specs(): ModelSpec[] {
  const out: ModelSpec[] = [];
  for (const convention of ['ito', 'hanggi'] as const) {
    out.push({ model: 'langevin', temperature: 0.3, convention });
    for (const model of models) for (const noise of noises) {
      out.push({ model, lr: 0.3, batch: 2, noise, convention, eps: 1e-3, p: model === 'power' ? 0.3 : 0.25 });
    }
  }
  return out;
}

/**
 * Steps from the generic and the specialised path on the same ΔW from the same state; returns the number of steps
 * whose state or 𝒟 differ (Object.is). A state leaving [lo, hi] restarts at a mark or a uniform point.
 */
function mismatches(spec: ModelSpec, c: (typeof landscapes)[number], milstein: boolean, steps: number): { bad: number; checked: number } {
  const model = buildModel(spec, c.L);
  const sde = model.scalar(), fast = model.scalar().stepper!(0.01, milstein);
  const step = milstein ? milstein1D : eulerMaruyama1D;
  const dt = 0.01, sq = Math.sqrt(dt);
  const rng = makeStream(7, 'specialised-test');
  let x = c.marks[0], bad = 0, restarts = 0;
  for (let k = 0; k < steps; k++) {
    const dW = sq * rng.nextNormal();
    const y = step(sde, x, dt, dW);
    const z = fast.step(x, dW);
    if (!Object.is(y, z) || !Object.is(sde.d, fast.d)) bad++;
    x = y;
    if (!(x >= c.lo && x <= c.hi)) {
      restarts++;
      x = restarts % 2 ? c.marks[restarts % c.marks.length] : c.lo + (c.hi - c.lo) * rng.nextUniform();
    }
  }
  return { bad, checked: steps };
}

describe('specialised 1-D steps are bit-identical to eval + the generic integrator', () => {
  for (const c of landscapes) {
    it(`${c.name}: every model, noise, convention and integrator`, () => {
      const failures: string[] = [];
      for (const spec of specs()) for (const milstein of [false, true]) {
        const { bad } = mismatches(spec, c, milstein, 3000);
        if (bad > 0) failures.push(`${JSON.stringify(spec)} ${milstein ? 'milstein' : 'euler-maruyama'}: ${bad} steps differ`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('an SDE without a stepper runs eval + the generic rule (integrators.ts stepperOf)', () => {
    const sde = { dim: 1 as const, a: 0, d: 0, dd: 0, eval(x: number) { this.a = -x; this.d = 0.5 + x * x; this.dd = 2 * x; } };
    const ref = { ...sde };
    for (const name of ['euler-maruyama', 'milstein'] as const) {
      const st = stepperOf(sde, name, 0.01);
      for (const x of [-1, 0.3, 2]) {
        const y = (name === 'milstein' ? milstein1D : eulerMaruyama1D)(ref, x, 0.01, 0.05);
        expect(Object.is(st.step(x, 0.05), y)).toBe(true);
        expect(st.d).toBe(ref.d);
      }
    }
  });
});

describe('well-barrier: d1, d2, d3 are the numbers of the piece the point lies in', () => {
  it('on random points, at and next to the piece boundaries, and at non-finite points', () => {
    const f = wellBarrierProfile(2, 1, 0.5);
    const [well, blend, top] = f.pieces;
    const pick = (x: number) => (x <= f.w1 ? well : x < f.x2 ? blend : top);
    const rng = makeStream(3, 'pieces');
    const marks = [f.w1, f.x2, f.b, 0];
    const xs = [...marks, ...marks.map((p) => p + 1e-15), ...marks.map((p) => p - 1e-15), NaN, Infinity, -Infinity, -0];
    for (let i = 0; i < 2000; i++) xs.push(-3 + 7 * rng.nextUniform());
    for (const x of xs) {
      const p = pick(x);
      expect([Object.is(f.d1(x), p.d1(x)), Object.is(f.d2(x), p.d2(x)), Object.is(f.d3(x), p.d3(x))]).toEqual([true, true, true]);
    }
  });
});

describe('noise: C and C^{1/2} from one evaluation are the numbers of covariance and sqrtCovariance', () => {
  const E = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 1, dL: 0.25, minEigs: [3, 4], saddleEigs: [2, 5] });
  const W = builtinLandscape('well-barrier', {});
  const cases: { name: string; L: Landscape; spec: NoiseSpec }[] = [
    { name: 'hessian 3-D', L: E, spec: { kind: 'hessian', floor: 0.05 } },
    { name: 'white 3-D', L: E, spec: { kind: 'white', variance: 0.4 } },
    { name: 'expr 3-D', L: E, spec: { kind: 'expr', expr: '1 + x1^2 + x2*x3' } },
    { name: 'hessian 1-D', L: W, spec: { kind: 'hessian', floor: 0.05 } },
  ];
  for (const { name, L, spec } of cases) {
    it(name, () => {
      const nz = buildNoise(spec, L), n = L.dim;
      const C1 = new Float64Array(n * n), R1 = new Float64Array(n * n), C2 = new Float64Array(n * n), R2 = new Float64Array(n * n);
      const rng = makeStream(11, 'noise-sqrt');
      for (let t = 0; t < 300; t++) {
        const x = Float64Array.from({ length: n }, (_, i) => (i === 0 ? -0.5 + 3 * rng.nextUniform() : rng.nextUniform() - 0.5));
        nz.covariance(x, C1); nz.sqrtCovariance(x, R1);
        nz.covarianceAndSqrt(x, C2, R2);
        expect(bytes(C2).equals(bytes(C1))).toBe(true);
        expect(bytes(R2).equals(bytes(R1))).toBe(true);
      }
    });
  }
});

/** The n-D model's evaluation as it was: C and C^{1/2} by two separate noise calls, P with its derivative. */
function formerVectorSDE(spec: Exclude<ModelSpec, { model: 'langevin' }>, L: Landscape): VectorSDE {
  const n = L.dim, nz = buildNoise(spec.noise, L);
  const { P, momentFactor, momentFloor } = preconditioner(spec);
  const grad = new Float64Array(n), C = new Float64Array(n * n), R = new Float64Array(n * n), Pv = new Float64Array(n), dP = new Float64Array(1);
  const scale = Math.sqrt(spec.lr / spec.batch);
  return {
    dim: n, diagonalNoise: nz.isotropic,
    eval(x, drift, sigma) {
      L.gradient(x, grad);
      nz.covariance(x, C);
      for (let i = 0; i < n; i++) {
        const v = grad[i] * grad[i] + momentFactor * C[i * n + i] / spec.batch + momentFloor;
        Pv[i] = P(v, dP);
        drift[i] = -Pv[i] * grad[i];
      }
      if (nz.isotropic) {
        for (let i = 0; i < n; i++) sigma[i * n + i] = scale * Pv[i] * Math.sqrt(C[i * n + i]);
      } else {
        nz.sqrtCovariance(x, R);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sigma[i * n + j] = scale * Pv[i] * R[i * n + j];
      }
    },
  };
}

describe('n-D models: one decomposition per step, the same drift and σ', () => {
  const E = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 1, dL: 0.25, minEigs: [3, 4], saddleEigs: [2, 5] });
  for (const model of models) {
    it(`${model}, hessian noise, along an Euler–Maruyama path`, () => {
      const spec = { model, lr: 0.2, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'ito', eps: 1e-3, p: 0.25 } as const;
      const now = buildModel(spec, E).vector(), before = formerVectorSDE(spec, E);
      const n = 3, dt = 0.01, rng = makeStream(5, 'nd-path');
      const x = new Float64Array(n), xb = new Float64Array(n), dW = new Float64Array(n);
      const d1 = new Float64Array(n), d2 = new Float64Array(n), s1 = new Float64Array(n * n), s2 = new Float64Array(n * n);
      for (let k = 0; k < 2000; k++) {
        for (let j = 0; j < n; j++) dW[j] = Math.sqrt(dt) * rng.nextNormal();
        eulerMaruyamaND(now, x, dt, dW, d1, s1);
        eulerMaruyamaND(before, xb, dt, dW, d2, s2);
        expect(bytes(x).equals(bytes(xb)) && bytes(d1).equals(bytes(d2)) && bytes(s1).equals(bytes(s2))).toBe(true);
        if (!(x[0] > -1 && x[0] < 2.5 && Math.abs(x[1]) < 1 && Math.abs(x[2]) < 1)) { x.fill(0); xb.fill(0); }
      }
    });
  }
});

/** Run chunks of the problem's kernel to the end; the final chunk state (states, steps, stream words, outcomes). */
function runKernel(p: EscapeProblem, count: number): ChunkState {
  const kernel = createKernel(p);
  const s = newChunk(Float64Array.from({ length: count }, (_, i) => i), p.dim, p.start);
  while (s.status.some((v) => v === ALIVE)) kernel(s, 2500);
  return s;
}

function same(a: ChunkState, b: ChunkState): void {
  expect(a.status.some((v) => v === EXITED)).toBe(true);
  expect(bytes(a.x).equals(bytes(b.x))).toBe(true);
  expect(bytes(a.steps).equals(bytes(b.steps))).toBe(true);
  expect(bytes(a.word).equals(bytes(b.word))).toBe(true);
  expect(bytes(a.status).equals(bytes(b.status))).toBe(true);
  expect(bytes(a.boundary).equals(bytes(b.boundary))).toBe(true);
}

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

describe('kernels: the examples give the same per-trajectory results as the generic path', () => {
  const adam = example('well-barrier-adam');
  const variants: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['Itô, Euler–Maruyama (the example)', {}, {}],
    ['Itô, Euler–Maruyama, bridge', {}, { bridge: true }],
    ['Hänggi, Milstein, bridge', { convention: 'hanggi' }, { integrator: 'milstein', bridge: true }],
  ];
  for (const [name, dynamics, simulation] of variants) {
    it(`well-barrier-adam: ${name}`, () => {
      const sc = { ...adam, dynamics: { ...adam.dynamics, ...dynamics }, simulation: { ...adam.simulation, ...simulation, maxTime: 40 } };
      const c = compileScenario(sc);
      const model = c.model!;
      const generic = { ...c, model: { ...model, scalar: () => ({ ...model.scalar(), stepper: undefined }) } };
      same(runKernel(c, 16), runKernel(generic, 16));
    });
  }

  it('eigen-saddle-3d-sgd: one decomposition per step against two', () => {
    // a lower barrier and a larger step than the example's, so that some trajectories exit within the short run
    const ex = example('eigen-saddle-3d-sgd');
    const sc = {
      ...ex, landscape: { ...ex.landscape, dL: 0.1 }, exit: { var: 'x1', above: 1.5 }, dynamics: { ...ex.dynamics, lr: 0.2 },
      simulation: { ...ex.simulation, dt: 0.01, maxTime: 20, bridge: true },
    };
    const c = compileScenario(sc);
    const before = { ...c, model: { ...c.model!, vector: () => formerVectorSDE(sc.dynamics, c.landscape) } };
    same(runKernel(c, 12), runKernel(before, 12));
  });
});
