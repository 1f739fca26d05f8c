/**
 * `escapelab simulate` under SIGINT, SIGTERM and SIGHUP, as a real child process (docs/cli.md, "Signals"): each stops
 * the run within a second on `cpu` (inside a block that never ends), `workers` and `--method ams`, exits 130 and
 * leaves a valid --out file; a run stopped by SIGTERM and continued with `--resume F` gives the per-trajectory
 * results of an uninterrupted run to the bit.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrajectoryRun } from '../../src/montecarlo/trajectory-read.js';
import { readAmsRunFile } from '../../src/montecarlo/ams/io.js';
import { NOT_RUN } from '../../src/montecarlo/state.js';
import { bytes, escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-signals-'));

function scenarioFile(name: string, sc: object): string {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify({ name, ...sc }));
  return f;
}
/** a double well at T = 0.01: escape rate e^{-100}, so no trajectory ends while the tests run */
const never = scenarioFile('never', {
  landscape: { expr: '(x^2-1)^2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -2 },
  dynamics: { model: 'langevin', temperature: 0.01 }, simulation: { trajectories: 8, dt: 0.01, maxTime: 1e12, seed: 1 },
});

interface Stopped { code: number | null; stdout: string; stderr: string; stopMs: number }

/**
 * Runs `escapelab ARGS`, and once `ready(out)` holds sends `signals` (the second 20 ms after the first); stopMs: from
 * the first signal to the exit.
 */
function stopped(args: string[], signals: NodeJS.Signals[], ready: () => boolean, env: NodeJS.ProcessEnv = {}): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '', stderr = '', at = 0;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      at = performance.now();
      child.kill(signals[0]);
      if (signals[1]) setTimeout(() => child.kill(signals[1]), 20);
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => { clearInterval(poll); resolve({ code, stdout, stderr, stopMs: performance.now() - at }); });
  });
}

/** the file exists, and the run has had `ms` to get going */
function existsFor(path: string, ms: number): () => boolean {
  let since = 0;
  return () => {
    try { statSync(path); } catch { return false; }
    since ||= performance.now();
    return performance.now() - since >= ms;
  };
}

describe('a signal stops the run within a second, keeps a valid --out and exits 130', () => {
  it('SIGINT on cpu, inside a block that never ends', async () => {
    const out = join(tmp, 'cpu.json');
    const r = await stopped(['simulate', '--scenario', never, '--accept-cost', '--backend', 'cpu', '--out', out], ['SIGINT'], existsFor(out, 500));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(r.stderr).toMatch(/SIGINT: stopping; the finished trajectories are kept in .*cpu\.json/);
    expect(r.stdout).toContain(`incomplete run (8 trajectories not run): resume it with --resume ${out}`);
    const f = readTrajectoryRun(out);
    expect([f.finished, f.complete, f.notes, f.backend]).toEqual([0, false, [], 'cpu']);
  });

  it('SIGHUP on workers', async () => {
    const out = join(tmp, 'workers.json');
    const r = await stopped(['simulate', '--scenario', never, '--accept-cost', '--trajectories', '64', '--backend', 'workers', '--out', out], ['SIGHUP'], existsFor(out, 1500));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(r.stderr).toContain('SIGHUP: stopping');
    expect(readTrajectoryRun(out).backend).toBe('workers');
  });

  it('SIGTERM on --method ams (cpu: the runs on a worker thread): the run in flight is dropped, the finished kept', async () => {
    // runs of a few seconds each: the file appears with the first; the signal then falls inside the second
    const ams = scenarioFile('slow-ams', {
      landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
      dynamics: { model: 'langevin', temperature: 0.02 },
      simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 3, method: 'ams', backend: 'cpu', ams: { replicas: 2500, runs: 6 } },
    });
    const out = join(tmp, 'ams.json');
    const r = await stopped(['simulate', '--scenario', ams, '--out', out], ['SIGTERM'], existsFor(out, 0));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(r.stdout).toMatch(/incomplete run \(5 runs not run\)/);
    const f = readAmsRunFile(out);
    expect([f.complete, f.records.map((x) => x.run)]).toEqual([false, [0]]);
  });

  it('a second signal quits at once, the file still valid', async () => {
    const out = join(tmp, 'twice.json');
    const r = await stopped(['simulate', '--scenario', never, '--accept-cost', '--backend', 'cpu', '--out', out], ['SIGTERM', 'SIGINT'], existsFor(out, 300));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stopMs).toBeLessThan(1000);
    expect(readTrajectoryRun(out).notes).toEqual([]);
  });
});

describe('acceptance: SIGTERM to a workers run mid-way, then --resume, equals the uninterrupted run to the bit', () => {
  it('the per-trajectory results of the resumed file are those of one uninterrupted run', async () => {
    const sc = scenarioFile('resume-me', {
      landscape: { expr: '(x^2-1)^2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -2 },
      dynamics: { model: 'langevin', temperature: 0.2 }, simulation: { trajectories: 300, dt: 0.01, maxTime: 200, seed: 11, chunk: 8 },
    });
    const out = join(tmp, 'run.json'), ref = join(tmp, 'ref.json');
    const args = ['simulate', '--scenario', sc, '--backend', 'workers', '--workers', '2'];
    const headerOnly = () => { try { return statSync(out).size; } catch { return Infinity; } };
    let header = Infinity;
    // ESCAPELAB_CHECKPOINT_SECONDS=0: rows are appended as blocks finish, so "mid-run" is seen in the file
    const r = await stopped([...args, '--out', out], ['SIGTERM'], () => {
      const size = headerOnly();
      if (header === Infinity && size !== Infinity) header = size;
      return size > header;
    }, { ESCAPELAB_CHECKPOINT_SECONDS: '0' });
    expect(r.code, r.stderr).toBe(130);
    const partial = readTrajectoryRun(out);
    expect(partial.finished).toBeGreaterThan(0);
    expect(partial.finished).toBeLessThan(300);
    const [resumed, uninterrupted] = await Promise.all([escapelab([...args, '--resume', out]), escapelab([...args, '--backend', 'cpu', '--out', ref])]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const a = readTrajectoryRun(out), b = readTrajectoryRun(ref);
    expect(a.complete).toBe(true);
    expect(a.results.status.includes(NOT_RUN)).toBe(false);
    for (const k of ['index', 'time', 'steps', 'status', 'boundary'] as const) expect(bytes(a.results[k]).equals(bytes(b.results[k])), k).toBe(true);
  });
});
