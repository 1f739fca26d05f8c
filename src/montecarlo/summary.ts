/**
 * The `simulate --json` summary (design.md §6) from per-trajectory results: mean escape time with a 95%
 * CI that respects censoring, counts, throughput, and — never averaged away — trajectories that blew up.
 * Heavy censoring (stats/mfpt.ts diagnoseCensoring: more than half censored, or a constant-hazard test that rejects)
 * turns `mfpt` into the restricted mean E[min(τ, T)], a lower bound (kind 'lower-bound', horizon T = maxTime), sets
 * `censoring.heavy` and adds a warning; the model-based numbers stay beside it (`exponential`, `exponentialTail`).
 */
import type { EscapeProblem } from '../scenario/compile.js';
import { escapeTimeEstimate, type CensoringDiagnosis, type HazardTest, type Interval, type MfptStatement } from '../stats/index.js';
import { BLOWUP, CENSORED, EXITED, NOT_RUN, type TrajectoryResults } from './state.js';

export interface Summary {
  scenario: string;
  model: string;
  convention: string;
  /**
   * the primary statement: kind 'mean' (an estimate of E[τ]), or kind 'lower-bound' under heavy censoring: the
   * restricted mean E[min(τ, horizon)] ≤ E[τ] with its interval, so E[τ] ≥ ci95[0] at 97.5% confidence
   */
  mfpt: MfptStatement | null;
  /** the same in optimizer iterations (t/η), null for langevin; a lower bound when mfpt.kind is 'lower-bound' */
  iterations: { estimate: number; ci95: [number, number] } | null;
  restrictedMean: Interval | null;
  /** the exponential MLE over the whole window (model-based: biased when escape is not yet exponential) */
  exponential: (Interval & { rate: number }) | null;
  /** model-based: E[min(τ, T)] + S(T)·(exponential mean fitted on [T/2, T]); null when not defensible (stats/censoring.ts) */
  exponentialTail: (Interval & { burnIn: number; events: number; hazardP: number | null }) | null;
  /** censored fraction, horizon, the heavy-censoring flag and what decided it; null when no mean is computed */
  censoring: (Omit<CensoringDiagnosis, 'hazard'> & { hazard: HazardSummary | null }) | null;
  escaped: number;
  censored: number;
  blowups: number;
  trajectories: number;
  notRun: number;
  byBoundary: number[];
  steps: number;
  stepsPerSecond: number;
  seconds: number;
  backend: string;
  workers: number;
  seed: number | string;
  dt: number;
  maxTime: number;
  integrator: string;
  /** simulation.coefficients: 'exact', or 'tabulated' (kernels/tabulated.ts) */
  coefficients: 'exact' | 'tabulated';
  bridge: boolean;
  shard: string | null;
  complete: boolean;
  error: string | null;
  warnings: string[];
}

/** the constant-hazard test of the heavy-censoring rule, as the summary reports it */
export interface HazardSummary {
  /** the window split: [0, split] vs (split, horizon] */
  split: number;
  earlyRate: number;
  lateRate: number;
  rateRatio: number;
  p: number;
}

const hazardSummary = (h: HazardTest | null): HazardSummary | null =>
  h === null ? null : { split: h.early.to, earlyRate: h.early.rate, lateRate: h.late.rate, rateRatio: h.rateRatio, p: h.p };

/** the warning of a heavily censored run: what decided it, what the primary now says, what the model says */
function heavyWarning(e: ReturnType<typeof escapeTimeEstimate>, n: number): string {
  const f = (x: number) => x.toPrecision(4), T = e.censoring.horizon!, p = e.primary;
  const model = [
    e.exponential
      ? `exponential fit ${f(e.exponential.estimate)} [${f(e.exponential.ci95[0])}, ${f(e.exponential.ci95[1])}]`
      : `no escapes, exponential model: MFPT ≥ ${f(e.model.ci95[0])} at 97.5% confidence`,
    e.tail ? `exponential tail after T/2 ${f(e.tail.estimate)} [${f(e.tail.ci95[0])}, ${f(e.tail.ci95[1])}]` : null,
  ].filter((x) => x !== null).join('; ');
  return `heavy censoring: ${e.censored} of ${n} trajectories (${(100 * e.censoring.fraction).toPrecision(3)}%) did not escape by ` +
    `maxTime = ${T} (${e.censoring.rule}). The mean escape time is not estimable without a model of escape beyond maxTime: ` +
    `mfpt is the restricted mean E[min(τ, ${T})] = ${f(p.estimate)} [${f(p.ci95[0])}, ${f(p.ci95[1])}], a lower bound ` +
    `(MFPT ≥ ${f(p.ci95[0])} at 97.5% confidence). Model-based, valid only if escape is exponential (from t = 0 for the ` +
    `fit, after T/2 for the tail): ${model}. ` +
    'Raise simulation.maxTime well above the mean escape time, or use --method ams.';
}

