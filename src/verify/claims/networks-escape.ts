/**
 * nn-escape-batch-lr and nn-escape-sharpness (issue 19): Xie, Sato & Sugiyama 2021's laws of escape (ln τ linear in
 * B and in 1/η; ln τ ∝ 1/H, exponentially, not polynomially) for the real SGD with real minibatches on a trained
 * network (verify/networks-escape.ts), each slope beside the one the quadratic approximation predicts from the
 * measured H and C (theory/quadratic-escape.ts; reported, not deciding).
 */
import { selectivityExponent } from '../../stats/index.js';
import type { Claim, ClaimPart, RunSize } from '../claim.js';
import { BATCH_ETA, BATCH_LR_GRID, batchLrPoints, ESCAPE_BATCH, ESCAPE_DL, ESCAPE_SIZE, SGD_COMMON, SGD_TARGET, sgdGrid, type NetPoint } from '../networks-escape.js';
import { lawComparison, quadraticTerm, relativeCurvature, scaledLine, signDecision, type LineFit } from '../networks-fit.js';
import { invEtaPlot, lnTauPlot } from './networks-plots.js';
import { kParts, part, testPart } from './common.js';

const XIE_2021 = 'Xie, Sato & Sugiyama 2021 (ICLR), sources.md §2.1 (the abstract) and §6 item 6';
const NET = 'the trained minimum of a teacher–student network (4-8-1 tanh, 49 parameters, N = 128 examples, squared loss, λ = 1e-3)';

/** the half-width asked of the linearity's ρ, and of k */
const LINEARITY_PRECISION: Record<RunSize, number> = { quick: 0.5, full: 0.25 };
const K_PRECISION: Record<RunSize, number> = { quick: 0.25, full: 0.1 };

const fmt = (v: number) => v.toPrecision(3);
const ci = (c: [number, number]) => `[${fmt(c[0])}, ${fmt(c[1])}]`;

/** a line in x with its quadratic term, the prediction's chord over the same points, and the decisions */
export function seriesAnalysis(label: string, points: NetPoint[], x: (p: NetPoint) => number) {
  const xs = points.map(x), y = points.map((p) => p.lnTau), s = points.map((p) => p.se);
  const fit = scaledLine(xs, y, s), q = quadraticTerm(xs, y, s);
  // the prediction's slope over the same points and weights: ΔΦ is the quadratic approximation's ln τ less its prefactor
  const predicted = scaledLine(xs, points.map((p) => p.predicted.deltaPhi), s).slope;
  const span = Math.max(...xs) - Math.min(...xs);
  const linear = relativeCurvature(q, fit.slope, span);
  return { fit, quadratic: q, predicted, ratio: { estimate: fit.slope / predicted, ci95: [fit.ci95[0] / predicted, fit.ci95[1] / predicted] as [number, number] }, linear, sign: signDecision(`${label}: slope`, fit) };
}

type Series = ReturnType<typeof seriesAnalysis>;

function seriesParts(label: string, a: Series, size: RunSize): ClaimPart[] {
  const r = a.linear;
  return [
    part(`${label}: the slope is positive`, 'simulation', 'decides', a.sign),
    testPart(`${label}: linearity, the relative change of the slope across the range ρ = 2c₂Δx/b (a line: 0)`, 'decides', {
      estimate: r.rho, ci95: r.ci95, theory: 0, z: r.z, precision: LINEARITY_PRECISION[size],
    }),
  ];
}

const measuredSeries = (a: Series) => ({
  slope: a.fit.slope, ci95: a.fit.ci95, se: a.fit.se, chi2: a.fit.chi2, dof: a.fit.dof, quadraticTerm: a.quadratic, relativeCurvature: a.linear,
  predictedSlope: a.predicted, ratioToPredicted: a.ratio,
});

