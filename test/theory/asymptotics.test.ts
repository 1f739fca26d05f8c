/**
 * Kramers / Eyring–Kramers asymptotics (src/theory/asymptotics.ts) against closed forms written out here from
 * sources.md §4.1 and §4.3, and against the exact MFPT (quadrature) as the noise goes to zero.
 */
import { describe, expect, it } from 'vitest';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { builtinLandscape } from '../../src/landscapes/builtins/index.js';
import { expressionLandscape } from '../../src/landscapes/expr.js';
import { escapeAsymptotics, escapePoints1D } from '../../src/theory/asymptotics.js';
import { adamomentumFactor, quadraticPiecesExponent, selectivity } from '../../src/theory/exponents.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { compileSystem } from '../../src/scenario/compile.js';
import type { ModelSpec } from '../../src/dynamics/models.js';
import { fitLine } from '../helpers.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Langevin: Kramers and Eyring–Kramers (sources.md §4.1)', () => {
  it('1-D quartic h(x²−1)²: ΔΦ = ΔL/T, prefactor 2π/√(H_a|H_b|) times the exit truncation Φ_N((e−b)√(|H_b|/T))', () => {
    const L = expressionLandscape({ expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } });
    for (const T of [0.25, 0.1]) {
      const spec: ModelSpec = { model: 'langevin', temperature: T };
      const pts = escapePoints1D(spec, L, -1, 0.5, -Infinity);
      expect(pts.minimum[0]).toBeCloseTo(-1, 12);
      expect(Math.abs(pts.saddle[0])).toBeLessThan(1e-12);
      const r = escapeAsymptotics(spec, L, pts, { exit: 0.5 });
      expect(rel(r.exponent, 1 / T)).toBeLessThan(1e-10);
      const expected = ((2 * Math.PI) / Math.sqrt(8 * 4)) * normalCdf(0.5 * Math.sqrt(4 / T), 0, 1);
      expect(rel(r.prefactor, expected)).toBeLessThan(1e-8);
    }
  });

  it('n-D eigen-saddle: (2π/|λ_b|)·√(|det H_b|/det H_a)·e^{ΔL/T} with the chosen eigenvalues', () => {
    const L = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 1.5, dL: 0.4, minEigs: [3, 0.5, 7], saddleEigs: [1, 4, 2] });
    const T = 0.05;
    const r = escapeAsymptotics({ model: 'langevin', temperature: T }, L, { minimum: [...L.known.minimum], saddle: [...L.known.saddle] });
    const detA = 2 * 3 * 0.5 * 7, detB = 1.5 * 1 * 4 * 2;
    expect(rel(r.exponent, 0.4 / T)).toBeLessThan(1e-9);
    expect(rel(r.prefactor, ((2 * Math.PI) / 1.5) * Math.sqrt(detB / detA))).toBeLessThan(1e-8);
    expect(r.unstableRate).toBeCloseTo(1.5, 8);
    expect(r.irreversibility).toBeLessThan(1e-6);
  });
});

// The optimizer models at the well-barrier's critical points, written out from design.md §3: v = C/B (L' = 0),
// C = H + floor, 𝒟 = (η/2)P²C/B, κ = P|H|.
function pOf(spec: Extract<ModelSpec, { lr: number }>, v: number): number {
  const eps = spec.eps ?? 1e-8;
  switch (spec.model) {
    case 'sgd': return 1;
    case 'adam': return 1 / (Math.sqrt(v) + eps);
    case 'invadam': return Math.sqrt(v) + eps;
    case 'padam': return Math.pow(Math.sqrt(v) + eps, -2 * spec.p!);
    case 'power': return Math.pow(v, -spec.p!);
    case 'adamomentum': {
      const b1 = spec.beta1 ?? 0.9, b2 = spec.beta2 ?? 0.999;
      return 1 / Math.sqrt(((1 - b1) / (1 + b1)) * v + eps / (1 - b2));
    }
  }
  throw new Error('not an optimizer model');
}
const MODELS: Array<Extract<ModelSpec, { lr: number }>> = (['sgd', 'adam', 'invadam', 'padam', 'power', 'adamomentum'] as const).flatMap((model) =>
  (['ito', 'hanggi'] as const).map((convention) => ({
    model, convention, lr: 0.02, batch: 2, noise: { kind: 'hessian' as const, floor: 0.5 },
    ...(model === 'padam' ? { p: 0.25 } : model === 'power' ? { p: -0.5 } : {}),
  })),
);

