/**
 * `escapelab simulate --method ams` with --shard, --out, --resume, Ctrl-C / SIGTERM, and `escapelab merge` of its
 * run files, end to end (docs/cli.md; docs/rare-events.md, "Shards, checkpoints and resume"): the merged and the
 * resumed estimates equal the unsharded, uninterrupted one to the bit; bad files are refused with exit status 2
 * before any work.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-ams-runs-'));

/** the quartic at ΔΦ = 5, n = 20 replicas, R runs, on one thread */
function scenarioFile(name: string, runs: number): string {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify({
    name, landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 },
    reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: 0.05 },
    simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 7, method: 'ams', backend: 'cpu', ams: { replicas: 20, runs } },
  }));
  return f;
}
const small = scenarioFile('small', 6);

/** the keys of the estimate (not the timing) */
const numbers = (s: { mfpt: unknown; iterations: unknown; steps: unknown; ams: unknown }) => ({ mfpt: s.mfpt, iterations: s.iterations, steps: s.steps, ams: s.ams });

async function json(args: string[]) {
  const r = await escapelab(args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('AMS --shard + merge equals the unsharded run', () => {
  it('2 and 3 shards: the merged summary and run records are those of one run', async () => {
    const whole = join(tmp, 'whole.json');
    const ref = await json(['simulate', '--scenario', small, '--out', whole, '--json']);
    expect(ref.complete).toBe(true);
    expect(ref.ams.runs).toBe(6);
    const shards = [[0, 2], [1, 2], [0, 3], [1, 3], [2, 3]];
    const file = ([i, n]: number[]) => join(tmp, `shard-${i}-of-${n}.json`);
    const printed = await Promise.all(shards.map((sh) => json(['simulate', '--scenario', small, '--shard', `${sh[0]}/${sh[1]}`, '--out', file(sh), '--json'])));
    shards.forEach(([i, n], k) => {
      expect(printed[k].shard).toBe(`${i}/${n}`);
      expect(JSON.parse(readFileSync(file([i, n]), 'utf8')).records.map((r: { run: number }) => r.run)).toEqual([0, 1, 2, 3, 4, 5].filter((r) => r % n === i));
    });
    for (const n of [2, 3]) {
      const merged = join(tmp, `merged-${n}.json`);
      const m = await json(['merge', ...shards.filter((sh) => sh[1] === n).map(file), '--out', merged, '--json']);
      expect(m.method).toBe('ams');
      expect(Object.keys(m).sort()).toEqual(Object.keys(ref).sort());
      expect(numbers(m)).toEqual(numbers(ref));
      expect(JSON.parse(readFileSync(merged, 'utf8')).records).toEqual(JSON.parse(readFileSync(whole, 'utf8')).records);
    }
  });

  it('merge refuses files of another seed, a missing shard, the same shard twice, and direct + AMS files', async () => {
    const s0 = join(tmp, 'shard-0-of-2.json'), s1 = join(tmp, 'shard-1-of-2.json');
    const seed8 = join(tmp, 'seed8-shard-1.json'), direct = join(tmp, 'direct.json');
    await Promise.all([
      json(['simulate', '--scenario', small, '--seed', '8', '--shard', '1/2', '--out', seed8, '--json']),
      json(['simulate', '--scenario', 'examples/double-well-langevin.json', '--trajectories', '10', '--backend', 'cpu', '--out', direct, '--json']),
    ]);
    const cases: [string[], RegExp][] = [
      [[s0, seed8], /seed8-shard-1\.json was run with a different seed \(8 vs 7\)/],
      [[s0], /AMS runs 1, 3, 5 of 0\.\.5 are in no file/],
      [[s0, s1, s1], /AMS run 1 appears twice/],
      [[s0, direct], /holds AMS runs and .*direct\.json does not/],
    ];
    const results = await Promise.all(cases.map(([files]) => escapelab(['merge', ...files, '--json'])));
    results.forEach((r, k) => {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(cases[k][1]);
      expect(r.stdout).toBe('');
    });
  });
});

describe('AMS --out and --resume are checked before any work', () => {
  it('an --out that cannot be written: exit 2 naming --out, nothing printed or left behind', async () => {
    const notAFolder = join(tmp, 'plain-file');
    writeFileSync(notAFolder, 'x');
    const [r, folder] = await Promise.all([
      escapelab(['simulate', '--scenario', small, '--out', join(notAFolder, 'run.json'), '--json']),
      escapelab(['simulate', '--scenario', small, '--out', tmp, '--json']),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: cannot write .*plain-file\/run\.json/);
    expect(r.stdout).toBe('');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/--out: cannot write .*it is a folder/);
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('--resume of a run with another seed, another shard, or a direct file: exit 2 naming the difference', async () => {
    const whole = join(tmp, 'resume-src.json');
    await json(['simulate', '--scenario', small, '--out', whole, '--json']);
    const direct = join(tmp, 'direct-trajectories.json');
    writeFileSync(direct, JSON.stringify({ format: 'escapelab-trajectories/1' }));
    const cases: [string[], RegExp][] = [
      [['--seed', '9', '--resume', whole], /--resume: .*resume-src\.json was written by a run with a different seed \(7 vs 9\)/],
      [['--shard', '0/2', '--resume', whole], /--resume: .*holds shard none \(all runs\), this run is shard 0\/2/],
      [['--resume', direct], /--resume: .*not an AMS run file.*direct Monte Carlo/],
    ];
    const results = await Promise.all(cases.map(([args]) => escapelab(['simulate', '--scenario', small, ...args, '--json'])));
    results.forEach((r, k) => {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(cases[k][1]);
      expect(r.stdout).toBe('');
    });
  });
});

/** start `simulate` with --out, send `signal` once its first checkpoint (one finished run) is on disk */
function interrupted(args: string[], out: string, signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const poll = setInterval(() => { if (existsSync(out)) { clearInterval(poll); child.kill(signal); } }, 10);
    child.on('error', reject);
    child.on('close', (code) => { clearInterval(poll); resolve({ code, stdout, stderr }); });
  });
}

describe('AMS interrupted (Ctrl-C, SIGTERM) and resumed', () => {
  const big = scenarioFile('big', 100);

  it('SIGINT: exit 130, finished runs in --out, an incomplete summary; --resume gives the uninterrupted run', async () => {
    const out = join(tmp, 'interrupted.json');
    const ref = json(['simulate', '--scenario', big, '--json']);
    const r = await interrupted(['simulate', '--scenario', big, '--json'], out, 'SIGINT');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(new RegExp(`continue with --resume ${out}`));
    const partial = JSON.parse(r.stdout);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(partial.complete).toBe(false);
    expect(file.complete).toBe(false);
    expect(file.records.length).toBeGreaterThanOrEqual(1);
    expect(partial.notRun).toBe(100 - file.records.length);
    const resumed = await json(['simulate', '--scenario', big, '--resume', out, '--out', out, '--json']);
    expect(resumed.complete).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).complete).toBe(true);
    expect(numbers(resumed)).toEqual(numbers(await ref));
  });

  it('SIGTERM is an interrupt too: exit 130, the finished runs kept', async () => {
    const out = join(tmp, 'terminated.json');
    const r = await interrupted(['simulate', '--scenario', big], out, 'SIGTERM');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toMatch(/incomplete run \(\d+ runs not run\): resume it with --resume/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.complete).toBe(false);
    expect(file.records.length).toBeGreaterThanOrEqual(1);
  });
});
