/**
 * Proof check (f): AdaMomentum's stationary second moment. Document: proofs/adamomentum-second-moment.md.
 * Source: sources.md §7 (AdaMomentum bullet) and §5.2 (rule, ε in v), design.md §3 (adamomentum row).
 *
 *   m_t = β1 m_{t−1} + (1−β1) g_t,  g_t = G + ξ_t,  ξ i.i.d., mean 0, variance σ²
 *   E[m_t] → G,  Var[m_t] → σ²(1−β1)²/(1−β1²) = σ²(1−β1)/(1+β1),  E[m²] → G² + σ²(1−β1)/(1+β1)
 *   v_t = β2 v_{t−1} + (1−β2) m_t² + ε:   E[v_t] → G² + σ²(1−β1)/(1+β1) + ε/(1−β2)
 */
import { describe, expect, it } from 'vitest';
import { makeStream } from '../src/rng/stream.js';
import { rationalZero } from './symbolic.js';
import { batchMeans, fmt, gl20 } from './numeric.js';

describe('(f) AdaMomentum second moment: symbolic', () => {
  it('fixed points, the geometric sum, and the finite-t mean of v', () => {
    // mathjs simplify leaves these rational identities unsimplified (e.g. it returns
    // s2*((1-b)^2/(1-b^2) + (b-1)/(b+1)) for the first); the exact rational canonical form decides them.
    const V = '((1-b)^2*s2/(1-b^2))';
    const ids: [string, string][] = [
      // Var' = β1² Var + (1−β1)² σ² has the fixed point V
      ['variance fixed point', `b^2*${V} + (1-b)^2*s2 - ${V}`],
      // V = σ²(1−β1)/(1+β1)
      ['(1−β1)²/(1−β1²) = (1−β1)/(1+β1)', `${V} - s2*(1-b)/(1+b)`],
      // geometric sum S_n = Σ_{k<n} (1−β1)²σ²β1^{2k} = (1−β1)²σ²(1 − Q)/(1−β1²), Q = β1^{2n}:
      // S_{n+1} − S_n = (1−β1)²σ² Q (Q → β1²Q from n to n+1) and S_0 = 0 (Q = 1)
      ['geometric sum, induction step', `(1-b)^2*s2*(1 - b^2*Q)/(1-b^2) - (1-b)^2*s2*(1 - Q)/(1-b^2) - (1-b)^2*s2*Q`],
      ['geometric sum, S_0 = 0', `(1-b)^2*s2*(1 - 1)/(1-b^2)`],
      // E[v] = β2 E[v] + (1−β2) E[m²] + ε has the fixed point E[m²] + ε/(1−β2)
      ['E[v] fixed point', `c*(M + e/(1-c)) + (1-c)*M + e - (M + e/(1-c))`],
    ];
    // finite-t mean of v from m_0 = v_0 = 0 (X = β1^t, Y = β2^t; step t → t+1: X → β1X, Y → β2Y):
    //   E[m_t²] = G²(1 − X)² + S(1 − X²),  S = σ²(1−β1)/(1+β1)
    //   E[v_t]  = (G² + S)(1 − Y) − 2(1−β2)G²β1(X − Y)/(β1 − β2) + (1−β2)(G² − S)β1²(X² − Y)/(β1² − β2) + ε(1 − Y)/(1 − β2)
    const S = '(s2*(1-b)/(1+b))';
    const Ev = (X: string, Y: string) =>
      `((G^2 + ${S})*(1 - ${Y}) - 2*(1-c)*G^2*b*(${X} - ${Y})/(b - c) + (1-c)*(G^2 - ${S})*b^2*((${X})^2 - ${Y})/(b^2 - c) + e*(1 - ${Y})/(1 - c))`;
    const Em2 = (X: string) => `(G^2*(1 - ${X})^2 + ${S}*(1 - (${X})^2))`;
    ids.push(['E[v_t] recursion', `${Ev('b*X', 'c*Y')} - c*${Ev('X', 'Y')} - (1-c)*${Em2('b*X')} - e`]);
    ids.push(['E[v_0] = 0', Ev('1', '1')]);
    // E[m_t²] itself from its recursion: E[m_t] = G(1 − X), Var_t = S(1 − X²)
    ids.push(['E[m_t] recursion', `G*(1 - b*X) - b*G*(1 - X) - (1-b)*G`]);
    ids.push(['Var_t recursion', `${S}*(1 - b^2*X^2) - b^2*${S}*(1 - X^2) - (1-b)^2*s2`]);
    const res = ids.map(([name, e]) => [name, rationalZero(e).zero] as const);
    // control: a wrong stationary variance σ²(1−β1)²/(1+β1) is not a fixed point
    const ctl = rationalZero(`b^2*(s2*(1-b)^2/(1+b)) + (1-b)^2*s2 - s2*(1-b)^2/(1+b)`).zero;
    console.log(`(f) exact rational identities: ${res.map(([n, z]) => `${n}: ${z ? '≡ 0' : 'NOT 0'}`).join('; ')}; control (σ²(1−β1)²/(1+β1)): ${ctl ? '≡ 0' : 'not 0'}`);
    for (const [, z] of res) expect(z).toBe(true);
    expect(ctl).toBe(false);
  });
});

