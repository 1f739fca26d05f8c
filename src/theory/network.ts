/**
 * The theory of a network scenario (issue 19; docs/scenarios.md "Networks"): the network and
 * its trained minimum, the Hessian spectrum there, the per-example gradient covariance C along the top Hessian
 * directions (Xie, Sato & Sugiyama 2021: near minima the per-example covariance is close to the Hessian, C ≈ H through
 * the Fisher information, so a batch's is ≈ H/B; the ratio vᵢᵀCvᵢ/hᵢ measures that statement), and the quadratic approximation of escape for the scenario's optimizer (quadratic-escape.ts).
 */
import { gradientCovariance, networkName, symmetricEigen, type Network, type TrainedMinimum } from '../networks/index.js';
import { QuadraticNotApplicable, quadraticEscape, type QuadraticEscape } from './quadratic-escape.js';

/** A network landscape's network and its trained minimum φ* (networks/train.ts). */
export interface NetworkSystem {
  net: Network;
  minimum: TrainedMinimum;
}

/** The largest network the quadratic approximation is computed for (two O(n³) eigendecompositions and five Σ). */
export const MAX_QUADRATIC_DIM = 1500;

/** What the quadratic approximation needs from the scenario's dynamics (scenario/network.ts builds it). */
export interface NetworkDynamics {
  optimizer: string;
  hyper: Readonly<Record<string, unknown>>;
  lr: number;
  /** B */
  batch: number;
  /** B_eff: the batch-mean covariance is C/B_eff */
  batchEff: number;
  /** N when batches are drawn without replacement from N examples, else null */
  examples: number | null;
  /** the per-example covariance of the scenario's noise at φ*; 'network' = the network's own (dataset noise) */
  covariance: Float64Array | 'network';
  /** the noise as named in the scenario */
  noise: string;
  /** ΔL of the scenario's loss exit, or null */
  dL: number | null;
}

export interface HessianDirection {
  /** hᵢ, the i-th largest Hessian eigenvalue */
  value: number;
  /** vᵢᵀCvᵢ, C the network's per-example gradient covariance */
  noise: number;
  /** vᵢᵀCvᵢ / hᵢ */
  ratio: number;
}

export interface NetworkQuadratic {
  optimizer: string;
  /** the chain as linearised (e.g. "sgd (momentum 0.9)") and what was assumed */
  chain: string;
  notes: string[];
  noise: string;
  lr: number;
  batch: number;
  batchEff: number;
  dL: number | null;
  /** ΔΦ = ΔL/λ_max(HΣ): ln τ ≈ ΔΦ (τ in any unit; leading order) */
  exponent: number | null;
  lambdaMax: number;
  /** ½tr(HΣ): the stationary mean excess loss */
  meanExcess: number;
  /** |cos| between the most likely exit direction and the top Hessian eigenvector */
  exitAlignment: number;
  slopes: QuadraticEscape['slopes'];
}

export interface NetworkReport {
  network: {
    name: string; dataset: string; examples: number; widths: number[]; activation: string; loss: string;
    weightDecay: number; scale: number; dim: number;
  };
  minimum: { loss: number; gradientNorm: number; iterations: number; largestEigenvalue: number; smallestEigenvalue: number };
  hessian: { trace: number; top: HessianDirection[] };
  /** the network's per-example gradient covariance C at φ*: its trace and tr C / tr H */
  covariance: { trace: number; traceRatio: number };
  quadratic: NetworkQuadratic | null;
  /** why `quadratic` is null */
  quadraticReason?: string;
}

/** H(φ*) (dense) and C(φ*) (the network's per-example covariance) */
export function curvatureAt(sys: NetworkSystem): { H: Float64Array; C: Float64Array } {
  const n = sys.net.dim, H = new Float64Array(n * n);
  sys.net.hessian(sys.minimum.phi, H);
  return { H, C: gradientCovariance(sys.net, sys.minimum.phi) };
}

