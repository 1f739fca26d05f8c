/**
 * Kramers / Eyring–Kramers asymptotics of the mean escape time, for every SDE model of design.md §3
 * (sources.md §4.1, §4.3, §7).
 *
 * For dθ = A dt + √(2𝒟) dW with the Itô drift A_ito = −P∇L, the field F = 𝒟⁻¹P∇L (= −𝒟⁻¹A_ito) is the
 * gradient of the quasi-potential Φ: ΔΦ = ∫_a^b F·dθ (exact in 1-D; in n-D taken along the straight
 * segment from the minimum a to the saddle b). Near a and b the dynamics is linear with constant 𝒟, and
 * Langer's flux-over-population argument for the density e^{−Φ} (Hänggi–Klimontovich convention) gives
 *
 *     τ_hanggi = (2π/λ₊)·√(|det Q_b| / det Q_a)·e^{ΔΦ},      Q_c = 𝒟_c⁻¹P_cH_c = ∂F/∂θ at c,
 *
 * λ₊ the unstable eigenvalue of the linearised drift at b (of −P_bH_b). The Itô SDE has the stationary
 * density e^{−Φ−Γ} with ∇Γ = 𝒟⁻¹∇·𝒟, so τ_ito = τ_hanggi·e^{ΔΓ}; in 1-D e^{ΔΓ} = 𝒟_b/𝒟_a.
 *
 * Special cases (tested): 1-D, Q = κ/𝒟 with κ = P|L''|, gives sources.md §4.3,
 *     τ_ito = 2π√(𝒟_b/(𝒟_a κ_a κ_b))·e^{ΔΦ},    τ_hanggi = 2π√(𝒟_a/(𝒟_b κ_a κ_b))·e^{ΔΦ};
 * Langevin (𝒟 = T·I) gives Eyring–Kramers (sources.md §4.1): τ = (2π/|λ_b|)·√(|det H_b|/det H_a)·e^{ΔL/T}.
 *
 * In 1-D two leading-order boundary factors are applied (each → 1 as the noise → 0): the exit e truncates
 * the Gaussian around b, Φ_N((e − b)√|Q_b|) (= ½ with the exit at the barrier top, sources.md §4.1), and a
 * reflecting wall r truncates the one around a, Φ_N((a − r)√Q_a).
 */
import { EigenvalueDecomposition, Matrix, determinant, solve } from 'ml-matrix';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Landscape } from '../landscapes/types.js';
import { buildModel, type Convention, type ModelSpec, type SDEModel } from '../dynamics/models.js';
import { gradedBreakpoints, integrate } from './quadrature/index.js';

export interface EscapePoints {
  /** the minimum a the escape starts from */
  minimum: number[];
  /** the index-1 saddle (1-D: barrier top) b */
  saddle: number[];
}

export interface AsymptoticResult {
  /** τ in time units (Infinity when it overflows; see logTime) */
  time: number;
  logTime: number;
  /** ΔΦ = ∫_a^b 𝒟⁻¹P∇L·dθ, the escape exponent (the same in both conventions) */
  exponent: number;
  /** τ / e^{ΔΦ} */
  prefactor: number;
  convention: Convention;
  minimum: number[];
  saddle: number[];
  /** λ₊: growth rate of the linearised drift along the unstable direction at b */
  unstableRate: number;
  /** det Q_a > 0 and det Q_b < 0, Q = 𝒟⁻¹PH */
  detQ: { minimum: number; saddle: number };
  /** e^{ΔΓ}: the Itô factor (1 in the Hänggi convention) */
  itoFactor: number;
  /** product of the 1-D Gaussian truncation factors at the exit and the wall (1 in n-D) */
  boundaryFactor: number;
  /** 1-D only: 𝒟 and the relaxation rate κ = P|L''| at a and b */
  oneD?: { diffusion: { minimum: number; saddle: number }; kappa: { minimum: number; saddle: number } };
  /** max over a, b of ‖Q − Qᵀ‖/‖Q‖ (0 for a locally reversible process; Langer's formula assumes it) */
  irreversibility: number;
  notes: string[];
}

/** Thrown when the asymptotic formula does not apply; the message says why. */
export class NotApplicable extends Error {}

interface Coefficients {
  n: number;
  /** Itô drift A(θ) */
  drift(x: Float64Array, out: Float64Array): void;
  /** 𝒟(θ) = ½σσᵀ, row-major */
  diffusion(x: Float64Array, out: Float64Array): void;
}