const G = 0.3, sigma = 1, b1 = 0.9, b2 = 0.999, eps = 1e-4;
const S = (sigma * sigma * (1 - b1)) / (1 + b1);
const Em2Inf = G * G + S;
const EvInf = Em2Inf + eps / (1 - b2);
/** finite-t closed forms (document, step 4) */
const Em2At = (t: number): number => G * G * (1 - b1 ** t) ** 2 + S * (1 - b1 ** (2 * t));
const EvAt = (t: number): number => {
  const X = b1 ** t, Y = b2 ** t;
  return (
    (G * G + S) * (1 - Y) -
    (2 * (1 - b2) * G * G * b1 * (X - Y)) / (b1 - b2) +
    ((1 - b2) * (G * G - S) * b1 * b1 * (X * X - Y)) / (b1 * b1 - b2) +
    (eps * (1 - Y)) / (1 - b2)
  );
};

describe('(f) AdaMomentum second moment: exact moment recursions in float64', () => {
  it('iterating E[m], Var[m], E[v] from 0 follows the finite-t closed forms and converges to the limits', () => {
    let mu = 0, vr = 0, ev = 0;
    let worst = 0;
    const T = 50_000; // β2^T = e^{−50}: the transient is below rounding
    for (let t = 1; t <= T; t++) {
      mu = b1 * mu + (1 - b1) * G; // E[m_t]
      vr = b1 * b1 * vr + (1 - b1) ** 2 * sigma * sigma; // Var[m_t] (ξ_t independent of m_{t−1})
      ev = b2 * ev + (1 - b2) * (mu * mu + vr) + eps; // E[v_t], linear in E[m_t²]
      if (t <= 100 || t % 997 === 0) {
        worst = Math.max(worst, Math.abs(mu * mu + vr - Em2At(t)) / Em2At(t), Math.abs(ev - EvAt(t)) / EvAt(t));
      }
    }
    const relM = Math.abs(mu * mu + vr - Em2Inf) / Em2Inf;
    const relV = Math.abs(ev - EvInf) / EvInf;
    console.log(
      `(f) recursion (G=${G}, σ=${sigma}, β1=${b1}, β2=${b2}, ε=${eps}): max rel. deviation from the finite-t forms ${fmt(worst)}; ` +
        `t=${T}: E[m²] = ${(mu * mu + vr).toPrecision(12)} (limit ${Em2Inf.toPrecision(12)}), E[v] = ${ev.toPrecision(12)} (limit ${EvInf.toPrecision(12)})`,
    );
    // rounding: each step adds ≲ 2ε relative, damped geometrically by β2: accumulated ≲ 2ε/(1−β2) ≈ 4.4e-13;
    // the closed forms cancel at small t (X − Y etc.), allow 1e-11
    expect(worst).toBeLessThan(1e-11);
    expect(relM).toBeLessThan(1e-12);
    expect(relV).toBeLessThan(1e-12);
  });
});

