/**
 * Escape from a minimum in the quadratic approximation, for the real discrete optimizers (issue 19). This is this
 * toolkit's derivation (docs/scenarios.md, "Networks"), not a formula quoted from a paper.
 *
 * Near a minimum φ* (φ measured from it) the full-batch loss is L(φ) − L* ≈ ½φᵀHφ and a minibatch gradient of B of N
 * examples drawn without replacement is g = Hφ + ξ, E ξ = 0, Cov ξ = C/B_eff with B_eff = B(N − 1)/(N − B)
 * (C the per-example gradient covariance at φ*; with replacement, or Gaussian noise, B_eff = B).
 *
 * The chain. Every optimizer treated here is, with its preconditioner frozen at its stationary value (v = diag(C)/B_eff:
 * at a minimum the second moment is the noise's; the gradient's own E(Hφ)² = diag(HΣH) is O(ηH) smaller and neglected)
 * and its bias corrections at 1 (t → ∞), a linear recursion in (φ, m), m a momentum buffer:
 *     m' = a·m + c·g,        φ' = φ − η·P·(u·m' + w·g),        P = diag(P_i)
 *   sgd                 a = 0 (no buffer), P = 1                          (φ' = (I − ηH)φ − ηξ)
 *   sgd with momentum μ a = μ, c = 1 − dampening, u = 1, w = 0 (heavy ball); nesterov: u = μ, w = 1
 *   adam (adamw, amsgrad, dualadam after its switch)  a = β1, c = 1 − β1, u = 1, w = 0, P = 1/(√v + ε)
 *   invadam             as adam with P = √v + ε;   padam: P = (√v + ε)^{−2p} (code form), v^{−p} (paper form)
 *
 * Stationary covariance. With S = P^{1/2} and H' = S·H·S = VΛVᵀ (symmetric), the coordinates y = VᵀS⁻¹φ, μ = VᵀS·m
 * decouple the drift into 2×2 blocks per mode i (κ = u·c + w):
 *     z_i' = A_i z_i + b·ζ_i,  z_i = (y_i, μ_i),  A_i = [[1 − ηκλ_i, −ηua], [cλ_i, a]],  b = (−ηκ, c),
 *     Cov ζ = Q = VᵀS(C/B_eff)SV.
 * The stationary law solves the discrete Lyapunov (Stein) equation Σ_z = A Σ_z Aᵀ + b Q bᵀ blockwise:
 *     Z_ij = A_i Z_ij A_jᵀ + Q_ij·bbᵀ   ⇒   vec Z_ij = Q_ij·(I − A_j ⊗ A_i)⁻¹ vec(bbᵀ),
 * so Σ_y = K ∘ Q (Hadamard) with K_ij = (Z_ij)₀₀/Q_ij; without a buffer K_ij = η²κ²/(1 − (1 − ηκλ_i)(1 − ηκλ_j)).
 * Then Σ = S·V·Σ_y·Vᵀ·S. It exists iff every A_i has spectral radius < 1 (Jury: |det| < 1, |tr| < 1 + det).
 *
 * Exponent. The chain's stationary law is Gaussian N(0, Σ) (exactly, for Gaussian ξ; for minibatches, by the central
 * limit over the many steps whose noise builds φ). The exit set is {½φᵀHφ ≥ ΔL}; the large-deviation rate of
 * reaching it is the least ½φᵀΣ⁻¹φ on the ellipsoid ½φᵀHφ = ΔL. Lagrange: Σ⁻¹φ = νHφ, so φ is an eigenvector of ΣH
 * with eigenvalue 1/ν and ½φᵀΣ⁻¹φ = νΔL, least for the largest eigenvalue:
 *     ln τ ≈ ΔΦ = ΔL / λ_max(HΣ),        the exit point φ_exit ∝ the top eigenvector of ΣH with ½φᵀHφ = ΔL,
 * and the stationary mean excess loss is E[½φᵀHφ] = ½tr(HΣ), its variance ½tr((HΣ)²) (a Gaussian quadratic form).
 * λ(HΣ) = λ(Λ^{1/2}Σ_yΛ^{1/2}) (a similarity), which is symmetric. The time unit: ΔΦ is the exponent of τ in any unit; the prefactor (not computed) is O(1/(ηλ)) iterations,
 * i.e. O(1/λ) in simulate's time t = η·k, so ln τ(t) = ΔΦ + O(ln ΔΦ) with no other η dependence at leading order.
 * SGD with C = cH: Σ = (ηc/B_eff)·(2 − ηH)⁻¹, ΔΦ = B_eff·ΔL·(2 − ηh_max)/(η·c·h_max) (the test's closed form).
 *
 * Slopes: ∂ΔΦ/∂B and ∂ΔΦ/∂(1/η) by central differences of the whole computation (relative step 1e-3; error
 * O(1e-6) relative); ∂B_eff/∂B = N(N − 1)/(N − B)² without replacement.
 */