const pointRow = (p: NetPoint) => ({ alpha: p.alpha, hMax: p.h, eta: p.eta, batch: p.batch, batchEff: p.batchEff, lnTau: p.lnTau, se: p.se, deltaPhiPredicted: p.predicted.deltaPhi, steps: p.steps, seconds: p.seconds });

const agreement = (a: Series) => (a.ratio.ci95[0] <= 1 && a.ratio.ci95[1] >= 1 ? 'agrees with' : 'disagrees with');

export const nnEscapeBatchLr: Claim = {
  id: 'nn-escape-batch-lr', source: `${XIE_2021} (issue 19)`, evidence: 'simulation', attribution: 'paper',
  statement: `Xie et al. 2021: for SGD the log escape time ln τ is linear in the batch size B and in 1/η (ΔΦ ∝ B/η), with positive slopes; here the real SGD with real minibatches from ${NET}`,
  protocol: {
    quick: `SGD with batches of B distinct examples (without replacement), exit when the full-batch loss exceeds the minimum's by ΔL = ${ESCAPE_DL}; AMS (R = ${ESCAPE_SIZE.quick.runs} runs of n = ${ESCAPE_SIZE.quick.replicas}) at B ∈ {${BATCH_LR_GRID.quick.batches.join(', ')}} with η = η₀/2 (η₀: the η where the quadratic approximation has ΔΦ = ${SGD_TARGET} at B = ${ESCAPE_BATCH}; ΔΦ ≈ 10.6 at B = ${ESCAPE_BATCH}, ∝ B_eff), and at η ∈ {${BATCH_LR_GRID.quick.etas.map((v) => v.toFixed(3)).join(', ')}}·η₀ with B = ${ESCAPE_BATCH} (ΔΦ ≈ ${SGD_TARGET}/m); weighted lines of ln τ on B_eff = B(N − 1)/(N − B) and on 1/η (σ = the AMS standard errors, Birge-scaled), each with a quadratic term: CONFIRMED when both slopes' 95% CIs lie above 0 and the relative change of each slope across its range, ρ = 2c₂Δx/b, holds 0 in a 95% CI of half-width ≤ ${LINEARITY_PRECISION.quick}; REFUTED when a slope's CI lies below 0 or Holm's family-wise rule rejects ρ = 0 (the ρ tests are members of the run's family). The slopes the quadratic approximation predicts (ΔΦ over the same points) are reported beside them, not deciding`,
    full: `the same with R = ${ESCAPE_SIZE.full.runs}, n = ${ESCAPE_SIZE.full.replicas}, B ∈ {${BATCH_LR_GRID.full.batches.join(', ')}}, η ∈ {${BATCH_LR_GRID.full.etas.map((v) => v.toFixed(3)).join(', ')}}·η₀; half-width of ρ ≤ ${LINEARITY_PRECISION.full}`,
  },
  async run(size) {
    const { batch, lr, eta0 } = await batchLrPoints(size);
    const etaB = eta0 * BATCH_ETA;
    const b = seriesAnalysis(`ln τ on B_eff at η = ${fmt(etaB)}`, batch, (p) => p.batchEff);
    const e = seriesAnalysis(`ln τ on 1/η at B = ${ESCAPE_BATCH}`, lr, (p) => 1 / p.eta);
    return {
      statistic: `slope d ln τ/dB_eff of the real SGD on a trained network (theory: the quadratic approximation's slope, reported, not deciding; measured/predicted ${fmt(b.ratio.estimate)} ${ci(b.ratio.ci95)}, which ${agreement(b)} it); d ln τ/d(1/η) = ${fmt(e.fit.slope)} ${ci(e.fit.ci95)} against the predicted ${fmt(e.predicted)} (measured/predicted ${fmt(e.ratio.estimate)} ${ci(e.ratio.ci95)}, ${agreement(e)})`,
      estimate: b.fit.slope, ci95: b.fit.ci95, theory: b.predicted,
      parts: [...seriesParts(`ln τ on B_eff at η = ${fmt(etaB)}`, b, size), ...seriesParts(`ln τ on 1/η at B = ${ESCAPE_BATCH}`, e, size)],
      measured: {
        slope: b.fit.slope, ci95: b.fit.ci95, eta0, etaBatchSeries: etaB, batch: measuredSeries(b), invLr: measuredSeries(e),
        points: { batch: batch.map(pointRow), invLr: lr.map(pointRow) },
      },
      details: {
        batch, lr, plots: [
          lnTauPlot('nn-escape-batch-lr-batch', 'nn-escape-batch-lr: ln τ of SGD against B_eff', batch, (p) => p.batchEff, 'B_eff = B(N − 1)/(N − B)', b.fit, `η = ${fmt(etaB)}, B ∈ {${batch.map((p) => p.batch).join(', ')}}; the dashed line is the quadratic approximation's ΔΦ shifted by its mean offset from ln τ (the prefactor)`),
          lnTauPlot('nn-escape-batch-lr-lr', 'nn-escape-batch-lr: ln τ of SGD against 1/η', lr, (p) => 1 / p.eta, '1/η', e.fit, `B = ${ESCAPE_BATCH}; the dashed line is the quadratic approximation's ΔΦ shifted by its mean offset from ln τ`),
        ],
      },
    };
  },
};