function coefficientsOf(model: SDEModel): Coefficients {
  const n = model.dim;
  if (n === 1) {
    const s = model.scalar();
    return {
      n,
      drift: (x, out) => { s.eval(x[0]); out[0] = s.a; },
      diffusion: (x, out) => { s.eval(x[0]); out[0] = s.d; },
    };
  }
  const v = model.vector();
  const sigma = new Float64Array(n * n), tmp = new Float64Array(n);
  return {
    n,
    drift: (x, out) => { sigma.fill(0); v.eval(x, out, sigma); },
    diffusion: (x, out) => {
      sigma.fill(0);
      v.eval(x, tmp, sigma);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += sigma[i * n + k] * sigma[j * n + k];
        out[i * n + j] = 0.5 * s;
      }
    },
  };
}

/** y = 𝒟⁻¹·r for a small symmetric positive 𝒟 (n×n row-major) */
function solveDiffusion(n: number, D: Float64Array, r: Float64Array, out: Float64Array): void {
  if (n === 1) { out[0] = r[0] / D[0]; return; }
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, D[i * n + j]);
  const y = solve(M, Matrix.columnVector(Array.from(r)));
  for (let i = 0; i < n; i++) out[i] = y.get(i, 0);
}

/** Jacobian ∂A_i/∂θ_j at c by central differences (h ∝ ε^{1/3}: truncation and rounding both ≈ 1e-10). */
function driftJacobian(co: Coefficients, c: readonly number[]): Matrix {
  const n = co.n;
  const x = Float64Array.from(c), ap = new Float64Array(n), am = new Float64Array(n);
  const J = new Matrix(n, n);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(c[j]));
    x[j] = c[j] + h; co.drift(x, ap);
    x[j] = c[j] - h; co.drift(x, am);
    x[j] = c[j];
    for (let i = 0; i < n; i++) J.set(i, j, (ap[i] - am[i]) / (2 * h));
  }
  return J;
}

/**
 * Points along the segment a→b (parameter s ∈ (0, 1)) where an eigenvalue of ∇²L changes sign: there
 * |∇²L| in the Hessian noise has a kink, which adaptive quadrature should not have to find.
 */
export function hessianSignChanges(L: Landscape, a: readonly number[], b: readonly number[], samples = 512): number[] {
  const n = L.dim;
  const H = new Float64Array(n * n), x = new Float64Array(n);
  const eigs = (s: number): number[] => {
    for (let i = 0; i < n; i++) x[i] = a[i] + s * (b[i] - a[i]);
    if (n === 1) return [L.scalar!.d2(x[0])];
    L.hessian(x, H);
    // only the signs are used: scale by the largest entry, or the solver's squares overflow (entries near 1e308
    // give NaN and ml-matrix then reads outside its arrays); a non-finite Hessian has no signs to report
    let scale = 0;
    for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(H[k]));
    if (!Number.isFinite(scale)) return new Array<number>(n).fill(Number.NaN);
    if (scale === 0) return new Array<number>(n).fill(0);
    const M = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, 0.5 * (H[i * n + j] / scale + H[j * n + i] / scale));
    return [...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues].sort((p, q) => p - q);
  };
  const out: number[] = [];
  let s0 = 0, e0 = eigs(0);
  for (let k = 1; k <= samples; k++) {
    const s1 = k / samples, e1 = eigs(s1);
    for (let i = 0; i < n; i++) {
      if (e0[i] === 0 || Math.sign(e0[i]) === Math.sign(e1[i])) continue;
      let lo = s0, hi = s1;
      const sLo = Math.sign(e0[i]);
      for (let it = 0; it < 60 && hi - lo > 1e-15; it++) {
        const mid = 0.5 * (lo + hi);
        if (Math.sign(eigs(mid)[i]) === sLo) lo = mid; else hi = mid;
      }
      out.push(0.5 * (lo + hi));
    }
    s0 = s1; e0 = e1;
  }
  return out.filter((s) => s > 0 && s < 1).sort((p, q) => p - q);
}

/**
 * ∫_0^1 g(a + s(b−a))·(b−a) ds for a vector field g given as g(x, out); `kinks` (parameters s) split the
 * range and are graded towards (quadrature/graded.ts): the spike of 1/𝒟 at a Hessian-noise kink is
 * resolved whatever its width.
 */
