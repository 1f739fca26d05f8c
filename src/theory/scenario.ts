/**
 * The analytical answers for a scenario (design.md §6 `escapelab theory`): the exact mean first-passage
 * time by quadrature (1-D) and the Kramers / Eyring–Kramers asymptotic (1-D and n-D), in time units and
 * in iterations (t = η·k).
 */
import type { Convention, ModelSpec, SDEModel } from '../dynamics/models.js';
import { isLevelExit, type Passage } from '../dynamics/passage.js';
import type { Landscape } from '../landscapes/types.js';
import { exactMFPT1D } from './mfpt1d/index.js';
import { gradedBreakpoints } from './quadrature/index.js';
import { escapeAsymptotics, escapePoints1D, hessianSignChanges, NotApplicable, type AsymptoticResult, type EscapePoints } from './asymptotics.js';
import { selectivity, type Selectivity } from './exponents.js';
import { findCriticalPoint } from '../landscapes/critical.js';
import type { NetworkReport, NetworkSystem } from './network.js';

/** What the theory needs from a scenario (src/scenario's `compileSystem` returns it). */
export interface TheorySystem {
  name: string;
  landscape: Landscape;
  /** the SDE model (for a discrete optimizer its SDE limit); null when there is none (discrete ndadam) */
  model: SDEModel | null;
  passage: Passage;
  start: number[];
  dim: number;
  /** a network landscape's network and trained minimum (null or absent otherwise) */
  network?: NetworkSystem | null;
}

export interface TheoryReport {
  name: string;
  model: string;
  convention: Convention;
  dim: number;
  /** η (time units per iteration); null for langevin */
  lr: number | null;
  /** mean escape time in time units */
  mfpt: { exact: number | null; asymptotic: number | null };
  /** natural logs of the above (finite where the times overflow a double) */
  logMfpt: { exact: number | null; asymptotic: number | null };
  /** mean escape time in iterations, mfpt/η; null for langevin */
  iterations: { exact: number | null; asymptotic: number | null };
  /** ΔΦ of the asymptotic formula */
  exponent: number | null;
  /** τ_asymptotic / e^{ΔΦ} */
  prefactor: number | null;
  /** exact / asymptotic */
  ratio: number | null;
  /**
   * Eyring–Kramers is the leading order as the noise vanishes: exact/asymptotic = 1 + c₁/ΔΦ + O(ΔΦ⁻²) (Laplace's
   * method; docs/theory.md §3, "How fast the asymptotic becomes exact"). `timesExponent` = (ratio − 1)·ΔΦ ≈ c₁.
   */
  correction: { relative: number; timesExponent: number; note: string } | null;
  exact: { relError: number; method: string; panels: number; evaluations: number; milliseconds: number } | null;
  /** why `mfpt.exact` is null */
  exactReason?: string;
  asymptotic: AsymptoticResult | null;
  /** why `mfpt.asymptotic` is null */
  asymptoticReason?: string;
  selectivity: Selectivity;
  /** set when the scenario runs a discrete optimizer: the report is for its SDE limit (η → 0) */
  sdeLimitOf?: string;
  /** a network scenario: the network, its minimum, H and C there and the quadratic approximation (theory/network.ts) */
  network?: NetworkReport;
}

/**
 * Breakpoints for the exact MFPT on [lo, hi] (finite): the zeros of L'' (kinks of the Hessian noise |L''| + floor,
 * where the Hänggi drift jumps by η|L'''|/B), each bisected on the sign of L'' to adjacent doubles so that no
 * panel straddles the jump, and graded towards (quadrature/graded.ts) so that the spike of 1/𝒟 is resolved.
 */
