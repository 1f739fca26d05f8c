/**
 * Proof check (c): Kramers' formula and the flux-over-population prefactors as the Laplace limit of
 * the exact MFPT integral. Document: proofs/kramers-laplace.md. Sources: sources.md §4.1 (Kramers 1940;
 * Mori et al. 2022 Eq. 22), §4.3 [DERIVED], §4.4 (the numbers reproduced here).
 *
 * Landscape L = (x² − 1)²/4: minimum a = −1 (L'' = 2), barrier top b = 0 (L'' = −1), ΔL = 1/4;
 * start −1, reflecting wall −3, absorbing exit +1 (sources.md §4.4).
 *
 * Asymptotic formulas, written out here from sources.md (no src/ asymptotics module is used):
 *   constant 𝒟 = T:      τ ≈ 2π/√(L''(a)|L''(b)|) · e^{ΔL/T}
 *   Itô:                 τ ≈ 2π √(𝒟_b/(𝒟_a κ_a κ_b)) e^{ΔΦ}
 *   Hänggi–Klimontovich: τ ≈ 2π √(𝒟_a/(𝒟_b κ_a κ_b)) e^{ΔΦ},   κ = P|L''|,  ΔΦ = ∫_a^b P L'/𝒟
 * Next-order Laplace terms (derived in the document): ratio = 1 + c₁T + c₂T² + O(T³),
 *   c₁ = α_a + α_b = 3/4 + 3/4,  c₂ = β_a + β_b + α_aα_b = 105/32 + 105/32 + 9/16 = 57/8.
 */
import { describe, expect, it } from 'vitest';
import { exactMFPT1D } from '../src/theory/mfpt1d/index.js';
import { fitLine, fmt, gl20 } from './numeric.js';

const Lp = (x: number): number => x * x * x - x; // L' for L = (x² − 1)²/4
const a = -1, b = 0, Ha = 2, Hb = 1, dL = 0.25;
const geometry = { start: -1, exit: 1, reflect: -3 };

/** Laplace coefficients of ∫ e^{∓f/T}: α = 5f₃²/(24f₂³) − f₄/(8f₂²), β (second order), see the document. */
function laplace(f2: number, f3: number, f4: number): { alpha: number; beta: number } {
  const alpha = (5 * f3 * f3) / (24 * f2 ** 3) - f4 / (8 * f2 * f2);
  // f₅ = f₆ = 0 for a quartic
  const beta = (385 * f3 ** 4) / (1152 * f2 ** 6) - (35 * f3 * f3 * f4) / (64 * f2 ** 5) + (35 * f4 * f4) / (384 * f2 ** 4);
  return { alpha, beta };
}
// at a: L = L(a) + u² − u³ + u⁴/4 (u = x + 1): f₂ = 2, f₃ = −6, f₄ = 6
// at b: −L = −L(b) + x²/2 − x⁴/4:              f₂ = 1, f₃ = 0,  f₄ = −6
const LA = laplace(2, -6, 6);
const LB = laplace(1, 0, -6);
const c1 = LA.alpha + LB.alpha;
const c2 = LA.beta + LB.beta + LA.alpha * LB.alpha;

/** exact / Kramers for constant 𝒟 = T, computed in log space */
function ratioConstant(T: number): number {
  // relTol 1e-10 (the default): its effect on (ratio − 1)/T² is ≤ 1e-10/T² ≤ 1e-4 here
  const res = exactMFPT1D({ drift: (x) => -Lp(x), diffusion: () => T }, geometry, { relTol: 1e-10 });
  expect(res.converged).toBe(true);
  const logKramers = Math.log((2 * Math.PI) / Math.sqrt(Ha * Hb)) + dL / T;
  return Math.exp(res.logMfpt - logKramers);
}

