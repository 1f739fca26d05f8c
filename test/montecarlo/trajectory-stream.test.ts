/**
 * The streamed per-trajectory file (format 'escapelab-trajectories/2', src/montecarlo/trajectory-stream.ts and
 * trajectory-read.ts): bit-exact round trips of both formats, checkpoints that append only what is new, lines of
 * bounded size, a torn last line ignored (and cut off by a resumed writer), refusals of malformed files, bounded
 * memory for 10⁶ trajectories, and merges that name what is missing.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NOT_RUN, emptyResults, type TrajectoryResults } from '../../src/montecarlo/state.js';
import { TrajectoryWriter } from '../../src/montecarlo/trajectory-stream.js';
import { readTrajectoryRun } from '../../src/montecarlo/trajectory-read.js';
import { ROWS_PER_LINE, TRAJECTORY_FORMAT_2 } from '../../src/montecarlo/trajectory-format.js';
import { readTrajectories, toFile, writeTrajectories } from '../../src/montecarlo/io.js';
import { mergeTrajectoryFiles } from '../../src/montecarlo/merge.js';
import { shardOf, type WorkSet } from '../../src/montecarlo/work.js';
import { bytes } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-stream-'));
const scenario = { name: 'stream', simulation: { trajectories: 10, seed: 1 } } as never;

/** results of a work set with awkward numbers (subnormal, 1/3, huge), every status, and `notRun` positions NOT_RUN */
function resultsOf(w: WorkSet, notRun: (p: number) => boolean = () => false): TrajectoryResults {
  const r = emptyResults(w.count);
  for (let p = 0; p < w.count; p++) {
    const i = w.first + p * w.stride;
    r.index[p] = i;
    r.time[p] = [1 / 3, 5e-324, 1e300, 0.1 + 0.2, i * Math.PI][p % 5];
    r.steps[p] = 2 ** 40 + p;
    r.status[p] = notRun(p) ? NOT_RUN : 1 + (p % 3);
    r.boundary[p] = r.status[p] === 1 ? p % 2 : -1;
    // an unfinished position has no results: the zeros of a fresh run (engine.ts) and of a file read back
    if (r.status[p] === NOT_RUN) r.time[p] = r.steps[p] = r.boundary[p] = 0;
  }
  return r;
}

