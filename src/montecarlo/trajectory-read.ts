/**
 * Reading per-trajectory files of both formats with bounded memory: 'escapelab-trajectories/1' (one JSON document,
 * the columns of every position) and 'escapelab-trajectories/2' (JSON Lines, trajectory-stream.ts), read line by
 * line. Rows go straight into typed arrays: no column of the whole file is ever held as JS values or one string.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { NOT_RUN, emptyResults, type TrajectoryResults } from './state.js';
import { indexAt, type WorkSet } from './work.js';
import {
  TRAJECTORY_FORMAT, TRAJECTORY_FORMAT_2, isCsvPath, statusCode,
  type Columns, type SessionEnd, type SimulatedScenario, type TrajectoryHeader,
} from './trajectory-format.js';

/** one line of a file: its text, whether it ends with a newline, and the byte offset just after it */
type LineFn = (text: string, terminated: boolean, endOffset: number) => void;

/** Calls `fn` for each line of the file, reading it in pieces (a line is held whole, a file never). */
export function forEachLine(path: string, fn: LineFn, stopAfterFirst = false): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let parts: Buffer[] = [], offset = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      let from = 0;
      for (let nl = buf.indexOf(10, from); nl >= 0 && nl < n; nl = buf.indexOf(10, from)) {
        parts.push(buf.subarray(from, nl));
        offset += nl - from + 1;
        fn(Buffer.concat(parts).toString('utf8'), true, offset);
        parts = [];
        from = nl + 1;
        if (stopAfterFirst) return;
      }
      if (from < n) parts.push(Buffer.from(buf.subarray(from, n)));
      offset += n - from;
    }
    if (parts.length > 0) fn(Buffer.concat(parts).toString('utf8'), false, offset);
  } finally {
    closeSync(fd);
  }
}

/** The `format` of the file's first line or whole document (format 1 and AMS files are one line), or undefined. */
export function formatOf(path: string): unknown {
  let format: unknown;
  forEachLine(path, (text) => {
    try { format = (JSON.parse(text) as { format?: unknown } | null)?.format; } catch { /* not JSON */ }
  }, true);
  return format;
}

/** What a scan of a file found besides its rows. */
export interface TrajectoryScan extends TrajectoryHeader {
  format: typeof TRAJECTORY_FORMAT | typeof TRAJECTORY_FORMAT_2;
  /** steps and seconds summed over the runs that wrote the file (their end lines); backend: the last one's */
  steps: number;
  seconds: number;
  backend: string;
  /** format 2: the bytes up to the end of the last whole line (where a resumed run appends); format 1: null */
  validBytes: number | null;
  /** what the reader set aside (a torn last line) */
  notes: string[];
}

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function checkHeader(path: string, h: Partial<TrajectoryHeader>): void {
  const w = h.work;
  if (typeof h.scenario !== 'object' || h.scenario === null || !isCount(h.total) || !w || !isCount(w.first) || !isCount(w.count) || !isCount(w.stride) || w.stride < 1) {
    throw new Error(`${path}: a malformed trajectory file (scenario, total or work)`);
  }
}

function notTrajectories(path: string, format: unknown): Error {
  const ams = format === 'escapelab-ams-runs/1' ? '; it holds AMS run records' : '';
  return new Error(`${path}: not an escapelab trajectory file (format '${String(format)}', expected '${TRAJECTORY_FORMAT_2}' or '${TRAJECTORY_FORMAT}'${ams})`);
}

/**
 * Reads a trajectory file of either format: `onHeader` gets the header and returns where its rows go (called for
 * each piece of at most ROWS_PER_LINE rows; positions never run are left out). A torn or unreadable last line of a
 * format-2 file is ignored with a note; any other malformed line is an error naming the file and line.
 */
export function scanTrajectoryFile(path: string, onHeader: (h: TrajectoryHeader) => (c: Columns) => void): TrajectoryScan {
  if (isCsvPath(path)) throw new Error(`${path}: CSV files hold only columns; resume and merge need the JSON form (--out run.json)`);
  let scan: TrajectoryScan | undefined, sink: ((c: Columns) => void) | undefined, lineNo = 0;
  let last: { text: string; terminated: boolean; end: number; lineNo: number } | undefined;
  const take = (text: string, terminated: boolean, end: number) => {
    lineNo++;
    if (lineNo === 1) { [scan, sink] = first(path, text, onHeader); if (scan.validBytes !== null) scan.validBytes = end; return; }
    if (text.trim() === '' && terminated) return;
    if (scan!.format !== TRAJECTORY_FORMAT_2) throw new Error(`${path}: a format-1 trajectory file is one JSON document; line ${lineNo} is extra`);
    if (last) apply(path, scan!, sink!, parseLine(path, last.text, last.lineNo), last.end);
    last = { text, terminated, end, lineNo };
  };
  forEachLine(path, take);
  if (!scan) throw new Error(`${path}: an empty file, not an escapelab trajectory file`);
  if (last) {
    let json: Line | undefined;
    try {
      if (!last.terminated) throw new Error('no newline at its end');
      json = parseLine(path, last.text, last.lineNo);
    } catch (e) {
      scan.notes.push(`${path}: ignored its last line (${Buffer.byteLength(last.text)} bytes; ${(e as Error).message}): the end of a write that was cut off; its trajectories count as not run`);
    }
    if (json) apply(path, scan, sink!, json, last.end);
  }
  return scan;
}