export function summarize(
  c: EscapeProblem,
  r: TrajectoryResults,
  run: { steps: number; seconds: number; backend: string; workers: number; shard?: string | null; warnings?: string[] },
): Summary {
  const sim = c.scenario.simulation;
  let escaped = 0, censored = 0, blowups = 0, notRun = 0, firstBlow = -1;
  const byBoundary = new Array(c.passage.exit.length).fill(0);
  for (let p = 0; p < r.status.length; p++) {
    const s = r.status[p];
    if (s === EXITED) { escaped++; byBoundary[r.boundary[p]]++; }
    else if (s === CENSORED) censored++;
    else if (s === BLOWUP) { blowups++; if (firstBlow < 0) firstBlow = p; }
    else if (s === NOT_RUN) notRun++;
  }
  const ran = escaped + censored + blowups;
  let error: string | null = null;
  let mfpt: Summary['mfpt'] = null, restricted: Interval | null = null, exponential: Summary['exponential'] = null;
  let exponentialTail: Summary['exponentialTail'] = null, censoring: Summary['censoring'] = null;
  const warnings: string[] = [];
  if (blowups > 0) {
    error = `${blowups} of ${ran} trajectories blew up (the state became NaN or ±Infinity), the first (trajectory ${r.index[firstBlow]}) ` +
      `at t = ${r.time[firstBlow]}: the drift or diffusion overflowed along the path. No mean is reported, since leaving them out ` +
      `would bias it; reduce simulation.dt (now ${sim.dt}) or check the landscape and noise far from the minimum.`;
  } else if (ran > 0) {
    const times = new Float64Array(ran), cens = new Uint8Array(ran);
    let q = 0;
    for (let p = 0; p < r.status.length; p++) {
      const s = r.status[p];
      if (s === EXITED || s === CENSORED) { times[q] = r.time[p]; cens[q] = s === CENSORED ? 1 : 0; q++; }
    }
    const e = escapeTimeEstimate(times, cens);
    mfpt = e.primary;
    restricted = e.restrictedMean;
    exponential = e.exponential;
    if (e.tail) {
      const { estimate, ci95, se, method, burnIn, events } = e.tail;
      exponentialTail = { estimate, ci95, se, method, burnIn, events, hazardP: e.tail.hazard?.p ?? null };
    }
    censoring = { ...e.censoring, hazard: hazardSummary(e.censoring.hazard) };
    if (e.censoring.heavy) warnings.push(heavyWarning(e, ran));
  }
  const lr = c.discrete ? c.dt : c.model!.lr;
  return {
    scenario: c.scenario.name,
    model: c.discrete ? `discrete ${c.discrete.optimizer}` : c.model!.spec.model,
    convention: c.model?.convention ?? 'ito',
    mfpt,
    iterations: mfpt && lr !== null ? { estimate: mfpt.estimate / lr, ci95: [mfpt.ci95[0] / lr, mfpt.ci95[1] / lr] } : null,
    restrictedMean: restricted,
    exponential,
    exponentialTail,
    censoring,
    escaped, censored, blowups,
    trajectories: ran,
    notRun,
    byBoundary,
    steps: run.steps,
    stepsPerSecond: run.seconds > 0 ? run.steps / run.seconds : 0,
    seconds: run.seconds,
    backend: run.backend,
    workers: run.workers,
    seed: sim.seed,
    dt: sim.dt,
    maxTime: sim.maxTime,
    integrator: sim.integrator,
    coefficients: sim.coefficients ?? 'exact',
    bridge: sim.bridge,
    shard: run.shard ?? null,
    complete: notRun === 0,
    error,
    warnings: [...c.warnings, ...(run.warnings ?? []), ...warnings],
  };
}
