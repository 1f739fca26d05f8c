/**
 * The decision logic of the network claims (src/verify/claims/networks-*.ts) on synthetic measurements whose verdict
 * is known, and the reparametrisation the escape claims vary sharpness with (src/verify/networks-escape.ts): the
 * quadratic approximation's ΔΦ at (α, η) equals its ΔΦ at (1, α^{2(1−p)}·η), and η is placed at the asked ΔΦ.
 */
import { describe, expect, it } from 'vitest';
import { alignmentDecision, noiseParts, nnNoiseCovariance } from '../../src/verify/claims/networks-noise.js';
import { lawPart, seriesAnalysis } from '../../src/verify/claims/networks-escape.js';
import { orderingPart } from '../../src/verify/claims/networks-selectivity.js';
import { lawComparison, logLogSlope, orderingTests } from '../../src/verify/networks-fit.js';
import { proportionalityOf, type NoiseMeasurement } from '../../src/verify/networks-noise.js';
import { ESCAPE_BATCH, lrForExponent, predict, type NetPoint } from '../../src/verify/networks-escape.js';
import { rowOf } from '../../src/verify/row.js';
import { noisePlots } from '../../src/verify/claims/networks-noise.js';
import { validatePlot } from '../../src/figures/validate.js';

/** a measurement with C = κH exactly along 8 directions (small scatter), isotropic control, aligned, law in B exact */
function noiseMeasurement(over: { c?: number[]; overlap?: [number, number, number] } = {}): NoiseMeasurement {
  const h = [5, 3, 2, 1.5, 1, 0.7, 0.5, 0.3], wiggle = [1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1, 1.01];
  const c = over.c ?? h.map((v, i) => 0.2 * v * wiggle[i]), se = c.map((v) => 0.03 * v);
  const ic = h.map((_, i) => 0.1 * wiggle[(i + 3) % 8]);
  const [overlap, lo, hi] = over.overlap ?? [0.9, 0.85, 0.95];
  const points = [1, 4, 16, 64].map((B) => {
    const be = (B * 127) / (128 - B), exact = 2 / be;
    return { batch: B, batchEff: be, drawn: exact * (1 + 0.005 * Math.sin(B)), se: 0.01 * exact, exact };
  });
  return {
    network: 'teacher-student', dim: 49, examples: 128, minimum: { loss: 0.1, gradientNorm: 1e-10, iterations: 5 }, k: 8,
    proportionality: proportionalityOf(h, c, se), control: { ...proportionalityOf(h, ic, ic.map((v) => 0.1 * v)), variance: 0.1 },
    ratios: c.map((v, i) => v / h[i]),
    alignment: { overlap, ci95: [lo, hi], se: 0.02, bootstrapMean: overlap - 0.02, percentile: [lo - 0.02, hi - 0.02], chance: 8 / 49, resamples: 100 },
    batchLaw: { points, fit: logLogSlope(points.map((q) => q.batchEff), points.map((q) => q.drawn), points.map((q) => q.se)), ratio: { estimate: 1, ci95: [0.99, 1.01], z: 0 } },
    seconds: 0,
  };
}

const row = (m: NoiseMeasurement) => rowOf(nnNoiseCovariance, { statistic: 's', estimate: 1, ci95: [0.9, 1.1], theory: 1, parts: noiseParts(m, 'quick'), details: null });

