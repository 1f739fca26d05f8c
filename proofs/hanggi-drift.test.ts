/**
 * Proof check (e): the Hänggi–Klimontovich Fokker–Planck equation is the Itô Fokker–Planck equation of
 * the drift −P∇L + ∇·𝒟. Document: proofs/hanggi-drift.md. Source: sources.md §4.3 and §7 [DERIVED],
 * design.md §3 (convention `hanggi`).
 *
 *   Hänggi:  ∂_t p = Σ_i ∂_i(P_i ∂_iL p) + Σ_ij ∂_i(𝒟_ij ∂_j p)
 *   Itô:     ∂_t p = −Σ_i ∂_i(A_i p) + Σ_ij ∂_i∂_j(𝒟_ij p),   A_i = −P_i ∂_iL + Σ_j ∂_j 𝒟_ij
 */
import { describe, expect, it } from 'vitest';
import { compile, derivative } from 'mathjs';
import { buildModel, type Convention, type ModelSpec } from '../src/dynamics/models.js';
import { builtinLandscape, wellBarrierProfile } from '../src/landscapes/builtins/index.js';
import { jetDerivative, rationalZero, simplifiesToZero, type JetSpec } from './symbolic.js';
import { D1_CENTRAL, fmt, stencilNorm } from './numeric.js';

type Divergence = 'correct' | 'none' | 'wrong-index';

/**
 * Both right-hand sides as lists of terms (strings), for a derivative operator d(expr, var).
 * `div` selects the Itô drift correction: Σ_j ∂_j 𝒟_ij (correct), none, or Σ_j ∂_i 𝒟_ij (a control).
 */
function operators(d: (e: string, v: string) => string, vars: string[], P: string[], L: string, D: string[][], p: string, div: Divergence = 'correct') {
  const n = vars.length;
  const hanggi: string[] = [];
  const ito: string[] = [];
  for (let i = 0; i < n; i++) {
    const dL = d(L, vars[i]);
    hanggi.push(d(`(${P[i]})*(${dL})*(${p})`, vars[i]));
    hanggi.push(d(D[i].map((Dij, j) => `(${Dij})*(${d(p, vars[j])})`).join(' + '), vars[i]));
    const divD =
      div === 'none' ? '0' : D[i].map((Dij, j) => d(Dij, vars[div === 'correct' ? j : i])).join(' + ');
    ito.push(`-(${d(`(-(${P[i]})*(${dL}) + ${divD})*(${p})`, vars[i])})`);
    for (let j = 0; j < n; j++) ito.push(d(d(`(${D[i][j]})*(${p})`, vars[j]), vars[i]));
  }
  return { hanggi, ito, difference: `(${hanggi.join(' + ')}) - (${ito.join(' + ')})` };
}

describe('(e) Hänggi drift: generic functions (jets)', () => {
  it('1-D: ∂(PL\'p) + ∂(𝒟∂p) ≡ −∂((−PL\' + 𝒟\')p) + ∂²(𝒟p)', () => {
    const spec: JetSpec = { functions: ['P', 'L', 'D', 'p'] };
    const ops = operators((e, v) => jetDerivative(e, v, spec), ['x'], ['P'], 'L', [['D']], 'p');
    const s = simplifiesToZero(ops.difference);
    const r = rationalZero(ops.difference);
    // control: without the +𝒟' the operators differ (by ∂(𝒟'p))
    const bad = rationalZero(operators((e, v) => jetDerivative(e, v, spec), ['x'], ['P'], 'L', [['D']], 'p', 'none').difference);
    console.log(`(e) 1-D jets: simplify(difference) = ${s.simplified}; exact canonical form zero: ${r.zero}; control (no 𝒟'): ${bad.numeratorTerms} terms left`);
    expect(s.zero).toBe(true);
    expect(r.zero).toBe(true);
    expect(bad.zero).toBe(false);
  });

  it('2-D: with a generic symmetric 𝒟(x, y), diagonal P(x, y) and drift −P∇L + ∇·𝒟', () => {
    const spec: JetSpec = { functions: ['P1', 'P2', 'L', 'p', 'D11', 'D12', 'D22'] };
    const d = (e: string, v: string): string => jetDerivative(e, v, spec);
    const D = [['D11', 'D12'], ['D12', 'D22']];
    const ops = operators(d, ['x', 'y'], ['P1', 'P2'], 'L', D, 'p');
    // mathjs simplify stalls (minutes) on this 14-term polynomial in 30 jet symbols; the exact
    // rational canonical form settles it
    const r = rationalZero(ops.difference);
    // control: (∇·𝒟)_i taken as Σ_j ∂_i 𝒟_ij (the wrong index) is not equivalent
    const badOps = operators(d, ['x', 'y'], ['P1', 'P2'], 'L', D, 'p', 'wrong-index').difference;
    const rb = rationalZero(badOps);
    console.log(`(e) 2-D jets: exact canonical form of the difference is zero: ${r.zero}; control with Σ_j ∂_i𝒟_ij: ${rb.numeratorTerms} terms left`);
    expect(r.zero).toBe(true);
    expect(rb.zero).toBe(false);
  });
});

