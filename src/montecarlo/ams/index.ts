/**
 * The rare-event solver (simulation.method "ams"; docs/rare-events.md): for each of R runs, a chain of loops
 * gives n entrance points on Σ and loop durations (loops.ts), and one AMS run gives p̂ (run.ts); the loop
 * identity combines them into the mean first-passage time with its interval (stats/splitting.ts, through
 * estimate.ts). Runs are independent and keyed by their index, so the estimate is a pure function of
 * (scenario, seed): any set of runs can be computed apart (a shard), stopped and continued (resume), and the
 * records joined again (merge) with the same numbers.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { availableParallelism } from 'node:os';
import { ScenarioError } from '../../scenario/errors.js';
import { chainOf } from './chain.js';
import { oneRun, type RunRecord } from './one-run.js';
import { runsOnWorkers } from './pool.js';
import { amsOutcome, type AmsOutcome } from './estimate.js';

export { amsOutcome, type AmsOutcome } from './estimate.js';

/** `auto`: worker threads when there is more than one core and at least two runs per core. */
export function amsBackend(requested: string, runs: number): 'cpu' | 'workers' {
  if (requested === 'cpu' || requested === 'workers') return requested;
  if (requested !== 'auto') throw new ScenarioError([{ field: 'scenario.simulation.backend', message: `'ams' runs on 'cpu' or 'workers' (or 'auto'), not '${requested}'` }]);
  return availableParallelism() > 1 && runs >= 2 * availableParallelism() ? 'workers' : 'cpu';
}

export interface AmsRunOptions {
  /** on abort no new run starts; the finished ones are kept (computeRuns) */
  signal?: AbortSignal;
  backend?: string;
  workers?: number;
  /** the run indices to compute (a shard's); default all R */
  runs?: readonly number[];
  /** finished records of some of those runs (resume): kept, not computed again */
  done?: readonly RunRecord[];
  /** called as each run finishes (checkpoints) */
  onRun?: (r: RunRecord) => void;
  /**
   * `cpu`: compute the runs on one worker thread instead of this one (the same numbers), so that this thread stays
   * free to see signals: a run cannot be cut into slices, and one can take minutes. The command sets it.
   */
  offMainThread?: boolean;
}

export interface AmsRuns {
  /** the finished runs among those asked for, the given ones included, in run order */
  records: RunRecord[];
  /** the runs asked for that did not finish (an interrupted call); empty when complete */
  missing: number[];
  /** of this call */
  seconds: number;
  backend: 'cpu' | 'workers';
  workers: number;
}

/** The records given in `done` by run index, after checking that they are runs asked for, once each. */
function doneRuns(runs: readonly number[], R: number, done: readonly RunRecord[]): Map<number, RunRecord> {
  const wanted = new Set(runs);
  if (wanted.size !== runs.length || runs.some((r) => !Number.isInteger(r) || r < 0 || r >= R)) throw new Error(`internal: AMS run indices must be distinct integers in [0, ${R})`);
  const have = new Map<number, RunRecord>();
  for (const r of done) {
    if (!wanted.has(r.run) || have.has(r.run)) throw new Error(`resume: run ${r.run} is not one of this call's runs or is given twice`);
    have.set(r.run, r);
  }
  return have;
}

async function runsOnThisThread(problem: EscapeProblem, runs: readonly number[], signal: AbortSignal | undefined, onRun: (r: RunRecord) => void): Promise<void> {
  if (runs.length === 0) return;
  const c = chainOf(problem);
  for (const r of runs) {
    if (signal?.aborted) return;
    onRun(oneRun(c, r));
    // let the event loop breathe (Ctrl-C) between runs; a run itself is not interruptible
    await new Promise((res) => setImmediate(res));
  }
}

/** Computes the runs asked for that are not in `done`; an abort keeps every finished run and lists the rest as missing. */
export async function computeRuns(problem: EscapeProblem, opts: AmsRunOptions = {}): Promise<AmsRuns> {
  const ams = problem.ams;
  if (!ams) throw new Error('internal: the AMS solver needs problem.ams');
  const runs = opts.runs ?? Array.from({ length: ams.runs }, (_, r) => r);
  const have = doneRuns(runs, ams.runs, opts.done ?? []);
  const todo = runs.filter((r) => !have.has(r));
  const sim = problem.scenario.simulation;
  const backend = amsBackend(opts.backend ?? sim.backend, todo.length);
  const workers = backend === 'workers' ? (opts.workers ?? sim.workers ?? availableParallelism()) : 1;
  const onRun = (r: RunRecord) => { have.set(r.run, r); opts.onRun?.(r); };
  const t0 = performance.now();
  if (backend === 'workers' || opts.offMainThread) await runsOnWorkers(problem, todo, workers, opts.signal, onRun);
  else await runsOnThisThread(problem, todo, opts.signal, onRun);
  return {
    records: [...have.values()].sort((a, b) => a.run - b.run), missing: runs.filter((r) => !have.has(r)),
    seconds: (performance.now() - t0) / 1000, backend, workers,
  };
}

/** The estimate of the runs asked for (default all), with `done` not computed again; throws if interrupted. */
export async function solveAms(problem: EscapeProblem, opts: AmsRunOptions = {}): Promise<AmsOutcome> {
  const r = await computeRuns(problem, opts);
  if (r.missing.length) throw new Error(`interrupted after ${r.records.length} of ${r.records.length + r.missing.length} AMS runs`);
  return amsOutcome(problem, r.records, r);
}
