/**
 * What a direct Monte Carlo run of a compiled problem will cost, before it starts (docs/scenarios.md, "Cost
 * estimate"). Pure and cheap: the steps follow from maxTime/dt and from the theory's mean first-passage time τ
 * (the 1-D exact quadrature, else the Kramers / Eyring–Kramers asymptotic; for a discrete optimizer its SDE limit)
 * under the exponential law of rare escapes, P(T > t) = e^{−t/τ}:
 *
 *   censored fraction          e^{−maxTime/τ}
 *   expected steps (one traj.) E[min(T, maxTime)]/dt = τ(1 − e^{−maxTime/τ})/dt      (≥ 1)
 *   total                      trajectories × expected steps, or × maxTime/dt when τ is unknown (the worst case)
 *
 * Rules (constants below):
 *   refuse  one trajectory expected to take more than REFUSE_STEPS_PER_TRAJECTORY steps (τ unknown: maxTime/dt),
 *           or the expected total above REFUSE_TOTAL_STEPS (τ known) — unless `force`;
 *   warn    the run predicted to take more than WARN_SECONDS at the nominal speed (τ unknown: its worst case),
 *           or more than WARN_CENSORED of the trajectories predicted to be censored.
 * It never throws: where the theory fails or is not available, τ and what follows from it are null.
 * Method "ams" does not censor and its cost is set by its replicas and runs: no estimate, no refusal.
 */
import { theoryOfSystem, type TheoryReport } from '../theory/scenario.js';
import type { EscapeProblem } from './problem.js';

/** Above this many steps for one trajectory (≈ 14 h at 2e7 steps/s) a run is refused unless forced. */
export const REFUSE_STEPS_PER_TRAJECTORY = 1e12;
/** Above this many expected steps in all (≈ 6 days at 2e7 steps/s on 1 core) a run is refused unless forced. */
export const REFUSE_TOTAL_STEPS = 1e13;
/** A run predicted to take longer than this (seconds, at the nominal speed) is warned about. */
export const WARN_SECONDS = 3600;
/** A run predicted to censor more than this fraction of its trajectories is warned about. */
export const WARN_CENSORED = 0.5;
/**
 * Nominal float64 speeds per core, steps/s, from docs/benchmarks.md (2-core EPYC VM, `cpu` backend): 1-D models
 * 1.7e7–7.5e7 (Adam example 1.7–1.9e7, discrete SGD 2.1e7, W1 7.5e7); the 3-D SGD example 1.3–1.6e6.
 */
export const NOMINAL_STEPS_PER_SECOND = { oneD: 2e7, nD: 1e6 } as const;

export interface CostOptions {
  /** run even when the estimate refuses: `refusal` is then left unset and its text becomes a warning */
  force?: boolean;
  /** cores the run will use (the workers backend's threads); default 1 */
  cores?: number;
  /** nominal steps/s per core; default NOMINAL_STEPS_PER_SECOND by dimension */
  stepsPerSecondPerCore?: number;
  /** trajectories this run will do (a shard's or a resumed run's share); default simulation.trajectories */
  trajectories?: number;
  /** the theory report of this problem when the caller has it (skips computing it again) */
  theory?: TheoryReport | null;
}

export interface CostEstimate {
  /** ⌈maxTime/dt⌉: the steps (iterations) of a censored trajectory */
  stepsPerTrajectoryMax: number;
  /** the theory's mean escape time τ (time units) used, and where it came from; null when there is none */
  mfpt: number | null;
  mfptSource: 'exact' | 'asymptotic' | null;
  /** expected steps of one trajectory, E[min(T, maxTime)]/dt; null when τ is unknown */
  expectedSteps: number | null;
  /** e^{−maxTime/τ}; null when τ is unknown */
  expectedCensoredFraction: number | null;
  /** trajectories × expectedSteps, or × stepsPerTrajectoryMax (the worst case) when τ is unknown */
  totalStepsExpected: number;
  /** totalStepsExpected at the nominal speed × cores */
  secondsExpected: number;
  /** the nominal speed used, steps/s in all */
  stepsPerSecond: number;
  /** one line saying how the estimate was made */
  basis: string;
  warnings: string[];
  /** set when the run should not start (not set when forced: the reason is then a warning) */
  refusal?: string;
}

/** τ from the theory report (exact first), in time units; +Infinity when only its log is finite (it overflows). */
function mfptOf(report: TheoryReport | null): { tau: number; source: 'exact' | 'asymptotic' } | null {
  if (!report) return null;
  for (const source of ['exact', 'asymptotic'] as const) {
    const t = report.mfpt[source], logT = report.logMfpt[source];
    if (t !== null && Number.isFinite(t) && t > 0) return { tau: t, source };
    if (logT !== null && logT > 700) return { tau: Infinity, source };
  }
  return null;
}

function theoryOf(problem: EscapeProblem, given: TheoryReport | null | undefined): TheoryReport | null {
  if (given !== undefined) return given;
  try {
    return theoryOfSystem(problem);
  } catch {
    return null; // an estimate never fails the run: without theory, τ is unknown
  }
}

