/**
 * Globally adaptive Gauss–Kronrod G7–K15 quadrature (QUADPACK dqk15 rule inside the QAG strategy of
 * `adaptive.ts`), in two forms that share one adaptive loop:
 *
 *  - `integrate`: ∫_a^b f with Σ error ≤ max(absTol, relTol·|I|), with breakpoints and infinite limits
 *    (x = a + t/(1−t) maps [a, ∞) onto [0, 1)).
 *    Reference: Piessens, de Doncker-Kapenga, Überhuber, Kahaner, QUADPACK (Springer 1983), §2.2.
 *  - `integrateLog`: the same for a positive integrand given as log f. Every interval keeps its own
 *    scale m = max log f over its 15 nodes, so values like e^{−700} or e^{+700} never under/overflow;
 *    the total is a log-sum-exp over intervals.
 *
 * On a panel [c − h, c + h] with Kronrod nodes ±x_k: K = h Σ_k W^K_k f(c ± h x_k), G = h Σ_odd W^G f(c ± h x_k),
 * error = resasc·min(1, (200|K − G|/resasc)^{3/2}), floored at 50ε·resabs (QUADPACK).
 */
import { adaptiveBisection, buildSegments, type Partition, type Piece, type Segment, type Tally } from './adaptive.js';
import { logAddExp } from './logsumexp.js';

/* eslint-disable no-loss-of-precision -- QUADPACK's published digits, kept verbatim; each parses to the nearest double */
/** Kronrod nodes x_k (k = 0..7, descending from 0.99.. to 0) of the 15-point rule (QUADPACK dqk15). */
export const GK15_NODES: readonly number[] = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
/** Kronrod weights for the nodes above (the node 0 has weight GK15_WEIGHTS[7]). */
export const GK15_WEIGHTS: readonly number[] = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
/** Gauss 7-point weights for the Kronrod nodes 1, 3, 5, 7 (odd indices). */
export const G7_WEIGHTS: readonly number[] = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

/* eslint-enable no-loss-of-precision */

const EPS = Number.EPSILON;

export interface QuadOptions {
  /** relative error target (default 1e-10) */
  relTol?: number;
  /** absolute error target (default 0) */
  absTol?: number;
  /** maximum number of integrand evaluations (default 1e6) */
  maxEval?: number;
  /** points inside (a, b) where the integrand has kinks/jumps; the intervals are split there first */
  breakpoints?: readonly number[];
}

export interface QuadResult {
  value: number;
  /** estimated absolute error */
  error: number;
  evaluations: number;
  /** number of subintervals in the final partition */
  intervals: number;
  /** false when maxEval was reached or intervals could not be split further before the target */
  converged: boolean;
}

export interface LogQuadOptions {
  relTol?: number;
  /** absolute error target given as its logarithm (default −Infinity: none) */
  logAbsTol?: number;
  maxEval?: number;
  breakpoints?: readonly number[];
}

export interface LogQuadResult {
  /** log of the integral (−Infinity if the integrand is zero) */
  logValue: number;
  /** estimated relative error of exp(logValue) (= absolute error of logValue to first order) */
  relError: number;
  evaluations: number;
  intervals: number;
  converged: boolean;
}

/** QUADPACK's error heuristic: resasc·min(1, (200|K−G|/resasc)^{3/2}), floored at 50ε·resabs. */
function gkError(K: number, G: number, resabs: number, resasc: number): number {
  let err = Math.abs(K - G);
  if (resasc !== 0 && err !== 0) err = resasc * Math.min(1, Math.pow((200 * err) / resasc, 1.5));
  if (resabs > Number.MIN_VALUE / (50 * EPS)) err = Math.max(50 * EPS * resabs, err);
  return err;
}

// ---------------------------------------------------------------------------------------------
// Linear form: G7–K15 on one interval, running sums of value and error.

interface GKPiece extends Piece {
  value: number;
  error: number;
}

const fv = new Float64Array(15);