function lineIntegral(n: number, g: (x: Float64Array, out: Float64Array) => void, a: readonly number[], b: readonly number[], kinks: number[]): { value: number; error: number } {
  const x = new Float64Array(n), gv = new Float64Array(n);
  const f = (s: number) => {
    for (let i = 0; i < n; i++) x[i] = a[i] + s * (b[i] - a[i]);
    g(x, gv);
    let dot = 0;
    for (let i = 0; i < n; i++) dot += gv[i] * (b[i] - a[i]);
    return dot;
  };
  const r = integrate(f, 0, 1, { relTol: 1e-11, breakpoints: gradedBreakpoints(kinks, 0, 1) });
  return { value: r.value, error: r.error };
}

export interface AsymptoticOptions {
  /** 1-D only: absorbing exit level (enables the exit truncation factor) */
  exit?: number;
  /** 1-D only: reflecting wall (±Infinity or absent: none) */
  reflect?: number;
  /** extra kink locations along the segment (parameter s ∈ (0,1)); Hessian sign changes are found automatically for hessian noise; all are graded towards (quadrature/graded.ts) */
  breakpoints?: number[];
}

/** ΔΦ = ∫ 𝒟⁻¹(−A_ito)·dθ along the straight segment from the minimum a to the saddle b. */
function quasiPotentialBarrier(n: number, ito: Coefficients, a: readonly number[], b: readonly number[], kinks: number[]): number {
  const Dm = new Float64Array(n * n), A = new Float64Array(n), tmp = new Float64Array(n);
  const F = (x: Float64Array, out: Float64Array) => {
    ito.drift(x, A);
    ito.diffusion(x, Dm);
    for (let i = 0; i < n; i++) tmp[i] = -A[i];
    solveDiffusion(n, Dm, tmp, out);
  };
  const exponent = lineIntegral(n, F, a, b, kinks).value;
  if (!(exponent > 0)) throw new NotApplicable(`the escape exponent ΔΦ = ${exponent} is not positive: the saddle is not higher than the minimum in the quasi-potential`);
  return exponent;
}

/** The linearisations at a and b: 𝒟, ∂A, Q = −𝒟⁻¹∂A, checked to be a stable minimum and an index-1 saddle. */
function linearise(n: number, ito: Coefficients, a: readonly number[], b: readonly number[]) {
  const Da = new Float64Array(n * n), Db = new Float64Array(n * n);
  ito.diffusion(Float64Array.from(a), Da);
  ito.diffusion(Float64Array.from(b), Db);
  const Ja = driftJacobian(ito, a), Jb = driftJacobian(ito, b);
  const Q = (D: Float64Array, J: Matrix) => {
    const M = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, D[i * n + j]);
    return solve(M, J.clone().mul(-1));
  };
  const Qa = Q(Da, Ja), Qb = Q(Db, Jb);
  const eigA = new EigenvalueDecomposition(Ja), eigB = new EigenvalueDecomposition(Jb);
  if (eigA.realEigenvalues.some((re) => !(re < 0))) {
    throw new NotApplicable(`the point ${fmtPoint(a)} is not a stable minimum of the drift (eigenvalues of ∂A: ${eigA.realEigenvalues.map((v) => v.toPrecision(4)).join(', ')})`);
  }
  const unstable = eigB.realEigenvalues.map((re, i) => ({ re, im: eigB.imaginaryEigenvalues[i] })).filter((e) => e.re > 0);
  if (unstable.length !== 1 || Math.abs(unstable[0].im) > 1e-9 * unstable[0].re) {
    throw new NotApplicable(`the point ${fmtPoint(b)} is not an index-1 saddle of the drift (${unstable.length} unstable directions)`);
  }
  const detA = determinant(Qa), detB = determinant(Qb);
  if (!(detA > 0) || !(detB < 0)) throw new NotApplicable(`det Q at the minimum (${detA}) must be > 0 and at the saddle (${detB}) < 0`);
  const asym = (M: Matrix) => {
    const d = M.clone().sub(M.transpose()).norm('frobenius');
    return d / M.norm('frobenius');
  };
  return { Da, Db, Ja, Jb, Qa, Qb, lambdaPlus: unstable[0].re, detA, detB, irreversibility: Math.max(asym(Qa), asym(Qb)) };
}