/** the exponential law against the polynomial one on the fixed-η series: which the data favour decides */
export function lawPart(l: ReturnType<typeof lawComparison>): ClaimPart {
  const e = l.exponential, p = l.polynomial;
  const text = `ln τ = a + b/h: b = ${fmt(e.slope)} ${ci(e.ci95)}, χ² = ${fmt(e.chi2)}; ln τ = a − m ln h: m = ${fmt(-p.slope)} ${ci([-p.ci95[1], -p.ci95[0]])}, χ² = ${fmt(p.chi2)} (dof ${e.dof} each); Δχ² = ${fmt(l.deltaChi2)}`;
  const verdict = l.favoured === 'exponential' ? 'CONFIRMED' : l.favoured === 'polynomial' ? 'REFUTED' : 'INCONCLUSIVE';
  return part('the exponential law against the polynomial τ ∝ h^{−m} at one η (Δχ² beyond ±4 decides)', 'simulation', 'decides', {
    verdict, rule: `${text} → ${l.favoured === 'neither' ? 'neither law is favoured → INCONCLUSIVE' : `the ${l.favoured} law is favoured → ${verdict}`}`,
  });
}

const lawLine = (f: LineFit) => ({ slope: f.slope, ci95: f.ci95, se: f.se, chi2: f.chi2, dof: f.dof });