function gk15(f: (x: number) => number, seg: Segment, a: number, b: number, who: string): GKPiece {
  const c = 0.5 * (a + b);
  const hl = 0.5 * (b - a);
  const ev = (t: number): number => {
    const x = seg.map ? seg.map(t) : t;
    const y = f(x);
    if (!Number.isFinite(y)) throw new Error(`${who}: integrand is not finite at x = ${x} (got ${y})`);
    return seg.logJac ? y * Math.exp(seg.logJac(t)) : y;
  };
  const f0 = ev(c);
  fv[7] = f0;
  let K = GK15_WEIGHTS[7] * f0;
  let G = G7_WEIGHTS[3] * f0;
  let resabs = Math.abs(K);
  for (let k = 0; k < 7; k++) {
    const d = hl * GK15_NODES[k];
    const f1 = ev(c - d);
    const f2 = ev(c + d);
    fv[k] = f1;
    fv[14 - k] = f2;
    K += GK15_WEIGHTS[k] * (f1 + f2);
    resabs += GK15_WEIGHTS[k] * (Math.abs(f1) + Math.abs(f2));
    if (k % 2 === 1) G += G7_WEIGHTS[(k - 1) / 2] * (f1 + f2);
  }
  const mean = K / 2;
  let resasc = GK15_WEIGHTS[7] * Math.abs(f0 - mean);
  for (let k = 0; k < 7; k++) resasc += GK15_WEIGHTS[k] * (Math.abs(fv[k] - mean) + Math.abs(fv[14 - k] - mean));
  const ah = Math.abs(hl);
  const error = gkError(K * ah, G * ah, resabs * ah, resasc * ah);
  return { a, b, value: K * hl, error, seg };
}

/** Σ value and Σ error, updated by (children − parent) on each split and re-summed every 64 pieces. */
class LinearTally implements Tally<GKPiece> {
  value = 0;
  error = 0;
  constructor(
    private readonly absTol: number,
    private readonly relTol: number,
  ) {}
  start(first: readonly GKPiece[]): void {
    for (const p of first) {
      this.value += p.value;
      this.error += p.error;
    }
  }
  unmet(): boolean {
    return this.error > Math.max(this.absTol, this.relTol * Math.abs(this.value));
  }
  split(p: GKPiece, l: GKPiece, r: GKPiece, all: Partition<GKPiece>): void {
    this.value += l.value + r.value - p.value;
    this.error += l.error + r.error - p.error;
    // re-sum to stop drift of the running sums
    if (all.open % 64 === 0) this.finish(all);
  }
  finish(all: Partition<GKPiece>): void {
    let value = 0;
    let error = 0;
    all.forEach((q) => {
      value += q.value;
      error += q.error;
    });
    this.value = value;
    this.error = error;
  }
}

/**
 * ∫_a^b f(x) dx by globally adaptive G7–K15. a > b gives −∫_b^a; infinite limits are mapped to
 * finite parameter intervals; breakpoints split the range first (kinks, jumps, peaks).
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: QuadOptions = {}): QuadResult {
  const who = 'integrate';
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`${who}: limits must not be NaN`);
  if (a === b) return { value: 0, error: 0, evaluations: 0, intervals: 0, converged: true };
  if (a > b) {
    const r = integrate(f, b, a, opts);
    return { ...r, value: -r.value };
  }
  const relTol = opts.relTol ?? 1e-10;
  const absTol = opts.absTol ?? 0;
  const maxEval = opts.maxEval ?? 1_000_000;
  if (!(relTol >= 0) || !(absTol >= 0) || (relTol === 0 && absTol === 0))
    throw new RangeError(`${who}: need relTol ≥ 0, absTol ≥ 0, not both 0`);
  const segs = buildSegments(a, b, opts.breakpoints, who);
  const tally = new LinearTally(absTol, relTol);
  const run = adaptiveBisection(segs, (s, lo, hi) => gk15(f, s, lo, hi, who), (p) => p.error, tally, maxEval);
  return { value: tally.value, error: tally.error, evaluations: run.evaluations, intervals: run.intervals, converged: run.converged };
}

// ---------------------------------------------------------------------------------------------
// Log-space form: per-interval scale m = max log f, K and G of f̂ = e^{log f − m} ∈ (0, 1].

interface LogPiece extends Piece {
  logValue: number;
  logError: number;
}

const lv = new Float64Array(15);

function gk15Log(logf: (x: number) => number, seg: Segment, a: number, b: number, who: string): LogPiece {
  const c = 0.5 * (a + b);
  const hl = 0.5 * (b - a);
  const ev = (t: number): number => {
    const x = seg.map ? seg.map(t) : t;
    const y = logf(x);
    if (Number.isNaN(y) || y === Infinity) throw new Error(`${who}: log-integrand is ${y} at x = ${x}`);
    return seg.logJac ? y + seg.logJac(t) : y;
  };
  lv[7] = ev(c);
  for (let k = 0; k < 7; k++) {
    const d = hl * GK15_NODES[k];
    lv[k] = ev(c - d);
    lv[14 - k] = ev(c + d);
  }
  let m = -Infinity;
  for (let i = 0; i < 15; i++) if (lv[i] > m) m = lv[i];
  if (m === -Infinity) return { a, b, logValue: -Infinity, logError: -Infinity, seg };
  // scaled values f̂ = e^{log f − m} ∈ (0, 1]
  let K = 0;
  let G = 0;
  for (let i = 0; i < 15; i++) {
    const k = i <= 7 ? i : 14 - i;
    const v = Math.exp(lv[i] - m);
    lv[i] = v;
    K += GK15_WEIGHTS[k] * v;
    if (k % 2 === 1) G += G7_WEIGHTS[(k - 1) / 2] * v;
  }
  const mean = K / 2;
  let resasc = 0;
  for (let i = 0; i < 15; i++) {
    const k = i <= 7 ? i : 14 - i;
    resasc += GK15_WEIGHTS[k] * Math.abs(lv[i] - mean);
  }
  const err = gkError(K, G, K, resasc); // positive integrand: resabs = K
  const logh = Math.log(hl);
  return { a, b, logValue: m + logh + Math.log(K), logError: m + logh + Math.log(err), seg };
}

/**
 * log Σ value and log Σ error. Between re-sums (every 256 splits, or when the running sums lose
 * their scale) they are kept in linear space relative to a reference scale R (rescaled when a larger
 * piece appears), sv = Σ e^{logValue − R}, se = Σ e^{logError − R}, so that a bisected parent can be
 * subtracted exactly as in `integrate`.
 */
