import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  exactMFPT1D,
  mfptBackwardODE,
  mfptProfile1D,
  type Diffusion1D,
  type Interval1D,
} from '../../src/theory/mfpt1d/index.js';
import { integrate } from '../../src/theory/quadrature/index.js';

const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** Quadrature result against a reference known to `refRel` (relative): the reported bound must cover it. */
function expectExact(model: Diffusion1D, geo: Interval1D, exact: number, refRel = 1e-14, relTol = 1e-10): void {
  const r = exactMFPT1D(model, geo, { relTol });
  expect(r.converged).toBe(true);
  expect(r.relError).toBeLessThanOrEqual(relTol);
  expect(relDiff(r.mfpt, exact)).toBeLessThanOrEqual(r.relError + refRel);
}

// Langevin double well L = h(x² − 1)², A = −L' = −4h x(x² − 1), 𝒟 = T constant.
// Minima ±1 with L'' = 8h, saddle 0 with L'' = −4h, ΔL = h.
const doubleWell = (h: number, T: number): Diffusion1D => ({
  drift: (x) => -4 * h * x * (x * x - 1),
  diffusion: () => T,
});
/** Kramers time τ = 2π/√(L''(a)|L''(b)|) e^{ΔL/T} (sources.md §4.1) for the well above. */
const kramers = (h: number, T: number): number => ((2 * Math.PI) / Math.sqrt(8 * h * 4 * h)) * Math.exp(h / T);