describe('(c) Kramers as the Laplace limit: constant diffusion', () => {
  it('the Laplace coefficients are c₁ = 3/2, c₂ = 57/8', () => {
    console.log(`(c) Laplace coefficients: α_a = ${LA.alpha}, α_b = ${LB.alpha}, β_a = ${LA.beta}, β_b = ${LB.beta}; c₁ = ${c1}, c₂ = ${c2}`);
    expect(c1).toBe(1.5);
    expect(c2).toBe(57 / 8);
  });

  it('reproduces sources.md §4.4: exact/Kramers = 1.034 (T = 0.02) and 1.016 (T = 0.01)', () => {
    const r02 = ratioConstant(0.02);
    const r01 = ratioConstant(0.01);
    console.log(`(c) exact/Kramers: T = 0.02 → ${r02.toFixed(6)} (sources.md 1.034), T = 0.01 → ${r01.toFixed(6)} (sources.md 1.016)`);
    // "to the 3 digits given": the measured value rounds to the quoted one
    expect(Math.round(r02 * 1000) / 1000).toBe(1.034);
    expect(Math.round(r01 * 1000) / 1000).toBe(1.016);
  });

  it('ratio − 1 ∝ T as T → 0 (log-log slope 1), with coefficient c₁ = 3/2 and next term c₂ = 57/8', () => {
    const Ts = [0.01, 0.005, 0.0025, 0.00125];
    const r = Ts.map(ratioConstant);
    const fit = fitLine(Ts.map(Math.log), r.map((v) => Math.log(v - 1)));
    // local slope of log(c₁T + c₂T²) is 1 + c₂T/(c₁ + c₂T) ≤ 1 + (c₂/c₁)·T_max = 1.0475 on this set,
    // so |slope − 1| < 0.1 leaves a factor 2 for the O(T³) terms. (On T ∈ {0.04, …, 0.005} the same
    // bound is (c₂/c₁)·0.04 = 0.19: that range is not asymptotic enough for a 0.1 tolerance.)
    const slopeBig = fitLine([0.04, 0.02, 0.01, 0.005].map(Math.log), [0.04, 0.02, 0.01, 0.005].map((T) => Math.log(ratioConstant(T) - 1))).slope;
    // q(T) = (ratio − 1)/T = c₁ + c₂T + O(T²); Richardson 2q(T/2) − q(T) = c₁ + O(T²).
    // Tolerance: the last first-order change |q(T/2) − q(T)| (≈ c₂T/2): it exceeds the Richardson
    // error (≈ c₃T²/2) as long as c₃T < c₂, i.e. in the asymptotic regime the data must show.
    const q = r.map((v, i) => (v - 1) / Ts[i]);
    const n = Ts.length - 1;
    const rich1 = 2 * q[n] - q[n - 1];
    const tol1 = Math.abs(q[n] - q[n - 1]);
    // same for the second order: s(T) = (ratio − 1 − c₁T)/T² = c₂ + O(T)
    const s = r.map((v, i) => (v - 1 - c1 * Ts[i]) / Ts[i] ** 2);
    const rich2 = 2 * s[n] - s[n - 1];
    const tol2 = Math.abs(s[n] - s[n - 1]);
    console.log(
      `(c) T = ${Ts.join(', ')}: ratio = ${r.map((v) => v.toFixed(7)).join(', ')}; log-log slope of ratio−1 = ${fmt(fit.slope, 4)} ` +
        `(on 0.04…0.005: ${fmt(slopeBig, 4)}); (ratio−1)/T → ${fmt(rich1, 5)} ± ${fmt(tol1)} (c₁ = 1.5); ` +
        `(ratio−1−c₁T)/T² → ${fmt(rich2, 4)} ± ${fmt(tol2)} (c₂ = 7.125)`,
    );
    expect(Math.abs(fit.slope - 1)).toBeLessThan(0.1);
    expect(Math.abs(rich1 - c1)).toBeLessThanOrEqual(tol1);
    expect(Math.abs(rich2 - c2)).toBeLessThanOrEqual(tol2);
  });
});

// ---------------------------------------------------------------------------------------------
// State-dependent 𝒟 (and P): smooth steps that are exactly flat near a and near b, so the local
// Laplace expansions at a and b are those of the constant case with temperatures 𝒟_a/P_a, 𝒟_b/P_b.

/** C^∞ step: 0 for x ≤ x1, 1 for x ≥ x2, S = ψ(u)/(ψ(u) + ψ(1 − u)), ψ(t) = e^{−1/t} (t > 0). */
const x1 = -0.75, x2 = -0.25;
const psi = (t: number): number => (t > 0 ? Math.exp(-1 / t) : 0);
const dpsi = (t: number): number => (t > 0 ? Math.exp(-1 / t) / (t * t) : 0);
const step = (x: number): number => {
  const u = (x - x1) / (x2 - x1);
  return psi(u) / (psi(u) + psi(1 - u));
};
const stepD = (x: number): number => {
  const u = (x - x1) / (x2 - x1);
  const p = psi(u), q = psi(1 - u), dp = dpsi(u), dq = -dpsi(1 - u);
  return (dp * (p + q) - p * (dp + dq)) / ((p + q) ** 2 * (x2 - x1));
};

/** ΔΦ = ∫_a^b P L'/𝒟 by composite 20-point Gauss–Legendre on 64 panels (smooth integrand) */
function deltaPhi(P: (x: number) => number, D: (x: number) => number): number {
  let s = 0;
  const n = 64;
  for (let k = 0; k < n; k++) s += gl20((x) => (P(x) * Lp(x)) / D(x), a + ((b - a) * k) / n, a + ((b - a) * (k + 1)) / n);
  return s;
}