/** The Itô factor e^{ΔΓ} (1-D: 𝒟(b)/𝒟(a); n-D: ∇Γ = 𝒟⁻¹∇·𝒟 along the segment, with a note on its limits). */
function itoFactorOf(spec: ModelSpec, L: Landscape, ito: Coefficients, lin: { Da: Float64Array; Db: Float64Array }, a: readonly number[], b: readonly number[], kinks: number[], notes: string[]): number {
  const n = L.dim;
  if (n === 1) return lin.Db[0] / lin.Da[0];
  const hanggi = coefficientsOf(buildModel({ ...spec, convention: 'hanggi' } as ModelSpec, L));
  const Ah = new Float64Array(n), Ai = new Float64Array(n), div = new Float64Array(n), D2 = new Float64Array(n * n);
  const G = (x: Float64Array, out: Float64Array) => {
    hanggi.drift(x, Ah); ito.drift(x, Ai); ito.diffusion(x, D2);
    for (let i = 0; i < n; i++) div[i] = Ah[i] - Ai[i]; // ∇·𝒟
    solveDiffusion(n, D2, div, out);
  };
  notes.push('n-D Itô factor e^{ΔΓ}, ∇Γ = 𝒟⁻¹∇·𝒟, integrated along the straight segment from the minimum to the saddle: exact only where 𝒟⁻¹(P∇L + ∇·𝒟) is a gradient field; a Monte Carlo check found it 28% low at ΔΦ ≈ 4 in 2-D, against 8% in 1-D (docs/theory.md); prefer the hanggi convention or simulate');
  return Math.exp(lineIntegral(n, G, a, b, kinks).value);
}

/** 1-D: the Gaussian truncation of the barrier-top and well integrals by the exit and the wall. */
function boundaryFactorOf(lin: ReturnType<typeof linearise>, a: readonly number[], b: readonly number[], opts: AsymptoticOptions): number {
  const side = Math.sign(b[0] - a[0]);
  let boundaryFactor = 1;
  if (opts.exit !== undefined) {
    const dist = side * (opts.exit - b[0]);
    if (dist < 0) throw new NotApplicable(`the exit ${opts.exit} lies before the barrier top ${b[0]}: the escape does not cross a barrier, so Kramers' formula does not apply`);
    boundaryFactor *= normalCdf(dist * Math.sqrt(-lin.Qb.get(0, 0)), 0, 1);
  }
  if (opts.reflect !== undefined && Number.isFinite(opts.reflect)) {
    boundaryFactor *= normalCdf(side * (a[0] - opts.reflect) * Math.sqrt(lin.Qa.get(0, 0)), 0, 1);
  }
  return boundaryFactor;
}

/**
 * Kramers (1-D) / Eyring–Kramers (n-D) mean escape time of `spec` on `L` from `points.minimum` over
 * `points.saddle`, in the model's convention. Throws NotApplicable (with the reason) when a or b is not a
 * non-degenerate minimum / index-1 saddle of the model's drift.
 */
export function escapeAsymptotics(spec: ModelSpec, L: Landscape, points: EscapePoints, opts: AsymptoticOptions = {}): AsymptoticResult {
  const n = L.dim;
  const { minimum: a, saddle: b } = points;
  if (a.length !== n || b.length !== n) throw new RangeError(`escapeAsymptotics: minimum and saddle need ${n} coordinates`);
  const convention: Convention = spec.model === 'langevin' ? (spec.convention ?? 'ito') : spec.convention;
  const ito = coefficientsOf(buildModel({ ...spec, convention: 'ito' } as ModelSpec, L));
  const notes: string[] = [];

  const kinks = [...(opts.breakpoints ?? [])];
  if (spec.model !== 'langevin' && spec.noise.kind === 'hessian') kinks.push(...hessianSignChanges(L, a, b));
  kinks.sort((p, q) => p - q);

  const exponent = quasiPotentialBarrier(n, ito, a, b, kinks);
  const lin = linearise(n, ito, a, b);
  const { lambdaPlus, detA, detB, irreversibility } = lin;
  if (irreversibility > 1e-6) {
    notes.push(`𝒟⁻¹PH is not symmetric at the minimum or saddle (relative asymmetry ${irreversibility.toPrecision(2)}): the process is not locally reversible and Langer's prefactor is an approximation`);
  }
  let logPrefactor = Math.log(2 * Math.PI / lambdaPlus) + 0.5 * (Math.log(-detB) - Math.log(detA));

  let itoFactor = 1;
  if (convention === 'ito' && spec.model !== 'langevin') {
    itoFactor = itoFactorOf(spec, L, ito, lin, a, b, kinks, notes);
    logPrefactor += Math.log(itoFactor);
  }

  let boundaryFactor = 1;
  let oneD: AsymptoticResult['oneD'];
  if (n === 1) {
    boundaryFactor = boundaryFactorOf(lin, a, b, opts);
    oneD = {
      diffusion: { minimum: lin.Da[0], saddle: lin.Db[0] },
      kappa: { minimum: -lin.Ja.get(0, 0), saddle: lin.Jb.get(0, 0) },
    };
  } else {
    notes.push('n-D: exponent along the straight segment from the minimum to the saddle; the exit is assumed to lie well beyond the saddle (no truncation factor)');
  }
  logPrefactor += Math.log(boundaryFactor);
  const logTime = logPrefactor + exponent;
  return {
    time: Math.exp(logTime), logTime, exponent, prefactor: Math.exp(logPrefactor), convention,
    minimum: [...a], saddle: [...b], unstableRate: lambdaPlus, detQ: { minimum: detA, saddle: detB },
    itoFactor, boundaryFactor, oneD, irreversibility, notes,
  };
}