describe('optimizer models: sources.md §4.3 prefactors in both conventions', () => {
  const Ha = 2, Hb = 1, dL = 0.5;
  const L = builtinLandscape('well-barrier', { Ha, Hb, dL });
  for (const spec of MODELS) {
    it(`${spec.model} (${spec.convention}): τ = 2π√(𝒟_b/(𝒟_aκ_aκ_b)) [ito] or 2π√(𝒟_a/(𝒟_bκ_aκ_b)) [hanggi], × e^{ΔΦ}`, () => {
      const pts = escapePoints1D(spec, L, 0, 2.5, -2);
      expect(Math.abs(pts.minimum[0])).toBeLessThan(1e-12);
      expect(rel(pts.saddle[0], L.known.saddle[0])).toBeLessThan(1e-12);
      const r = escapeAsymptotics(spec, L, pts);
      const va = (Ha + 0.5) / 2, vb = (Hb + 0.5) / 2;
      const Pa = pOf(spec, va), Pb = pOf(spec, vb);
      const Da = (spec.lr / 2) * Pa * Pa * va, Db = (spec.lr / 2) * Pb * Pb * vb;
      const ka = Pa * Ha, kb = Pb * Hb;
      const pref = spec.convention === 'ito' ? 2 * Math.PI * Math.sqrt(Db / (Da * ka * kb)) : 2 * Math.PI * Math.sqrt(Da / (Db * ka * kb));
      expect(rel(r.prefactor, pref)).toBeLessThan(1e-8);
      expect(rel(r.oneD!.diffusion.minimum, Da)).toBeLessThan(1e-12);
      expect(rel(r.oneD!.kappa.saddle, kb)).toBeLessThan(1e-8);
    });
  }
});

describe('exact / asymptotic → 1 as the noise → 0, with the first correction fitted', () => {
  it('Langevin quartic: ratio − 1 ≈ c·T/ΔL (order 1 fitted over T/ΔL = 0.08 … 0.005)', () => {
    const Ts = [0.08, 0.04, 0.02, 0.01, 0.005];
    const dev: number[] = [];
    for (const T of Ts) {
      const sys = compileSystem({
        landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } }, start: [-1],
        exit: { var: 'x', above: 1 }, reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: T },
      });
      const r = theoryOfSystem(sys);
      dev.push(r.ratio! - 1);
    }
    const fit = fitLine(Ts.map(Math.log), dev.map((d) => Math.log(Math.abs(d))));
    const c = dev[dev.length - 1] / Ts[Ts.length - 1];
    console.log(`langevin: ratio − 1 = ${dev.map((d) => d.toExponential(3)).join(', ')}; fitted order ${fit.slope.toFixed(3)}, c = ${c.toFixed(3)}`);
    // (sources.md §4.4's 1.034 and 1.016 at D/ΔL = 0.08, 0.04 are these first two points; test/theory/mfpt1d.test.ts
    // reproduces them against an independent Kramers formula)
    // Laplace's method: the next term is O(T/ΔL); the fitted order must be 1 up to the O((T/ΔL)²) curvature
    // of the fit, which at T/ΔL ≤ 0.08 changes the local slope by at most ~|c|·0.08 ≈ 0.15
    expect(Math.abs(fit.slope - 1)).toBeLessThan(0.15);
  });

  it('the report states the O(1/ΔΦ) correction: quartic at ΔΦ = 10, 20, 40, (ratio − 1)·ΔΦ → c₁ ≈ 0.39 (additive), 0.80 (𝒟 = T(1 + 2x²))', () => {
    // c₁ from an independent numpy quadrature of the same quartic (start −1, exit ½, wall −3); the next term is
    // c₂/ΔΦ, so at ΔΦ = 40 (ratio − 1)·ΔΦ lies within |c₂|/40 of c₁: |c₂| ≲ 1 from the ΔΦ = 10 → 40 trend, slack 0.03
    for (const [c1, dynamics] of [
      [0.39, (dPhi: number) => ({ model: 'langevin', temperature: 1 / (4 * dPhi) })],
      [0.80, (dPhi: number) => ({ model: 'sgd', lr: 1, batch: 1, convention: 'ito', noise: { kind: 'expr', expr: 'k*(1 + 2*x^2)', params: { k: (2 * 12.96) / (80 * dPhi) } } })],
    ] as const) {
      const c: number[] = [];
      for (const dPhi of [10, 20, 40]) {
        const r = theoryOfSystem(compileSystem({
          landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 }, dynamics: dynamics(dPhi),
        }));
        expect(r.correction!.relative).toBeCloseTo(r.ratio! - 1, 12);
        expect(r.correction!.note).toMatch(/O\(1\/ΔΦ\)/);
        c.push(r.correction!.timesExponent);
      }
      console.log(`quartic: (ratio − 1)·ΔΦ at ΔΦ = 10, 20, 40: ${c.map((v) => v.toFixed(3)).join(', ')} (c₁ ≈ ${c1})`);
      expect(Math.abs(c[2] - c1)).toBeLessThan(0.03);
    }
  });

  for (const spec of MODELS) {
    it(`${spec.model} (${spec.convention}) on the well-barrier: ratio → 1, |ratio − 1| shrinking like 1/ΔΦ or faster`, () => {
      const dPhi: number[] = [], dev: number[] = [], floor: number[] = [];
      for (const lr of [0.04, 0.02, 0.01, 0.005, 0.0025, 0.00125]) {
        const sys = compileSystem({
          landscape: { builtin: 'well-barrier', Ha: 2, Hb: 1, dL: 0.5 }, start: 'minimum',
          exit: { var: 'x', above: 2.5 }, reflect: { var: 'x', below: -2 }, dynamics: { ...spec, lr },
        });
        const r = theoryOfSystem(sys);
        expect(r.exact!.relError).toBeLessThan(1e-8);
        dPhi.push(r.exponent!);
        dev.push(r.ratio! - 1);
        // numerical floor of the ratio: the exact MFPT's error bound plus ΔΦ's quadrature tolerance (1e-11 relative)
        floor.push(r.exact!.relError + 2e-11 * r.exponent!);
      }
      // fit over the three smallest noise levels (the pre-asymptotic range differs between models) that are
      // above the numerical floor
      const use = dev.map((d, i) => i).filter((i) => Math.abs(dev[i]) > 10 * floor[i]).slice(-3);
      const fit = use.length >= 2 ? fitLine(use.map((i) => Math.log(dPhi[i])), use.map((i) => Math.log(Math.abs(dev[i])))) : { slope: -Infinity };
      const m = dev.length - 1;
      console.log(`${spec.model}/${spec.convention}: ΔΦ = ${dPhi.map((d) => d.toFixed(0)).join(', ')}; ratio − 1 = ${dev.map((d) => d.toExponential(2)).join(', ')}; fitted order in 1/ΔΦ ${(-fit.slope).toFixed(2)}; (ratio − 1)·ΔΦ at the smallest noise ${(dev[m] * dPhi[m]).toFixed(3)}`);
      // Laplace's method: ratio = 1 + c₁/ΔΦ + O(ΔΦ⁻²) (exponentially small corrections for sgd, whose Φ is exactly
      // quadratic near a and b on this landscape). A wrong prefactor would leave ratio → const ≠ 1 (order 0).
      // Required: |ratio − 1| does not grow as the noise halves (2% slack for the non-monotone pre-asymptotic
      // start), and the local order over the last three levels exceeds ¾, i.e. 1 − O(c₂/(c₁ΔΦ)).
      // Below the numerical floor the ratio is 1 to working accuracy (sgd here) and counts as converged.
      for (let i = 1; i < dev.length; i++) expect(Math.abs(dev[i])).toBeLessThanOrEqual(Math.max(Math.abs(dev[i - 1]) * 1.02, floor[i]));
      expect(-fit.slope).toBeGreaterThan(0.75);
      expect(Math.abs(dev[m])).toBeLessThan(0.05);
    });
  }
});