describe('closed forms', () => {
  it('pure diffusion: T = ((e − r)² − (x₀ − r)²)/(2D), both orientations, both routes', () => {
    const cases: [number, Interval1D][] = [
      [0.7, { start: 0.3, exit: 2, reflect: -1 }],
      [0.05, { start: -0.9, exit: 1, reflect: -1 }],
      [3, { start: 4, exit: -2, reflect: 10 }],
    ];
    for (const [D, geo] of cases) {
      const exact = ((geo.exit - geo.reflect) ** 2 - (geo.start - geo.reflect) ** 2) / (2 * D);
      const model: Diffusion1D = { drift: () => 0, diffusion: () => D };
      expectExact(model, geo, exact);
      const o = mfptBackwardODE(model, geo);
      expect(relDiff(o.mfpt, exact)).toBeLessThanOrEqual(o.relError + 1e-13);
    }
  });

  it('constant drift μ, constant D: closed form from the backward equation (property over random cases)', () => {
    // Backward equation D T'' + μ T' = −1, T'(r) = 0, T(e) = 0.
    //   particular solution −x/μ; homogeneous C₁ + C₂ e^{−μx/D}.
    //   T'(x) = −1/μ − (μ/D) C₂ e^{−μx/D};  T'(r) = 0  ⇒  C₂ = −(D/μ²) e^{μr/D}.
    //   T(e) = 0  ⇒  T(x) = (e − x)/μ + (D/μ²)[e^{−μ(e−r)/D} − e^{−μ(x−r)/D}].
    // With a = μ(x − r)/D and f(a) = e^{−a} − 1 + a (so the (e − x)/μ term is absorbed):
    //   T(x₀) = (D/μ²)[f(a_e) − f(a₀)],  which tends to ((e−r)² − (x₀−r)²)/(2D) as μ → 0.
    const f = (a: number): number => {
      if (Math.abs(a) > 0.1) return Math.expm1(-a) + a;
      let term = (a * a) / 2;
      let s = 0;
      for (let k = 2; k < 30; k++) {
        s += term;
        term *= -a / (k + 1);
      }
      return s;
    };
    const closed = (mu: number, D: number, r: number, e: number, x0: number): number =>
      (D / (mu * mu)) * (f((mu * (e - r)) / D) - f((mu * (x0 - r)) / D));
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }).filter((m) => Math.abs(m) > 1e-9),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.boolean(),
        (mu, D, len, frac, below) => {
          // exit above: r = 0, e = len; exit below: the mirror image with drift −μ
          const x0 = frac * len;
          const exact = closed(mu, D, 0, len, x0);
          const geo: Interval1D = below ? { start: -x0, exit: -len, reflect: 0 } : { start: x0, exit: len, reflect: 0 };
          const model: Diffusion1D = { drift: () => (below ? -mu : mu), diffusion: () => D };
          const r = exactMFPT1D(model, geo);
          return r.converged && relDiff(r.mfpt, exact) <= r.relError + 1e-12;
        },
      ),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it('Ornstein–Uhlenbeck with a natural boundary: against a series derived from the Gardiner integral', () => {
    // A = −kx, 𝒟 = D, r = −∞: Φ = kx²/(2D). With c = √(k/2D), s = c·y:
    //   ∫_{−∞}^{y} e^{−Φ}/D dz = (√π/(2Dc))(1 + erf(cy)),  so
    //   T(x₀) = (√π/k) ∫_{s₀}^{s_e} e^{s²}(1 + erf s) ds = (1/k)[√π(F₁(s_e) − F₁(s₀)) + √π(F₂(s_e) − F₂(s₀))]
    //   F₁(S) = ∫₀^S e^{s²} ds = Σ S^{2n+1}/(n!(2n+1)),
    //   F₂(S) = ∫₀^S e^{s²} erf s ds = (2/√π) Σ 2ⁿ S^{2n+2}/((2n+1)!!(2n+2))   [A&S 7.1.6: e^{x²}erf x = (2/√π)Σ 2ⁿx^{2n+1}/(2n+1)!!]
    const F1 = (S: number): number => {
      let t = S;
      let s = 0;
      for (let n = 0; n < 200; n++) {
        s += t / (2 * n + 1);
        t *= (S * S) / (n + 1);
      }
      return s;
    };
    const F2sqrtPi = (S: number): number => {
      let t = S * S;
      let s = 0;
      for (let n = 0; n < 200; n++) {
        s += t / (2 * n + 2);
        t *= (2 * S * S) / (2 * n + 3);
      }
      return 2 * s;
    };
    const series = (k: number, D: number, x0: number, e: number): number => {
      const c = Math.sqrt(k / (2 * D));
      return (Math.sqrt(Math.PI) * (F1(c * e) - F1(c * x0)) + F2sqrtPi(c * e) - F2sqrtPi(c * x0)) / k;
    };
    for (const [k, D, x0, e] of [
      [1, 0.25, -0.5, 1.0],
      [2, 0.3, 0.0, 1.5],
      [1, 0.5, -1, 0.3],
      [4, 0.2, 0.5, 1.2],
      [1e-2, 1, 0, 1], // weak confinement: the natural-boundary cut lands far out (≈ −127)
    ]) {
      const model: Diffusion1D = { drift: (x) => -k * x, diffusion: () => D };
      // series terms are positive apart from F₁(s₀) for s₀ < 0: reference good to ~1e-14
      expectExact(model, { start: x0, exit: e, reflect: -Infinity }, series(k, D, x0, e), 1e-13);
      // mirror: exit below, natural boundary at +∞
      expectExact(model, { start: -x0, exit: -e, reflect: Infinity }, series(k, D, x0, e), 1e-13);
    }
  });

  it('Ornstein–Uhlenbeck with a finite wall: quadrature and backward ODE agree within their bounds', () => {
    for (const [k, D, r, x0, e] of [
      [1, 0.1, -1, 0, 1],
      [3, 0.2, -0.5, -0.2, 1.4],
      [0.5, 1, -2, 1, 2],
    ]) {
      const model: Diffusion1D = { drift: (x) => -k * x, diffusion: () => D };
      const geo = { start: x0, exit: e, reflect: r };
      const q = exactMFPT1D(model, geo);
      const o = mfptBackwardODE(model, geo);
      expect(q.converged && o.converged).toBe(true);
      expect(relDiff(q.mfpt, o.mfpt)).toBeLessThanOrEqual(q.relError + o.relError + 1e-13);
      expect(relDiff(q.mfpt, o.mfpt)).toBeLessThan(1e-9);
    }
  });
});