describe('(f) AdaMomentum second moment: seeded Monte Carlo', () => {
  it('sample means of m² and v agree with the theory within 4 (m²) and 5 (v) batch-means standard errors', () => {
    // H0: the recursions driven by i.i.d. N(G, σ²) gradients have E[m_t²] = Em2At(t) and E[v_t] = EvAt(t)
    // (sources.md §7). Under H0 the batch-means z-score is approximately Student-t: 100 batches (m²)
    // → P(|t₉₉| > 4) = 1.2e-4; 20 batches (v) → P(|t₁₉| > 5) = 8e-5. The seed is fixed, so the test is
    // deterministic; these are the false-alarm rates of the protocol, not tuned.
    const rng = makeStream('proofs', 'adamomentum-second-moment');
    const burn = 2_000; // β1^{2·2000} ≈ 0 for m²; v is compared with its exact finite-t mean instead
    const N = 400_000;
    // residuals against the exact finite-t means, so that every batch has mean 0 under H0
    const r2 = new Float64Array(N), rv = new Float64Array(N);
    let m = 0, v = 0, sumM2 = 0, sumV = 0;
    for (let t = 1; t <= burn + N; t++) {
      const g = G + sigma * rng.nextNormal();
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * m * m + eps; // AdaM³: ε added to the state every step
      if (t > burn) {
        r2[t - burn - 1] = m * m - Em2At(t);
        rv[t - burn - 1] = v - EvAt(t);
        sumM2 += m * m;
        sumV += v;
      }
    }
    const a = batchMeans(r2, 100); // batches of 4000 steps ≫ integrated correlation time of m² (≤ (1+β1)/(1−β1) = 19, from the 2Gδm term)
    const c = batchMeans(rv, 20); // batches of 20000 steps ≫ correlation time of v (~1/(1−β2) = 1000)
    const zM = a.mean / a.se;
    const zV = c.mean / c.se;
    console.log(
      `(f) Monte Carlo (${N} steps after ${burn}, seed 'proofs'): mean m² = ${(sumM2 / N).toFixed(6)}, minus theory ${fmt(a.mean)} ± ${fmt(a.se)} (z = ${zM.toFixed(2)}); ` +
        `mean v = ${(sumV / N).toFixed(6)}, minus theory ${fmt(c.mean)} ± ${fmt(c.se)} (z = ${zV.toFixed(2)}); stationary limits ${Em2Inf.toFixed(6)}, ${EvInf.toFixed(6)}`,
    );
    expect(Math.abs(zM)).toBeLessThan(4);
    expect(Math.abs(zV)).toBeLessThan(5);
    // power: the raw-gradient value E[g²] = G² + σ² (what Adam's v would hold) is rejected
    expect(Math.abs((sumM2 / N - (G * G + sigma * sigma)) / a.se)).toBeGreaterThan(100);
  });
});

describe('(f) consequence: AdaMomentum\'s barrier exponent is √((1−β1)/(1+β1)) × Adam\'s', () => {
  it('ΔΦ by quadrature with v_m = a·C/B (a = (1−β1)/(1+β1)) vs v = C/B, on a quadratic well', () => {
    // near a critical point E[m²] ≈ a·C/B: P_AdaM = (aC/B)^{−1/2}, 𝒟 = (η/2)P²C/B, ΔΦ = ∫ P L'/𝒟
    const Ha = 3, B = 8, eta = 0.1, dL = 0.5, xb = Math.sqrt((2 * dL) / Ha);
    const dPhi = (factor: number): number => {
      const P = ((factor * Ha) / B) ** -0.5, D = 0.5 * eta * P * P * (Ha / B);
      return gl20((x) => (P * Ha * x) / D, 0, xb);
    };
    const rows: string[] = [];
    for (const beta1 of [0.5, 0.9, 0.99]) {
      const a = (1 - beta1) / (1 + beta1);
      const ratio = dPhi(a) / dPhi(1);
      rows.push(`β1=${beta1}: ${ratio.toFixed(6)} (√a = ${Math.sqrt(a).toFixed(6)})`);
      expect(Math.abs(ratio - Math.sqrt(a)) / Math.sqrt(a)).toBeLessThan(1e-13);
    }
    console.log(`(f) ΔΦ_AdaM/ΔΦ_Adam: ${rows.join(', ')} (sources.md §7: ≈ 0.23 at β1 = 0.9)`);
  });
});