function kinkBreakpoints1D(system: TheorySystem & { model: SDEModel }, lo: number, hi: number): number[] {
  const spec = system.model.spec;
  if (spec.model === 'langevin' || spec.noise.kind !== 'hessian') return [];
  const d2 = system.landscape.scalar!.d2;
  const kinks = hessianSignChanges(system.landscape, [lo], [hi], 2048).map((s) => {
    const x = lo + s * (hi - lo);
    let h = 1e-14 * Math.max(1, Math.abs(x));
    while (Math.sign(d2(x - h)) === Math.sign(d2(x + h)) && h < 1e-6 * (hi - lo)) h *= 2;
    let a = x - h, b = x + h;
    const sa = Math.sign(d2(a));
    if (sa === Math.sign(d2(b))) return x;
    for (let m = 0.5 * (a + b); m > a && m < b; m = 0.5 * (a + b)) if (Math.sign(d2(m)) === sa) a = m; else b = m;
    return b;
  });
  return gradedBreakpoints(kinks, lo, hi);
}

const COORDINATE_EXIT_NEEDED = 'the 1-D theory needs a coordinate exit { "var", "above" | "below" }; scenario.exit is an expression ' +
  '(write a linear exit on the coordinate as { "var": ... }, or simulate)';

function exactPart(system: TheorySystem & { model: SDEModel }): { result: TheoryReport['exact']; mfpt: number; logMfpt: number } | string {
  if (system.dim !== 1) return `the exact MFPT is computed by quadrature for 1-D scenarios only; this one has ${system.dim} dimensions (compare with the asymptotic value or simulate)`;
  const { exit, reflect } = system.passage;
  if (exit.length !== 1) return `the exact MFPT needs one absorbing exit with a reflecting wall or a natural boundary on the other side; this scenario has ${exit.length} exits`;
  if (reflect.length > 1) return `the exact MFPT supports at most one reflecting wall; this scenario has ${reflect.length}`;
  const e = exit[0], r = reflect[0];
  if (isLevelExit(e)) return COORDINATE_EXIT_NEEDED;
  if (r && r.side === e.side) return 'the reflecting wall lies on the same side as the exit; the exact MFPT needs it on the opposite side';
  const wall = r ? r.level : -e.side * Infinity;
  const co = system.model.coefficients1D();
  const t0 = performance.now();
  const lo = Math.max(Math.min(wall, e.level), -1e6), hi = Math.min(Math.max(wall, e.level), 1e6);
  const res = exactMFPT1D(
    { drift: co.drift, diffusion: co.diffusion, breakpoints: kinkBreakpoints1D(system, lo, hi) },
    { start: system.start[0], exit: e.level, reflect: wall },
  );
  const ms = performance.now() - t0;
  const outOfRange = exactOutOfRange(res.relError, res.logMfpt);
  if (outOfRange) return outOfRange;
  return {
    mfpt: res.mfpt, logMfpt: res.logMfpt,
    result: { relError: res.relError, method: res.method, panels: res.panels, evaluations: res.evaluations, milliseconds: ms },
  };
}

/**
 * A quadrature whose error bound is not below 100 % has no correct digit: report why instead of a number. It happens
 * when the noise is so weak that |ln τ| is huge: the log-space quadrature then rounds the differences of Φ = ∫A/𝒟 to
 * |ln τ|·2⁻⁵² and more, so that for |ln τ| ≳ 10¹⁴ not even the order of magnitude of τ survives.
 */
function exactOutOfRange(relError: number, logMfpt: number): string | null {
  if (relError < 1) return null;
  const bound = Number.isFinite(relError) ? `${relError.toExponential(1)} (100 % or more)` : 'not finite';
  const at = Number.isFinite(logMfpt) ? ` at ln τ ≈ ${logMfpt.toPrecision(3)}` : '';
  return `out of range: the quadrature's relative error bound is ${bound}${at}; the noise is too weak ` +
    'for the exact MFPT in double precision (the asymptotic, where given, is the answer in this regime)';
}