import { symmetricEigen } from '../networks/spectrum.js';
import { QuadraticNotApplicable, preconditionerOf, type LinearChain } from './linear-chain.js';

export { QuadraticNotApplicable, preconditionerOf, type LinearChain } from './linear-chain.js';

export interface QuadraticEscapeInput {
  /** the Hessian at the minimum, row-major n×n */
  H: ArrayLike<number>;
  /** the per-example gradient covariance at the minimum, row-major n×n */
  C: ArrayLike<number>;
  n: number;
  /** η */
  lr: number;
  /** the effective batch: the batch-mean noise covariance is C/batchEff */
  batchEff: number;
  /** the exit's excess loss ΔL (null: no exponent) */
  dL: number | null;
  /** a discrete optimizer's name (scenario/schema.ts DISCRETE_OPTIMIZERS) and its resolved hyperparameters */
  optimizer: string;
  hyper: Readonly<Record<string, unknown>>;
  /** N, the examples minibatches are drawn from without replacement (for ∂/∂B); null or absent: B_eff = B */
  examples?: number | null;
}

export interface QuadraticEscape {
  /** the stationary covariance Σ of φ, row-major n×n */
  sigma: Float64Array;
  /** λ_max(HΣ) */
  lambdaMax: number;
  /** ΔΦ = ΔL/λ_max(HΣ) (null without ΔL) */
  exponent: number | null;
  /** the most likely exit point's displacement from the minimum (½φᵀHφ = ΔL), or the unit vector without ΔL */
  exitPoint: Float64Array;
  /** exitPoint normalised to length 1 */
  direction: Float64Array;
  /** E[½φᵀHφ] = ½tr(HΣ) */
  meanExcess: number;
  /** the standard deviation of ½φᵀHφ under N(0, Σ): √(½tr((HΣ)²)) */
  excessSd: number;
  /** the frozen preconditioner diag P */
  preconditioner: Float64Array;
  /** the chain's coefficients and what was assumed */
  chain: LinearChain;
  /** ∂ΔΦ/∂B, ∂ΔΦ/∂B_eff and ∂ΔΦ/∂(1/η) (null without ΔL) */
  slopes: { dLnTau_dB: number | null; dLnTau_dBatchEff: number | null; dLnTau_dInvLr: number | null };
}

/** eigenpairs of a symmetric matrix, ascending: values[k] and column k of vectors (row-major n×n); networks/spectrum.ts's, reversed */
export function symmetricEigenpairs(M: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const e = symmetricEigen(M, n);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    const k = n - 1 - col;
    values[col] = e.values[k];
    for (let i = 0; i < n; i++) vectors[i * n + col] = e.vectors[i * n + k];
  }
  return { values, vectors };
}