describe('Langevin double well L = h(x² − 1)²', () => {
  it('start −1, exit 0.5, wall −3 or −∞: nested quadrature and backward ODE agree to 1e-7', () => {
    for (const [h, T] of [
      [1, 0.25],
      [1, 0.1],
      [2, 0.1],
      [0.5, 0.02],
    ]) {
      const m = doubleWell(h, T);
      const o = mfptBackwardODE(m, { start: -1, exit: 0.5, reflect: -3 }, { relTol: 1e-9 });
      expect(o.converged).toBe(true);
      expect(Math.abs(o.observedOrder - 4)).toBeLessThan(0.5); // RK4 in its asymptotic regime
      for (const reflect of [-3, -Infinity]) {
        const q = exactMFPT1D(m, { start: -1, exit: 0.5, reflect });
        expect(q.converged).toBe(true);
        expect(q.relError).toBeLessThanOrEqual(1e-10);
        // the density beyond x = −3 is e^{−64h/T} ≤ e^{−256} of the well's: −3 and −∞ coincide
        expect(relDiff(q.mfpt, o.mfpt)).toBeLessThan(1e-7);
        expect(relDiff(q.mfpt, o.mfpt)).toBeLessThanOrEqual(q.relError + o.relError + 1e-13);
      }
    }
  });

  it('Kramers limit with the exit at the other minimum: ratio − 1 = O(T/ΔL) and halves with T', () => {
    const h = 1;
    const ratio = (tOverDL: number): number =>
      exactMFPT1D(doubleWell(h, tOverDL * h), { start: -1, exit: 1, reflect: -Infinity }).mfpt / kramers(h, tOverDL * h);
    const r04 = ratio(0.04);
    const r02 = ratio(0.02);
    expect(r04 - 1).toBeGreaterThan(0);
    expect(r04 - 1).toBeLessThan(0.04); // |correction| ≲ T/ΔL
    expect(r02 - 1).toBeGreaterThan(0);
    const halving = (r02 - 1) / (r04 - 1);
    expect(halving).toBeGreaterThan(0.4);
    expect(halving).toBeLessThan(0.6);
  });

  it('exit at the saddle gives τ/2, exit past it between τ/2 and τ (sources.md §4.1)', () => {
    const h = 1;
    const T = 0.02;
    const t = (exit: number): number => exactMFPT1D(doubleWell(h, T), { start: -1, exit, reflect: -3 }).mfpt / kramers(h, T);
    const atSaddle = t(0);
    const past = t(0.5);
    const across = t(1);
    expect(Math.abs(atSaddle - 0.5)).toBeLessThan(0.02); // 1/2 + O(√(T/ΔL)·…) corrections, small here
    expect(past).toBeGreaterThan(atSaddle);
    expect(across).toBeGreaterThan(past);
    expect(past).toBeGreaterThan(0.5);
    expect(past).toBeLessThan(across);
  });

  it('sources.md §4.4: L = (θ² − 1)²/4, start −1, wall −3, exit +1: exact/Kramers = 1.034 (D = 0.02), 1.016 (D = 0.01)', () => {
    // L' = θ(θ² − 1), H_a = 2, |H_b| = 1, ΔL = 1/4
    for (const [D, expected] of [
      [0.02, 1.034],
      [0.01, 1.016],
    ]) {
      const r = exactMFPT1D({ drift: (x) => -x * (x * x - 1), diffusion: () => D }, { start: -1, exit: 1, reflect: -3 });
      const k = ((2 * Math.PI) / Math.sqrt(2)) * Math.exp(0.25 / D);
      expect(Math.round((r.mfpt / k) * 1000) / 1000).toBe(expected);
    }
  });
});