function same(a: TrajectoryResults, b: TrajectoryResults): void {
  for (const k of ['index', 'time', 'steps', 'status', 'boundary'] as const) expect(bytes(a[k]).equals(bytes(b[k])), k).toBe(true);
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');

describe('format 2: written in checkpoints, read back to the bit', () => {
  it('round trip with unfinished positions; steps and seconds are those of the end lines', () => {
    const w = shardOf(1000, { index: 2, of: 3 });
    const r = resultsOf(w, (p) => p % 7 === 3);
    const path = join(tmp, 'round.json');
    const out = TrajectoryWriter.create(path, { scenario, total: 1000, work: w });
    out.queue([0, 100]); out.queue([200, w.count]); out.flush(r);
    out.queue([100, 200]); out.flush(r);
    out.end({ complete: false, steps: 7, seconds: 1.5, backend: 'cpu' });
    out.close();
    const back = readTrajectoryRun(path);
    same(back.results, r);
    expect([back.format, back.total, back.work, back.steps, back.seconds, back.backend, back.notes]).toEqual([TRAJECTORY_FORMAT_2, 1000, w, 7, 1.5, 'cpu', []]);
    expect(back.finished).toBe(r.status.filter((s) => s !== NOT_RUN).length);
    expect(back.complete).toBe(false);
    // the public columns form reads it too
    expect(readTrajectories(path).columns.status.filter((s) => s === 'not-run').length).toBe(w.count - back.finished);
  });

  it('a checkpoint appends the rows finished since the last one and leaves the file before it untouched', () => {
    const w = shardOf(300);
    const r = resultsOf(w);
    const path = join(tmp, 'append.json');
    const out = TrajectoryWriter.create(path, { scenario, total: 300, work: w });
    out.queue([0, 120]); out.flush(r);
    const before = readFileSync(path), inode = statSync(path).ino;
    out.queue([120, 130]); out.flush(r);
    const after = readFileSync(path);
    expect(statSync(path).ino).toBe(inode); // the same file, not a rewritten copy
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const added = after.subarray(before.length).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(added.map((l) => l.rows.index)).toEqual([Array.from({ length: 10 }, (_, k) => 120 + k)]);
    out.close();
  });

  it('a line holds at most ROWS_PER_LINE rows, so no string grows with the run', () => {
    const n = 2 * ROWS_PER_LINE + 5, w = shardOf(n);
    const path = join(tmp, 'long.json');
    const out = TrajectoryWriter.create(path, { scenario, total: n, work: w });
    out.queue([0, n]); out.flush(resultsOf(w));
    out.close();
    expect(lines(path).slice(1).map((l) => JSON.parse(l).rows.index.length)).toEqual([ROWS_PER_LINE, ROWS_PER_LINE, 5]);
  });

  it('a torn last line is ignored with a note; a resumed writer cuts it off and appends after the last whole line', () => {
    const w = shardOf(40);
    const r = resultsOf(w);
    const path = join(tmp, 'torn.json');
    const out = TrajectoryWriter.create(path, { scenario, total: 40, work: w });
    out.queue([0, 20]); out.flush(r);
    out.close();
    const whole = statSync(path).size;
    appendFileSync(path, JSON.stringify({ rows: { index: [20, 21] } }).slice(0, 17)); // killed mid-write
    const torn = readTrajectoryRun(path);
    expect(torn.finished).toBe(20);
    expect(torn.validBytes).toBe(whole);
    expect(torn.notes.join()).toMatch(/torn\.json: ignored its last line .*no newline/);
    const again = TrajectoryWriter.reopen(path, torn.validBytes!);
    again.queue([20, 40]); again.flush(r);
    again.end({ complete: true, steps: 1, seconds: 1, backend: 'cpu' });
    again.close();
    const back = readTrajectoryRun(path);
    expect(back.notes).toEqual([]);
    same(back.results, r);
    expect(back.complete).toBe(true);
  });

  it('refuses a malformed line before the last, a trajectory given twice or outside the file\'s shard, naming the file', () => {
    const w = shardOf(10, { index: 0, of: 2 });
    const header = JSON.stringify({ format: TRAJECTORY_FORMAT_2, scenario, total: 10, work: w });
    const row = (i: number) => JSON.stringify({ rows: { index: [i], time: [1], steps: [1], status: ['exited'], boundary: [0] } });
    const cases: [string[], RegExp][] = [
      [[header, '{"rows": [', row(2)], /bad-0\.json, line 2: not valid JSON/],
      [[header, row(2), row(2)], /bad-1\.json: trajectory 2 appears twice/],
      [[header, row(3)], /bad-2\.json: trajectory 3 is not one of the file's trajectories/],
      [[header, JSON.stringify({ what: 1 }), row(2)], /bad-3\.json: a line that is neither rows nor an end line/],
      [[JSON.stringify({ format: 'escapelab-ams-runs/1' })], /bad-4\.json: not an escapelab trajectory file .*AMS run records/],
    ];
    cases.forEach(([content, message], k) => {
      const path = join(tmp, `bad-${k}.json`);
      writeFileSync(path, content.join('\n') + '\n');
      expect(() => readTrajectoryRun(path)).toThrow(message);
    });
  });

  it('format 1 files (one JSON document) are read the same way; writeTrajectories writes format 2', () => {
    const w = shardOf(50);
    const r = resultsOf(w, (p) => p > 40);
    const old = join(tmp, 'old.json'), now = join(tmp, 'now.json');
    const f = toFile(scenario, 50, w, r, { complete: false, steps: 3, seconds: 2, backend: 'workers' });
    writeFileSync(old, JSON.stringify(f));
    const back = readTrajectoryRun(old);
    same(back.results, r);
    expect([back.format, back.steps, back.seconds, back.backend, back.validBytes]).toEqual(['escapelab-trajectories/1', 3, 2, 'workers', null]);
    writeTrajectories(now, f);
    expect(JSON.parse(lines(now)[0]).format).toBe(TRAJECTORY_FORMAT_2);
    same(readTrajectoryRun(now).results, r);
  });

  it('CSV: the header, then the rows appended at each checkpoint', () => {
    const w = shardOf(6);
    const path = join(tmp, 'rows.csv');
    const out = TrajectoryWriter.create(path, { scenario, total: 6, work: w });
    const r = resultsOf(w);
    out.queue([0, 2]); out.flush(r);
    out.queue([2, 6]); out.flush(r);
    out.end({ complete: true, steps: 0, seconds: 0, backend: 'cpu' });
    out.close();
    const l = lines(path);
    expect(l[0]).toBe('index,time,steps,status,boundary');
    expect(l.slice(1).map((x) => Number(x.split(',')[0]))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Number(l[2].split(',')[1])).toBe(r.time[1]);
  });
});

describe('memory: bounded while writing and reading', () => {
  // The fixture writes and reads 10⁶ trajectories under a 32 MB JavaScript heap: the typed arrays live outside it,
  // a line is ROWS_PER_LINE rows. The one-string format-1 write of the same run needs several times that heap: the
  // control shows that the limit would catch a writer that holds the run as JS values.
  const child = promisify(execFile);
  const run = (how: string) => child(process.execPath, ['--max-old-space-size=32', '--import', 'tsx', 'test/montecarlo/stream-memory.fixture.ts', how, '1000000'], { maxBuffer: 1 << 24 })
    .then((r) => r.stdout.trim(), (e: { stdout?: string; stderr?: string }) => `failed: ${(e.stderr ?? '').split('\n').find((l) => /heap|memory|length/i.test(l)) ?? e.stdout}`);

  it('format 2 of 10⁶ trajectories in checkpoints within a 32 MB heap; the format-1 string does not fit', async () => {
    const [streamed, whole] = await Promise.all([run('format-2'), run('format-1')]);
    expect(streamed).toBe('ok 1000000');
    expect(whole).toMatch(/^failed: .*(heap|memory|length)/i);
  });
});

describe('merge names what is missing', () => {
  const write = (name: string, total: number, w: WorkSet, notRun?: (p: number) => boolean) => {
    const path = join(tmp, name);
    const out = TrajectoryWriter.create(path, { scenario, total, work: w }, (x) => x.writeFinished(resultsOf(w, notRun)));
    out.close();
    return path;
  };

  it('a shard absent: its i/n and the command that computes it; an unfinished shard: the --resume that continues it', () => {
    const s0 = write('m0.json', 30, shardOf(30, { index: 0, of: 3 }));
    const s1 = write('m1.json', 30, shardOf(30, { index: 1, of: 3 }), (p) => p >= 6);
    expect(() => mergeTrajectoryFiles([s0, s1])).toThrow(/14 of the 30 trajectories of the run are in no file \(2, 5, 8, 11, 14, 17, 19, 20, 22, 23, …/);
    let message = '';
    try { mergeTrajectoryFiles([s0, s1]); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('shard 2/3 is missing: compute it with `escapelab simulate --scenario <scenario> --shard 2/3 --out <file>`');
    expect(message).toContain(`${s1} (shard 1/3) holds 6 of its 10: continue it with \`escapelab simulate --scenario <scenario> --shard 1/3 --resume ${s1}\``);
    expect(message).not.toContain('m0.json (shard');
  });

  it('complete shards merge; a trajectory in two files is refused naming both', () => {
    const files = [0, 1].map((i) => write(`c${i}.json`, 9, shardOf(9, { index: i, of: 2 })));
    const m = mergeTrajectoryFiles(files);
    expect(Array.from(m.results.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.results.status.every((s) => s !== NOT_RUN)).toBe(true);
    expect(() => mergeTrajectoryFiles([files[0], files[1], files[1]])).toThrow(/c1\.json: trajectory 1 appears twice \(again in .*c1\.json\)/);
  });
});
