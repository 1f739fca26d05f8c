/**
 * Output files of `escapelab simulate` and `escapelab merge` never lose work and never overwrite silently
 * (docs/cli.md): every --out is checked before any work (a missing or read-only folder, a folder, the scenario file,
 * an existing file without --force: exit 2, one line naming --out, no stack trace, the file untouched), --force
 * replaces, `--resume F` alone continues F in place, `--resume F --out G` writes G, a merge with a shard missing
 * exits 2 naming it and the command that computes it, and the text summary says "not estimable" in words.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrajectoryRun } from '../../src/montecarlo/trajectory-read.js';
import { toFile } from '../../src/montecarlo/io.js';
import { NOT_RUN } from '../../src/montecarlo/state.js';
import { report } from '../../src/cli/simulate.js';
import { checkOutput, type OutputCheck } from '../../src/cli/outputs.js';
import type { Summary } from '../../src/montecarlo/summary.js';
import { bytes, escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-outputs-'));

function scenarioFile(name: string, sc: object): string {
  const f = join(tmp, `${name}.json`);
  writeFileSync(f, JSON.stringify({ name, ...sc }));
  return f;
}
const well = (T: number) => ({
  landscape: { expr: '(x^2-1)^2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -2 },
  dynamics: { model: 'langevin', temperature: T },
});
/** a run that never ends (escape rate e^{-100}): a refusal that came after the work would never come */
const never = scenarioFile('never', { ...well(0.01), simulation: { trajectories: 64, dt: 0.01, maxTime: 1e12, seed: 1 } });
/** AMS: compiling it takes a while (the quasi-potential), so a refusal before the compilation shows */
const neverAms = scenarioFile('never-ams', {
  ...well(0.01), simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 1, method: 'ams', ams: { replicas: 4000, runs: 4 } },
});
const quick = scenarioFile('quick', { ...well(0.25), simulation: { trajectories: 40, dt: 0.01, maxTime: 100, seed: 4, backend: 'cpu', chunk: 8 } });

/** a folder that cannot be written: read-only for a user; for root (who writes anywhere) /sys */
function readOnlyFolder(): string {
  if (process.getuid?.() === 0) return '/sys';
  const d = join(tmp, 'read-only');
  if (!existsSync(d)) mkdirSync(d);
  chmodSync(d, 0o555);
  return d;
}

const same = (a: string, b: string) => {
  const x = readTrajectoryRun(a).results, y = readTrajectoryRun(b).results;
  for (const k of ['index', 'time', 'steps', 'status', 'boundary'] as const) expect(bytes(x[k]).equals(bytes(y[k])), k).toBe(true);
};

describe('--out is checked before any work', () => {
  it('the command: a missing folder (cpu, ams), a read-only folder (workers), the scenario file (even with --force), an existing file', async () => {
    const existing = join(tmp, 'existing.json');
    writeFileSync(existing, 'keep me');
    const ro = readOnlyFolder();
    const cases: [string[], RegExp][] = [
      [['--scenario', never, '--accept-cost', '--backend', 'cpu', '--out', join(tmp, 'no/such/run.json')], /^escapelab: --out: cannot write .*no\/such\/run\.json: .*no\/such does not exist$/],
      [['--scenario', neverAms, '--out', join(tmp, 'no/such/ams.json')], /^escapelab: --out: cannot write .*does not exist$/],
      [['--scenario', never, '--accept-cost', '--backend', 'workers', '--out', join(ro, 'run.json')], /^escapelab: --out: cannot write .*run\.json: .*(EACCES|EPERM|EROFS|permission)/i],
      [['--scenario', never, '--accept-cost', '--out', never, '--force'], /^escapelab: --out: .*never\.json is the scenario file, which this command reads; write the results to another file$/],
      [['--scenario', never, '--accept-cost', '--out', existing], /^escapelab: --out: .*existing\.json exists; give --force to replace it, or another file name$/],
    ];
    const results = await Promise.all(cases.map(([args]) => escapelab(['simulate', ...args, '--json'])));
    results.forEach((r, k) => {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim()).toMatch(cases[k][1]);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
    });
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(readFileSync(never, 'utf8')).toContain('"name":"never"');
  });

  it('checkOutput: each rule, and what --force and a continued file allow', () => {
    const existing = join(tmp, 'exists.json'), plainFile = join(tmp, 'plain-file');
    writeFileSync(existing, 'x');
    writeFileSync(plainFile, 'x');
    const check = (path: string, more: Partial<OutputCheck> = {}) => () => checkOutput({ option: '--out', path, force: false, inputs: [{ path: never, what: 'the scenario file' }], ...more });
    expect(check(tmp)).toThrow(/^--out: cannot write .*: it is a folder; give a file name$/);
    expect(check(join(plainFile, 'run.json'))).toThrow(/plain-file is not a folder$/);
    expect(check(join(tmp, 'a/b.json'))).toThrow(/a does not exist$/);
    expect(check(existing)).toThrow(/exists; give --force/);
    expect(check(existing, { force: true })).not.toThrow();
    expect(check(existing, { continues: join(tmp, '.', 'exists.json') })).not.toThrow();
    expect(check(join(tmp, '..', tmp.split('/').pop()!, 'never.json'), { force: true, continues: never })).toThrow(/is the scenario file/);
    expect(check(join(readOnlyFolder(), 'x.json'))).toThrow(/^--out: cannot write /);
    expect(existsSync(join(tmp, 'never.json.tmp-' + process.pid))).toBe(false);
  });

  it('--force replaces an existing file', async () => {
    const out = join(tmp, 'replace.json');
    writeFileSync(out, 'old');
    const r = await escapelab(['simulate', '--scenario', quick, '--out', out, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(readTrajectoryRun(out).complete).toBe(true);
  });
});

describe('--resume', () => {
  it('--resume F alone continues F in place (appends), as --out F would; the result is the uninterrupted one', async () => {
    const ref = join(tmp, 'ref.json'), f = join(tmp, 'partial.json');
    expect((await escapelab(['simulate', '--scenario', quick, '--out', ref])).code).toBe(0);
    // an interrupted run's file: the header and the rows of the first 10 trajectories (format 2, as simulate writes it)
    const lines = readFileSync(ref, 'utf8').split('\n');
    const rows = JSON.parse(lines[1]).rows;
    const cut = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, (v as unknown[]).slice(0, 10)]));
    writeFileSync(f, `${lines[0]}\n${JSON.stringify({ rows: cut })}\n`);
    const before = readFileSync(f), inode = statSync(f).ino;
    const r = await escapelab(['simulate', '--scenario', quick, '--resume', f]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(f).ino).toBe(inode);
    expect(readFileSync(f).subarray(0, before.length).equals(before)).toBe(true);
    same(f, ref);
    expect(readTrajectoryRun(f).complete).toBe(true);
  });

  it('--resume F of format 1 alone: F becomes a format-2 file with every trajectory', async () => {
    const ref = join(tmp, 'ref1.json'), f = join(tmp, 'old-format.json');
    expect((await escapelab(['simulate', '--scenario', quick, '--out', ref])).code).toBe(0);
    const run = readTrajectoryRun(ref);
    run.results.status.fill(NOT_RUN, 25);
    writeFileSync(f, JSON.stringify(toFile(run.scenario, 40, run.work, run.results, { complete: false, steps: 1, seconds: 1, backend: 'cpu' })));
    expect((await escapelab(['simulate', '--scenario', quick, '--resume', f])).code).toBe(0);
    expect(readTrajectoryRun(f).format).toBe('escapelab-trajectories/2');
    same(f, ref);
  });

  it('--resume F --out G writes G and leaves F; an existing G needs --force', async () => {
    const f = join(tmp, 'source.json'), g = join(tmp, 'target.json');
    expect((await escapelab(['simulate', '--scenario', quick, '--out', f])).code).toBe(0);
    const before = readFileSync(f);
    writeFileSync(g, 'other');
    const refused = await escapelab(['simulate', '--scenario', quick, '--resume', f, '--out', g]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out: .*target\.json exists; give --force/);
    const r = await escapelab(['simulate', '--scenario', quick, '--resume', f, '--out', g, '--force']);
    expect(r.code, r.stderr).toBe(0);
    same(g, f);
    expect(readFileSync(f).equals(before)).toBe(true);
  });
});