describe('state-dependent and kinked diffusion', () => {
  // sources.md §4.4: L = (θ² − 1)²/4 and a smooth step of D between D_a (at the minimum) and D_b (at the saddle).
  // The step used there is not specified; we take D(θ) = D_a + (D_b − D_a)(1 + tanh((θ + 0.5)/0.1))/2.
  const Lp = (x: number): number => x * (x * x - 1);
  const step = (Da: number, Db: number) => ({
    D: (x: number): number => Da + ((Db - Da) * (1 + Math.tanh((x + 0.5) / 0.1))) / 2,
    dD: (x: number): number => (Db - Da) / (2 * 0.1 * Math.cosh((x + 0.5) / 0.1) ** 2),
  });

  it('smooth step 0.01 ↔ 0.02, both orders: quadrature = backward ODE; ratios to the §4.3 predictions as in §4.4', () => {
    // Itô: τ ≈ 2π √(𝒟_b/(𝒟_a κ_a κ_b)) e^{ΔΦ}; D-outside (Itô drift −L' + 𝒟'): 2π √(𝒟_a/(𝒟_b κ_a κ_b)) e^{ΔΦ},
    // ΔΦ = ∫_a^b L'/𝒟 (sources.md §4.3). §4.4 reports 1.023 / 1.025 (Itô) and 1.025 / 1.024 (D-outside);
    // the ratios depend (weakly) on the unspecified step shape, so they are checked to ±0.002.
    const cases: [number, number, number, number][] = [
      [0.01, 0.02, 1.023, 1.025],
      [0.02, 0.01, 1.025, 1.024],
    ];
    for (const [Da, Db, itoRatio, outsideRatio] of cases) {
      const { D, dD } = step(Da, Db);
      const dPhi = integrate((x) => Lp(x) / D(x), -1, 0, { relTol: 1e-13 }).value;
      const geo = { start: -1, exit: 1, reflect: -3 };
      const ito: Diffusion1D = { drift: (x) => -Lp(x), diffusion: D };
      const outside: Diffusion1D = { drift: (x) => -Lp(x) + dD(x), diffusion: D };
      for (const m of [ito, outside]) {
        const q = exactMFPT1D(m, geo);
        const o = mfptBackwardODE(m, geo, { relTol: 1e-9 });
        expect(q.converged && o.converged).toBe(true);
        expect(relDiff(q.mfpt, o.mfpt)).toBeLessThan(1e-8);
      }
      const tIto = exactMFPT1D(ito, geo).mfpt;
      const tOut = exactMFPT1D(outside, geo).mfpt;
      const pIto = 2 * Math.PI * Math.sqrt(D(0) / (D(-1) * 2 * 1)) * Math.exp(dPhi);
      const pOut = 2 * Math.PI * Math.sqrt(D(-1) / (D(0) * 2 * 1)) * Math.exp(dPhi);
      expect(Math.abs(tIto / pIto - itoRatio)).toBeLessThan(0.002);
      expect(Math.abs(tOut / pOut - outsideRatio)).toBeLessThan(0.002);
    }
  });

  it('huge barrier ΔΦ = 300: finite, accurate in log space (ODE route, Laplace asymptotics); ΔΦ = 1000 beyond doubles', () => {
    const T = 1 / 300;
    const m = doubleWell(1, T);
    const q = exactMFPT1D(m, { start: -1, exit: 1, reflect: -2 });
    expect(q.converged).toBe(true);
    expect(q.relError).toBeLessThan(1e-9);
    expect(Number.isFinite(q.mfpt)).toBe(true);
    const o = mfptBackwardODE(m, { start: -1, exit: 1, reflect: -2 }, { relTol: 1e-9 });
    expect(Math.abs(Math.log(o.mfpt) - q.logMfpt)).toBeLessThanOrEqual(q.relError + o.relError + 1e-13);
    expect(Math.abs(Math.log(o.mfpt) - q.logMfpt)).toBeLessThan(1e-8);
    // Laplace/Kramers: log τ = log(2π/√32) + ΔΦ, correction ≈ 0.39·T/ΔL (measured at 0.04, 0.02 above)
    const logK = Math.log((2 * Math.PI) / Math.sqrt(32)) + 300;
    expect(q.logMfpt - logK).toBeGreaterThan(0);
    expect(q.logMfpt - logK).toBeLessThan(1 / 300);
    const big = exactMFPT1D(doubleWell(1, 1e-3), { start: -1, exit: 1, reflect: -Infinity });
    expect(big.mfpt).toBe(Infinity);
    expect(big.relError).toBeLessThan(1e-9);
    const logKbig = Math.log((2 * Math.PI) / Math.sqrt(32)) + 1000;
    expect(big.logMfpt - logKbig).toBeGreaterThan(0);
    expect(big.logMfpt - logKbig).toBeLessThan(1e-3);
  });

  it("kinked 𝒟 = c(|L''| + floor): with and without breakpoints agree, and agree with the ODE route", () => {
    const h = 1;
    const c = 0.02;
    const floor = 0.5;
    const L2 = (x: number): number => 4 * h * (3 * x * x - 1);
    const D = (x: number): number => c * (Math.abs(L2(x)) + floor);
    const drift = (x: number): number => -4 * h * x * (x * x - 1);
    const kinks = [-1 / Math.sqrt(3), 1 / Math.sqrt(3)];
    for (const geo of [
      { start: -1, exit: 0.5, reflect: -3 },
      { start: -1, exit: 1, reflect: -Infinity },
    ]) {
      const withBp = exactMFPT1D({ drift, diffusion: D, breakpoints: kinks }, geo);
      const without = exactMFPT1D({ drift, diffusion: D }, geo);
      expect(withBp.converged && without.converged).toBe(true);
      expect(Math.log(withBp.mfpt)).toBeGreaterThan(15); // a real barrier
      expect(relDiff(without.mfpt, withBp.mfpt)).toBeLessThanOrEqual(withBp.relError + without.relError);
      expect(relDiff(without.mfpt, withBp.mfpt)).toBeLessThan(1e-9);
      expect(withBp.evaluations).toBeLessThan(without.evaluations);
      const odeGeo = { ...geo, reflect: -3 };
      const o = mfptBackwardODE({ drift, diffusion: D, breakpoints: kinks }, odeGeo, { relTol: 1e-9 });
      expect(o.converged).toBe(true);
      expect(relDiff(o.mfpt, withBp.mfpt)).toBeLessThan(1e-8);
    }
  });
});

