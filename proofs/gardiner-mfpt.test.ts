/**
 * Proof check (b): Gardiner's MFPT integral solves the backward equation.
 * Document: proofs/gardiner-mfpt.md. Source: Gardiner, Handbook of Stochastic Methods §5.2.7
 * (sources.md §4.2 and §7, B = 2𝒟).
 *
 *   T(x) = ∫_x^e dy e^{Φ(y)} ∫_r^y e^{−Φ(z)}/𝒟(z) dz,   Φ = −∫_r A/𝒟
 *   𝒟 T'' + A T' = −1,   T(e) = 0,   T'(r) = 0.
 */
import { describe, expect, it } from 'vitest';
import { derivative } from 'mathjs';
import { exactMFPT1D, mfptProfile1D, type Diffusion1D } from '../src/theory/mfpt1d/index.js';
import { jetDerivative, rationalZero, simplifiesToZero, type JetSpec } from './symbolic.js';
import { D1_CENTRAL, D1_FORWARD6, D2_CENTRAL, fmt, stencilNorm } from './numeric.js';

describe('(b) Gardiner MFPT: generic A(x), 𝒟(x)', () => {
  it('𝒟T\'\' + AT\' + 1 ≡ 0 given G\' = e^{−Φ}/𝒟, Φ\' = −A/𝒟; T\'(r) = 0', () => {
    // Symbols: F = e^{Φ(x)}, G = G(x) = ∫_r^x e^{−Φ}/𝒟; A, D generic (jets A_x, D_x).
    // F' = Φ'F = −(A/D)F;  G' = e^{−Φ}/𝒟 = 1/(F·D).
    const spec: JetSpec = { functions: ['A', 'D'], rules: { x: { F: '-(A/D)*F', G: '1/(F*D)' } } };
    // T(x) = ∫_x^e F G dy  ⇒  T' = −F·G (fundamental theorem of calculus; the one step not done by mathjs)
    const T1 = '-F*G';
    const T2 = jetDerivative(T1, 'x', spec);
    const residual = `D*(${T2}) + A*(${T1}) + 1`;
    const s = simplifiesToZero(residual);
    // control: B misread as 𝒟 instead of 2𝒟 in ψ = exp(∫2A/B) gives Φ' = −2A/𝒟: not a solution
    const specBad: JetSpec = { functions: ['A', 'D'], rules: { x: { F: '-(2*A/D)*F', G: '1/(F*D)' } } };
    const bad = simplifiesToZero(`D*(${jetDerivative(T1, 'x', specBad)}) + A*(${T1}) + 1`);
    // boundary: T'(r) = −F(r)G(r) with G(r) = ∫_r^r … = 0
    const atWall = simplifiesToZero(T1.replace('G', '0'));
    console.log(`(b) jets: simplify(𝒟T'' + AT' + 1) = ${s.simplified}; T'(r) = ${atWall.simplified}; control (Φ' = −2A/𝒟): ${bad.simplified}`);
    expect(s.zero).toBe(true);
    expect(rationalZero(residual).zero).toBe(true);
    expect(atWall.zero).toBe(true);
    expect(bad.zero).toBe(false);
  });
});

describe('(b) Gardiner MFPT: closed forms against exactMFPT1D', () => {
  // Brownian motion (A = 0, 𝒟 const):  T(x) = ((e−r)² − (x−r)²)/(2𝒟)
  const brown = '((e-r)^2 - (x-r)^2)/(2*D)';
  // constant drift A = −μ (towards the wall), 𝒟 const:  T(x) = (𝒟/μ²)(e^{μ(e−r)/𝒟} − e^{μ(x−r)/𝒟}) − (e−x)/μ
  const drift = '(D/mu^2)*(exp(mu*(e-r)/D) - exp(mu*(x-r)/D)) - (e-x)/mu';

  it('both closed forms solve the backward equation with T(e) = 0, T\'(r) = 0 (mathjs)', () => {
    const check = (T: string, A: string): boolean[] => {
      const T1 = derivative(T, 'x');
      const T2 = derivative(T1, 'x');
      return [
        simplifiesToZero(`D*(${T2.toString()}) + (${A})*(${T1.toString()}) + 1`).zero,
        simplifiesToZero(T.replace(/\bx\b/g, 'e')).zero,
        simplifiesToZero(T1.toString().replace(/\bx\b/g, 'r')).zero,
      ];
    };
    const b = check(brown, '0');
    const c = check(drift, '-mu');
    console.log(`(b) closed forms: Brownian [ODE, T(e), T'(r)] ≡ 0: ${b.join(', ')}; constant drift: ${c.join(', ')}`);
    expect([...b, ...c].every(Boolean)).toBe(true);
  });

  it('exactMFPT1D reproduces them to 1e-10 relative', () => {
    let worst = 0;
    const cases = [
      { D: 0.3, mu: 0, r: -1, e: 2, xs: [-0.9, 0, 1.5] },
      { D: 0.05, mu: 0, r: 0, e: 1, xs: [0.01, 0.5, 0.99] },
      { D: 0.2, mu: 0.7, r: -1, e: 1.5, xs: [-0.5, 0.3, 1.4] },
      { D: 0.1, mu: 1.5, r: 0, e: 1, xs: [0.05, 0.5, 0.95] }, // μ(e−r)/𝒟 = 15: T ≈ 1.5e5
    ];
    for (const { D, mu, r, e, xs } of cases)
      for (const x of xs) {
        const closed = mu === 0 ? ((e - r) ** 2 - (x - r) ** 2) / (2 * D) : (D / mu ** 2) * (Math.exp((mu * (e - r)) / D) - Math.exp((mu * (x - r)) / D)) - (e - x) / mu;
        const model: Diffusion1D = { drift: () => -mu, diffusion: () => D };
        const res = exactMFPT1D(model, { start: x, exit: e, reflect: r }, { relTol: 1e-12 });
        worst = Math.max(worst, Math.abs(res.mfpt - closed) / closed);
      }
    console.log(`(b) exactMFPT1D vs closed forms (12 starts): max relative error ${fmt(worst)}`);
    // the closed forms are evaluated with a few roundings (≲ 1e-14 relative, the exp cancellation is
    // mild: e^{μ(x−r)/𝒟} ≤ e^{μ(e−r)/𝒟}/e^{…} at these starts); the quadrature was asked for 1e-12
    expect(worst).toBeLessThan(1e-10);
  });
});

