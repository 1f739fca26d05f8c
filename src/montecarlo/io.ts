/**
 * Per-trajectory output files (`simulate --out`), for re-analysis, checkpoints, resume and `merge`: JSON Lines
 * 'escapelab-trajectories/2' (self-describing, mergeable, appended as trajectories finish: trajectory-stream.ts),
 * read with bounded memory together with the older one-document 'escapelab-trajectories/1' (trajectory-read.ts),
 * or CSV (columns only). TrajectoryFile is the columns form in memory (the public API's; small runs).
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { TrajectoryResults } from './state.js';
import type { WorkSet } from './work.js';
import { TRAJECTORY_FORMAT, TRAJECTORY_FORMAT_2, statusCode, statusName, type SimulatedScenario } from './trajectory-format.js';
import { TrajectoryWriter } from './trajectory-stream.js';
import { readTrajectoryRun } from './trajectory-read.js';

export { TRAJECTORY_FORMAT, TRAJECTORY_FORMAT_2, statusName, type SimulatedScenario } from './trajectory-format.js';

/** A run's per-trajectory results as columns (every position of the work set; 'not-run' where none). */
export interface TrajectoryFile {
  format: typeof TRAJECTORY_FORMAT;
  scenario: SimulatedScenario;
  /** trajectories of the whole run (all shards) */
  total: number;
  work: WorkSet;
  complete: boolean;
  steps: number;
  seconds: number;
  backend: string;
  columns: { index: number[]; time: number[]; steps: number[]; status: string[]; boundary: number[] };
}

export function toFile(scenario: SimulatedScenario, total: number, work: WorkSet, r: TrajectoryResults, meta: { complete: boolean; steps: number; seconds: number; backend: string }): TrajectoryFile {
  return {
    format: TRAJECTORY_FORMAT, scenario, total, work, ...meta,
    columns: {
      index: Array.from(r.index), time: Array.from(r.time), steps: Array.from(r.steps),
      status: Array.from(r.status, statusName), boundary: Array.from(r.boundary),
    },
  };
}

export function resultsOf(f: TrajectoryFile): TrajectoryResults {
  const c = f.columns;
  return {
    index: Float64Array.from(c.index), time: Float64Array.from(c.time), steps: Float64Array.from(c.steps),
    status: Uint8Array.from(c.status, statusCode), boundary: Int16Array.from(c.boundary),
  };
}

/** Write atomically (temp file + rename), so an interrupted write never destroys a checkpoint. */
export function writeFileAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Throws, naming `option`, unless `path` can be written the way writeFileAtomically writes it (its temp file in
 * the same folder, then a rename onto a non-folder): run before any work, so that no result is computed for nothing.
 * Leaves an existing file untouched.
 */
export function checkWritable(path: string, option: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    let isDir = false;
    try { isDir = statSync(path).isDirectory(); } catch { /* absent: fine */ }
    if (isDir) throw new Error('it is a folder');
    writeFileSync(tmp, '');
    unlinkSync(tmp);
  } catch (e) {
    throw new Error(`${option}: cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Writes `f` as a format-2 file (or CSV for a .csv path): the rows of its finished trajectories and an end line. */
export function writeTrajectories(path: string, f: TrajectoryFile): void {
  const r = resultsOf(f);
  const w = TrajectoryWriter.create(path, { scenario: f.scenario, total: f.total, work: f.work }, (x) => x.writeFinished(r));
  try {
    w.end({ complete: f.complete, steps: f.steps, seconds: f.seconds, backend: f.backend });
  } finally {
    w.close();
  }
}

export function readJsonOf(path: string): unknown {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, ''); // a UTF-8 byte-order mark is not JSON, but harmless
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A trajectory file of either format as columns (resume and merge read with readTrajectoryRun: typed arrays). */
export function readTrajectories(path: string): TrajectoryFile {
  const run = readTrajectoryRun(path);
  return toFile(run.scenario, run.total, run.work, run.results, { complete: run.complete, steps: run.steps, seconds: run.seconds, backend: run.backend });
}

/** A parsed format-1 document, after checking its format (a format-2 file is JSON Lines: readTrajectories reads it). */
export function asTrajectoryFile(path: string, json: unknown): TrajectoryFile {
  const f = json as TrajectoryFile;
  if (f?.format === TRAJECTORY_FORMAT) return f;
  const v2 = (f?.format as string) === TRAJECTORY_FORMAT_2 ? ` (a '${TRAJECTORY_FORMAT_2}' file is JSON Lines: read it with readTrajectories)` : '';
  throw new Error(`${path}: not an escapelab trajectory file (format '${f?.format}', expected '${TRAJECTORY_FORMAT}')${v2}`);
}