describe('geometry, profile and validation', () => {
  // an asymmetric model: tilted quartic drift, position-dependent 𝒟
  const drift = (x: number): number => -(x * x * x - x + 0.2);
  const D = (x: number): number => 0.1 + 0.02 * Math.sin(3 * x);

  it('mirror: exit below the start equals the reflected problem, and the ODE route (solved natively) agrees', () => {
    for (const [start, exit, reflect] of [
      [1, -0.3, 3],
      [0.8, 0.2, 2.5],
      [1, -0.3, Infinity],
    ]) {
      const a = exactMFPT1D({ drift, diffusion: D, breakpoints: [0.7] }, { start, exit, reflect });
      const b = exactMFPT1D(
        { drift: (x) => -drift(-x), diffusion: (x) => D(-x), breakpoints: [-0.7] },
        { start: -start, exit: -exit, reflect: -reflect },
      );
      expect(relDiff(a.mfpt, b.mfpt)).toBeLessThan(1e-14);
      if (Number.isFinite(reflect)) {
        const o = mfptBackwardODE({ drift, diffusion: D }, { start, exit, reflect });
        expect(relDiff(o.mfpt, a.mfpt)).toBeLessThanOrEqual(a.relError + o.relError + 1e-13);
      } else {
        expect(a.reflectUsed).toBeGreaterThan(start);
      }
    }
  });

  it('profile T(x) on a grid equals pointwise evaluations; T(e) = 0, T decreasing, flat at the wall', () => {
    const m = doubleWell(1, 0.1);
    const xs = [-3, -2, -1, -0.5, 0, 0.25, 0.4, 0.5];
    const p = mfptProfile1D(m, { exit: 0.5, reflect: -3 }, xs);
    expect(p.converged).toBe(true);
    expect(p.mfpt[xs.length - 1]).toBe(0);
    for (let i = 1; i < xs.length; i++) expect(p.mfpt[i]).toBeLessThan(p.mfpt[i - 1]);
    for (let i = 1; i < xs.length - 1; i++) {
      const single = exactMFPT1D(m, { start: xs[i], exit: 0.5, reflect: -3 });
      expect(relDiff(p.mfpt[i], single.mfpt)).toBeLessThanOrEqual(p.relError + single.relError);
    }
    // T'(r) = 0: 𝒟T'' + AT' = −1 gives T(r) − T(r + δ) = δ²/(2𝒟)(1 + O(δ A/𝒟)) (OU, k = D = 1, r = −1)
    const ou = { drift: (x: number) => -x, diffusion: () => 1 };
    const d = 1e-3;
    const w = mfptProfile1D(ou, { exit: 1, reflect: -1 }, [-1, -1 + d]);
    expect(Math.abs((w.mfpt[0] - w.mfpt[1]) / (d * d / 2) - 1)).toBeLessThan(2e-3);
    // count form, exit below
    const g = mfptProfile1D({ drift: () => 0, diffusion: () => 2 }, { exit: -1, reflect: 1 }, 5);
    expect(g.x.map((v) => v + 0)).toEqual([1, 0.5, 0, -0.5, -1]);
    g.x.forEach((x, i) => expect(g.mfpt[i]).toBeCloseTo((4 - (1 - x) ** 2) / 4, 12));
  });

  it('order of the panel rule does not change the answer', () => {
    const m = { drift, diffusion: D };
    const geo = { start: -1, exit: 0.9, reflect: -2 };
    const a = exactMFPT1D(m, geo, { order: 12 });
    const b = exactMFPT1D(m, geo, { order: 32 });
    expect(relDiff(a.mfpt, b.mfpt)).toBeLessThanOrEqual(a.relError + b.relError);
  });

  it('validates inputs and names where 𝒟 fails', () => {
    const ok: Diffusion1D = { drift: (x) => -x, diffusion: () => 0.3 };
    expect(() => exactMFPT1D(ok, { start: 1.5, exit: 1, reflect: -1 })).toThrow(/strictly between/);
    expect(() => exactMFPT1D(ok, { start: -1, exit: 1, reflect: -1 })).toThrow(/strictly between/);
    expect(() => exactMFPT1D(ok, { start: 0, exit: 1, reflect: 1 })).toThrow(/reflect must differ/);
    expect(() => exactMFPT1D(ok, { start: 0, exit: Infinity, reflect: -1 })).toThrow(/exit must be finite/);
    expect(() => exactMFPT1D(ok, { start: 0.5, exit: -1, reflect: -Infinity })).toThrow(/strictly between/);
    expect(() => exactMFPT1D(ok, { start: 0, exit: 1, reflect: -1 }, { relTol: 0 })).toThrow(/relTol/);
    // 𝒟 ≤ 0, NaN, or vanishing between nodes: the message says where
    expect(() => exactMFPT1D({ drift: () => 0, diffusion: (x) => x }, { start: 0.5, exit: 1, reflect: -1 })).toThrow(
      /𝒟\(x\) must be finite and > 0.*𝒟\(-1\) = -1/,
    );
    expect(() =>
      exactMFPT1D({ drift: () => 0, diffusion: (x) => (x > 0.7 ? NaN : 1) }, { start: 0.5, exit: 1, reflect: -1 }),
    ).toThrow(/𝒟\(0\.[7-9]\d*\) = NaN|𝒟\(1\) = NaN/);
    expect(() =>
      exactMFPT1D({ drift: (x) => -x, diffusion: (x) => Math.abs(x - 0.1234567) }, { start: -1, exit: 0.5, reflect: -2 }),
    ).toThrow(/vanish near x = 0\.12345/);
    expect(() => exactMFPT1D({ drift: (x) => (x > 0 ? Infinity : 0), diffusion: () => 1 }, { start: -0.5, exit: 1, reflect: -1 })).toThrow(
      /drift A\(x\) must be finite/,
    );
    // natural boundary that does not confine: T = ∞
    expect(() => exactMFPT1D({ drift: () => 0, diffusion: () => 1 }, { start: 0, exit: 1, reflect: -Infinity })).toThrow(
      /does not decay/,
    );
    expect(() => mfptBackwardODE(ok, { start: 0, exit: 1, reflect: -Infinity })).toThrow(/finite reflecting wall/);
    expect(() => mfptBackwardODE({ drift: () => 0, diffusion: (x) => x }, { start: 0.5, exit: 1, reflect: 0 })).toThrow(
      /𝒟\(0\) = 0/,
    );
  });
});

