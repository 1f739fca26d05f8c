/**
 * `escapelab theory` and `escapelab simulate` on the network examples (spawned CLI): the theory report carries the
 * network part (the same numbers as in-process), direct Monte Carlo runs on iris, and the AMS example runs as shipped.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { escapelab } from '../helpers.js';
import { compileSystem, networkReportOf } from '../../src/scenario/compile.js';

const example = (name: string) => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));

describe('escapelab on network scenarios', () => {
  it('theory --json: the network, its minimum, H and C, and the quadratic approximation, as computed in-process', async () => {
    const r = await escapelab(['theory', '--scenario', 'examples/network-teacher-student-sgd.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const here = networkReportOf(compileSystem(example('network-teacher-student-sgd')))!;
    expect(j.network).toEqual(JSON.parse(JSON.stringify(here)));
    expect(j.network.quadratic.exponent).toBeGreaterThan(5);
    expect(j.model).toBe('none');
    const text = await escapelab(['theory', '--scenario', 'examples/network-teacher-student-sgd.json']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ΔΦ = ΔL\/λ_max\(HΣ\) = 8\.\d+/);
    expect(text.stdout).toMatch(/C along H/);
  }, 120_000);

  it('simulate: direct Monte Carlo on iris, and the AMS example as shipped', async () => {
    const d = await escapelab(['simulate', '--scenario', 'examples/network-iris-sgd.json', '--trajectories', '8', '--backend', 'cpu', '--seed', '2', '--json']);
    expect(d.code, d.stderr).toBe(0);
    const s = JSON.parse(d.stdout);
    expect([s.model, s.trajectories, s.escaped + s.censored, s.blowups]).toEqual(['discrete sgd', 8, 8, 0]);
    expect(s.escaped).toBeGreaterThan(0);
    const a = await escapelab(['simulate', '--scenario', 'examples/network-teacher-student-sgd.json', '--json']);
    expect(a.code, a.stderr).toBe(0);
    const m = JSON.parse(a.stdout);
    expect([m.ams.runs, m.ams.replicas]).toEqual([20, 100]);
    expect(m.mfpt.ci95[0]).toBeLessThan(m.mfpt.estimate);
    expect(m.mfpt.ci95[1]).toBeGreaterThan(m.mfpt.estimate);
    console.log(`network-teacher-student-sgd: MFPT ${m.mfpt.estimate.toPrecision(4)} [${m.mfpt.ci95.map((x: number) => x.toPrecision(3)).join(', ')}], ${m.seconds?.toFixed?.(1) ?? '?'} s`);
  }, 300_000);
});
