/**
 * The per-trajectory output of direct `simulate`: decided and checked before any work (plan), then streamed
 * (trajectory-stream.ts): a new --out gets the header and any resumed rows at once, `--resume F` alone (or with
 * --out F) continues F in place, and the rows of finished trajectories are appended and synced at checkpoints, at
 * the end and when the run is interrupted.
 */
import { existsSync } from 'node:fs';
import type { EscapeProblem } from '../scenario/problem.js';
import type { TrajectoryResults } from '../montecarlo/state.js';
import type { WorkSet } from '../montecarlo/work.js';
import { scenarioDifference } from '../montecarlo/merge.js';
import { readTrajectoryRun, type TrajectoryRun } from '../montecarlo/trajectory-read.js';
import { TrajectoryWriter } from '../montecarlo/trajectory-stream.js';
import { TRAJECTORY_FORMAT_2, type SessionEnd } from '../montecarlo/trajectory-format.js';
import { checkOutput, sameFile } from './outputs.js';

/**
 * Rows are appended and synced at least this often: what a SIGKILL can lose (the other signals lose nothing that
 * finished). ESCAPELAB_CHECKPOINT_SECONDS overrides it (0: after every block).
 */
export function checkpointSeconds(): number {
  const v = process.env.ESCAPELAB_CHECKPOINT_SECONDS;
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 20;
}

export interface OutputOptions { scenario: string; out?: string; resume?: string; force?: boolean }

export interface OutputPlan {
  /** where the rows go: --out, else the --resume file; none without either */
  out?: string;
  resumed?: TrajectoryRun;
  /** the output is the resumed file itself, already in format 2: appended to */
  append: boolean;
}

/**
 * The output path of `simulate` (either method): --out, else the --resume file, which a resumed run continues.
 * Checked first of all, before the scenario is even compiled (for AMS that can take a while).
 */
export function checkSimulateOutput(opts: OutputOptions): void {
  if (opts.resume && !existsSync(opts.resume)) throw new Error(`--resume: ${opts.resume} does not exist; give the --out file of the run to continue`);
  const out = opts.out ?? opts.resume;
  if (!out) return;
  checkOutput({
    option: opts.out ? '--out' : '--resume', path: out, force: !!opts.force,
    inputs: [{ path: opts.scenario, what: 'the scenario file' }], continues: opts.resume,
  });
}

/** The refusals about the resumed file and its run, before any work (the output path: checkSimulateOutput). */
export function planOutput(problem: EscapeProblem, work: WorkSet, opts: OutputOptions): OutputPlan {
  const out = opts.out ?? opts.resume;
  if (!opts.resume) return { out, append: false };
  let resumed: TrajectoryRun;
  try { resumed = readTrajectoryRun(opts.resume); } catch (e) { throw new Error(`--resume: ${(e as Error).message}`); }
  const diff = scenarioDifference(resumed.scenario, problem.scenario);
  if (diff) throw new Error(`--resume: ${opts.resume} was written by a run with ${diff} than this one`);
  const w = resumed.work;
  if (w.first !== work.first || w.stride !== work.stride || w.count !== work.count) {
    const name = (x: WorkSet) => (x.stride > 1 ? `shard ${x.first}/${x.stride}` : 'none (all trajectories)');
    throw new Error(`--resume: ${opts.resume} holds shard ${name(w)}, this run is shard ${name(work)}`);
  }
  for (const n of resumed.notes) process.stderr.write(`escapelab: note: ${n}\n`);
  const append = !!out && sameFile(out, opts.resume) && resumed.format === TRAJECTORY_FORMAT_2;
  return { out, resumed, append };
}

/** The writer of a run's output and its checkpoints; a no-op without --out. */
export class RunOutput {
  private writer: TrajectoryWriter | null = null;
  private results: TrajectoryResults | null = null;
  private last = performance.now();
  private closed = false;
  private readonly every = checkpointSeconds();

  constructor(plan: OutputPlan, header: { scenario: EscapeProblem['scenario']; total: number; work: WorkSet }) {
    if (!plan.out) return;
    const r = plan.resumed;
    if (plan.append) { this.writer = TrajectoryWriter.reopen(plan.out, r!.validBytes!); return; }
    this.writer = TrajectoryWriter.create(plan.out, header, (w) => {
      if (!r) return;
      w.writeFinished(r.results);
      // the earlier runs' work, so that the file's steps and seconds stay those of all its runs
      if (r.steps > 0 || r.seconds > 0) w.end({ complete: false, steps: r.steps, seconds: r.seconds, backend: r.backend });
    });
  }

  /** engine onFinished: the positions are written at the next checkpoint */
  finished(spans: readonly number[], results: TrajectoryResults): void {
    this.results = results;
    this.writer?.queue(spans);
  }

  /** engine onProgress: a checkpoint when the last one is checkpointSeconds() old */
  progress(): void {
    if (!this.writer || !this.results || (performance.now() - this.last) / 1000 < this.every) return;
    this.last = performance.now();
    this.writer.flush(this.results);
  }

  /** the rows still queued and this run's end line; then the file is closed */
  close(results: TrajectoryResults | null, end: SessionEnd): void {
    if (this.closed || !this.writer) return;
    this.closed = true;
    try {
      const r = results ?? this.results;
      if (r) this.writer.flush(r);
      this.writer.end(end);
    } finally {
      this.writer.close();
    }
  }
}
