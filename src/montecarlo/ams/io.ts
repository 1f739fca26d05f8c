/**
 * Run files of the rare-event solver (`simulate --method ams --out F`): the validated scenario, the runs of the
 * whole run (R) and of this file (a WorkSet, as direct Monte Carlo's shards), and the finished run records,
 * for checkpoints, `--resume` and `escapelab merge`. A record is stored whole, so that the estimate made from
 * the file is the one made from the records in memory, to the bit.
 */
import { readJsonOf, writeFileAtomically, type SimulatedScenario } from '../io.js';
import { indexAt, type WorkSet } from '../work.js';
import { formatOf } from '../trajectory-read.js';
import type { RunRecord } from './one-run.js';

export const AMS_RUNS_FORMAT = 'escapelab-ams-runs/1';

/** JSON has no NaN: an extinct run's reactive time (NaN) is stored as null */
type StoredRecord = Omit<RunRecord, 'reactive'> & { reactive: number | null };

export interface AmsRunFile {
  format: typeof AMS_RUNS_FORMAT;
  method: 'ams';
  scenario: SimulatedScenario;
  /** runs R of the whole run (all shards) */
  total: number;
  /** the runs this file is for: first, first + stride, … (shard i/n: i, i + n, …) */
  work: WorkSet;
  shard: string | null;
  /** every run of `work` is in `records` */
  complete: boolean;
  /** compute time of the records held (a resumed run adds its own) */
  seconds: number;
  backend: string;
  records: StoredRecord[];
}

export function workRuns(w: WorkSet): number[] {
  return Array.from({ length: w.count }, (_, p) => indexAt(w, p));
}

export function amsRunFile(scenario: SimulatedScenario, total: number, work: WorkSet, shard: string | null, records: readonly RunRecord[], meta: { seconds: number; backend: string }): AmsRunFile {
  const rs = [...records].sort((a, b) => a.run - b.run);
  return {
    format: AMS_RUNS_FORMAT, method: 'ams', scenario, total, work, shard, complete: rs.length === work.count, ...meta,
    records: rs.map((r) => ({ ...r, reactive: Number.isNaN(r.reactive) ? null : r.reactive })),
  };
}

export function writeAmsRunFile(path: string, f: AmsRunFile): void {
  writeFileAtomically(path, JSON.stringify(f));
}

export function recordsOf(f: AmsRunFile): RunRecord[] {
  return f.records.map((r) => ({ ...r, reactive: r.reactive ?? NaN }));
}

export function isAmsRunFile(json: unknown): boolean {
  return (json as { format?: unknown } | null)?.format === AMS_RUNS_FORMAT;
}

export function readAmsRunFile(path: string): AmsRunFile {
  // a direct file of format 2 is JSON Lines, not one document: name it before trying to parse it whole
  const format = formatOf(path);
  if (typeof format === 'string' && format.startsWith('escapelab-trajectories/')) return asAmsRunFile(path, { format });
  return asAmsRunFile(path, readJsonOf(path));
}

const isInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumbers = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** The file, after checking its form: each record a run of its work set, once. */
export function asAmsRunFile(path: string, json: unknown): AmsRunFile {
  const f = json as AmsRunFile;
  if (!isAmsRunFile(f)) {
    const format = (json as { format?: unknown } | null)?.format;
    throw new Error(`${path}: not an AMS run file (format '${String(format)}', expected '${AMS_RUNS_FORMAT}'${String(format).startsWith('escapelab-trajectories/') ? '; it holds direct Monte Carlo trajectories' : ''})`);
  }
  const w = f.work;
  if (f.method !== 'ams' || !isInt(f.total) || !w || !isInt(w.first) || !isInt(w.count) || !isInt(w.stride) || w.stride < 1 || !Array.isArray(f.records) || typeof f.scenario !== 'object') {
    throw new Error(`${path}: a malformed AMS run file (method, total, work, scenario or records)`);
  }
  const runs = new Set(workRuns(w).filter((r) => r < f.total));
  const seen = new Set<number>();
  for (const r of f.records) {
    const ok = r && isInt(r.run) && typeof r.p === 'number' && r.p >= 0 && r.p <= 1 && (r.reactive === null || typeof r.reactive === 'number') &&
      isInt(r.iterations) && isNumbers(r.failedLoops) && isNumbers(r.toLevel) && isInt(r.loopSteps) && isInt(r.amsSteps);
    if (!ok) throw new Error(`${path}: a malformed AMS run record (${JSON.stringify(r).slice(0, 80)}…)`);
    if (!runs.has(r.run)) throw new Error(`${path}: run ${r.run} is not one of the file's runs (${w.first}, ${w.first + w.stride}, … below ${f.total})`);
    if (seen.has(r.run)) throw new Error(`${path}: run ${r.run} appears twice`);
    seen.add(r.run);
  }
  return f;
}
