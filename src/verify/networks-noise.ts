/**
 * The gradient-noise covariance of a trained network against its Hessian (claim nn-noise-covariance; docs/claims.md,
 * "Real networks"). At the trained minimum φ* of a network (networks/): H = ∇²L(φ*), its eigenpairs (hᵢ, vᵢ)
 * descending, the per-example gradients gⱼ = ∇ℓⱼ(φ*) and their covariance C = (1/N)Σⱼ(gⱼ − ḡ)(gⱼ − ḡ)ᵀ.
 *   (a) proportionality: cᵢ = vᵢᵀCvᵢ over the top-k Hessian directions, the slope of ln cᵢ on ln hᵢ (1 for C ∝ H,
 *       0 for isotropic noise). σ(cᵢ) is the sampling error of a mean over examples, sd_j((uᵢⱼ − ūᵢ)²)/√N with
 *       uᵢⱼ = gⱼ·vᵢ; the slope's error is Birge-scaled when the directions scatter more than that (networks-fit.ts).
 *       The control: the same pipeline on N isotropic Gaussian "per-example gradients" of the same total variance
 *       (C = c·I with c = tr C/d, drawn, so that it carries the same sampling noise), whose slope must exclude 1.
 *   (b) alignment: the overlap (1/k)‖U_Cᵀ U_H‖²_F of the top-k eigenspaces of C and H (1 the same, k/d by chance),
 *       with a bootstrap over examples (rows gⱼ resampled with replacement, C and its eigenvectors recomputed; H held
 *       at the dataset's: its per-example parts are not resampled): the interval is the estimate ± 1.96 bootstrap
 *       standard errors, clipped to [0, 1] (the resampled overlaps are biased low: the percentile interval, also
 *       reported, can miss the estimate).
 *       Directions of H with no gradient noise at all (vᵀCv at rounding level: at a minimum whose hidden units
 *       coincide, the directions that split them change no output to first order, so they carry curvature from the
 *       residual term and the weight decay but no noise) are reported apart and left out of the fit.
 *   (c) the law in B: the variance of real minibatch gradients (B distinct examples drawn without replacement,
 *       networks/sampleMinibatchCovariance) within the top-k Hessian subspace, s(B) = Σᵢ vᵢᵀĈ_B vᵢ, against the
 *       exact Σᵢ cᵢ/B_eff, B_eff = B(N − 1)/(N − B): the slope of ln s on ln B_eff (−1) and the pooled ratio drawn/exact
 *       (1). σ(s) from independent replicate blocks of draws (their spread), not from a Gaussian formula: a single
 *       example's gradient is far from Gaussian.
 */
import { buildNetwork, gradientCovariance, sampleMinibatchCovariance, symmetricEigen, trainedMinimum, type NetworkSpec } from '../networks/index.js';
import { makeStream } from '../rng/stream.js';
import type { RunSize } from './claim.js';
import { logLogSlope, percentileInterval, subspaceOverlap, type LineFit } from './networks-fit.js';
import { memoised } from './selectivity.js';

/** the two trained networks of the claim: iris (4-16-3, cross-entropy) and a seeded teacher–student regression */
export const NOISE_NETWORKS: Record<'iris' | 'teacher-student', NetworkSpec> = {
  iris: {
    data: { kind: 'iris' }, hidden: [16], activation: 'tanh', loss: 'cross-entropy', weightDecay: 0.01,
    init: { seed: 1, scale: 1 }, scale: 1, train: { gradientTolerance: 1e-9, maxIterations: 20000 },
  },
  'teacher-student': {
    data: { kind: 'teacher-student', inputs: 4, teacherHidden: 4, examples: 128, labelNoise: 0.5, seed: 3 }, hidden: [8], activation: 'tanh', loss: 'squared',
    weightDecay: 0.001, init: { seed: 1, scale: 1 }, scale: 1, train: { gradientTolerance: 1e-9, maxIterations: 20000 },
  },
};

export interface NoiseProtocol {
  /** top Hessian directions used */
  k: number;
  /** bootstrap resamples of the alignment */
  resamples: number;
  /** minibatch sizes of the law in B */
  batches: number[];
  /** minibatches drawn per B, in `blocks` independent blocks */
  draws: number;
  blocks: number;
}

export const NOISE_SIZE: Record<RunSize, NoiseProtocol> = {
  quick: { k: 8, resamples: 100, batches: [1, 4, 16, 64], draws: 4000, blocks: 8 },
  full: { k: 12, resamples: 2000, batches: [1, 2, 4, 8, 16, 32, 64], draws: 40000, blocks: 20 },
};

export interface Proportionality {
  h: number[];
  c: number[];
  se: number[];
  /** the fit over the directions that carry noise (cᵢ above NOISE_FREE of the largest) */
  fit: LineFit;
  /** indices (into h) of top directions that carry no gradient noise at all: C ∝ H would give cᵢ = κhᵢ > 0 there */
  noiseFree: number[];
}