describe('(e) Hänggi drift: concrete functions, numeric evaluation of the mathjs derivatives', () => {
  // mathjs `simplify` does not reach 0 on these in reasonable time, so the difference of the two
  // operators (both differentiated by mathjs) is evaluated at random points, relative to Σ|terms|
  const dd = (e: string, v: string): string => derivative(e, v, { simplify: false }).toString();
  const rng = (() => {
    let a = 12345;
    return () => ((a = (1103515245 * a + 12345) % 2147483648) / 2147483648);
  })();
  const check = (vars: string[], P: string[], L: string, D: string[][], p: string, params: Record<string, number>) => {
    const ops = operators(dd, vars, P, L, D, p);
    const diff = compile(ops.difference);
    const terms = [...ops.hanggi, ...ops.ito].map((t) => compile(t));
    let worst = 0;
    for (let k = 0; k < 25; k++) {
      const scope: Record<string, number> = { ...params };
      for (const v of vars) scope[v] = -1.5 + 3 * rng();
      const val = diff.evaluate(scope) as number;
      const scale = terms.reduce((s, t) => s + Math.abs(t.evaluate(scope) as number), 0);
      worst = Math.max(worst, Math.abs(val) / scale);
    }
    return worst;
  };

  it('1-D and 2-D examples: |Hänggi − Itô| / Σ|terms| at the rounding level', () => {
    const w1 = check(['x'], ['1/(1 + a*x^2)'], 'x^4/4 - x^2/2 + c*x', [['(k + x^2)/(1 + x^2)^2']], 'exp(-x^2/2)*(2 + sin(x))', { a: 0.7, c: 0.2, k: 0.3 });
    const w2 = check(
      ['x', 'y'],
      ['1/(1 + x^2)', 'exp(-y^2)'],
      'x^4/4 - x^2/2 + y^2/2 + g*x*y^2',
      [['1 + x^2*y^2', 'x*y/(2 + y^2)'], ['x*y/(2 + y^2)', '2 + sin(x)*cos(y)']],
      'exp(-(x^2 + 2*y^2)/2)*(3 + x*y)',
      { g: 0.3 },
    );
    console.log(`(e) concrete 1-D (25 points): max |difference|/Σ|terms| = ${fmt(w1)}; concrete 2-D (25 points): ${fmt(w2)}`);
    // a few hundred double operations on O(1) terms: ≲ 1e-13 relative
    expect(w1).toBeLessThan(1e-12);
    expect(w2).toBeLessThan(1e-12);
  });
});