/** Aᵀ·M·A for row-major n×n M and A (A's columns the basis): (AᵀMA)_pq = Σ A_ip M_ij A_jq */
function congruence(A: ArrayLike<number>, M: ArrayLike<number>, n: number, transpose: boolean): Float64Array {
  // transpose = false: Aᵀ M A; true: A M Aᵀ
  const T = new Float64Array(n * n), out = new Float64Array(n * n);
  const a = (i: number, j: number) => (transpose ? A[j * n + i] : A[i * n + j]);
  for (let i = 0; i < n; i++) for (let q = 0; q < n; q++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += M[i * n + j] * a(j, q);
    T[i * n + q] = s;
  }
  for (let p = 0; p < n; p++) for (let q = p; q < n; q++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a(i, p) * T[i * n + q];
    out[p * n + q] = s; out[q * n + p] = s;
  }
  return out;
}

/** K_ij of the module comment: (Z_ij)₀₀ per unit Q_ij for modes λ_i, λ_j; NaN when the pair's equation is singular */
function pairGain(ch: LinearChain, eta: number, li: number, lj: number): number {
  const kappa = ch.u * ch.c + ch.w;
  if (ch.a === 0) return (eta * kappa) ** 2 / (1 - (1 - eta * kappa * li) * (1 - eta * kappa * lj));
  const Ai = [1 - eta * kappa * li, -eta * ch.u * ch.a, ch.c * li, ch.a]; // row-major 2×2
  const Aj = [1 - eta * kappa * lj, -eta * ch.u * ch.a, ch.c * lj, ch.a];
  const b = [-eta * kappa, ch.c];
  // M = I − A_j ⊗ A_i on column-major vec: (A_j ⊗ A_i)[(r·2+p), (s·2+q)] = A_j[r][s]·A_i[p][q]
  const M = new Float64Array(16), rhs = new Float64Array(4);
  for (let r = 0; r < 2; r++) for (let p = 0; p < 2; p++) for (let s = 0; s < 2; s++) for (let q = 0; q < 2; q++) {
    M[(r * 2 + p) * 4 + (s * 2 + q)] = (r * 2 + p === s * 2 + q ? 1 : 0) - Aj[r * 2 + s] * Ai[p * 2 + q];
  }
  for (let r = 0; r < 2; r++) for (let p = 0; p < 2; p++) rhs[r * 2 + p] = b[p] * b[r]; // vec(bbᵀ), column r row p
  return solve4(M, rhs)[0];
}

/** Gaussian elimination with partial pivoting on a 4×4 system */
function solve4(M: Float64Array, rhs: Float64Array): Float64Array {
  const A = Float64Array.from(M), x = Float64Array.from(rhs);
  for (let k = 0; k < 4; k++) {
    let piv = k;
    for (let i = k + 1; i < 4; i++) if (Math.abs(A[i * 4 + k]) > Math.abs(A[piv * 4 + k])) piv = i;
    if (piv !== k) {
      for (let j = 0; j < 4; j++) [A[k * 4 + j], A[piv * 4 + j]] = [A[piv * 4 + j], A[k * 4 + j]];
      [x[k], x[piv]] = [x[piv], x[k]];
    }
    for (let i = k + 1; i < 4; i++) {
      const f = A[i * 4 + k] / A[k * 4 + k];
      for (let j = k; j < 4; j++) A[i * 4 + j] -= f * A[k * 4 + j];
      x[i] -= f * x[k];
    }
  }
  for (let k = 3; k >= 0; k--) {
    let s = x[k];
    for (let j = k + 1; j < 4; j++) s -= A[k * 4 + j] * x[j];
    x[k] = s / A[k * 4 + k];
  }
  return x;
}

/** spectral radius of the mode-i matrix below 1 (Jury's conditions for the 2×2 case) */
function modeStable(ch: LinearChain, eta: number, l: number): boolean {
  const kappa = ch.u * ch.c + ch.w;
  if (ch.a === 0) return Math.abs(1 - eta * kappa * l) < 1;
  const tr = 1 - eta * kappa * l + ch.a, det = (1 - eta * kappa * l) * ch.a + eta * ch.u * ch.a * ch.c * l;
  return Math.abs(det) < 1 && Math.abs(tr) < 1 + det;
}