describe('merge', () => {
  it('a shard missing: exit 2, the shard and the command that computes it; --out checked like simulate\'s', async () => {
    const shards = [0, 1, 2].map((i) => join(tmp, `shard-${i}.json`));
    await Promise.all([0, 2].map((i) => escapelab(['simulate', '--scenario', quick, '--shard', `${i}/3`, '--out', shards[i]])));
    const r = await escapelab(['merge', shards[0], shards[2], '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/merge: 13 of the 40 trajectories of the run are in no file \(1, 4, 7, /);
    expect(r.stderr).toContain('shard 1/3 is missing: compute it with `escapelab simulate --scenario <scenario> --shard 1/3 --out <file>`');
    const existing = join(tmp, 'merged-existing.json');
    writeFileSync(existing, 'x');
    const [onInput, onExisting] = await Promise.all([
      escapelab(['merge', shards[0], shards[2], '--out', shards[2], '--force']),
      escapelab(['merge', shards[0], shards[2], '--out', existing]),
    ]);
    expect(onInput.code).toBe(2);
    expect(onInput.stderr).toMatch(/--out: .*shard-2\.json is one of the files to merge/);
    expect(onExisting.code).toBe(2);
    expect(onExisting.stderr).toMatch(/--out: .*merged-existing\.json exists; give --force/);
  });
});

describe('the text summary', () => {
  const base = {
    scenario: 'x', model: 'langevin', convention: 'ito', backend: 'cpu', workers: 1, seed: 1, maxTime: 5,
    iterations: null, escaped: 0, censored: 10, blowups: 0, trajectories: 10, notRun: 0, steps: 1, seconds: 1, stepsPerSecond: 1,
    warnings: [], error: null, complete: true,
  };
  const text = (s: object) => {
    let out = '';
    const write = process.stdout.write;
    process.stdout.write = ((t: string) => { out += t; return true; }) as typeof process.stdout.write;
    try { report(s as Summary, false); } finally { process.stdout.write = write; }
    return out;
  };

  it('a mean escape time that is not finite is printed in words, not as Infinity', () => {
    const out = text({ ...base, mfpt: { estimate: Infinity, ci95: [123.4, Infinity], se: Infinity, method: 'no escapes: exponential lower confidence bound only' } });
    expect(out).toContain('mean escape time  not estimable: no trajectory escaped before maxTime 5.00000 (10 censored); the mean is at least 123.400');
    expect(out).not.toMatch(/Infinity/);
  });

  it('a lower bound (heavy censoring) says so; an unbounded interval end is a word', () => {
    const out = text({ ...base, mfpt: { estimate: 4.5, ci95: [4.2, Infinity], se: 0.1, method: 'restricted-mean', kind: 'lower-bound', horizon: 5 } });
    expect(out).toContain('mean escape time  not estimable (heavy censoring): at least 4.20000 at 97.5% confidence; restricted mean E[min(τ, 5.00000)] = 4.50000  95% CI [4.20000, unbounded]');
    expect(out).not.toMatch(/Infinity/);
    expect(text({ ...base, mfpt: null, trajectories: 0, notRun: 10, complete: false })).toContain('mean escape time  not estimable: no trajectory finished');
  });
});