export const nnEscapeSharpness: Claim = {
  id: 'nn-escape-sharpness', source: `${XIE_2021} (issue 19)`, evidence: 'simulation', attribution: 'paper',
  statement: `Xie et al. 2021: SGD's escape time depends exponentially on the sharpness of the minimum, ln τ ∝ 1/H (k = 1), not polynomially (τ ∝ H^{−m}); here the real SGD with real minibatches from ${NET}, its sharpness varied by the reparametrisation θ = αφ (H and C both scale by α², C/H, the minimum's loss and ΔL unchanged), which for plain SGD is the same as rescaling η by α²`,
  protocol: {
    quick: `SGD, B = ${ESCAPE_BATCH}, exit at ΔL = ${ESCAPE_DL}; AMS (R = ${ESCAPE_SIZE.quick.runs}, n = ${ESCAPE_SIZE.quick.replicas}); η₀: the quadratic approximation's ΔΦ = ${SGD_TARGET} at α = 1. k: α ∈ {1, 2} (h_max ∝ α²), η ∈ {1, ½}·η₀/α² (ΔΦ ≈ 5 and 10.6 at each α); the two-stage fit (ln τ = a + S/η per α, ln S = c − k ln h_max) must hold 1 in a 95% CI of half-width ≤ ${K_PRECISION.quick} and exclude the polynomial law's 0. Law: α ∈ {1, √2, 2} at the one η = η₀/4 (ΔΦ ≈ 21, 10.6, 5): the exponential law (ln τ linear in 1/h_max) must beat the polynomial one (ln τ linear in ln h_max) by Δχ² > 4, and lose by Δχ² < −4 refutes`,
    full: `the same with R = ${ESCAPE_SIZE.full.runs}, n = ${ESCAPE_SIZE.full.replicas}; k: α ∈ {1, √2, 2}, ΔΦ ≈ 5, 7.5, 10.6 at each; law: α ∈ {1, 2^¼, √2, 2^¾, 2} at η₀/4; half-width ≤ ${K_PRECISION.full}`,
  },
  async run(size) {
    const { k: points, law: series, eta0 } = await sgdGrid(size);
    const fit = selectivityExponent(points);
    const quad = selectivityExponent(points.map((p) => ({ ...p, lnTau: p.predicted.deltaPhi })));
    const common = eta0 * SGD_COMMON;
    const law = lawComparison(series.map((p) => p.h), series.map((p) => p.lnTau), series.map((p) => p.se));
    const parts = [...kParts('sgd', fit.k, 1, [0], K_PRECISION[size]), lawPart(law)];
    return {
      statistic: `selectivity exponent k of the real SGD on a trained network, sharpness by θ = αφ (ln τ = a + S/η per α, then ln S = c − k ln h_max); the quadratic approximation's k on the same points ${fmt(quad.k.value)}; at η = ${fmt(common)} the ${law.favoured === 'neither' ? 'data favour neither law' : `${law.favoured} law is favoured`} (Δχ² = ${fmt(law.deltaChi2)})`,
      estimate: fit.k.value, ci95: fit.k.ci95, theory: 1, parts,
      measured: {
        k: fit.k.value, ci95: fit.k.ci95, se: fit.k.se, chi2: fit.k.chi2, dof: fit.k.dof, kQuadraticApproximation: quad.k.value,
        slopes: fit.slopes.map((s, i) => ({ hMax: s.h, S: s.value, se: s.se, predicted: quad.slopes[i].value })),
        law: { eta: common, exponential: lawLine(law.exponential), polynomial: lawLine(law.polynomial), deltaChi2: law.deltaChi2, likelihoodRatio: law.likelihoodRatio, favoured: law.favoured },
        points: points.map(pointRow), lawPoints: series.map(pointRow),
      },
      details: {
        points, lawPoints: series, fit, quadratic: quad, law, plots: [
          invEtaPlot('nn-escape-sharpness-log-tau', 'nn-escape-sharpness: ln τ of SGD against 1/η per α', points, fit),
          lawPlot(series, law, common),
        ],
      },
    };
  },
};

/** ln τ against 1/h_max at the common η: the exponential law's line and the polynomial law's curve */
function lawPlot(series: NetPoint[], law: ReturnType<typeof lawComparison>, eta: number) {
  const plot = lnTauPlot('nn-escape-sharpness-law', `nn-escape-sharpness: ln τ against 1/h_max, η = ${fmt(eta)}`, series, (p) => 1 / p.h, '1/h_max', law.exponential,
    `the exponential law is the line in 1/h_max (χ² = ${fmt(law.exponential.chi2)}); the polynomial law τ ∝ h^{−m} is a line in ln h_max (χ² = ${fmt(law.polynomial.chi2)})`);
  const xs = series.map((p) => 1 / p.h), lo = Math.min(...xs), hi = Math.max(...xs), P = law.polynomial;
  plot.series.push({ name: `polynomial law: m = ${fmt(-P.slope)}`, style: 'dashed', points: Array.from({ length: 9 }, (_, i) => lo + ((hi - lo) * i) / 8).map((x) => ({ x, y: P.intercept - P.slope * Math.log(x) })) });
  return plot;
}
