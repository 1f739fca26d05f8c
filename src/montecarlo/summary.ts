/**
 * The `simulate --json` summary (design.md §6) from per-trajectory results: mean escape time with a 95%
 * CI that respects censoring, counts, throughput, and — never averaged away — trajectories that blew up.
 */
import type { EscapeProblem } from '../scenario/compile.js';
import { mfptEstimate, type Interval } from '../stats/index.js';
import { BLOWUP, CENSORED, EXITED, NOT_RUN, type TrajectoryResults } from './state.js';

export interface Summary {
  scenario: string;
  model: string;
  convention: string;
  mfpt: { estimate: number; ci95: [number, number]; se: number; method: string } | null;
  /** the same in optimizer iterations (t/η), null for langevin */
  iterations: { estimate: number; ci95: [number, number] } | null;
  restrictedMean: Interval | null;
  exponential: (Interval & { rate: number }) | null;
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
    const e = mfptEstimate(times, cens);
    mfpt = { estimate: e.primary.estimate, ci95: e.primary.ci95, se: e.primary.se, method: e.primary.method };
    restricted = e.restrictedMean;
    exponential = e.exponential;
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
    warnings: [...c.warnings, ...(run.warnings ?? [])],
  };
}
