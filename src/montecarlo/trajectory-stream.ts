/**
 * Streaming per-trajectory output (`simulate --out`): the file grows by appended lines as trajectories finish, so
 * that memory does not grow with the number of trajectories (the engine's typed arrays aside) and a checkpoint costs
 * only what finished since the last one. JSON Lines, format 'escapelab-trajectories/2':
 *
 *   {"format":"escapelab-trajectories/2","scenario":…,"total":N,"work":{"first":…,"stride":…,"count":…}}
 *   {"rows":{"index":[…],"time":[…],"steps":[…],"status":[…],"boundary":[…]}}      (at most ROWS_PER_LINE rows each)
 *   {"end":{"complete":…,"steps":…,"seconds":…,"backend":…}}                        (one per run that wrote the file)
 *
 * Rows are finished trajectories in the order they were saved (the index places them); a resumed run appends its
 * rows and its own end line. A line is written whole and the file fsync'd at each checkpoint; a torn last line (a
 * process killed mid-write) is ignored by the reader (trajectory-read.ts). `.csv` files get the same rows as CSV.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { NOT_RUN, type TrajectoryResults } from './state.js';
import { CSV_HEADER, ROWS_PER_LINE, TRAJECTORY_FORMAT_2, isCsvPath, statusName, type Columns, type SessionEnd, type TrajectoryHeader } from './trajectory-format.js';

function writeAll(fd: number, text: string): void {
  const b = Buffer.from(text, 'utf8');
  for (let off = 0; off < b.length;) off += writeSync(fd, b, off, b.length - off);
}

export class TrajectoryWriter {
  /** positions finished and not yet written, as flattened spans [begin, end) */
  private pending: number[] = [];
  private fd: number | null;

  private constructor(readonly path: string, fd: number, readonly csv: boolean) {
    this.fd = fd;
  }

  /**
   * A new file at `path`, replacing any there (the caller has checked that it may): the header and what `init`
   * writes (a resumed run's finished rows) go to a temporary file, synced and renamed onto `path`, so that `path`
   * is at every moment either the old file or a valid new one.
   */
  static create(path: string, h: TrajectoryHeader, init?: (w: TrajectoryWriter) => void): TrajectoryWriter {
    const tmp = `${path}.tmp-${process.pid}`;
    const csv = isCsvPath(path);
    const w = new TrajectoryWriter(path, openSync(tmp, 'w'), csv);
    try {
      w.line(csv ? CSV_HEADER : JSON.stringify({ format: TRAJECTORY_FORMAT_2, scenario: h.scenario, total: h.total, work: h.work }));
      init?.(w);
      fsyncSync(w.fd!);
      renameSync(tmp, path);
    } catch (e) {
      w.close();
      try { unlinkSync(tmp); } catch { /* already gone */ }
      throw e;
    }
    return w;
  }

  /** Continue a format-2 file (a run resumed into its own file): a torn last line is cut off first (validBytes). */
  static reopen(path: string, validBytes: number): TrajectoryWriter {
    const fd = openSync(path, 'r+');
    try { ftruncateSync(fd, validBytes); } finally { closeSync(fd); }
    return new TrajectoryWriter(path, openSync(path, 'a'), false);
  }

  private line(text: string): void {
    if (this.fd === null) throw new Error(`internal: ${this.path} is closed`);
    writeAll(this.fd, text + '\n');
  }

  /** positions that just finished (engine onFinished): written at the next flush */
  queue(spans: readonly number[]): void {
    for (let k = 0; k < spans.length; k += 2) {
      const n = this.pending.length;
      if (n > 0 && this.pending[n - 1] === spans[k]) this.pending[n - 1] = spans[k + 1];
      else this.pending.push(spans[k], spans[k + 1]);
    }
  }

  /** Append the rows of the queued positions (in position order) and sync: a checkpoint. */
  flush(r: TrajectoryResults): void {
    const spans: [number, number][] = [];
    for (let k = 0; k < this.pending.length; k += 2) spans.push([this.pending[k], this.pending[k + 1]]);
    this.pending = [];
    spans.sort((a, b) => a[0] - b[0]);
    this.rows(r, spans);
    if (this.fd !== null) fsyncSync(this.fd);
  }

  /** Append the rows of every finished position in [begin, end) (a resumed run's earlier results; writeTrajectories). */
  writeFinished(r: TrajectoryResults, begin = 0, end = r.status.length): void {
    this.rows(r, [[begin, end]]);
  }

  private rows(r: TrajectoryResults, spans: [number, number][]): void {
    let cols = emptyColumns();
    const notRun = NOT_RUN; // a local: an imported binding is a getter call per row under some loaders
    for (const [begin, end] of spans) {
      for (let p = begin; p < end; p++) {
        if (r.status[p] === notRun) continue;
        cols.index.push(r.index[p]); cols.time.push(r.time[p]); cols.steps.push(r.steps[p]);
        cols.status.push(statusName(r.status[p])); cols.boundary.push(r.boundary[p]);
        if (cols.index.length === ROWS_PER_LINE) { this.emit(cols); cols = emptyColumns(); }
      }
    }
    if (cols.index.length > 0) this.emit(cols);
  }

  private emit(c: Columns): void {
    if (!this.csv) { this.line(JSON.stringify({ rows: c })); return; }
    const out: string[] = [];
    for (let i = 0; i < c.index.length; i++) out.push(`${c.index[i]},${c.time[i]},${c.steps[i]},${c.status[i]},${c.boundary[i]}`);
    this.line(out.join('\n'));
  }

  /** The end line of this run (JSON only), synced. */
  end(e: SessionEnd): void {
    if (!this.csv) this.line(JSON.stringify({ end: { complete: e.complete, steps: e.steps, seconds: e.seconds, backend: e.backend } }));
    if (this.fd !== null) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

function emptyColumns(): Columns {
  return { index: [], time: [], steps: [], status: [], boundary: [] };
}