describe('kinks next to a panel end (regression)', () => {
  // Found while checking the asymptotics: Hänggi SGD on the well-barrier landscape, with the breakpoint at the
  // zero K of L'' only. The drift A = −L' + (η/2)·sign(L'')·L''' has a slope jump at x2 (where L'''' jumps),
  // which the initial panels put 1.7e-4 from a panel end, closer than the outermost Gauss node: the Legendre
  // tail could not see it and the result was off by 1.26e-6 while claiming 4e-12. The end-point check of the
  // interpolants must now catch it. Reference: the backward ODE with every kink as a grid node (an
  // independent route), and the run with a breakpoint at each kink.
  it('well-barrier Hänggi SGD: quadrature with the L″ = 0 breakpoint alone agrees with the ODE route given every kink', async () => {
    const { wellBarrierProfile } = await import('../../src/landscapes/builtins/index.js');
    const f = wellBarrierProfile(2, 1, 0.5);
    const eta = 0.05;
    const D = (x: number) => 0.5 * eta * (Math.abs(f.d2(x)) + 1);
    const drift = (x: number) => -f.d1(x) + 0.5 * eta * Math.sign(f.d2(x)) * f.d3(x);
    // K: the zero of L'' in the blend piece, by bisection
    let lo = f.w1, hi = f.x2;
    for (let i = 0; i < 200; i++) { const m = 0.5 * (lo + hi); if (f.d2(m) > 0) lo = m; else hi = m; }
    const K = 0.5 * (lo + hi);
    const geo = { start: 0, exit: 2.23, reflect: -2 };
    const q = exactMFPT1D({ drift, diffusion: D, breakpoints: [K] }, geo);
    const all = exactMFPT1D({ drift, diffusion: D, breakpoints: [f.w1, K, f.x2] }, geo);
    const o = mfptBackwardODE({ drift, diffusion: D, breakpoints: [f.w1, K, f.x2] }, geo, { relTol: 1e-10 });
    console.log(`kink regression: quadrature ${q.mfpt} (±${q.relError.toExponential(1)}), all kinks ${all.mfpt}, ODE ${o.mfpt} (±${o.relError.toExponential(1)}); rel. diff ${relDiff(q.mfpt, o.mfpt).toExponential(2)}`);
    expect(q.converged && all.converged).toBe(true);
    expect(relDiff(q.mfpt, o.mfpt)).toBeLessThanOrEqual(q.relError + o.relError + 1e-12);
    expect(relDiff(q.mfpt, all.mfpt)).toBeLessThanOrEqual(q.relError + all.relError);
  });
});
