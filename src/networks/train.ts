/**
 * Deterministic full-batch training to a minimum (docs/networks.md "Training"):
 *
 * 1. warm-up: WARMUP_STEPS of full-batch Adam (Kingma & Ba 2015) from the seeded initialisation, run in θ = αφ
 *    (step WARMUP_RATE in θ, i.e. WARMUP_RATE/α in φ, and ε scaled by α), so the warm-up path in θ is the same
 *    for every α;
 * 2. damped Newton on the dense Hessian: with H = Σ_k λ_k u_k u_kᵀ, the step p = −Σ_k (u_k·∇L)/(|λ_k| + μ) u_k
 *    (|λ| turns a saddle's negative curvature into descent; μ = m·max_k|λ_k| is the Levenberg–Marquardt damping,
 *    m ÷ 4 after a full step, × 4 after a shortened one), and a backtracking line search on L (Armijo, c = 1e-4;
 *    where the change of L is below its rounding, 64ε·max(1, |L|), the step is taken if it lowers ‖∇L‖), until
 *    ‖∇L(φ)‖ ≤ spec.train.gradientTolerance — at most spec.train.maxIterations Newton iterations, else an Error;
 * 3. the Hessian spectrum at φ*: every eigenvalue must be > 0 (an isolated minimum), else an Error.
 *
 * The Newton step and the relative damping are invariant under θ = αφ, so the minima of one spec at two scales are
 * the same point θ* up to the stopping tolerance.
 */
import { buildNetwork, initialParameters } from './mlp.js';
import { symmetricEigen } from './spectrum.js';
import type { Network, NetworkSpec, TrainedMinimum } from './types.js';

export const WARMUP_STEPS = 2000;
/** Adam step size in θ units and its moment decays */
export const WARMUP_RATE = 1e-2;
const BETA1 = 0.9, BETA2 = 0.999, ADAM_EPS = 1e-8;
/**
 * An eigenvalue of H counts as > 0 only above FLAT_RESOLUTION·n·ε·max|λ|: the QL eigensolver's absolute error is
 * O(n·ε·‖H‖), so smaller ones cannot be told from 0 (a flat direction).
 */
const FLAT_RESOLUTION = 1000;
const ARMIJO = 1e-4, MAX_HALVINGS = 40, INITIAL_DAMPING = 1e-3, MIN_DAMPING = 1e-15;

const norm = (v: Float64Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** full-batch Adam in θ units: φ ← φ − (rate/α)·m̂/(√v̂ + αε) */
function warmUp(net: Network, phi: Float64Array): void {
  const n = net.dim, alpha = net.spec.scale, g = new Float64Array(n), m = new Float64Array(n), v = new Float64Array(n);
  for (let t = 1; t <= WARMUP_STEPS; t++) {
    net.gradient(phi, g);
    const c1 = 1 - BETA1 ** t, c2 = 1 - BETA2 ** t;
    for (let i = 0; i < n; i++) {
      m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
      v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
      phi[i] -= (WARMUP_RATE / alpha) * (m[i] / c1) / (Math.sqrt(v[i] / c2) + alpha * ADAM_EPS);
    }
  }
}

interface NewtonState { phi: Float64Array; loss: number; grad: Float64Array; gradNorm: number; damping: number }

/** p = −Σ_k (u_k·g)/(|λ_k| + μ) u_k, μ = damping·max|λ| */
function newtonStep(net: Network, s: NewtonState, H: Float64Array, p: Float64Array): void {
  const n = net.dim;
  net.hessian(s.phi, H);
  const { values, vectors } = symmetricEigen(H, n);
  const mu = s.damping * Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
  p.fill(0);
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let r = 0; r < n; r++) c += vectors[r * n + k] * s.grad[r];
    c /= Math.abs(values[k]) + mu;
    for (let r = 0; r < n; r++) p[r] -= c * vectors[r * n + k];
  }
}

/** Backtracking on L from s along p; updates s and returns true if a step was taken. */
function lineSearch(net: Network, s: NewtonState, p: Float64Array, trial: Float64Array, g: Float64Array): boolean {
  const n = net.dim;
  let slope = 0;
  for (let i = 0; i < n; i++) slope += s.grad[i] * p[i];
  const noise = 64 * Number.EPSILON * Math.max(1, Math.abs(s.loss));
  for (let h = 0, t = 1; h < MAX_HALVINGS; h++, t /= 2) {
    for (let i = 0; i < n; i++) trial[i] = s.phi[i] + t * p[i];
    const L = net.loss(trial);
    if (!Number.isFinite(L)) continue;
    const armijo = L <= s.loss + ARMIJO * t * slope;
    const flat = Math.abs(L - s.loss) <= noise;
    if (!armijo && !flat) continue;
    net.gradient(trial, g);
    const gn = norm(g);
    if (!armijo && !(gn < s.gradNorm)) continue;
    s.phi.set(trial);
    s.grad.set(g);
    s.loss = L;
    s.gradNorm = gn;
    s.damping = h === 0 ? Math.max(s.damping / 4, MIN_DAMPING) : s.damping * 4;
    return true;
  }
  s.damping *= 16;
  return false;
}