describe('(e) Hänggi drift: the project\'s SDE models (src/dynamics/models.ts)', () => {
  const W4 = D1_CENTRAL[4];

  it('1-D: drift(hanggi) − drift(ito) = 𝒟\' (own finite differences of the Itô 𝒟)', () => {
    const L = builtinLandscape('quartic', { h: 1 }); // L'' = 12x² − 4 vanishes at ±0.577: points avoid it
    const noise = { kind: 'hessian', floor: 0.05 } as const;
    const specs: [string, (c: Convention) => ModelSpec][] = [
      ['sgd', (c) => ({ model: 'sgd', lr: 0.05, batch: 2, noise, convention: c })],
      ['adam', (c) => ({ model: 'adam', lr: 0.05, batch: 2, noise, convention: c })],
      ['power p=−½', (c) => ({ model: 'power', p: -0.5, lr: 0.05, batch: 2, noise, convention: c })],
      ['adamomentum', (c) => ({ model: 'adamomentum', lr: 0.05, batch: 2, noise, convention: c })],
    ];
    const xs = [-1.4, -1.0, -0.8, -0.3, 0.0, 0.2, 0.9, 1.3];
    const rows: string[] = [];
    let worst = 0;
    for (const [name, mk] of specs) {
      const ito = buildModel(mk('ito'), L).scalar();
      const han = buildModel(mk('hanggi'), L).scalar();
      const Dof = (x: number): number => (ito.eval(x), ito.d);
      let w = 0;
      for (const x of xs) {
        ito.eval(x);
        const a0 = ito.a, D0 = ito.d;
        han.eval(x);
        const diff = han.a - a0;
        const fd = (h: number): number => {
          let s = 0;
          for (let k = -2; k <= 2; k++) if (W4[k + 2] !== 0) s += W4[k + 2] * Dof(x + k * h);
          return s / h;
        };
        const h = 1e-3;
        const f1 = fd(h), f2 = fd(2 * h);
        // error of f1: |f1 − f2| (≈ 15× its O(h⁴) truncation) + rounding Σ|w|·16ε·|𝒟|/h
        const est = Math.abs(f1 - f2) + (stencilNorm(W4) * 16 * Number.EPSILON * Math.abs(D0)) / h;
        w = Math.max(w, Math.abs(diff - f1) / est);
      }
      worst = Math.max(worst, w);
      rows.push(`${name}: max |Δdrift − 𝒟'_FD|/estimate = ${fmt(w)}`);
    }
    console.log(`(e) 1-D models on quartic h=1, hessian noise floor 0.05, 8 points: ${rows.join('; ')}`);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('n-D (eigen-saddle, sgd, hessian noise): drift(hanggi) − drift(ito) = ∇·𝒟, 𝒟 = ½σσᵀ, own finite differences', () => {
    const L = builtinLandscape('eigen-saddle', { Ha: 2, Hb: 1, dL: 0.25, minEigs: [3, 4], saddleEigs: [2, 5] });
    const n = L.dim;
    const mk = (convention: Convention) =>
      buildModel({ model: 'sgd', lr: 0.05, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention }, L).vector();
    const ito = mk('ito');
    const han = mk('hanggi');
    const drift = new Float64Array(n), sigma = new Float64Array(n * n);
    const Dmat = (x: Float64Array): Float64Array => {
      sigma.fill(0);
      ito.eval(x, drift, sigma);
      const D = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += sigma[i * n + k] * sigma[j * n + k];
          D[i * n + j] = 0.5 * s;
        }
      return D;
    };
    // (∇·𝒟)_i = Σ_j ∂_j 𝒟_ij with the 4th-order stencil (weights w) or the 2nd-order one
    const divergence = (x: Float64Array, h: number, w: readonly number[]): Float64Array => {
      const out = new Float64Array(n);
      const m = (w.length - 1) / 2;
      for (let j = 0; j < n; j++)
        for (let k = -m; k <= m; k++) {
          if (w[k + m] === 0) continue;
          const y = Float64Array.from(x);
          y[j] += k * h;
          const D = Dmat(y);
          for (let i = 0; i < n; i++) out[i] += (w[k + m] * D[i * n + j]) / h;
        }
      return out;
    };
    // points in the interiors of the well, blend and barrier pieces of the profile (where 𝒟 is smooth:
    // no eigenvalue of ∇²L crosses 0 within the stencils, no piece boundary is crossed)
    const f = wellBarrierProfile(2, 1, 0.25);
    const x1s = [f.w1 / 2, (f.w1 + f.x2) / 2, (f.x2 + f.b) / 2, 0.9 * f.b];
    const h = 1e-3;
    const hModel = 6e-6; // the model's step, 6e-6·max(1, |x_j|) (models.ts), all |x_j| < 1 here
    let worst = 0, maxAbs = 0, maxDiff = 0;
    for (const x1 of x1s)
      for (const tr of [[0.1, -0.2], [0.3, 0.25]]) {
        const x = Float64Array.from([x1, ...tr]);
        const dI = new Float64Array(n), dH = new Float64Array(n), s = new Float64Array(n * n);
        ito.eval(x, dI, s);
        han.eval(x, dH, s);
        const a4 = divergence(x, h, W4), b4 = divergence(x, 2 * h, W4), a2 = divergence(x, h, D1_CENTRAL[2]);
        const Dx = Dmat(x);
        const delta = 64 * Number.EPSILON * Math.max(...Dx.map(Math.abs)); // rounding level of 𝒟 (eigen-decomposition, σσᵀ)
        for (let i = 0; i < n; i++) {
          const diff = dH[i] - dI[i];
          // error budget of diff − a4:
          //   ours:  |a4 − b4| (≈ 15× the O(h⁴) truncation of a4) + Σ|w|·δ/h·n (rounding)
          //   model: central difference with h_m: truncation (h_m²/6)|𝒟'''| ≈ (h_m/h)²·|a2 − a4|, rounding n·δ/h_m
          const est =
            Math.abs(a4[i] - b4[i]) + (n * stencilNorm(W4) * delta) / h + (hModel / h) ** 2 * Math.abs(a2[i] - a4[i]) + (n * delta) / hModel;
          worst = Math.max(worst, Math.abs(diff - a4[i]) / (2 * est));
          maxAbs = Math.max(maxAbs, Math.abs(diff));
          maxDiff = Math.max(maxDiff, Math.abs(diff - a4[i]));
        }
      }
    console.log(
      `(e) eigen-saddle (n = 3), sgd, hessian noise: 8 points, max |∇·𝒟| = ${fmt(maxAbs)}, max |Δdrift − ∇·𝒟_FD| = ${fmt(maxDiff)}, ` +
        `max ratio to the error budget (×2) = ${fmt(worst)}`,
    );
    expect(worst).toBeLessThanOrEqual(1);
    expect(maxAbs).toBeGreaterThan(1e-2); // the check is not vacuous: ∇·𝒟 is far from 0 here
  });
});
