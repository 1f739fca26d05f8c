/**
 * Escape of the real discrete optimizers from a trained network's minimum (claims nn-escape-batch-lr,
 * nn-escape-sharpness, nn-optimizer-selectivity; docs/claims.md, "Real networks"): the teacher–student network of
 * verify/networks-noise.ts (4-8-1 tanh, 49 parameters, N = 128, squared loss), started at its trained minimum, run
 * with real minibatches of B distinct examples (noise "dataset") until the full-batch loss exceeds the minimum's by
 * ΔL, the mean escape time τ (time units t = η·iterations) by the rare-event solver (AMS, R runs of n replicas; its
 * set and level from the quadratic approximation, scenario/network.ts).
 *
 * Sharpness is varied by the reparametrisation θ = α·φ (networks/types.ts): in φ the loss is L(αφ), so H̃ = α²H and
 * C̃ = α²C while the minimum's loss, ΔL and C/H are unchanged; h_max ∝ α². For an optimizer whose update is
 * homogeneous of degree q in the gradient (SGD 1, Adam 0, InvAdam 2: P ∝ v^{−p}, q = 1 − 2p), the chain in φ at
 * (α, η) is the chain in θ at (1, α^{1+q}·η) = (1, α^{2(1−p)}·η): for plain SGD the reparametrisation is exactly a
 * rescaling of η by α², so τ in iterations is a function of α^{2(1−p)}·η and k = 1 − p follows from the update rule
 * (up to ε and to the ln η of time units). What the measurement tests is that the real chains, minibatches and all,
 * escape as that scaling and the quadratic approximation say; minima of different sharpness found by training (other
 * seeds, widths, decay) would change C/H too, and are not what is varied here.
 *
 * η is placed per point where the quadratic approximation's ΔΦ = ΔL/λ_max(HΣ) (theory/quadratic-escape.ts, from the
 * measured H and C at α) has a target value, as verify/selectivity.ts places η from the SDE's exact ln τ.
 */
import { availableParallelism } from 'node:os';
import { compileScenario } from '../scenario/compile.js';
import { solveAms } from '../montecarlo/ams/index.js';
import { gradientCovariance, trainedMinimum, type NetworkSpec } from '../networks/index.js';
import { quadraticEscape, type QuadraticEscape } from '../theory/quadratic-escape.js';
import type { RunSize } from './claim.js';
import { NOISE_NETWORKS } from './networks-noise.js';
import { lrForLnTau, memoised } from './selectivity.js';

/** the network the escape claims run on, its exit level and the batch of the optimizer claims */
export const ESCAPE_NET: NetworkSpec = NOISE_NETWORKS['teacher-student'];
export const ESCAPE_DL = 0.05;
export const ESCAPE_BATCH = 4;

export type NetOptimizer = 'sgd' | 'adam' | 'invadam' | 'dualadam';

/** an optimizer at its defaults (β1 = 0.9, β2 = 0.999; ε = 1e-8; DualAdam's ξ = 0.01) and its p of P ∝ v^{−p} */
export const NET_OPTIMIZERS: Record<NetOptimizer, { hyper: Record<string, unknown>; power: number }> = {
  sgd: { hyper: {}, power: 0 },
  adam: { hyper: { eps: 1e-8 }, power: 0.5 },
  invadam: { hyper: { eps: 1e-8 }, power: -0.5 },
  dualadam: { hyper: { eps: 1e-8 }, power: 0.5 },
};

export interface EscapeSize {
  /** AMS runs R and replicas n per point */
  runs: number;
  replicas: number;
}

export const ESCAPE_SIZE: Record<RunSize, EscapeSize> = {
  quick: { runs: 6, replicas: 50 },
  full: { runs: 20, replicas: 100 },
};

/**
 * How the points run: independent points at once, each on one worker thread, as many as there are cores (one core:
 * on this thread). A worker trains the network again (memoised per thread, ~0.3 s), which a point of one run per
 * worker would pay for every run; a point per worker pays it once. The numbers do not depend on it: AMS run r draws
 * from its own stream whichever thread runs it (montecarlo/ams).
 */