function escapePoints(system: TheorySystem & { model: SDEModel }): EscapePoints {
  const spec = system.model.spec as ModelSpec;
  const L = system.landscape;
  if (system.dim === 1) {
    const e = system.passage.exit;
    if (e.length !== 1) throw new NotApplicable(`1-D asymptotics need one exit; this scenario has ${e.length}`);
    if (isLevelExit(e[0])) throw new NotApplicable(COORDINATE_EXIT_NEEDED);
    const r = system.passage.reflect[0];
    return escapePoints1D(spec, L, system.start[0], e[0].level, r ? r.level : -e[0].side * Infinity);
  }
  if (L.known) return { minimum: [...L.known.minimum], saddle: [...L.known.saddle] };
  const m = findCriticalPoint(L, system.start);
  throw new NotApplicable(
    `n-D asymptotics need the minimum and the index-1 saddle; this landscape does not know its saddle ` +
    `(Newton from the start found ${m.converged ? `a critical point of index ${m.index}` : 'no critical point'}); use a built-in landscape with known points`,
  );
}

function asymptoticPart(system: TheorySystem & { model: SDEModel }): AsymptoticResult | string {
  try {
    const points = escapePoints(system);
    const spec = system.model.spec as ModelSpec;
    if (system.dim > 1) {
      for (const b of system.passage.exit) {
        // an expression exit {side·(f − c) ≥ 0} only needs f at the saddle: the formula does not see the exit's shape
        const at = isLevelExit(b) ? b.f.value(points.saddle) : points.saddle[b.index];
        if (b.side * (at - b.level) >= 0) {
          const what = isLevelExit(b) ? b.expr : system.landscape.vars[b.index];
          throw new NotApplicable(`the saddle ${points.saddle.map((v) => v.toPrecision(4)).join(', ')} lies inside the exit set ${what} ${b.side > 0 ? '≥' : '≤'} ${b.level}: the path exits before the barrier`);
        }
      }
    }
    const r = system.passage.reflect[0];
    return escapeAsymptotics(spec, system.landscape, points, system.dim === 1
      ? { exit: system.passage.exit[0].level, reflect: r ? r.level : undefined }
      : {});
  } catch (e) {
    if (e instanceof NotApplicable) return e.message;
    throw e;
  }
}

/** The theory report of a compiled scenario (`theoryOfSystem(compileSystem(json))`). */
export function theoryOfSystem(system: TheorySystem): TheoryReport {
  // a network: no saddle is known and Newton on the dense Hessian is costly (the cost estimate calls this); its theory
  // is the quadratic approximation at the trained minimum (theory/network.ts)
  if (!system.model || system.network) {
    const reason = system.network
      ? 'a network landscape: no SDE model or saddle here; its theory is the quadratic approximation at the trained minimum (the network part of this report); simulate it for the escape time'
      : 'this scenario has no SDE model (a discrete optimizer without an SDE limit in escapelab): simulate it instead';
    return {
      name: system.name, model: 'none', convention: 'ito', dim: system.dim, lr: null,
      mfpt: { exact: null, asymptotic: null }, logMfpt: { exact: null, asymptotic: null }, iterations: { exact: null, asymptotic: null },
      exponent: null, prefactor: null, ratio: null, correction: null, exact: null, exactReason: reason, asymptotic: null, asymptoticReason: reason,
      selectivity: { p: null, k: null, note: reason },
    };
  }
  return theoryOfModel(system as TheorySystem & { model: SDEModel });
}

/** The largest scale of Φ = ∫A/𝒟 (≈ ln τ) the 1-D routes are run at: 1.8e308 overflows, with a margin for the sums. */
const PHI_MAX = 1e303;

/**
 * 1-D: A/𝒟 must be a finite double between the start and the exit, or Φ = ∫A/𝒟 is ±∞ there and both routes go wrong
 * (the quadrature returns ln τ = −∞, the asymptotic sees "no barrier"). Say that the regime is out of range instead.
 */