interface Core { sigma: Float64Array; sigmaY: Float64Array; lambda: Float64Array; V: Float64Array; S: Float64Array; chain: LinearChain }

/** Σ of the module comment for one (η, B_eff) */
function stationary(inp: QuadraticEscapeInput, lr: number, batchEff: number): Core {
  const { H, C, n } = inp;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = C[i * n + i] / batchEff;
  const chain = preconditionerOf(inp.optimizer, inp.hyper, v);
  const S = chain.P.map(Math.sqrt);
  const Hp = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hp[i * n + j] = S[i] * H[i * n + j] * S[j];
  const { values: lambda, vectors: V } = symmetricEigenpairs(Hp, n);
  lambda.forEach((l, i) => {
    if (modeStable(chain, lr, l)) return;
    throw new QuadraticNotApplicable(`the linearised ${chain.name} chain is unstable along mode ${i} (λ(P^{1/2}HP^{1/2}) = ${l.toPrecision(4)}, η = ${lr}): ` +
      `it has no stationary law at this minimum (${l <= 0 ? 'not a minimum along it' : 'η too large for this curvature'})`);
  });
  const SCS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) SCS[i * n + j] = (S[i] * C[i * n + j] * S[j]) / batchEff;
  const sigmaY = congruence(V, SCS, n, false);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
    const k = pairGain(chain, lr, lambda[i], lambda[j]);
    sigmaY[i * n + j] *= k;
    if (j !== i) sigmaY[j * n + i] = sigmaY[i * n + j];
  }
  const back = congruence(V, sigmaY, n, true); // V Σ_y Vᵀ
  const sigma = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sigma[i * n + j] = S[i] * back[i * n + j] * S[j];
  return { sigma, sigmaY, lambda, V, S, chain };
}

/** λ_max(HΣ), ½tr(HΣ) and the exit direction from Λ^{1/2}Σ_yΛ^{1/2} (module comment) */
function exitOf(core: Core, n: number, dL: number | null) {
  const { sigmaY, lambda, V, S } = core;
  const r = lambda.map((l) => Math.sqrt(Math.max(l, 0)));
  const M = new Float64Array(n * n);
  let trace = 0;
  for (let i = 0; i < n; i++) {
    trace += lambda[i] * sigmaY[i * n + i];
    for (let j = 0; j < n; j++) M[i * n + j] = r[i] * sigmaY[i * n + j] * r[j];
  }
  const e = symmetricEigenpairs(M, n);
  const lambdaMax = e.values[n - 1];
  // Var ½φᵀHφ = ½tr((HΣ)²) = ½Σ_k μ_k² (μ_k the eigenvalues of HΣ, those of M)
  const excessSd = Math.sqrt(0.5 * e.values.reduce((s, m) => s + m * m, 0));
  // y* ∝ Σ_y Λ^{1/2} w (w the top eigenvector of M), then φ = S V y*
  const t = new Float64Array(n), y = new Float64Array(n), phi = new Float64Array(n);
  for (let j = 0; j < n; j++) t[j] = r[j] * e.vectors[j * n + n - 1];
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += sigmaY[i * n + j] * t[j]; y[i] = s; }
  let excess = 0;
  for (let i = 0; i < n; i++) excess += 0.5 * lambda[i] * y[i] * y[i];
  for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k < n; k++) s += V[i * n + k] * y[k]; phi[i] = S[i] * s; }
  const norm = Math.hypot(...phi);
  const lead = phi.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
  const sign = lead < 0 ? -1 : 1;
  const direction = phi.map((x) => (sign * x) / norm);
  const exitPoint = dL === null ? Float64Array.from(direction) : phi.map((x) => sign * x * Math.sqrt(dL / excess));
  return { lambdaMax, meanExcess: 0.5 * trace, excessSd, direction, exitPoint };
}