/** The quadratic approximation at φ* for the dynamics (throws QuadraticNotApplicable with the reason). */
export function networkQuadratic(sys: NetworkSystem, dyn: NetworkDynamics, at?: { H: Float64Array; C: Float64Array }): QuadraticEscape {
  const n = sys.net.dim;
  if (n > MAX_QUADRATIC_DIM) throw new QuadraticNotApplicable(`the network has ${n} parameters; the quadratic approximation is computed up to ${MAX_QUADRATIC_DIM} (dense O(n³) linear algebra)`);
  const { H, C } = at ?? curvatureAt(sys);
  return quadraticEscape({
    H, C: dyn.covariance === 'network' ? C : dyn.covariance, n, lr: dyn.lr, batchEff: dyn.batchEff, dL: dyn.dL,
    optimizer: dyn.optimizer, hyper: dyn.hyper, examples: dyn.examples,
  });
}

const quad = (M: Float64Array, v: ArrayLike<number>, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += v[i] * M[i * n + j] * v[j];
  return s;
};

function quadraticPart(sys: NetworkSystem, dyn: NetworkDynamics, at: { H: Float64Array; C: Float64Array }, top: Float64Array): NetworkQuadratic {
  const q = networkQuadratic(sys, dyn, at);
  let cos = 0;
  for (let i = 0; i < sys.net.dim; i++) cos += q.direction[i] * top[i];
  return {
    optimizer: dyn.optimizer, chain: q.chain.name, notes: q.chain.notes, noise: dyn.noise, lr: dyn.lr, batch: dyn.batch, batchEff: dyn.batchEff,
    dL: dyn.dL, exponent: q.exponent, lambdaMax: q.lambdaMax, meanExcess: q.meanExcess, exitAlignment: Math.abs(cos), slopes: q.slopes,
  };
}

/**
 * The report of a network system; `dyn` null (or a string: why not) leaves out the quadratic approximation. `top`:
 * how many Hessian directions to report.
 */
export function networkTheory(sys: NetworkSystem, dyn: NetworkDynamics | string | null, top = 5): NetworkReport {
  const { net, minimum } = sys, n = net.dim;
  const at = curvatureAt(sys);
  const eig = symmetricEigen(at.H, n); // descending
  const k = Math.min(top, n), dirs: HessianDirection[] = [];
  let traceH = 0, traceC = 0;
  for (let i = 0; i < n; i++) { traceH += at.H[i * n + i]; traceC += at.C[i * n + i]; }
  const v = new Float64Array(n), v1 = new Float64Array(n);
  for (let i = 0; i < k; i++) {
    for (let r = 0; r < n; r++) v[r] = eig.vectors[r * n + i];
    if (i === 0) v1.set(v);
    const noise = quad(at.C, v, n);
    dirs.push({ value: eig.values[i], noise, ratio: noise / eig.values[i] });
  }
  const s = net.spec;
  const report: NetworkReport = {
    network: {
      name: networkName(net), dataset: net.data.name, examples: net.data.examples,
      widths: [net.data.inputs, ...s.hidden, net.data.outputs], activation: s.activation, loss: s.loss,
      weightDecay: s.weightDecay, scale: s.scale, dim: n,
    },
    minimum: {
      loss: minimum.loss, gradientNorm: minimum.gradientNorm, iterations: minimum.iterations,
      largestEigenvalue: eig.values[0], smallestEigenvalue: eig.values[n - 1],
    },
    hessian: { trace: traceH, top: dirs },
    covariance: { trace: traceC, traceRatio: traceC / traceH },
    quadratic: null,
  };
  if (dyn === null) report.quadraticReason = 'no dynamics to linearise';
  else if (typeof dyn === 'string') report.quadraticReason = dyn;
  else {
    try {
      report.quadratic = quadraticPart(sys, dyn, at, v1);
    } catch (e) {
      if (!(e instanceof QuadraticNotApplicable)) throw e;
      report.quadraticReason = e.message;
    }
  }
  return report;
}
