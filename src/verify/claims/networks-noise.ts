/**
 * nn-noise-covariance (issue 19): Xie, Sato & Sugiyama 2021 state that near minima the gradient-noise covariance is
 * nearly proportional to the Hessian and to 1/B. Measured at the trained minima of two real networks
 * (verify/networks-noise.ts): the slope of ln vᵢᵀCvᵢ on ln hᵢ over the top Hessian directions, the alignment of the
 * top eigenspaces, and the variance of real drawn minibatches against B_eff, with the controls that show the
 * tests have power.
 */
import type { Claim, ClaimPart, RunSize } from '../claim.js';
import { measureNoise, NOISE_SIZE, type NoiseMeasurement } from '../networks-noise.js';
import type { Plot } from '../plot.js';
import { part, testPart } from './common.js';

const XIE_2021 = 'Xie, Sato & Sugiyama 2021 (ICLR), sources.md §2.1 (the abstract) and §2.2';

/** the half-width asked of the proportionality slope's 95% CI, and of the law in B's */
const SLOPE_PRECISION: Record<RunSize, number> = { quick: 0.25, full: 0.15 };
const BATCH_PRECISION: Record<RunSize, number> = { quick: 0.05, full: 0.03 };
/** the overlap of the top eigenspaces asked for: more than half of C's top-k subspace in H's */
export const ALIGNMENT_LEVEL = 0.5;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(3));
const ci = (c: [number, number]) => `[${fmt(c[0])}, ${fmt(c[1])}]`;

/** the overlap of the top eigenspaces against ALIGNMENT_LEVEL */
export function alignmentDecision(a: { overlap: number; ci95: [number, number]; chance: number }): { verdict: ClaimPart['verdict']; rule: string } {
  const where = `overlap ${fmt(a.overlap)} ${ci(a.ci95)} (chance ${fmt(a.chance)})`;
  if (a.ci95[0] > ALIGNMENT_LEVEL) return { verdict: 'CONFIRMED', rule: `${where} lies above ${ALIGNMENT_LEVEL} → CONFIRMED` };
  if (a.ci95[1] < ALIGNMENT_LEVEL) return { verdict: 'REFUTED', rule: `${where} lies below ${ALIGNMENT_LEVEL}: the top eigenspaces of C and H are mostly apart → REFUTED` };
  return { verdict: 'INCONCLUSIVE', rule: `${where} holds ${ALIGNMENT_LEVEL} → INCONCLUSIVE` };
}

/** the parts of one network (module comment of verify/networks-noise.ts; docs/claims.md, "nn-noise-covariance") */
export function noiseParts(m: NoiseMeasurement, size: RunSize): ClaimPart[] {
  const L = m.network, P = m.proportionality, f = P.fit, cf = m.control.fit, b = m.batchLaw;
  const used = m.k - P.noiseFree.length;
  const excludes = (c: [number, number], v: number) => v < c[0] || v > c[1];
  return [
    testPart(`${L}: slope of ln vᵢᵀCvᵢ on ln hᵢ over the top ${used} Hessian directions with noise (C ∝ H: 1)`, 'decides', {
      estimate: f.slope, ci95: f.ci95, theory: 1, z: (f.slope - 1) / f.se, precision: SLOPE_PRECISION[size],
    }),
    part(`${L}: control, the rival slope 0 (noise unrelated to curvature)`, 'simulation', 'decides', excludes(f.ci95, 0)
      ? { verdict: 'CONFIRMED', rule: `slope ${fmt(f.slope)} ${ci(f.ci95)} excludes 0 → the test tells C ∝ H from noise unrelated to H` }
      : { verdict: 'INCONCLUSIVE', rule: `slope ${fmt(f.slope)} ${ci(f.ci95)} holds 0: the data cannot tell C ∝ H from noise unrelated to H → INCONCLUSIVE` }),
    part(`${L}: control, isotropic noise C = c·I (c = tr C/d = ${fmt(m.control.variance)}, drawn for the same N) through the same test`, 'simulation', 'decides', excludes(cf.ci95, 1)
      ? { verdict: 'CONFIRMED', rule: `its slope ${fmt(cf.slope)} ${ci(cf.ci95)} excludes 1 → the test has power here` }
      : { verdict: 'INCONCLUSIVE', rule: `its slope ${fmt(cf.slope)} ${ci(cf.ci95)} holds 1: the test would accept isotropic noise → INCONCLUSIVE` }),
    part(`${L}: every one of the top ${m.k} Hessian directions carries gradient noise (C ∝ H gives vᵢᵀCvᵢ = κhᵢ > 0)`, 'simulation', 'decides', P.noiseFree.length === 0
      ? { verdict: 'CONFIRMED', rule: `vᵢᵀCvᵢ > 0 along all ${m.k} → CONFIRMED` }
      : { verdict: 'REFUTED', rule: `${P.noiseFree.length} of the top ${m.k} directions (h = ${P.noiseFree.map((i) => fmt(P.h[i])).join(', ')}; h_max = ${fmt(P.h[0])}) carry no noise at all (vᵀCv at rounding level) → REFUTED` }),
    part(`${L}: alignment of the top-${m.k} eigenspaces of C and H (bootstrap over examples)`, 'simulation', 'decides', alignmentDecision(m.alignment)),
    testPart(`${L}: the law in B, slope of ln s(B) on ln B_eff for real minibatches, B ∈ {${b.points.map((q) => q.batch).join(', ')}} (C/B_eff: −1)`, 'decides', {
      estimate: b.fit.slope, ci95: b.fit.ci95, theory: -1, z: (b.fit.slope + 1) / b.fit.se, precision: BATCH_PRECISION[size],
    }),
    testPart(`${L}: drawn minibatch variance / exact C/B_eff in the top-${m.k} subspace (pooled over B)`, 'check', {
      estimate: b.ratio.estimate, ci95: b.ratio.ci95, theory: 1, z: b.ratio.z, precision: BATCH_PRECISION[size],
    }),
  ];
}