const STEP = 1e-3;

/** ΔΦ at (η, B_eff) */
function exponentAt(inp: QuadraticEscapeInput, lr: number, batchEff: number): number {
  return inp.dL! / exitOf(stationary(inp, lr, batchEff), inp.n, inp.dL).lambdaMax;
}

/** The quadratic approximation's stationary covariance, exponent, exit point and slopes (module comment). */
export function quadraticEscape(inp: QuadraticEscapeInput): QuadraticEscape {
  const { n, lr, batchEff, dL } = inp;
  if (!(lr > 0) || !(batchEff > 0)) throw new RangeError(`quadraticEscape: lr and batchEff must be > 0 (got ${lr}, ${batchEff})`);
  const core = stationary(inp, lr, batchEff);
  const ex = exitOf(core, n, dL);
  const slopes: QuadraticEscape['slopes'] = { dLnTau_dB: null, dLnTau_dBatchEff: null, dLnTau_dInvLr: null };
  if (dL !== null) {
    const dB = (exponentAt(inp, lr, batchEff * (1 + STEP)) - exponentAt(inp, lr, batchEff * (1 - STEP))) / (2 * STEP * batchEff);
    const x = 1 / lr;
    const dX = (exponentAt(inp, 1 / (x * (1 + STEP)), batchEff) - exponentAt(inp, 1 / (x * (1 - STEP)), batchEff)) / (2 * STEP * x);
    const N = inp.examples ?? null;
    // B from B_eff = B(N − 1)/(N − B), then ∂B_eff/∂B = N(N − 1)/(N − B)²
    const B = N === null ? batchEff : (batchEff * N) / (N - 1 + batchEff);
    const jac = N === null ? 1 : (N * (N - 1)) / (N - B) ** 2;
    slopes.dLnTau_dBatchEff = dB;
    slopes.dLnTau_dB = dB * jac;
    slopes.dLnTau_dInvLr = dX;
  }
  return {
    sigma: core.sigma, lambdaMax: ex.lambdaMax, exponent: dL === null ? null : dL / ex.lambdaMax,
    exitPoint: ex.exitPoint, direction: ex.direction, meanExcess: ex.meanExcess, excessSd: ex.excessSd, preconditioner: core.chain.P,
    chain: core.chain, slopes,
  };
}

/**
 * The stationary solution of Σ = AΣAᵀ + Q (N×N, row-major) by doubling (Smith's method): Σ ← Σ + AΣAᵀ, A ← A², i.e.
 * Σ_k = Σ_{t<2^k} AᵗQ(Aᵀ)ᵗ; stops when the added term is below 1e-15 of Σ (or after 200 doublings). For checks on small
 * systems (O(N³) per doubling); quadraticEscape uses the modal solution above.
 */
export function solveStein(A: ArrayLike<number>, Q: ArrayLike<number>, N: number): Float64Array {
  let sigma = Float64Array.from(Q), a = Float64Array.from(A);
  const mul = (X: Float64Array, Y: Float64Array, tY: boolean) => {
    const out = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let k = 0; k < N; k++) {
      const x = X[i * N + k];
      if (x === 0) continue;
      for (let j = 0; j < N; j++) out[i * N + j] += x * (tY ? Y[j * N + k] : Y[k * N + j]);
    }
    return out;
  };
  for (let it = 0; it < 200; it++) {
    const add = mul(mul(a, sigma, false), a, true);
    let big = 0, small = 0;
    for (let i = 0; i < N * N; i++) { sigma[i] += add[i]; big = Math.max(big, Math.abs(sigma[i])); small = Math.max(small, Math.abs(add[i])); }
    if (small <= 1e-15 * big) break;
    a = mul(a, a, false);
  }
  sigma = sigma.map((_, idx) => 0.5 * (sigma[idx] + sigma[(idx % N) * N + Math.floor(idx / N)]));
  return sigma;
}
