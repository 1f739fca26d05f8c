/**
 * The reliability suite's own parts, without running the CLI: how a run is judged (crash, hang, memory, stack
 * trace, echo; the field named), and the corpus (unique names, every refusal names a field, the bases valid JSON).
 */
import { describe, expect, it } from 'vitest';
import { commonProblems, expectationProblems, namesField } from './judge.js';
import { scenarioCases } from './corpus.js';
import { allJobs } from './suite.js';
import type { RunResult } from './run.js';

const run = (o: Partial<RunResult>): RunResult => ({
  args: [], cwd: '/', code: 0, signal: null, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, ms: 10, rssKb: 1000, cpuMs: 5, killed: null, ...o,
});
const kinds = (r: RunResult) => commonProblems(r).map((p) => p.kind);

describe('judge', () => {
  it('names a field by its path, or by its parent and the key on one line', () => {
    expect(namesField('  scenario.simulation.dt: Too small', 'scenario.simulation.dt')).toBe(true);
    expect(namesField("  scenario.exit: give exactly one of 'above' and 'below'", 'scenario.exit.above')).toBe(true);
    expect(namesField("  scenario: unknown key '__proto__'", 'scenario.__proto__')).toBe(true);
    expect(namesField('  scenario.exit: Invalid input', 'scenario.exit.above')).toBe(false);
    expect(namesField('  scenario.landscape.expr: allowed are the vars, the params', 'scenario.landscape.params')).toBe(false);
    expect(namesField('  scenario.start: Invalid input', 'scenario.start[0]')).toBe(false);
    expect(namesField('  scenario.landscape.minEigs: entry 0: must be a finite number', 'scenario.landscape.minEigs[0]')).toBe(true);
    expect(namesField('  scenario.landscape.minEigs: entry 10: must be a finite number', 'scenario.landscape.minEigs[1]')).toBe(false);
    expect(namesField('  scenario.simulation.dtx: bad', 'scenario.simulation.dt')).toBe(false);
    expect(namesField('  scenario.simulation.dt.x: bad', 'scenario.simulation.dt')).toBe(true);
    expect(namesField('escapelab: x is not valid json', 'JSON')).toBe(true);
  });

  it('tells crashes, hangs, memory, stack traces and echoes apart', () => {
    expect(kinds(run({ code: 0 }))).toEqual([]);
    expect(kinds(run({ code: 2 }))).toEqual([]);
    expect(kinds(run({ code: 1 }))).toEqual(['crash']);
    expect(commonProblems(run({ code: 1 }), true)).toEqual([]);
    expect(kinds(run({ code: null, signal: 'SIGABRT' }))).toEqual(['crash']);
    expect(kinds(run({ code: null, signal: 'SIGKILL', killed: 'timeout' }))).toEqual(['hang']);
    expect(kinds(run({ code: null, signal: 'SIGKILL', killed: 'memory' }))).toEqual(['memory']);
    expect(kinds(run({ rssKb: 3 * 1024 * 1024 }))).toEqual(['memory']);
    expect(kinds(run({ code: 2, stderr: 'Error: x\n    at f (file:///a/b.js:1:2)\n' }))).toEqual(['stack']);
    expect(kinds(run({ code: 2, stderr: 'Error: x\n    at file:///a/b.js:1:2\n' }))).toEqual(['stack']);
    expect(kinds(run({ code: 2, stderr: 'at node:internal/modules' }))).toEqual(['stack']);
    expect(kinds(run({ code: 2, stderrBytes: 1 << 20 }))).toEqual(['echo']);
    expect(kinds(run({ code: 2, stderr: "escapelab: Cannot read properties of undefined (reading '0')" }))).toEqual(['internal']);
  });

  it('checks the exit code, the prefix and the field of a refusal', () => {
    const e = { codes: [2 as const], field: ['scenario.simulation.dt'] };
    expect(expectationProblems(run({ code: 2, stderr: 'escapelab: invalid scenario\n  scenario.simulation.dt: no' }), e)).toEqual([]);
    expect(expectationProblems(run({ code: 2, stderr: 'error: scenario.simulation.dt' }), e)).toHaveLength(1);
    expect(expectationProblems(run({ code: 2, stderr: 'escapelab: invalid scenario' }), e)).toHaveLength(1);
    expect(expectationProblems(run({ code: 0 }), e)).toHaveLength(1);
  });
});

describe('corpus', () => {
  it('has unique run names, and every refusal names a field', () => {
    const jobs = allJobs();
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
    for (const c of scenarioCases()) {
      for (const e of [c.simulate, c.theory]) if (e !== 'skip' && e.codes.includes(2)) expect(e.field?.length, c.name).toBeGreaterThan(0);
    }
  });

  it('starts from valid JSON bases', () => {
    for (const c of scenarioCases().filter((x) => x.name.startsWith('base/'))) expect(() => JSON.parse(String(c.content()))).not.toThrow();
  });
});