/** the first line: a format-2 header, or a whole format-1 document (its rows given to the sink at once) */
function first(path: string, text: string, onHeader: (h: TrajectoryHeader) => (c: Columns) => void): [TrajectoryScan, (c: Columns) => void] {
  let json: Record<string, unknown>;
  try { json = JSON.parse(text) as Record<string, unknown>; } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const format = json?.format;
  if (format !== TRAJECTORY_FORMAT && format !== TRAJECTORY_FORMAT_2) throw notTrajectories(path, format);
  const h = json as unknown as TrajectoryHeader;
  checkHeader(path, h);
  const sink = onHeader({ scenario: h.scenario as SimulatedScenario, total: h.total, work: h.work });
  const base = { scenario: h.scenario, total: h.total, work: h.work, notes: [] as string[] };
  if (format === TRAJECTORY_FORMAT_2) return [{ ...base, format, steps: 0, seconds: 0, backend: 'checkpoint', validBytes: 0 }, sink];
  const f = json as unknown as { columns: Columns; steps: number; seconds: number; backend: string };
  if (typeof f.columns !== 'object' || f.columns === null) throw new Error(`${path}: a malformed trajectory file (columns)`);
  sink(f.columns);
  return [{ ...base, format, steps: Number(f.steps) || 0, seconds: Number(f.seconds) || 0, backend: String(f.backend), validBytes: null }, sink];
}

type Line = { rows?: Columns; end?: SessionEnd };

function parseLine(path: string, text: string, lineNo: number): Line {
  try { return JSON.parse(text) as Line; } catch (e) {
    throw new Error(`${path}, line ${lineNo}: not valid JSON (${(e as Error).message})`);
  }
}

/** a line after the header: rows or the end line of a run */
function apply(path: string, scan: TrajectoryScan, sink: (c: Columns) => void, json: Line, end: number): void {
  if (json?.rows && typeof json.rows === 'object') sink(json.rows);
  else if (json?.end && typeof json.end === 'object') {
    scan.steps += Number(json.end.steps) || 0;
    scan.seconds += Number(json.end.seconds) || 0;
    scan.backend = String(json.end.backend);
  } else throw new Error(`${path}: a line that is neither rows nor an end line`);
  scan.validBytes = end;
}

/**
 * A sink that places rows into `r` at position `positionOf(index)` (−1: not this file's), refusing a malformed
 * row, a trajectory outside the set and one given twice; `counted` is called once per placed row.
 */
export function placeRows(path: string, r: TrajectoryResults, positionOf: (index: number) => number, counted?: (status: number) => void): (c: Columns) => void {
  const notRun = NOT_RUN; // a local: an imported binding is a getter call per row under some loaders
  return (c) => {
    const n = Array.isArray(c.index) ? c.index.length : -1;
    if (n < 0 || [c.time, c.steps, c.status, c.boundary].some((a) => !Array.isArray(a) || a.length !== n)) {
      throw new Error(`${path}: malformed rows (the columns index, time, steps, status and boundary must be arrays of one length)`);
    }
    for (let k = 0; k < n; k++) {
      const status = statusCode(c.status[k]);
      if (status === notRun) continue;
      const i = c.index[k], p = positionOf(i);
      if (p < 0) throw new Error(`${path}: trajectory ${i} is not one of the file's trajectories`);
      if (r.status[p] !== notRun) throw new Error(`${path}: trajectory ${i} appears twice`);
      if (typeof c.time[k] !== 'number' || typeof c.steps[k] !== 'number' || !Number.isInteger(c.boundary[k])) throw new Error(`${path}: a malformed row for trajectory ${i}`);
      r.time[p] = c.time[k]; r.steps[p] = c.steps[k]; r.status[p] = status; r.boundary[p] = c.boundary[k];
      counted?.(status);
    }
  };
}

/** position of trajectory index i in a work set, or −1 */
export function positionIn(w: WorkSet): (i: number) => number {
  return (i) => {
    if (!Number.isInteger(i) || i < w.first) return -1;
    const p = (i - w.first) / w.stride;
    return Number.isInteger(p) && p < w.count ? p : -1;
  };
}

/** A trajectory file read whole: the header, the results of its work set (NOT_RUN where none) and the scan. */
export interface TrajectoryRun extends TrajectoryScan {
  results: TrajectoryResults;
  /** trajectories with results */
  finished: number;
  /** every trajectory of the work set has its result */
  complete: boolean;
}

export function readTrajectoryRun(path: string): TrajectoryRun {
  let results: TrajectoryResults | undefined, finished = 0;
  const scan = scanTrajectoryFile(path, (h) => {
    results = emptyResults(h.work.count);
    results.status.fill(NOT_RUN);
    for (let p = 0; p < h.work.count; p++) results.index[p] = indexAt(h.work, p);
    return placeRows(path, results, positionIn(h.work), () => { finished++; });
  });
  return { ...scan, results: results!, finished, complete: finished === scan.work.count };
}