function fmtPoint(x: readonly number[]): string {
  return `(${x.map((v) => v.toPrecision(6)).join(', ')})`;
}

/**
 * The minimum a and barrier top b that dominate the 1-D escape from `start` to `exit` (wall `reflect`,
 * possibly ±Infinity): with Φ' = −A_ito/𝒟 on a grid, b maximises Φ(y) − min_{z between the wall and y} Φ(z)
 * over y between start and exit (the Laplace point of Gardiner's double integral), a is that minimiser;
 * both are then refined to zeros of A_ito (critical points of L). Throws NotApplicable when either lies
 * on the boundary of the interval (no barrier to cross, or no well to escape from).
 */
export function escapePoints1D(spec: ModelSpec, L: Landscape, start: number, exit: number, reflect: number): EscapePoints {
  const ito = buildModel({ ...spec, convention: 'ito' } as ModelSpec, L).scalar();
  const side = Math.sign(exit - start);
  const lo = Number.isFinite(reflect) ? reflect : start - side * 3 * Math.max(1, Math.abs(exit - start));
  const N = 4000;
  const xs = Array.from({ length: N + 1 }, (_, k) => lo + ((exit - lo) * k) / N);
  const F = xs.map((x) => { ito.eval(x); return -ito.a / ito.d; });
  const A = (x: number) => { ito.eval(x); return ito.a; };
  const phi = new Float64Array(N + 1);
  for (let k = 1; k <= N; k++) phi[k] = phi[k - 1] + 0.5 * (F[k] + F[k - 1]) * (xs[k] - xs[k - 1]);
  let best = -Infinity, kb = -1, ka = -1, kmin = 0;
  for (let k = 0; k <= N; k++) {
    if (phi[k] < phi[kmin]) kmin = k;
    if (side * (xs[k] - start) < 0) continue;
    const gain = phi[k] - phi[kmin];
    if (gain > best) { best = gain; kb = k; ka = kmin; }
  }
  if (kb === N || kb < 0 || best <= 0) throw new NotApplicable(`no barrier between the start ${start} and the exit ${exit}: the quasi-potential rises all the way to the exit, so the exit sits on the slope and Kramers' formula does not apply`);
  if (ka === 0) throw new NotApplicable(`the quasi-potential is lowest at the ${Number.isFinite(reflect) ? 'wall' : 'edge of the searched range'} ${lo}: there is no well to escape from`);
  const refine = (k: number) => {
    // sign change of A between neighbouring nodes (A = 0 at critical points of L)
    for (const [l, r] of [[k - 1, k], [k, k + 1]]) {
      let p = xs[l], q = xs[r], ap = A(p);
      if (ap === 0) return p;
      if (Math.sign(ap) === Math.sign(A(q))) continue;
      for (let it = 0; it < 200 && Math.abs(q - p) > 4 * Number.EPSILON * Math.max(1, Math.abs(p)); it++) {
        const m = 0.5 * (p + q), am = A(m);
        if (am === 0) return m;
        if (Math.sign(am) === Math.sign(ap)) { p = m; ap = am; } else q = m;
      }
      return 0.5 * (p + q);
    }
    return xs[k];
  };
  return { minimum: [refine(ka)], saddle: [refine(kb)] };
}