interface StateCase {
  Da: number;
  Db: number;
  Pa: number;
  Pb: number;
}
function stateDependent({ Da, Db, Pa, Pb }: StateCase) {
  const D = (x: number): number => Da + (Db - Da) * step(x);
  const dD = (x: number): number => (Db - Da) * stepD(x);
  const P = (x: number): number => Pa + (Pb - Pa) * step(x);
  const dPhi = deltaPhi(P, D);
  const ka = Pa * Ha, kb = Pb * Hb; // κ = P|L''|
  const ito = exactMFPT1D({ drift: (x) => -P(x) * Lp(x), diffusion: D }, geometry, { relTol: 1e-10 });
  // Hänggi–Klimontovich as the Itô SDE with drift −P L' + 𝒟'
  const han = exactMFPT1D({ drift: (x) => -P(x) * Lp(x) + dD(x), diffusion: D }, geometry, { relTol: 1e-10 });
  expect(ito.converged && han.converged).toBe(true);
  const logIto = Math.log(2 * Math.PI * Math.sqrt(Db / (Da * ka * kb))) + dPhi;
  const logHan = Math.log(2 * Math.PI * Math.sqrt(Da / (Db * ka * kb))) + dPhi;
  // local temperatures Θ = 𝒟/P: ratio = 1 + α_aΘ_a + α_bΘ_b + [β_aΘ_a² + β_bΘ_b² + α_aα_bΘ_aΘ_b] + …
  const ta = Da / Pa, tb = Db / Pb;
  const first = LA.alpha * ta + LB.alpha * tb;
  const second = LA.beta * ta * ta + LB.beta * tb * tb + LA.alpha * LB.alpha * ta * tb;
  return {
    ito: Math.exp(ito.logMfpt - logIto),
    han: Math.exp(han.logMfpt - logHan),
    crossed: Math.exp(ito.logMfpt - logHan), // Itô exact against the Hänggi formula
    first,
    second,
    dPhi,
  };
}

describe('(c) flux-over-population with state-dependent 𝒟, both conventions', () => {
  it('𝒟 steps 0.01 ↔ 0.02 (sources.md §4.4: 1.023–1.025): ratio = 1 + first order ± 2·second order', () => {
    for (const [Da, Db] of [[0.01, 0.02], [0.02, 0.01]]) {
      const c = stateDependent({ Da, Db, Pa: 1, Pb: 1 });
      console.log(
        `(c) 𝒟_a = ${Da}, 𝒟_b = ${Db}, P = 1: ΔΦ = ${fmt(c.dPhi, 6)}; exact/formula Itô ${c.ito.toFixed(5)}, Hänggi ${c.han.toFixed(5)} ` +
          `(first order 1 + ${fmt(c.first)}, second-order term ${fmt(c.second)}); Itô exact / Hänggi formula = ${c.crossed.toFixed(4)} (𝒟_b/𝒟_a = ${Db / Da})`,
      );
      // the O(𝒟²) remainder is estimated by the constant-𝒟 second-order term; allow twice it
      // (at 𝒟 ≈ 0.02 the Gaussian tails also reach the transition region, 0.25 away from a and b)
      expect(Math.abs(c.ito - 1 - c.first)).toBeLessThanOrEqual(2 * c.second);
      expect(Math.abs(c.han - 1 - c.first)).toBeLessThanOrEqual(2 * c.second);
      // the convention matters: the wrong formula is off by the factor √… → 𝒟_b/𝒟_a
      expect(Math.abs(c.crossed / (Db / Da) - 1)).toBeLessThan(0.05);
    }
  });

  it('with a state-dependent preconditioner too (P: 1 → 2), ratio − 1 = first order + O(𝒟²) as 𝒟 → 0', () => {
    let worst = 0;
    const lines: string[] = [];
    for (const lam of [1, 0.5, 0.25, 0.125])
      for (const [Da, Db, Pa, Pb] of [[0.01, 0.02, 1, 1], [0.02, 0.01, 1, 1], [0.01, 0.02, 1, 2], [0.02, 0.01, 2, 1]]) {
        const c = stateDependent({ Da: Da * lam, Db: Db * lam, Pa, Pb });
        for (const v of [c.ito, c.han]) worst = Math.max(worst, Math.abs(v - 1 - c.first) / c.second);
        if (lam === 0.125) lines.push(`[𝒟 ${Da * lam}→${Db * lam}, P ${Pa}→${Pb}] Itô ${c.ito.toFixed(6)} Hänggi ${c.han.toFixed(6)} 1st ${fmt(c.first)} 2nd ${fmt(c.second)}`);
      }
    console.log(`(c) λ ∈ {1, ½, ¼, ⅛} × 4 cases × 2 conventions: max |ratio − 1 − first|/second = ${fmt(worst)}; at λ = ⅛: ${lines.join('; ')}`);
    expect(worst).toBeLessThanOrEqual(2);
  });
});
