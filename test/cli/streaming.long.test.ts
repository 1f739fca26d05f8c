/**
 * `simulate --out` of 2·10⁶ trajectories (a tiny maxTime: one or two steps each) streams its file: the process runs
 * under a 128 MB JavaScript heap, which the one-string format-1 write of the same run (≈ 170 MB of JS arrays and
 * string) cannot fit, and the file is valid: every trajectory once, in lines of at most ROWS_PER_LINE rows, appended
 * at the checkpoints. Slow (tens of seconds on 2 busy cores): run by `npm run test:long`.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTrajectoryRun, forEachLine } from '../../src/montecarlo/trajectory-read.js';
import { ROWS_PER_LINE } from '../../src/montecarlo/trajectory-format.js';
import { NOT_RUN } from '../../src/montecarlo/state.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-streaming-'));
const N = 2_000_000;

describe('2·10⁶ trajectories to --out', () => {
  it('within a 128 MB heap, a valid streamed file', async () => {
    const sc = join(tmp, 'tiny.json'), out = join(tmp, 'run.json');
    writeFileSync(sc, JSON.stringify({
      name: 'tiny', landscape: { expr: '(x^2-1)^2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 },
      dynamics: { model: 'langevin', temperature: 0.2 }, simulation: { trajectories: N, dt: 0.01, maxTime: 0.02, seed: 5, chunk: 4096, backend: 'cpu' },
    }));
    const r = await promisify(execFile)(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', 'src/cli/main.ts', 'simulate', '--scenario', sc, '--out', out, '--json'], {
      env: { ...process.env, ESCAPELAB_CHECKPOINT_SECONDS: '1' }, maxBuffer: 1 << 24,
    });
    expect(JSON.parse(r.stdout).trajectories).toBe(N);
    const f = readTrajectoryRun(out);
    expect([f.finished, f.complete, f.notes]).toEqual([N, true, []]);
    expect(f.results.status.includes(NOT_RUN)).toBe(false);
    const rows: number[] = [];
    let ends = 0;
    forEachLine(out, (text) => {
      const line = JSON.parse(text);
      if (line.rows) rows.push(line.rows.index.length);
      if (line.end) ends++;
    });
    expect(Math.max(...rows)).toBeLessThanOrEqual(ROWS_PER_LINE);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(N);
    expect(ends).toBe(1);
  });
});