class LogTally implements Tally<LogPiece> {
  logValue = -Infinity;
  logError = -Infinity;
  private R = 0;
  private sv = 0;
  private se = 0;
  private sinceResum = 0;
  constructor(
    private readonly logAbsTol: number,
    private readonly logRel: number,
  ) {}
  /** log-sum-exp of value and error over the whole partition */
  private totals(all: Partition<LogPiece>): void {
    let lvS = -Infinity;
    let leS = -Infinity;
    all.forEach((q) => {
      lvS = logAddExp(lvS, q.logValue);
      leS = logAddExp(leS, q.logError);
    });
    this.logValue = lvS;
    this.logError = leS;
  }
  private resum(all: Partition<LogPiece>): void {
    this.totals(all);
    this.R = Math.max(this.logValue, this.logError);
    this.sv = Math.exp(this.logValue - this.R);
    this.se = Math.exp(this.logError - this.R);
    this.sinceResum = 0;
  }
  private rescale(to: number): void {
    this.sv *= Math.exp(this.R - to);
    this.se *= Math.exp(this.R - to);
    this.R = to;
  }
  start(_first: readonly LogPiece[], all: Partition<LogPiece>): void {
    this.resum(all);
  }
  unmet(): boolean {
    return this.logError > Math.max(this.logAbsTol, this.logRel + this.logValue);
  }
  split(p: LogPiece, l: LogPiece, r: LogPiece, all: Partition<LogPiece>): void {
    if (++this.sinceResum >= 256 || !Number.isFinite(this.R)) {
      this.resum(all);
      return;
    }
    const top = Math.max(l.logValue, r.logValue, l.logError, r.logError);
    if (top > this.R + 300) this.rescale(top);
    const R = this.R;
    this.sv += Math.exp(l.logValue - R) + Math.exp(r.logValue - R) - Math.exp(p.logValue - R);
    this.se += Math.exp(l.logError - R) + Math.exp(r.logError - R) - Math.exp(p.logError - R);
    const { sv, se } = this;
    if (!(sv > 0) || !(se > 0) || sv < 1e-200 || se < 1e-200) this.resum(all);
    else {
      this.logValue = R + Math.log(sv);
      this.logError = R + Math.log(se);
    }
  }
  finish(all: Partition<LogPiece>): void {
    this.totals(all);
  }
}

/**
 * log ∫_a^b f(x) dx for a non-negative integrand given as logf(x) = log f(x) (−Infinity where f = 0),
 * by globally adaptive G7–K15 with per-interval scaling. Requires a < b (a, b may be infinite).
 */
export function integrateLog(logf: (x: number) => number, a: number, b: number, opts: LogQuadOptions = {}): LogQuadResult {
  const who = 'integrateLog';
  if (!(a < b)) throw new RangeError(`${who}: need a < b, got a = ${a}, b = ${b}`);
  const relTol = opts.relTol ?? 1e-10;
  const logAbsTol = opts.logAbsTol ?? -Infinity;
  const maxEval = opts.maxEval ?? 1_000_000;
  if (!(relTol > 0)) throw new RangeError(`${who}: relTol must be > 0`);
  const logRel = Math.log(relTol);
  const segs = buildSegments(a, b, opts.breakpoints, who);
  const tally = new LogTally(logAbsTol, logRel);
  const run = adaptiveBisection(segs, (s, lo, hi) => gk15Log(logf, s, lo, hi, who), (p) => p.logError, tally, maxEval);
  const { logValue, logError } = tally;
  const relError = logValue === -Infinity ? 0 : Math.exp(logError - logValue);
  return { logValue, relError, evaluations: run.evaluations, intervals: run.intervals, converged: run.converged };
}