const PARALLEL = Math.max(1, availableParallelism());
const BACKEND: 'cpu' | 'workers' = PARALLEL > 1 ? 'workers' : 'cpu';
let active = 0;
const waiting: (() => void)[] = [];
/** run f when fewer than PARALLEL points are in flight */
async function slot<T>(f: () => Promise<T>): Promise<T> {
  while (active >= PARALLEL) await new Promise<void>((wake) => waiting.push(wake));
  active++;
  try {
    return await f();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

export interface NetPoint {
  optimizer: NetOptimizer;
  alpha: number;
  /** h_max at α (α²·h_max at 1) */
  h: number;
  /** η (the chain's dt: τ is in time units η·iterations) */
  eta: number;
  batch: number;
  batchEff: number;
  lnTau: number;
  /** σ of ln τ used by the fits: the half-width of the AMS 95% interval in ln τ over 1.96 (t_{R−1}·relSE/1.96) */
  se: number;
  /** the AMS estimate's relative standard error (delta method) */
  relSE: number;
  /** the quadratic approximation at this point: ΔΦ, its slopes, ½tr(HΣ) */
  predicted: { deltaPhi: number; dLnTau_dBatchEff: number; dLnTau_dInvLr: number; meanExcess: number };
  levels: { set: number; sigma: number };
  steps: number;
  seconds: number;
}

const specAt = (alpha: number): NetworkSpec => ({ ...ESCAPE_NET, scale: alpha });

/** H and C at the trained minimum at α (per process; the minimum itself is memoised by networks/trainedMinimum) */
const curvature = new Map<number, { H: Float64Array; C: Float64Array; n: number; N: number; hMax: number }>();
export function curvatureAtScale(alpha: number): { H: Float64Array; C: Float64Array; n: number; N: number; hMax: number } {
  let c = curvature.get(alpha);
  if (!c) {
    const { net, minimum } = trainedMinimum(specAt(alpha));
    const n = net.dim, H = new Float64Array(n * n);
    net.hessian(minimum.phi, H);
    c = { H, C: gradientCovariance(net, minimum.phi), n, N: net.data.examples, hMax: minimum.eigenvalues[0] };
    curvature.set(alpha, c);
  }
  return c;
}

export const effectiveBatch = (B: number, N: number): number => (B * (N - 1)) / (N - B);

/** the quadratic approximation of optimizer o at (α, η, B) on the escape network */
export function predict(o: NetOptimizer, alpha: number, lr: number, batch: number, dL = ESCAPE_DL): QuadraticEscape {
  const { H, C, n, N } = curvatureAtScale(alpha);
  return quadraticEscape({ H, C, n, lr, batchEff: effectiveBatch(batch, N), dL, optimizer: o, hyper: NET_OPTIMIZERS[o].hyper, examples: N });
}

/** η at which the quadratic approximation's ΔΦ is `target` (secant on 1/η from a guess at η = 0.01, ΔΦ ≈ S/η) */
export function lrForExponent(o: NetOptimizer, alpha: number, batch: number, target: number): number {
  const at = (lr: number) => predict(o, alpha, lr, batch).exponent!;
  const u = (100 * target) / at(0.01);
  return lrForLnTau(at, target, u, 1.1 * u);
}

/** the scenario of one point (a network landscape, scenario/network.ts) */
export function escapeScenario(o: NetOptimizer, alpha: number, lr: number, batch: number, size: EscapeSize, seed: string): Record<string, unknown> {
  return {
    name: `${o} on the teacher–student network, α = ${alpha}, η = ${lr}, B = ${batch}`,
    landscape: { network: specAt(alpha) }, start: 'minimum', exit: { loss: { above: ESCAPE_DL } },
    dynamics: { discrete: o, lr, batch, noise: { kind: 'dataset' }, ...NET_OPTIMIZERS[o].hyper },
    simulation: { trajectories: 1, maxTime: 1e300, seed, method: 'ams', backend: BACKEND, ams: { runs: size.runs, replicas: size.replicas } },
  };
}

async function pointOnce(o: NetOptimizer, alpha: number, lr: number, batch: number, size: RunSize, seed: number): Promise<NetPoint> {
  return slot(async () => {
  const t0 = performance.now();
  const z = ESCAPE_SIZE[size];
  const q = predict(o, alpha, lr, batch);
  const problem = compileScenario(escapeScenario(o, alpha, lr, batch, z, `${seed}:${o}:alpha=${alpha}:B=${batch}:lr=${lr}`));
  const out = await solveAms(problem, { backend: BACKEND, workers: 1 });
  const { N, hMax } = curvatureAtScale(alpha);
  return {
    optimizer: o, alpha, h: hMax, eta: lr, batch, batchEff: effectiveBatch(batch, N),
    // σ of ln τ: the half-width of the solver's own 95% interval over 1.96 (exp(±t_{R−1}·relSE): at R = 6 runs the
    // Student factor widens relSE by 1.31, which the fits need, the relSE of a few runs being itself uncertain)
    lnTau: Math.log(out.mfpt.estimate), se: Math.log(out.mfpt.ci95[1] / out.mfpt.estimate) / 1.959963984540054, relSE: out.mfpt.relSE,
    predicted: { deltaPhi: q.exponent!, dLnTau_dBatchEff: q.slopes.dLnTau_dBatchEff!, dLnTau_dInvLr: q.slopes.dLnTau_dInvLr!, meanExcess: q.meanExcess },
    levels: { set: out.levels.set, sigma: out.levels.sigma },
    steps: out.steps.loops + out.steps.ams, seconds: (performance.now() - t0) / 1000,
  };
  });
}

/** one AMS point (memoised: the claims that share a point get the same numbers without running it again) */
export const escapePoint: (o: NetOptimizer, alpha: number, lr: number, batch: number, size: RunSize, seed?: number) => Promise<NetPoint> =
  memoised((o: NetOptimizer, alpha: number, lr: number, batch: number, size: RunSize, seed = 1) => pointOnce(o, alpha, lr, batch, size, seed));

/**
 * SGD's grid (nn-escape-sharpness, and SGD in nn-optimizer-selectivity), as α and multiples m of η₀, the η where the
 * quadratic approximation's ΔΦ is SGD_TARGET at α = 1 (every point at ΔΦ ≥ SGD_TARGET: below it ln τ leaves the
 * asymptotic regime, ln τ ≈ ΔΦ + const, and bends). For SGD the chain at (α, m·η₀) is the chain at (1, α²m·η₀).
 *   k:    the two-stage fit's points: per α, η at ΔΦ ≈ 5 and ≈ 10.6 (quick: α ∈ {1, 2});
 *   law:  the fixed-η series at η = η₀/4 through every α (ΔΦ ≈ 21, 10.6, 5 at α² = 1, 2, 4): the exponential law
 *         against the polynomial one.
 */
export const SGD_TARGET = 5;
export const SGD_COMMON = 0.25;
const R2 = Math.SQRT2, R4 = 2 ** 0.25;
export const SGD_GRID: Record<RunSize, { k: Array<[number, number]>; law: number[] }> = {
  quick: { k: [[1, 1], [1, 0.5], [2, 0.25], [2, 0.125]], law: [1, R2, 2] },
  full: {
    k: [1, R2, 2].flatMap((a) => [1, Math.SQRT1_2, 0.5].map((m): [number, number] => [a, m / (a * a)])),
    law: [1, R4, R2, R4 ** 3, 2],
  },
};

/** η₀ of SGD's grid */
export const sgdEta0 = (): number => lrForExponent('sgd', 1, ESCAPE_BATCH, SGD_TARGET);

/** the points of SGD's grid: those of the two-stage fit and the fixed-η series (some are the same points) */
export async function sgdGrid(size: RunSize): Promise<{ k: NetPoint[]; law: NetPoint[]; eta0: number }> {
  const eta0 = sgdEta0(), g = SGD_GRID[size];
  const [k, law] = await Promise.all([
    Promise.all(g.k.map(([alpha, m]) => escapePoint('sgd', alpha, eta0 * m, ESCAPE_BATCH, size))),
    Promise.all(g.law.map((alpha) => escapePoint('sgd', alpha, eta0 * SGD_COMMON, ESCAPE_BATCH, size))),
  ]);
  return { k, law, eta0 };
}

/** the adaptive optimizers' grid: α values, and η per α where ΔΦ hits each target */
export const ADAPTIVE_GRID: Record<RunSize, { alphas: number[]; targets: number[]; optimizers: NetOptimizer[] }> = {
  quick: { alphas: [1, 2], targets: [4, 8], optimizers: ['adam', 'invadam'] },
  full: { alphas: [1, R2, 2], targets: [5, 7.5, 10.6], optimizers: ['adam', 'invadam', 'dualadam'] },
};

/** the points of an adaptive optimizer */
export async function adaptiveGrid(o: NetOptimizer, size: RunSize): Promise<NetPoint[]> {
  const g = ADAPTIVE_GRID[size];
  return Promise.all(g.alphas.flatMap((alpha) => g.targets.map((t) => escapePoint(o, alpha, lrForExponent(o, alpha, ESCAPE_BATCH, t), ESCAPE_BATCH, size))));
}

/**
 * nn-escape-batch-lr: B at fixed η = η₀/2 (ΔΦ ≈ 10.6 at B = ESCAPE_BATCH, ∝ B_eff), and η = m·η₀ at fixed
 * B = ESCAPE_BATCH (ΔΦ ≈ 5/m); the points at B = ESCAPE_BATCH are SGD's grid points at α = 1.
 */
export const BATCH_ETA = 0.5;
export const BATCH_LR_GRID: Record<RunSize, { batches: number[]; etas: number[] }> = {
  quick: { batches: [2, 3, 4, 6], etas: [1, Math.SQRT1_2, 0.5, 0.25] },
  full: { batches: [2, 3, 4, 5, 6, 8], etas: [1, Math.SQRT1_2, 0.5, Math.SQRT1_2 / 2, 0.25] },
};

export async function batchLrPoints(size: RunSize): Promise<{ batch: NetPoint[]; lr: NetPoint[]; eta0: number }> {
  const eta0 = sgdEta0(), g = BATCH_LR_GRID[size];
  const [batch, lr] = await Promise.all([
    Promise.all(g.batches.map((B) => escapePoint('sgd', 1, eta0 * BATCH_ETA, B, size))),
    Promise.all(g.etas.map((m) => escapePoint('sgd', 1, eta0 * m, ESCAPE_BATCH, size))),
  ]);
  return { batch, lr, eta0 };
}
