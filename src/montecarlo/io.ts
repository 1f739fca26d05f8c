/**
 * Per-trajectory output files (`simulate --out`), for re-analysis, checkpoints, resume and `merge`.
 * JSON (self-describing, mergeable: carries the validated scenario and the work set) or CSV (columns only).
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Scenario as AnyScenario, SimulationSpec } from '../scenario/schema.js';

/** a scenario with its simulation block (every trajectory file has one) */
export type SimulatedScenario = AnyScenario & { simulation: SimulationSpec };
import { NOT_RUN, STATUS_NAMES, type TrajectoryResults } from './state.js';
import type { WorkSet } from './work.js';

export const TRAJECTORY_FORMAT = 'escapelab-trajectories/1';

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

export function statusName(s: number): string {
  return s === NOT_RUN ? 'not-run' : STATUS_NAMES[s];
}

function statusCode(name: string): number {
  if (name === 'not-run') return NOT_RUN;
  const i = (STATUS_NAMES as readonly string[]).indexOf(name);
  if (i < 0) throw new Error(`unknown trajectory status '${name}'`);
  return i;
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

export function writeTrajectories(path: string, f: TrajectoryFile): void {
  writeFileAtomically(path, path.endsWith('.csv') ? toCsv(f) : JSON.stringify(f));
}

export function readJsonOf(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function readTrajectories(path: string): TrajectoryFile {
  if (path.endsWith('.csv')) throw new Error(`${path}: CSV files hold only columns; resume and merge need the JSON form (--out run.json)`);
  return asTrajectoryFile(path, readJsonOf(path));
}

export function asTrajectoryFile(path: string, json: unknown): TrajectoryFile {
  const f = json as TrajectoryFile;
  if (f?.format !== TRAJECTORY_FORMAT) throw new Error(`${path}: not an escapelab trajectory file (format '${f?.format}', expected '${TRAJECTORY_FORMAT}')`);
  return f;
}

function toCsv(f: TrajectoryFile): string {
  const c = f.columns;
  const lines = ['index,time,steps,status,boundary'];
  for (let i = 0; i < c.index.length; i++) lines.push(`${c.index[i]},${c.time[i]},${c.steps[i]},${c.status[i]},${c.boundary[i]}`);
  return lines.join('\n') + '\n';
}
