/**
 * Gauss–Legendre rules and the spectral matrices used by the panel quadrature of the exact MFPT.
 *
 * On [−1, 1] with n Gauss nodes t_j and weights w_j:
 *  - Legendre coefficients of the interpolant p of values v_j (degree ≤ n−1):
 *      c_k = (k + ½) Σ_j w_j P_k(t_j) v_j        (exact: P_k·ℓ_j has degree ≤ 2n−2 < 2n)
 *  - integration matrix S: (S v)_i = ∫_{−1}^{t_i} p(t) dt,
 *      S_ij = w_j Σ_k (k + ½) P_k(t_j) I_k(t_i),  I_0(t) = t + 1,  I_k(t) = (P_{k+1}(t) − P_{k−1}(t))/(2k+1).
 * (Standard spectral-integration construction, e.g. Greengard, SIAM J. Numer. Anal. 28 (1991) 1071.)
 */

export interface GaussLegendreRule {
  readonly n: number;
  /** nodes on (−1, 1), ascending */
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
  /** n×n row-major integration matrix S (see above) */
  readonly integration: Float64Array;
  /** n×n row-major coefficient matrix C: c_k = Σ_j C[k·n + j] v_j */
  readonly coefficients: Float64Array;
}

/** P_0..P_{kmax}(t) by the three-term recurrence (k+1)P_{k+1} = (2k+1) t P_k − k P_{k−1}. */
export function legendreAll(kmax: number, t: number, out: Float64Array = new Float64Array(kmax + 1)): Float64Array {
  out[0] = 1;
  if (kmax >= 1) out[1] = t;
  for (let k = 1; k < kmax; k++) out[k + 1] = ((2 * k + 1) * t * out[k] - k * out[k - 1]) / (k + 1);
  return out;
}

/** Nodes and weights of the n-point Gauss–Legendre rule (Newton on P_n, Tricomi initial guesses). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussLegendre: n must be a positive integer, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    // i-th largest root
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      // P_n(t) and P_n'(t)
      let p0 = 1;
      let p1 = t;
      for (let k = 1; k < n; k++) {
        const p2 = ((2 * k + 1) * t * p1 - k * p0) / (k + 1);
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? t : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (t * pn - pnm1)) / (t * t - 1);
      const dt = pn / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) break;
    }
    // recompute derivative at the converged root
    let p0 = 1;
    let p1 = t;
    for (let k = 1; k < n; k++) {
      const p2 = ((2 * k + 1) * t * p1 - k * p0) / (k + 1);
      p0 = p1;
      p1 = p2;
    }
    const pn = n === 1 ? t : p1;
    const pnm1 = n === 1 ? 1 : p0;
    dp = (n * (t * pn - pnm1)) / (t * t - 1);
    const w = 2 / ((1 - t * t) * dp * dp);
    nodes[n - 1 - i] = t;
    weights[n - 1 - i] = w;
    nodes[i] = -t;
    weights[i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  return { nodes, weights };
}

const cache = new Map<number, GaussLegendreRule>();

/** Gauss–Legendre rule with its integration and coefficient matrices (cached per n). */
export function gaussLegendreRule(n: number): GaussLegendreRule {
  const hit = cache.get(n);
  if (hit) return hit;
  const { nodes, weights } = gaussLegendre(n);
  const P = new Float64Array(n + 1);
  // Pj[j*n + k] = P_k(t_j)
  const Pj = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    legendreAll(n, nodes[j], P);
    for (let k = 0; k < n; k++) Pj[j * n + k] = P[k];
  }
  const coefficients = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) coefficients[k * n + j] = (k + 0.5) * weights[j] * Pj[j * n + k];
  }
  const integration = new Float64Array(n * n);
  const Ik = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    legendreAll(n, nodes[i], P);
    Ik[0] = nodes[i] + 1;
    for (let k = 1; k < n; k++) Ik[k] = (P[k + 1] - P[k - 1]) / (2 * k + 1);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (k + 0.5) * Pj[j * n + k] * Ik[k];
      integration[i * n + j] = weights[j] * s;
    }
  }
  const rule: GaussLegendreRule = { n, nodes, weights, integration, coefficients };
  cache.set(n, rule);
  return rule;
}

/**
 * Size of the last two Legendre coefficients of the degree-(n−1) interpolant of v on the Gauss nodes,
 * |c_{n−1}| + |c_{n−2}|: a (conservative) estimate of the interpolation error in sup norm of a
 * smooth function resolved by the panel. Two coefficients because of even/odd symmetry.
 */
export function legendreTail(rule: GaussLegendreRule, v: ArrayLike<number>, offset = 0): number {
  const n = rule.n;
  const C = rule.coefficients;
  let a = 0;
  let b = 0;
  const r1 = (n - 1) * n;
  const r2 = (n - 2) * n;
  for (let j = 0; j < n; j++) {
    const x = v[offset + j];
    a += C[r1 + j] * x;
    if (n >= 2) b += C[r2 + j] * x;
  }
  return Math.abs(a) + Math.abs(b);
}

/**
 * Values at t = −τ and t = +τ (τ ≤ 1, close to the ends) of the Legendre interpolant of v, by the
 * three-term recurrence (k+1)P_{k+1} = (2k+1)tP_k − kP_{k−1}. Compared with the function there they expose
 * a kink or jump lying between a panel end and the outermost node, which the Legendre tail cannot see.
 */
export function legendreNearEnds(rule: GaussLegendreRule, v: ArrayLike<number>, tau: number): [number, number] {
  const n = rule.n;
  const C = rule.coefficients;
  let lo = 0;
  let hi = 0;
  let pPrev = 0;
  let p = 1; // P_k(τ); P_k(−τ) = (−1)^k P_k(τ)
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let j = 0; j < n; j++) c += C[k * n + j] * v[j];
    hi += c * p;
    lo += (k % 2 === 0 ? c : -c) * p;
    const next = ((2 * k + 1) * tau * p - k * pPrev) / (k + 1);
    pPrev = p;
    p = next;
  }
  return [lo, hi];
}