/** a direction carries no noise when vᵀCv ≤ NOISE_FREE·max over the top directions (rounding of a projected covariance) */
export const NOISE_FREE = 1e-10;

/** the log-log fit over the directions with noise, and the noise-free ones */
export function proportionalityOf(h: number[], c: number[], se: number[]): Proportionality {
  const top = Math.max(...c);
  const noiseFree = c.flatMap((v, i) => (v <= NOISE_FREE * top ? [i] : []));
  const keep = c.flatMap((_, i) => (noiseFree.includes(i) ? [] : [i]));
  return { h, c, se, noiseFree, fit: logLogSlope(keep.map((i) => h[i]), keep.map((i) => c[i]), keep.map((i) => se[i])) };
}

export interface NoiseMeasurement {
  network: string;
  dim: number;
  examples: number;
  minimum: { loss: number; gradientNorm: number; iterations: number };
  k: number;
  /** (a) and its isotropic control */
  proportionality: Proportionality;
  control: Proportionality & { variance: number };
  /** vᵢᵀCvᵢ/hᵢ: the ratio C/H along each top direction (constant for C ∝ H) */
  ratios: number[];
  /** (b) */
  alignment: { overlap: number; ci95: [number, number]; se: number; bootstrapMean: number; percentile: [number, number]; chance: number; resamples: number };
  /** (c) */
  batchLaw: { points: Array<{ batch: number; batchEff: number; drawn: number; se: number; exact: number }>; fit: LineFit; ratio: { estimate: number; ci95: [number, number]; z: number } };
  seconds: number;
}

/** gⱼ = ∇ℓⱼ(φ) for every example, rows of an N×d array */
function exampleGradients(net: ReturnType<typeof buildNetwork>, phi: Float64Array): Float64Array[] {
  return Array.from({ length: net.data.examples }, (_, j) => {
    const g = new Float64Array(net.dim);
    net.exampleGradient(phi, j, g);
    return g;
  });
}

/** cᵢ = vᵢᵀCvᵢ (population covariance of the rows) with its sampling error sd_j((uᵢⱼ − ūᵢ)²)/√N */
function projectedVariances(rows: Float64Array[], vs: Float64Array[]): { c: number[]; se: number[] } {
  const N = rows.length;
  const c: number[] = [], se: number[] = [];
  for (const v of vs) {
    const u = rows.map((g) => g.reduce((s, x, r) => s + x * v[r], 0));
    const mean = u.reduce((a, b) => a + b, 0) / N;
    const sq = u.map((x) => (x - mean) ** 2);
    const m = sq.reduce((a, b) => a + b, 0) / N;
    const sd = Math.sqrt(sq.reduce((a, b) => a + (b - m) ** 2, 0) / (N - 1));
    c.push(m); se.push(sd / Math.sqrt(N));
  }
  return { c, se };
}

/** the population covariance of rows (optionally of the resampled indices), row-major d×d */
function covarianceOf(rows: Float64Array[], d: number, idx?: Int32Array): Float64Array {
  const N = idx ? idx.length : rows.length, mean = new Float64Array(d), C = new Float64Array(d * d);
  const row = (j: number) => rows[idx ? idx[j] : j];
  for (let j = 0; j < N; j++) { const g = row(j); for (let r = 0; r < d; r++) mean[r] += g[r] / N; }
  const x = new Float64Array(d);
  for (let j = 0; j < N; j++) {
    const g = row(j);
    for (let r = 0; r < d; r++) x[r] = g[r] - mean[r];
    for (let r = 0; r < d; r++) { const xr = x[r] / N; if (xr === 0) continue; for (let s = r; s < d; s++) C[r * d + s] += xr * x[s]; }
  }
  for (let r = 0; r < d; r++) for (let s = 0; s < r; s++) C[r * d + s] = C[s * d + r];
  return C;
}

/** the top-k eigenvectors of a symmetric d×d matrix */
function topVectors(M: Float64Array, d: number, k: number): { values: number[]; vectors: Float64Array[] } {
  const e = symmetricEigen(M, d);
  return { values: Array.from(e.values.slice(0, k)), vectors: Array.from({ length: k }, (_, i) => Float64Array.from({ length: d }, (_, r) => e.vectors[r * d + i])) };
}

function alignment(rows: Float64Array[], hv: Float64Array[], d: number, k: number, resamples: number, seed: string): NoiseMeasurement['alignment'] {
  const overlap = subspaceOverlap(topVectors(covarianceOf(rows, d), d, k).vectors, hv);
  const s = makeStream(seed, 'verify/nn-noise-bootstrap'), N = rows.length, idx = new Int32Array(N);
  const reps: number[] = [];
  for (let b = 0; b < resamples; b++) {
    s.seek(b, 0);
    for (let j = 0; j < N; j++) idx[j] = Math.floor(s.nextUniform() * N);
    reps.push(subspaceOverlap(topVectors(covarianceOf(rows, d, idx), d, k).vectors, hv));
  }
  // the resampled overlaps are biased low (a resampled C carries its sampling noise twice), so the interval is the
  // estimate ± 1.96 bootstrap standard errors, clipped to [0, 1]; the percentile interval is reported beside it
  const mean = reps.reduce((a, b) => a + b, 0) / reps.length;
  const sd = Math.sqrt(reps.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps.length - 1));
  return { overlap, ci95: [Math.max(0, overlap - 1.96 * sd), Math.min(1, overlap + 1.96 * sd)], se: sd, bootstrapMean: mean, percentile: percentileInterval(reps), chance: k / d, resamples };
}