describe('(b) Gardiner MFPT: nontrivial model, residual of the backward equation on the profile', () => {
  // A = −x³ + x (double well), 𝒟 = 0.2 + 0.1x², reflecting at r = −2.5, absorbing at e = 1.5
  const A = (x: number): number => -x * x * x + x;
  const D = (x: number): number => 0.2 + 0.1 * x * x;
  const r = -2.5, e = 1.5, h = 0.02;
  const N = Math.round((e - r) / h);
  const xs = Array.from({ length: N + 1 }, (_, i) => r + ((e - r) * i) / N);

  it('𝒟T\'\' + AT\' + 1 = 0 to finite-difference accuracy; T(e) = 0; T\'(r) = 0', () => {
    const prof = mfptProfile1D({ drift: A, diffusion: D }, { exit: e, reflect: r }, xs, { relTol: 1e-12 });
    expect(prof.converged).toBe(true);
    const T = prof.mfpt;
    const Tmax = Math.max(...T);
    const W1 = D1_CENTRAL[6], W2 = D2_CENTRAL[6];
    // residual at grid point i with the 6th-order stencils of step s·h
    const resid = (Tv: readonly number[], i: number, s: number): number => {
      let d1 = 0, d2 = 0;
      for (let k = -3; k <= 3; k++) {
        d1 += W1[k + 3] * Tv[i + k * s];
        d2 += W2[k + 3] * Tv[i + k * s];
      }
      const hh = h * s;
      return D(xs[i]) * (d2 / (hh * hh)) + A(xs[i]) * (d1 / hh) + 1;
    };
    let maxRes = 0, worstRatio = 0;
    for (let i = 6; i <= N - 6; i++) {
      const r1 = resid(T, i, 1);
      const r2 = resid(T, i, 2);
      // error of r1: truncation ≈ |r1 − r2|/63 (6th order), bounded here by |r1 − r2| itself;
      // plus the profile's error (relError·T) amplified by the stencils: (𝒟Σ|w₂|/h² + |A|Σ|w₁|/h)·relError·Tmax
      const quad = (D(xs[i]) * stencilNorm(W2) / (h * h) + Math.abs(A(xs[i])) * stencilNorm(W1) / h) * (prof.relError + 1e-15) * Tmax;
      worstRatio = Math.max(worstRatio, Math.abs(r1) / (Math.abs(r1 - r2) + quad));
      maxRes = Math.max(maxRes, Math.abs(r1));
    }
    // T'(r) by the one-sided 6th-order stencil, with steps h and 2h for the error estimate
    const fwd = (s: number): number => D1_FORWARD6.reduce((acc, w, k) => acc + w * T[k * s], 0) / (h * s);
    let maxSlope = 0;
    for (let i = 3; i <= N - 3; i++) {
      let d1 = 0;
      for (let k = -3; k <= 3; k++) d1 += W1[k + 3] * T[i + k];
      maxSlope = Math.max(maxSlope, Math.abs(d1 / h));
    }
    const slopeWall = fwd(1);
    const slopeErr = Math.abs(fwd(1) - fwd(2)) + stencilNorm(D1_FORWARD6) * (prof.relError + 1e-15) * Tmax / h;
    // control: the profile of the model with 𝒟/2 in place of 𝒟 (Gardiner's B read as 𝒟) is not a solution
    const bad = mfptProfile1D({ drift: A, diffusion: (x) => D(x) / 2 }, { exit: e, reflect: r }, xs, { relTol: 1e-12 }).mfpt;
    let badMin = Infinity;
    for (let i = 6; i <= N - 6; i += 10) badMin = Math.min(badMin, Math.abs(resid(bad, i, 1)));
    console.log(
      `(b) A = −x³+x, 𝒟 = 0.2+0.1x², [r, e] = [−2.5, 1.5], h = ${h}, 6th-order FD: max |𝒟T''+AT'+1| = ${fmt(maxRes)}, ` +
        `max |residual|/error-estimate = ${fmt(worstRatio)}; T(e) = ${T[N]}, T'(r) = ${fmt(slopeWall)} ± ${fmt(slopeErr)} ` +
        `(max |T'| = ${fmt(maxSlope)}); profile relError ${fmt(prof.relError)}; control (𝒟/2): min |residual| = ${fmt(badMin)}`,
    );
    expect(worstRatio).toBeLessThanOrEqual(1);
    expect(maxRes).toBeLessThan(1e-4); // against the "1" of the equation
    expect(T[N]).toBe(0);
    expect(Math.abs(slopeWall)).toBeLessThanOrEqual(slopeErr);
    expect(badMin).toBeGreaterThan(1e-2);
  });
});