/** the `measured` object of one network */
function measuredOf(m: NoiseMeasurement) {
  const f = m.proportionality.fit;
  return {
    network: m.network, dim: m.dim, examples: m.examples, minimum: m.minimum, k: m.k,
    slope: f.slope, ci95: f.ci95, se: f.se, chi2: f.chi2, dof: f.dof, birgeScaled: f.scaled,
    noiseFreeDirections: m.proportionality.noiseFree.length,
    ratioCOverH: { top: m.ratios[0], perDirection: m.ratios },
    controlSlope: { estimate: m.control.fit.slope, ci95: m.control.fit.ci95 },
    alignment: m.alignment,
    batchLaw: { slope: m.batchLaw.fit.slope, ci95: m.batchLaw.fit.ci95, ratio: m.batchLaw.ratio, points: m.batchLaw.points },
    seconds: m.seconds,
  };
}

const NETWORKS = ['iris', 'teacher-student'] as const;

export const nnNoiseCovariance: Claim = {
  id: 'nn-noise-covariance', source: `${XIE_2021} (issue 19)`, evidence: 'simulation', attribution: 'paper',
  statement: 'Xie et al. 2021: near a minimum the gradient-noise covariance is nearly proportional to the Hessian and to 1/B (C ≈ H/B up to a constant); here at the trained minima of real networks (iris, 4-16-3 tanh, cross-entropy; a teacher–student regression, 4-8-1 tanh, squared loss), with noise from real minibatches',
  protocol: {
    quick: `at each network's trained minimum: (a) the weighted slope of ln vᵢᵀCvᵢ on ln hᵢ over the top ${NOISE_SIZE.quick.k} Hessian eigen-directions (σ of each from its mean over examples; Birge-scaled) must hold 1 in a 95% CI of half-width ≤ 0.25 and exclude 0, isotropic noise through the same test must be rejected, and every top direction must carry noise; (b) the overlap of the top-${NOISE_SIZE.quick.k} eigenspaces of C and H (± 1.96 bootstrap SE over examples, ${NOISE_SIZE.quick.resamples} resamples) must lie above ½; (c) ${NOISE_SIZE.quick.draws} real minibatches per B ∈ {${NOISE_SIZE.quick.batches.join(', ')}} in ${NOISE_SIZE.quick.blocks} blocks: the slope of ln s(B) on ln B_eff must hold −1 (half-width ≤ 0.05), and drawn/exact is a check`,
    full: `the same with the top ${NOISE_SIZE.full.k} directions (half-width ≤ 0.15), ${NOISE_SIZE.full.resamples} bootstrap resamples, ${NOISE_SIZE.full.draws} minibatches per B ∈ {${NOISE_SIZE.full.batches.join(', ')}} (half-width ≤ 0.03)`,
  },
  async run(size) {
    const ms: NoiseMeasurement[] = [];
    for (const n of NETWORKS) ms.push(await measureNoise(n, size));
    const main = ms[0], f = main.proportionality.fit;
    return {
      statistic: 'slope of ln vᵢᵀCvᵢ on ln hᵢ over the top Hessian directions at trained minima (1 for C ∝ H), the alignment of the top eigenspaces, and the law in B of real minibatches',
      headline: 'gradient-noise covariance against the Hessian and 1/B at trained network minima',
      estimate: f.slope, ci95: f.ci95, theory: 1, parts: ms.flatMap((m) => noiseParts(m, size)),
      measured: { ...measuredOf(main), byNetwork: ms.map(measuredOf) },
      details: { measurements: ms, plots: ms.flatMap(noisePlots) },
    };
  },
};

