/**
 * The command line itself (docs/cli.md, "Exit status"): usage errors exit 2 like every other invalid input,
 * --help and --version exit 0, and --seed reads numeric text as the number it writes (so `1.0` is seed 1 and a
 * negative or fractional seed is refused, naming simulation.seed) instead of silently taking it as a string seed.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOf } from '../../src/cli/simulate.js';
import { escapelab } from '../helpers.js';

describe('usage errors and --version', () => {
  it('an unknown option, an unknown command and a missing required option exit 2', async () => {
    for (const args of [['simulate', '--scenario', 'examples/double-well-langevin.json', '--bogus'], ['simulat'], ['simulate'],
      ['simulate', '--scenario', 'examples/double-well-langevin.json', '--trajectories', '0']]) {
      const r = await escapelab(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/error/i);
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    }
  });

  it('--version prints the package version and --help exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const v = await escapelab(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const h = await escapelab(['simulate', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--force');
  });
});

describe('--seed', () => {
  it('reads numeric text as a number and anything else as a string seed', () => {
    expect(seedOf('1.0')).toBe(1);
    expect(seedOf('-5')).toBe(-5);
    expect(seedOf('1e3')).toBe(1000);
    expect(seedOf(' 7 ')).toBe(7);
    expect(seedOf('run-a')).toBe('run-a');
    expect(seedOf('1.2.3')).toBe('1.2.3');
    expect(seedOf(undefined)).toBeUndefined();
  });

  it('`--seed 1.0` runs seed 1; `--seed -5` and `--seed 1.5` are refused naming simulation.seed', async () => {
    const base = ['simulate', '--scenario', 'examples/double-well-langevin.json', '--trajectories', '8', '--backend', 'cpu', '--json'];
    const one = await escapelab([...base, '--seed', '1']);
    const oneDot = await escapelab([...base, '--seed', '1.0']);
    expect(one.code, one.stderr).toBe(0);
    expect(oneDot.code, oneDot.stderr).toBe(0);
    const a = JSON.parse(one.stdout) as { seed: unknown; mfpt: { estimate: number } };
    const b = JSON.parse(oneDot.stdout) as { seed: unknown; mfpt: { estimate: number } };
    expect(b.seed).toBe(1);
    expect(b.mfpt.estimate).toBe(a.mfpt.estimate);
    for (const bad of ['-5', '1.5']) {
      const r = await escapelab([...base, '--seed', bad]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('simulation.seed');
    }
  });
});

describe('the cost estimate before a run (src/scenario/cost.ts)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'escapelab-cost-'));
  const doubleWell = JSON.parse(readFileSync('examples/double-well-langevin.json', 'utf8')) as { simulation: Record<string, unknown> };
  const scenario = (name: string, simulation: Record<string, unknown>) => {
    const f = join(tmp, `${name}.json`);
    writeFileSync(f, JSON.stringify({ ...doubleWell, simulation: { ...doubleWell.simulation, ...simulation } }));
    return f;
  };

  it('warns before the run when most trajectories will be censored (exact MFPT 65.9 ≫ maxTime 2)', async () => {
    const r = await escapelab(['simulate', '--scenario', scenario('censored', { maxTime: 2, trajectories: 20 }), '--backend', 'cpu', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*censor/);
    const s = JSON.parse(r.stdout) as { cost: { expectedCensoredFraction: number; mfptSource: string } };
    expect(s.cost.mfptSource).toBe('exact');
    expect(s.cost.expectedCensoredFraction).toBeGreaterThan(0.9);
  });

  it('refuses a run predicted to take 1e13 steps a trajectory, naming simulation, unless --accept-cost', async () => {
    const r = await escapelab(['simulate', '--scenario', scenario('long', { dt: 1e-9, maxTime: 1e4 }), '--backend', 'cpu']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('scenario.simulation');
    expect(r.stderr).toContain('--accept-cost');
  });
});
