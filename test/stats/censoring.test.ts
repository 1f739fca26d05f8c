// Unit tests of the censoring estimators (stats/censoring.ts) and the heavy-censoring rule (stats/mfpt.ts) against
// hand computations on small data sets; the figures are derived in the comments.
import { describe, expect, it } from 'vitest';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import {
  constantHazardTest, cutAtHorizon, diagnoseCensoring, escapeTimeEstimate, HEAVY_CENSORED_FRACTION, HAZARD_TEST_LEVEL,
  mfptEstimate, restrictedMeanBound, tailExponential,
} from '../../src/stats/index.js';

const F = (xs: number[]): Float64Array => Float64Array.from(xs);
const U = (xs: number[]): Uint8Array => Uint8Array.from(xs);
const Z975 = 1.959963984540054;
const T3_975 = 3.182446305284263; // Student t quantile, 3 degrees of freedom, 0.975

// A: n = 10, horizon T = 2, four exits at 0.5, 1.2, 0.7, 1.9, six censored at 2 (fraction 0.6).
const TA = F([0.5, 1.2, 2, 2, 2, 0.7, 2, 1.9, 2, 2]);
const CA = U([0, 0, 1, 1, 1, 0, 1, 0, 1, 1]);

describe('restrictedMeanBound (E[min(τ, T)], log interval on the time lost T − μ)', () => {
  it('hand computation on A', () => {
    // time lost gᵢ = T − yᵢ: 1.5, 0.8, 1.3, 0.1 and six 0 ⇒ L̂ = 3.7/10 = 0.37, μ̂ = 2 − 0.37 = 1.63
    // Σg² = 2.25 + 0.64 + 1.69 + 0.01 = 4.59, Σ(g − ḡ)² = 4.59 − 10·0.37² = 3.221, s² = 3.221/9, se = √(s²/10)
    // d = 4 exits ⇒ t on 3 degrees of freedom; f = exp(t·se/L̂); μ ∈ [2 − L̂f, 2 − L̂/f]
    const se = Math.sqrt(3.221 / 9 / 10);
    const f = Math.exp((T3_975 * se) / 0.37);
    const b = restrictedMeanBound(TA, CA);
    expect(b.estimate).toBeCloseTo(1.63, 14);
    expect(b.lost).toBeCloseTo(0.37, 14);
    expect(b.se).toBeCloseTo(se, 14);
    expect(b.ci95[0]).toBeCloseTo(2 - 0.37 * f, 10); // 2 − 1.88…: cancellation costs digits
    expect(b.ci95[1]).toBeCloseTo(2 - 0.37 / f, 12);
    expect([b.horizon, b.events]).toEqual([2, 4]);
    expect(b.method).toMatch(/restricted-mean.*lower bound/);
    // the interval is asymmetric: longer below (the side a lower bound needs)
    expect(b.estimate - b.ci95[0]).toBeGreaterThan(b.ci95[1] - b.estimate);
  });

  it('no escapes: exact binomial bound T·(α/2)^{1/n}, finite', () => {
    // 0 exits in 3: P(τ ≤ T) ≤ 1 − 0.025^{1/3} at 97.5% ⇒ μ_T ≥ T·0.025^{1/3} = 5·0.29240 = 1.4620
    const b = restrictedMeanBound(F([5, 5, 5]), U([1, 1, 1]));
    expect(b.estimate).toBe(5);
    expect(b.ci95[0]).toBeCloseTo(5 * Math.cbrt(0.025), 14);
    expect(b.ci95[1]).toBe(5);
    expect(b.se).toBe(0);
    expect(b.method).toMatch(/no escapes/);
  });

  it('the horizon is the smallest censoring time; exits after it count as survivors', () => {
    // censored at 3 and 5 ⇒ T = 3; the exit at 4 is min(4, 3) = 3, a survivor; y = 1, 3, 3, 2 ⇒ μ̂ = 9/4
    const h = cutAtHorizon(F([1, 3, 4, 2, 5]), U([0, 1, 0, 0, 1]));
    expect(h.horizon).toBe(3);
    expect(Array.from(h.y)).toEqual([1, 3, 3, 2, 3]);
    expect(Array.from(h.event)).toEqual([1, 0, 0, 1, 0]);
    expect(restrictedMeanBound(F([1, 3, 4, 2, 5]), U([0, 1, 0, 0, 1])).estimate).toBeCloseTo(12 / 5, 14);
    expect(() => restrictedMeanBound(F([1, 2]), U([0, 0]))).toThrow(/nothing is censored/);
    expect(() => restrictedMeanBound(F([1, 2]), U([0, 1]), 1)).toThrow(/level/);
  });
});