function overflow1D(system: TheorySystem & { model: SDEModel }): string | null {
  const e = system.passage.exit[0];
  if (system.dim !== 1 || system.passage.exit.length !== 1 || isLevelExit(e)) return null;
  const co = system.model.coefficients1D();
  const x0 = system.start[0], span = Math.abs(e.level - x0);
  for (let k = 0; k <= 256; k++) {
    const x = x0 + ((e.level - x0) * k) / 256;
    const a = co.drift(x), d = co.diffusion(x);
    // |A/𝒟|·span bounds the scale of Φ on the path; past PHI_MAX its sums and exponents overflow on the way
    const scale = Math.abs(a / d) * span;
    if (d > 0 && !(scale <= PHI_MAX)) {
      return `out of range: the noise is too weak for double precision: |A/𝒟|·|exit − start| = ${scale.toPrecision(3)} at x = ${x.toPrecision(6)} ` +
        `(A = ${a.toPrecision(3)}, 𝒟 = ${d.toPrecision(3)}) exceeds ${PHI_MAX}, the largest scale of the quasi-potential Φ = ∫A/𝒟 (and of ln τ) computed here; raise the noise`;
    }
  }
  return null;
}

/** An asymptotic whose ln τ is not a finite double is no result (n-D: ΔΦ overflowed). */
function finiteAsymptotic(as: AsymptoticResult | string): AsymptoticResult | string {
  if (typeof as === 'string' || Number.isFinite(as.logTime)) return as;
  return `out of range: ln τ = ΔΦ + ln(prefactor) is not a finite double (ΔΦ = ${as.exponent}, prefactor ${as.prefactor}); the noise is too weak for double precision`;
}

function theoryOfModel(system: TheorySystem & { model: SDEModel }): TheoryReport {
  const spec = system.model.spec as ModelSpec;
  const lr = system.model.lr;
  const range = overflow1D(system);
  const ex = range ?? exactPart(system);
  const as = range ?? finiteAsymptotic(asymptoticPart(system));
  const exactT = typeof ex === 'string' ? null : ex.mfpt;
  const asymT = typeof as === 'string' ? null : as.time;
  const perIter = (t: number | null) => (t === null || lr === null ? null : t / lr);
  const report: TheoryReport = {
    name: system.name,
    model: spec.model,
    convention: system.model.convention,
    dim: system.dim,
    lr,
    mfpt: { exact: exactT, asymptotic: asymT },
    logMfpt: { exact: typeof ex === 'string' ? null : ex.logMfpt, asymptotic: typeof as === 'string' ? null : as.logTime },
    iterations: { exact: perIter(exactT), asymptotic: perIter(asymT) },
    exponent: typeof as === 'string' ? null : as.exponent,
    prefactor: typeof as === 'string' ? null : as.prefactor,
    ratio: typeof ex === 'string' || typeof as === 'string' ? null : Math.exp(ex.logMfpt - as.logTime),
    correction: null,
    exact: typeof ex === 'string' ? null : ex.result,
    asymptotic: typeof as === 'string' ? null : as,
    selectivity: selectivity(spec),
  };
  if (report.ratio !== null && report.exponent !== null) report.correction = correctionOf(report.ratio, report.exponent);
  if (typeof ex === 'string') report.exactReason = ex;
  if (typeof as === 'string') report.asymptoticReason = as;
  return report;
}

/** How far the asymptotic is from exact here, and what that means for a comparison with it. */
function correctionOf(ratio: number, exponent: number): NonNullable<TheoryReport['correction']> {
  const relative = ratio - 1, timesExponent = relative * exponent;
  return {
    relative, timesExponent,
    note: 'the asymptotic is the leading order as the noise vanishes: exact/asymptotic − 1 = O(1/ΔΦ) ' +
      `(here ${(100 * relative).toFixed(2)}%, (ratio − 1)·ΔΦ = ${timesExponent.toPrecision(3)}); a comparison with it must allow this ` +
      'correction or extrapolate in 1/ΔΦ',
  };
}