/** vᵢᵀCvᵢ against hᵢ (log–log) with the fitted line and the isotropic control; s(B) against B_eff with C/B_eff */
export function noisePlots(m: NoiseMeasurement): Plot[] {
  const P = m.proportionality, f = P.fit, keep = P.h.map((_, i) => i).filter((i) => !P.noiseFree.includes(i));
  const hs = keep.map((i) => P.h[i]), lo = Math.min(...hs), hi = Math.max(...hs);
  const line = (fit: typeof f) => [lo, hi].map((x) => ({ x, y: Math.exp(fit.intercept) * x ** fit.slope }));
  // the interval on the log scale, where the fit is made: c·exp(±1.96·se/c)
  const band = (c: number, se: number) => ({ lo: c * Math.exp(-1.96 * se / c), hi: c * Math.exp(1.96 * se / c) });
  const cf = m.control.fit;
  return [{
    id: `nn-noise-covariance-${m.network}-c-vs-h`, title: `nn-noise-covariance: vᵢᵀCvᵢ against hᵢ (${m.network})`,
    x: { label: 'Hessian eigenvalue hᵢ', scale: 'log' }, y: { label: 'gradient-noise variance vᵢᵀCvᵢ', scale: 'log' },
    series: [
      { name: 'per-example covariance C (95% CI)', style: 'points', points: keep.map((i) => ({ x: P.h[i], y: P.c[i], ...band(P.c[i], P.se[i]) })) },
      { name: `fit: slope ${f.slope.toFixed(2)} [${f.ci95[0].toFixed(2)}, ${f.ci95[1].toFixed(2)}]`, style: 'line', points: line(f) },
      { name: 'isotropic control', style: 'points', points: m.control.h.map((h, i) => ({ x: h, y: m.control.c[i] })) },
      { name: `control fit: slope ${cf.slope.toFixed(2)}`, style: 'dashed', points: line(cf) },
    ],
    note: `top ${m.k} Hessian directions of the ${m.dim}-parameter network; C ∝ H is a line of slope 1${P.noiseFree.length ? `; ${P.noiseFree.length} direction(s) with no noise at all are left out (they cannot be drawn on a log axis)` : ''}`,
  }, {
    id: `nn-noise-covariance-${m.network}-batch`, title: `nn-noise-covariance: minibatch variance against B_eff (${m.network})`,
    x: { label: 'effective batch B_eff = B(N − 1)/(N − B)', scale: 'log' }, y: { label: `variance in the top-${m.k} Hessian subspace`, scale: 'log' },
    series: [
      { name: 'real minibatches (95% CI)', style: 'points', points: m.batchLaw.points.map((q) => ({ x: q.batchEff, y: q.drawn, lo: q.drawn - 1.96 * q.se, hi: q.drawn + 1.96 * q.se })) },
      { name: 'exact Σᵢ vᵢᵀCvᵢ / B_eff', style: 'line', points: m.batchLaw.points.map((q) => ({ x: q.batchEff, y: q.exact })) },
    ],
    note: `slope ${m.batchLaw.fit.slope.toFixed(3)} [${m.batchLaw.fit.ci95[0].toFixed(3)}, ${m.batchLaw.fit.ci95[1].toFixed(3)}] against −1; B = ${m.batchLaw.points.map((q) => q.batch).join(', ')} of N = ${m.examples}`,
  }];
}
