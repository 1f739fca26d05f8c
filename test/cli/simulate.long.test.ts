/**
 * The `escapelab simulate` command end to end (design.md §6): the stable --json keys for every SDE model,
 * exit statuses, --out files, --shard + merge (of AMS runs: simulate-ams-runs.long.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTrajectoryRun } from '../../src/montecarlo/trajectory-read.js';
import { statusName } from '../../src/montecarlo/trajectory-format.js';
import { bytes } from '../helpers.js';

const run = promisify(execFile);
const cli = ['--import', 'tsx', 'src/cli/main.ts'];
const tmp = mkdtempSync(join(tmpdir(), 'escapelab-cli-'));

async function escapelab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [...cli, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const KEYS = ['mfpt', 'escaped', 'censored', 'trajectories', 'steps', 'stepsPerSecond', 'backend', 'seed'];

describe('escapelab simulate --method ams --json', () => {
  it('prints the simulate keys that apply, method ams and the ams object', async () => {
    const sc = join(tmp, 'quartic-ams.json');
    writeFileSync(sc, JSON.stringify({
      name: 'quartic-ams', landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 },
      reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: 0.025 },
      simulation: { trajectories: 1, dt: 0.01, maxTime: 1e9, seed: 4, ams: { replicas: 50, runs: 10 } },
    }));
    const r = await escapelab(['simulate', '--scenario', sc, '--method', 'ams', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    for (const k of ['mfpt', 'steps', 'stepsPerSecond', 'backend', 'seed', 'method', 'ams']) expect(s).toHaveProperty(k);
    expect(s.method).toBe('ams');
    expect(s.seed).toBe(4);
    expect(s.ams.runs).toBe(10);
    expect(s.ams.replicas).toBe(50);
    expect(s.mfpt.ci95[0]).toBeLessThan(s.mfpt.estimate);
    expect(s.mfpt.ci95[1]).toBeGreaterThan(s.mfpt.estimate);
    expect(s.steps).toBe(s.ams.steps.loops + s.ams.steps.ams);
    expect([s.complete, s.shard, s.notRun]).toEqual([true, null, 0]);
  });
});

describe('escapelab simulate --json', () => {
  for (const name of ['double-well-langevin', 'well-barrier-sgd', 'well-barrier-sgd-hanggi', 'well-barrier-adam', 'well-barrier-invadam', 'well-barrier-padam', 'well-barrier-power', 'well-barrier-adamomentum', 'mori-linear-regression']) {
    it(`${name}: prints the design.md §6 keys`, async () => {
      const r = await escapelab(['simulate', '--scenario', `examples/${name}.json`, '--trajectories', '40', '--backend', 'cpu', '--seed', '3', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      for (const k of KEYS) expect(s).toHaveProperty(k);
      expect(s.trajectories).toBe(40);
      expect(s.escaped + s.censored).toBe(40);
      expect(s.seed).toBe(3);
      expect(s.backend).toBe('cpu');
      expect(s.mfpt.ci95[0]).toBeLessThanOrEqual(s.mfpt.estimate);
      expect(s.mfpt.ci95[1]).toBeGreaterThanOrEqual(s.mfpt.estimate);
      if (s.model !== 'langevin') expect(s.iterations.estimate).toBeCloseTo(s.mfpt.estimate / JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')).dynamics.lr, 6);
    });
  }

  it('bad scenario: exit status 2 and the field on stderr', async () => {
    const f = join(tmp, 'bad.json');
    const sc = JSON.parse(readFileSync('examples/well-barrier-sgd.json', 'utf8'));
    sc.simulation.dt = -1;
    writeFileSync(f, JSON.stringify(sc));
    const r = await escapelab(['simulate', '--scenario', f, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario.simulation.dt');
    const missing = await escapelab(['simulate', '--scenario', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('--shard runs merge into the single run (summary and per-trajectory file)', async () => {
    const base = ['--scenario', 'examples/double-well-langevin.json', '--trajectories', '30', '--seed', '8', '--backend', 'cpu'];
    const whole = join(tmp, 'whole.json');
    await escapelab(['simulate', ...base, '--out', whole, '--json']);
    const shards = [0, 1].map((i) => join(tmp, `s${i}.json`));
    for (const [i, f] of shards.entries()) {
      const r = await escapelab(['simulate', ...base, '--shard', `${i}/2`, '--out', f, '--json']);
      expect(r.code, r.stderr).toBe(0);
    }
    const merged = join(tmp, 'merged.json');
    const m = await escapelab(['merge', ...shards, '--out', merged, '--json']);
    expect(m.code, m.stderr).toBe(0);
    const a = readTrajectoryRun(whole), b = readTrajectoryRun(merged);
    for (const k of ['index', 'time', 'steps', 'status', 'boundary'] as const) expect(bytes(b.results[k]).equals(bytes(a.results[k]))).toBe(true);
    expect(JSON.parse(m.stdout).mfpt).toEqual(summaryOf({ columns: { time: Array.from(a.results.time), status: Array.from(a.results.status, statusName) } }));
    const csv = join(tmp, 'whole.csv');
    await escapelab(['simulate', ...base, '--out', csv]);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('index,time,steps,status,boundary');
    expect(lines.length).toBe(31);
  });
});

/** mfpt of the unsharded run, recomputed the way `simulate` prints it (via a second CLI-free route: the sample mean) */
function summaryOf(f: { columns: { time: number[]; status: string[] } }) {
  const t = f.columns.time.filter((_, i) => f.columns.status[i] === 'exited');
  expect(t.length).toBe(f.columns.time.length);
  const mean = t.reduce((x, y) => x + y, 0) / t.length;
  return expect.objectContaining({ estimate: expect.closeTo(mean, 9) });
}