/** E[min(T, M)] for T exponential with mean τ: τ(1 − e^{−M/τ}), written to stay finite for τ = ∞. */
function censoredMean(tau: number, M: number): number {
  const r = M / tau;
  return r < 1e-8 ? M * (1 - r / 2) : -tau * Math.expm1(-r);
}

const hours = (s: number) => (s >= 86400 ? `${(s / 86400).toPrecision(2)} days` : s >= 3600 ? `${(s / 3600).toPrecision(2)} h`
  : s >= 60 ? `${(s / 60).toPrecision(2)} min` : `${s.toPrecision(2)} s`);
const e3 = (x: number) => x.toPrecision(3);

/** The cost estimate of a compiled problem (compileScenario's result); see the module comment for the rules. */
export function estimateCost(problem: EscapeProblem, options: CostOptions = {}): CostEstimate {
  const sim = problem.scenario.simulation;
  const dt = problem.dt, N = options.trajectories ?? sim.trajectories;
  const cores = Math.max(1, Math.floor(options.cores ?? 1));
  const perCore = options.stepsPerSecondPerCore ?? (problem.dim === 1 ? NOMINAL_STEPS_PER_SECOND.oneD : NOMINAL_STEPS_PER_SECOND.nD);
  const rate = perCore * cores;
  const stepsMax = problem.maxSteps; // ⌈maxTime/dt⌉: the steps of a censored trajectory
  const none = { mfpt: null, mfptSource: null, expectedSteps: null, expectedCensoredFraction: null } as const;
  if (problem.ams) {
    return { stepsPerTrajectoryMax: stepsMax, ...none, totalStepsExpected: NaN, secondsExpected: NaN, stepsPerSecond: rate,
      basis: 'method ams: not estimated (AMS does not censor; its cost is set by its replicas and runs)', warnings: [] };
  }
  const m = mfptOf(theoryOf(problem, options.theory));
  let expectedSteps: number | null = null, censored: number | null = null;
  if (m) {
    expectedSteps = Math.max(1, Math.min(stepsMax, censoredMean(m.tau, sim.maxTime) / dt));
    censored = Math.exp(-sim.maxTime / m.tau);
  }
  const perTrajectory = expectedSteps ?? stepsMax;
  const total = N * perTrajectory;
  const seconds = total / rate;
  const speed = `${perCore.toExponential(0)} steps/s per core × ${cores} core${cores > 1 ? 's' : ''} (nominal)`;
  const basis = m
    ? `MFPT ${e3(m.tau)} (theory, ${m.source}${problem.discrete ? ', the SDE limit' : ''}) at dt ${dt}: ${e3(perTrajectory)} steps expected per trajectory, ` +
      `${(100 * censored!).toPrecision(2)}% censored at maxTime ${sim.maxTime}; ${N} trajectories ≈ ${e3(total)} steps ≈ ${hours(seconds)} at ${speed}`
    : `no MFPT from theory: at most ${e3(stepsMax)} steps per trajectory (maxTime/dt); ${N} trajectories ≤ ${e3(total)} steps ≤ ${hours(seconds)} at ${speed}`;
  const warnings: string[] = [];
  const refusals: string[] = [];
  if (perTrajectory > REFUSE_STEPS_PER_TRAJECTORY) {
    refusals.push(`one trajectory ${m ? 'is expected to take' : 'may take (maxTime/dt)'} ${e3(perTrajectory)} steps, more than ${REFUSE_STEPS_PER_TRAJECTORY.toExponential(0)} ` +
      `(≈ ${hours(perTrajectory / perCore)} at ${perCore.toExponential(0)} steps/s)`);
  }
  if (m && total > REFUSE_TOTAL_STEPS) {
    refusals.push(`${e3(total)} steps are expected in all, more than ${REFUSE_TOTAL_STEPS.toExponential(0)} (≈ ${hours(seconds)} at ${speed})`);
  }
  if (seconds > WARN_SECONDS && refusals.length === 0) {
    warnings.push(m ? `this run is predicted to take about ${hours(seconds)} (${e3(total)} steps at ${speed})`
      : `this run may take up to ${hours(seconds)} if few trajectories escape (${e3(total)} steps at ${speed}; theory gives no MFPT for this scenario)`);
  }
  if (m && censored! > WARN_CENSORED) {
    warnings.push(`theory's MFPT ${e3(m.tau)} is ${e3(m.tau / sim.maxTime)}× maxTime ${sim.maxTime}: about ${(100 * censored!).toPrecision(2)}% of the trajectories ` +
      `will be censored and the mean escape time will rest on the few that escape; raise maxTime (≥ 3·MFPT = ${e3(3 * m.tau)} censors 5%), lower the barrier, or use method "ams"`);
  }
  const out: CostEstimate = { stepsPerTrajectoryMax: stepsMax, mfpt: m?.tau ?? null, mfptSource: m?.source ?? null, expectedSteps,
    expectedCensoredFraction: censored, totalStepsExpected: total, secondsExpected: seconds, stepsPerSecond: rate, basis, warnings };
  if (refusals.length) {
    const text = `${refusals.join('; ')}: lower maxTime or trajectories, or raise dt (or run it anyway with the force option)`;
    if (options.force) warnings.unshift(`forced past the cost limit: ${text}`);
    else out.refusal = text;
  }
  return out;
}