/** N isotropic Gaussian rows of variance c per coordinate (the control), seeded */
function isotropicRows(N: number, d: number, c: number, seed: string): Float64Array[] {
  const s = makeStream(seed, 'verify/nn-noise-isotropic');
  return Array.from({ length: N }, (_, j) => {
    s.seek(j, 0);
    return Float64Array.from({ length: d }, () => Math.sqrt(c) * s.nextNormal());
  });
}

function batchLaw(net: ReturnType<typeof buildNetwork>, phi: Float64Array, hv: Float64Array[], c: number[], p: NoiseProtocol, seed: string): NoiseMeasurement['batchLaw'] {
  const N = net.data.examples, d = net.dim, per = Math.ceil(p.draws / p.blocks);
  const cSum = c.reduce((a, b) => a + b, 0);
  const points = p.batches.filter((B) => B < N).map((B) => {
    const blocks: number[] = [];
    for (let r = 0; r < p.blocks; r++) {
      const Cb = sampleMinibatchCovariance(net, phi, B, per, `${seed}:B=${B}:block=${r}`);
      blocks.push(hv.reduce((a, v) => a + quadForm(Cb, v, d), 0));
    }
    const drawn = blocks.reduce((a, b) => a + b, 0) / blocks.length;
    const sd = Math.sqrt(blocks.reduce((a, b) => a + (b - drawn) ** 2, 0) / (blocks.length - 1));
    const batchEff = (B * (N - 1)) / (N - B);
    return { batch: B, batchEff, drawn, se: sd / Math.sqrt(blocks.length), exact: cSum / batchEff };
  });
  const fit = logLogSlope(points.map((q) => q.batchEff), points.map((q) => q.drawn), points.map((q) => q.se));
  // pooled ln(drawn/exact), weights 1/σ²(ln drawn)
  let W = 0, m = 0;
  for (const q of points) { const w = (q.drawn / q.se) ** 2; W += w; m += w * Math.log(q.drawn / q.exact); }
  m /= W;
  const s = 1 / Math.sqrt(W);
  return { points, fit, ratio: { estimate: Math.exp(m), ci95: [Math.exp(m - 1.96 * s), Math.exp(m + 1.96 * s)], z: m / s } };
}

function quadForm(M: ArrayLike<number>, v: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let r = 0; r < d; r++) { let t = 0; for (let q = 0; q < d; q++) t += M[r * d + q] * v[q]; s += v[r] * t; }
  return s;
}

async function measureOnce(name: keyof typeof NOISE_NETWORKS, size: RunSize, seed: number): Promise<NoiseMeasurement> {
  const t0 = performance.now();
  const p = NOISE_SIZE[size], spec = NOISE_NETWORKS[name];
  const { net, minimum } = trainedMinimum(spec);
  const phi = minimum.phi, d = net.dim, k = Math.min(p.k, d);
  const H = new Float64Array(d * d);
  net.hessian(phi, H);
  const top = topVectors(H, d, k);
  const rows = exampleGradients(net, phi);
  const C = gradientCovariance(net, phi);
  const c = top.vectors.map((v) => quadForm(C, v, d));
  const { se } = projectedVariances(rows, top.vectors);
  const proportionality = proportionalityOf(top.values, c, se);
  let trace = 0;
  for (let r = 0; r < d; r++) trace += C[r * d + r];
  const iso = isotropicRows(rows.length, d, trace / d, `${seed}:${name}`);
  const ic = projectedVariances(iso, top.vectors);
  return {
    network: net.spec.data.kind === 'iris' ? 'iris' : 'teacher-student', dim: d, examples: rows.length,
    minimum: { loss: minimum.loss, gradientNorm: minimum.gradientNorm, iterations: minimum.iterations }, k,
    proportionality, control: { ...proportionalityOf(top.values, ic.c, ic.se), variance: trace / d },
    ratios: c.map((v, i) => v / top.values[i]),
    alignment: alignment(rows, top.vectors, d, k, p.resamples, `${seed}:${name}`),
    batchLaw: batchLaw(net, phi, top.vectors, c, p, `${seed}:${name}`),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** (a)–(c) at the trained minimum of one network (memoised: a pure function of its arguments) */
export const measureNoise: (name: keyof typeof NOISE_NETWORKS, size: RunSize, seed?: number) => Promise<NoiseMeasurement> =
  memoised((name: keyof typeof NOISE_NETWORKS, size: RunSize, seed = 1) => measureOnce(name, size, seed));