describe('constantHazardTest (piecewise-exponential likelihood ratio)', () => {
  it('hand computation on A, [0, 1] vs (1, 2]', () => {
    // early: exposure Σmin(y, 1) = 0.5 + 0.7 + 8·1 = 9.2, exits 0.5, 0.7 ⇒ d₁ = 2
    // late: exposure Σ(y − 1)⁺ = 0.2 + 0.9 + 6·1 = 7.1, exits 1.2, 1.9 ⇒ d₂ = 2; d = 4, E = 16.3
    // LR = 2[2 ln(2·16.3/(9.2·4)) + 2 ln(2·16.3/(7.1·4))] = 0.066955…, p = 2Φ(−√LR)
    const lr = 4 * (Math.log(32.6 / 36.8) + Math.log(32.6 / 28.4));
    const h = constantHazardTest(TA, CA)!;
    expect([h.early.events, h.late.events]).toEqual([2, 2]);
    expect(h.early.exposure).toBeCloseTo(9.2, 13);
    expect(h.late.exposure).toBeCloseTo(7.1, 13);
    expect(h.rateRatio).toBeCloseTo(9.2 / 7.1, 13);
    expect(h.statistic).toBeCloseTo(lr, 13);
    expect(h.p).toBeCloseTo(2 * normalCdf(-Math.sqrt(lr), 0, 1), 13);
    expect(h.p).toBeGreaterThan(0.79);
  });
  it('an exit at the split belongs to the early window; null without exposure on one side', () => {
    const h = constantHazardTest(F([1, 2]), U([0, 1]))!;
    expect([h.early.events, h.late.events]).toEqual([1, 0]);
    expect(constantHazardTest(F([0.5, 0.6]), U([0, 0]), { from: 0, split: 1, to: 2 })).toBeNull();
    expect(() => constantHazardTest(TA, CA, { from: 0, split: 3, to: 2 })).toThrow(/split/);
  });
});

// B: n = 20, T = 2: five exits at 1.25, five at 1.75, ten censored at 2 (fraction 0.5, not above 1/2).
const TB = F([...Array(5).fill(1.25), ...Array(5).fill(1.75), ...Array(10).fill(2)]);
const CB = U([...Array(10).fill(0), ...Array(10).fill(1)]);

describe('tailExponential (E[min(τ, T)] + S(T)·θ_L, θ_L fitted on (T/2, T])', () => {
  it('hand computation on B', () => {
    // ȳ = (6.25 + 8.75 + 20)/20 = 1.75, s̄ = 0.5; eᵢ = (y − 1)⁺: 0.25 (×5), 0.75 (×5), 1 (×10) ⇒ ē = 0.75, d̄_L = 0.5
    // θ_L = ē/d̄_L = 1.5, estimate 1.75 + 0.5·1.5 = 2.5
    // IF = (y − ȳ) + θ_L(s − s̄) + (s̄/d̄_L)(e − ē) − (s̄θ_L/d̄_L)(δ − d̄_L):
    //   exit at 1.25: −0.5 − 0.75 − 0.5 − 0.75 = −2.5;  exit at 1.75: 0 − 0.75 + 0 − 0.75 = −1.5;  censored: +2
    // ΣIF² = 5·6.25 + 5·2.25 + 10·4 = 82.5, se = √82.5/20; interval 2.5·exp(±z·se/2.5)
    // late-window test (1, 1.5] vs (1.5, 2]: d = 5, 5, E = 8.75, 6.25 ⇒ LR = 10[ln(75/87.5) + ln(75/62.5)] = 0.2817
    const se = Math.sqrt(82.5) / 20;
    const t = tailExponential(TB, CB)!;
    expect(t.estimate).toBeCloseTo(2.5, 14);
    expect(t.tailMean).toBeCloseTo(1.5, 14);
    expect(t.survival).toBe(0.5);
    expect(t.se).toBeCloseTo(se, 14);
    expect(t.ci95[0]).toBeCloseTo(2.5 * Math.exp((-Z975 * se) / 2.5), 12);
    expect(t.ci95[1]).toBeCloseTo(2.5 * Math.exp((Z975 * se) / 2.5), 12);
    expect([t.burnIn, t.horizon, t.events]).toEqual([1, 2, 10]);
    expect(t.hazard!.statistic).toBeCloseTo(10 * (Math.log(75 / 87.5) + Math.log(75 / 62.5)), 12);
    expect(t.method).toMatch(/model/);
  });
  it('null when not defensible: fewer than 10 late exits, a non-constant late hazard, or no censoring', () => {
    expect(tailExponential(TA, CA)).toBeNull(); // 2 exits on (1, 2]
    // ten exits all at 1.5: (1, 1.5] vs (1.5, 2] gives LR = 20 ln 1.5 = 8.11, p = 0.0044 < 0.05
    const t = F([...Array(10).fill(1.5), ...Array(10).fill(2)]), c = U([...Array(10).fill(0), ...Array(10).fill(1)]);
    expect(constantHazardTest(t, c, { from: 1, split: 1.5, to: 2 })!.p).toBeLessThan(HAZARD_TEST_LEVEL);
    expect(tailExponential(t, c)).toBeNull();
    expect(tailExponential(F([1, 2]), U([0, 0]))).toBeNull();
  });
});