describe('nn-noise-covariance decisions', () => {
  it('CONFIRMS C ∝ H with the controls rejected, the spaces aligned and the law in B', () => {
    const r = row(noiseMeasurement());
    expect(r.parts.map((p) => p.verdict)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
    expect(r.verdict).toBe('CONFIRMED');
  });
  it('REFUTES when C grows like H² (slope 2), and when a top direction carries no noise at all', () => {
    const h = [5, 3, 2, 1.5, 1, 0.7, 0.5, 0.3];
    expect(row(noiseMeasurement({ c: h.map((v) => 0.05 * v * v) })).verdict).toBe('REFUTED');
    const c = h.map((v) => 0.2 * v);
    c[3] = 1e-18;
    const m = noiseMeasurement({ c });
    expect(m.proportionality.noiseFree).toEqual([3]);
    const r = row(m);
    expect(r.parts.find((p) => p.name.includes('carries gradient noise'))!.verdict).toBe('REFUTED');
    expect(r.verdict).toBe('REFUTED');
  });
  it('alignment: above ½ passes, below fails, across is undecided', () => {
    expect(alignmentDecision({ overlap: 0.7, ci95: [0.6, 0.8], chance: 0.1 }).verdict).toBe('CONFIRMED');
    expect(alignmentDecision({ overlap: 0.3, ci95: [0.2, 0.4], chance: 0.1 }).verdict).toBe('REFUTED');
    expect(alignmentDecision({ overlap: 0.5, ci95: [0.4, 0.6], chance: 0.1 }).verdict).toBe('INCONCLUSIVE');
  });
  it('draws valid figures (log axes: no noise-free point on them)', () => {
    const h = [5, 3, 2, 1.5, 1, 0.7, 0.5, 0.3], c = h.map((v) => 0.2 * v);
    c[5] = -1e-18;
    for (const p of noisePlots(noiseMeasurement({ c }))) expect(() => validatePlot(p)).not.toThrow();
  });
});

/** a point on a line ln τ = a + b·x with its prediction ΔΦ = b'·x */
const pt = (x: number, lnTau: number, dphi: number): NetPoint => ({
  optimizer: 'sgd', alpha: 1, h: 5, eta: 1 / x, batch: 4, batchEff: 4.1, lnTau, se: 0.2, relSE: 0.15,
  predicted: { deltaPhi: dphi, dLnTau_dBatchEff: 0, dLnTau_dInvLr: 0, meanExcess: 0 }, levels: { set: 0, sigma: 0 }, steps: 0, seconds: 0,
});

describe('nn-escape-batch-lr and nn-escape-sharpness decisions', () => {
  it('a line in 1/η: positive slope, ρ ≈ 0, measured/predicted slope', () => {
    const xs = [18, 25, 36, 72];
    const a = seriesAnalysis('ln τ on 1/η', xs.map((x) => pt(x, -2 + 0.3 * x, 0.32 * x)), (p) => 1 / p.eta);
    expect(a.fit.slope).toBeCloseTo(0.3, 10);
    expect(a.sign.verdict).toBe('CONFIRMED');
    expect(a.linear.rho).toBeCloseTo(0, 8);
    expect(a.ratio.estimate).toBeCloseTo(0.3 / 0.32, 8);
  });
  it('a curved series has ρ > 0 far outside its interval', () => {
    const xs = [18, 25, 36, 72];
    const a = seriesAnalysis('ln τ on 1/η', xs.map((x) => pt(x, 0.002 * x * x, 0.3 * x)), (p) => 1 / p.eta);
    expect(a.linear.ci95[0]).toBeGreaterThan(0);
  });
  it('the law comparison decides exponential / polynomial / neither', () => {
    const h = [5, 10, 20];
    expect(lawPart(lawComparison(h, h.map((v) => 100 / v), [0.2, 0.2, 0.2])).verdict).toBe('CONFIRMED');
    expect(lawPart(lawComparison(h, h.map((v) => 20 - 5 * Math.log(v)), [0.2, 0.2, 0.2])).verdict).toBe('REFUTED');
    expect(lawPart(lawComparison(h, h.map((v) => 100 / v), [20, 20, 20])).verdict).toBe('INCONCLUSIVE');
  });
});

describe('nn-optimizer-selectivity ordering', () => {
  const ks = (inv: number, sgd: number, adam: number, se = 0.05) => ({ invadam: { value: inv, se }, sgd: { value: sgd, se }, adam: { value: adam, se } });
  const pairs: [string, string][] = [['invadam', 'sgd'], ['sgd', 'adam']];
  it('CONFIRMED when every ordering holds, REFUTED when one is reversed, INCONCLUSIVE within the noise', () => {
    expect(orderingPart(orderingTests(ks(1.5, 1, 0.5), pairs)).verdict).toBe('CONFIRMED');
    expect(orderingPart(orderingTests(ks(1.5, 0.4, 0.8), pairs)).verdict).toBe('REFUTED');
    expect(orderingPart(orderingTests(ks(1.05, 1, 0.5), pairs)).verdict).toBe('INCONCLUSIVE');
  });
});

describe('the reparametrisation θ = αφ in the quadratic approximation (the escape network)', () => {
  // the chain at (α, η) is the chain at (1, α^{1+q}η), q the degree of the update in the gradient: SGD 1, Adam 0, InvAdam 2
  it.each([['sgd', 4], ['adam', 2], ['invadam', 8]] as const)('%s: ΔΦ(α = 2, η) = ΔΦ(1, %i·η)', (o, f) => {
    const lr = o === 'invadam' ? 0.02 : 0.005;
    const a = predict(o, 2, lr, ESCAPE_BATCH).exponent!, b = predict(o, 1, f * lr, ESCAPE_BATCH).exponent!;
    expect(Math.abs(a / b - 1)).toBeLessThan(1e-4);
  });
  it('places η at the asked ΔΦ', () => {
    for (const o of ['sgd', 'adam', 'invadam'] as const) {
      const lr = lrForExponent(o, 1, ESCAPE_BATCH, 6);
      expect(predict(o, 1, lr, ESCAPE_BATCH).exponent!).toBeCloseTo(6, 6);
    }
  });
});