function describe(spec: NetworkSpec): string {
  return `init.seed ${JSON.stringify(spec.init.seed)}, weightDecay ${spec.weightDecay}, hidden [${spec.hidden.join(', ')}], ${spec.activation}, ${spec.loss}`;
}

/** the hint for weightDecay 0 (cross-entropy: no minimum at all where the network separates the data) */
function decayHint(spec: NetworkSpec): string {
  if (spec.weightDecay !== 0) return '';
  return spec.loss === 'cross-entropy'
    ? ' With weightDecay 0 a cross-entropy network that separates its data has no minimum (the loss decreases towards 0 as ‖θ‖ → ∞): use weightDecay > 0.'
    : ' With weightDecay 0 minima may be degenerate (flat directions): use weightDecay > 0.';
}

function notConverged(spec: NetworkSpec, s: NewtonState): Error {
  const tol = spec.train.gradientTolerance;
  const why = decayHint(spec) || ' Raise train.maxIterations, loosen train.gradientTolerance, or change init.seed or weightDecay.';
  return new Error(`network training did not reach ‖∇L‖ ≤ ${tol} in ${spec.train.maxIterations} Newton iterations (after ${WARMUP_STEPS} Adam warm-up steps): ‖∇L‖ = ${s.gradNorm.toExponential(3)}, L = ${s.loss} (${describe(spec)}).${why}`);
}

/** Train net from its seeded initialisation to a minimum (see the module comment); throws where there is none. */
export function trainToMinimum(net: Network): TrainedMinimum {
  const n = net.dim, spec = net.spec;
  const phi = initialParameters(net);
  warmUp(net, phi);
  const s: NewtonState = { phi, loss: net.loss(phi), grad: new Float64Array(n), gradNorm: NaN, damping: INITIAL_DAMPING };
  net.gradient(phi, s.grad);
  s.gradNorm = norm(s.grad);
  const H = new Float64Array(n * n), p = new Float64Array(n), trial = new Float64Array(n), g = new Float64Array(n);
  let iterations = 0;
  while (!(s.gradNorm <= spec.train.gradientTolerance)) {
    if (iterations >= spec.train.maxIterations || !Number.isFinite(s.gradNorm)) throw notConverged(spec, s);
    iterations++;
    newtonStep(net, s, H, p);
    lineSearch(net, s, p, trial, g);
  }
  net.hessian(phi, H);
  const { values } = symmetricEigen(H, n);
  const smallest = values[n - 1], resolution = FLAT_RESOLUTION * n * Number.EPSILON * Math.abs(values[0]);
  if (!(smallest > resolution)) {
    throw new Error(`network training stopped at a point that is not an isolated minimum: the smallest Hessian eigenvalue is ${smallest.toExponential(3)} ≤ ${resolution.toExponential(3)} (zero to the eigensolver's resolution; largest ${values[0].toExponential(3)}) at ‖∇L‖ = ${s.gradNorm.toExponential(3)} (${describe(spec)}); a saddle or a flat direction: change init.seed, or raise weightDecay (which makes minima isolated).${decayHint(spec)}`);
  }
  return { phi, loss: s.loss, gradientNorm: s.gradNorm, iterations, eigenvalues: values };
}

/** JSON with object keys sorted at every level: equal specs give equal keys whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const trained = new Map<string, { net: Network; minimum: TrainedMinimum }>();

/**
 * The network of a spec and its trained minimum, memoised in-process by the spec's canonical JSON (verify and the
 * scenario compiler ask for the same minimum many times). The returned objects are shared: do not modify φ*.
 */
export function trainedMinimum(spec: NetworkSpec): { net: Network; minimum: TrainedMinimum } {
  const key = canonicalJson(spec);
  let hit = trained.get(key);
  if (!hit) {
    const net = buildNetwork(spec);
    hit = { net, minimum: trainToMinimum(net) };
    trained.set(key, hit);
  }
  return hit;
}