describe('the heavy-censoring rule and the primary estimate', () => {
  it('censored fraction > 1/2 ⇒ heavy: the primary is the restricted-mean lower bound', () => {
    const e = escapeTimeEstimate(TA, CA);
    expect(e.censoring).toMatchObject({ fraction: 0.6, horizon: 2, heavy: true });
    expect(e.censoring.rule).toMatch(/censored fraction 0.600 > 0.5/);
    const b = restrictedMeanBound(TA, CA);
    expect(e.primary).toEqual({ estimate: b.estimate, ci95: b.ci95, se: b.se, method: b.method, kind: 'lower-bound', horizon: 2 });
    expect(e.model).toEqual(mfptEstimate(TA, CA).primary); // the exponential MLE 13.3/4, kept as the model's number
  });
  it('fraction exactly 1/2 but the constant-hazard test rejects ⇒ heavy (B: no exit in [0, 1], ten in (1, 2])', () => {
    // early: d₁ = 0, E₁ = 20; late: d₂ = 10, E₂ = 15 ⇒ LR = 20 ln(10·35/(15·10)) = 16.9, p ≈ 4e-5
    const d = diagnoseCensoring(TB, CB);
    expect(d.fraction).toBe(HEAVY_CENSORED_FRACTION);
    expect(d.hazard!.statistic).toBeCloseTo(20 * Math.log(35 / 15), 12);
    expect(d.hazard!.p).toBeLessThan(HAZARD_TEST_LEVEL);
    expect(d.heavy).toBe(true);
    expect(d.rule).toMatch(/not exponential/);
    expect(escapeTimeEstimate(TB, CB).primary.kind).toBe('lower-bound');
  });
  it('light censoring keeps mfptEstimate’s primary, number for number', () => {
    // censored at 2, 4, 6 (fraction 3/8): horizon 2; [0, 1] vs (1, 2]: one exit each, exposures 8 and 7 ⇒ p ≈ 0.9
    const t = F([1, 2, 2, 3, 4, 5, 5, 6]), c = U([0, 0, 1, 0, 1, 0, 0, 1]);
    const e = escapeTimeEstimate(t, c), old = mfptEstimate(t, c).primary;
    expect(e.censoring).toMatchObject({ horizon: 2, heavy: false });
    expect(e.primary).toEqual({ estimate: old.estimate, ci95: old.ci95, se: old.se, method: old.method, kind: 'mean', horizon: null });
    expect(e.primary.estimate).toBe(28 / 5);
    // nothing censored: the sample mean, no horizon, no hazard test
    const u = escapeTimeEstimate(F([1, 2, 3, 4, 5]), U([0, 0, 0, 0, 0]));
    expect(u.censoring).toEqual({ fraction: 0, horizon: null, heavy: false, rule: 'nothing censored', hazard: null });
    expect(u.primary).toMatchObject({ estimate: 3, kind: 'mean', method: 'sample-mean (Student t)' });
    expect(u.bound).toBeNull();
  });
  it('all censored: a finite, JSON-safe lower bound instead of Infinity', () => {
    const e = escapeTimeEstimate(F([5, 5, 5]), U([1, 1, 1]));
    expect(e.primary.kind).toBe('lower-bound');
    expect(Number.isFinite(e.primary.estimate) && Number.isFinite(e.primary.ci95[0]) && Number.isFinite(e.primary.ci95[1])).toBe(true);
    expect(JSON.parse(JSON.stringify(e.primary))).toEqual(e.primary);
    expect(e.model.estimate).toBe(Infinity); // mfptEstimate's model answer, no longer the primary
  });
});