describe('closed forms on quadratic pieces and the selectivity exponent (sources.md §1.4, §7)', () => {
  it('k = 1 − p, and the §1.4 table for SGD, Adam, InvAdam', () => {
    const base = { lr: 0.1, batch: 4, dL: 0.3, Ha: 2, Hb: 0.5, s: 0.7 };
    const { lr: eta, batch: B, dL, Ha, Hb, s } = base;
    expect(rel(quadraticPiecesExponent({ ...base, p: 0 }), ((2 * B * dL) / eta) * (s / Ha + (1 - s) / Hb))).toBeLessThan(1e-14);
    expect(rel(quadraticPiecesExponent({ ...base, p: 0.5 }), ((2 * Math.sqrt(B) * dL) / eta) * (s / Math.sqrt(Ha) + (1 - s) / Math.sqrt(Hb)))).toBeLessThan(1e-14);
    expect(rel(quadraticPiecesExponent({ ...base, p: -0.5 }), ((2 * B ** 1.5 * dL) / eta) * (s / Ha ** 1.5 + (1 - s) / Hb ** 1.5))).toBeLessThan(1e-14);
    for (const [model, p] of [['sgd', 0], ['adam', 0.5], ['invadam', -0.5]] as const) {
      expect(selectivity({ model, lr: 1, batch: 1, noise: { kind: 'hessian', floor: 0 }, convention: 'ito' }).k).toBe(1 - p);
    }
    expect(selectivity({ model: 'sgd', lr: 1, batch: 1, noise: { kind: 'white', variance: 1 }, convention: 'ito' }).k).toBe(0);
    expect(adamomentumFactor(0.9)).toBeCloseTo(Math.sqrt(0.1 / 1.9), 15);
  });
});
