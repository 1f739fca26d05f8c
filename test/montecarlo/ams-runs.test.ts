/**
 * The rare-event solver's runs split, stopped and joined (src/montecarlo/ams: index.ts, estimate.ts, io.ts,
 * merge.ts): a run is a pure function of (problem, run index), so shards merged, and an interrupted call resumed,
 * give the estimate of one uninterrupted call to the bit, also through the JSON run files.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { computeRuns, solveAms, amsOutcome } from '../../src/montecarlo/ams/index.js';
import { amsRunFile, asAmsRunFile, recordsOf, workRuns } from '../../src/montecarlo/ams/io.js';
import { mergeAmsFiles } from '../../src/montecarlo/ams/merge.js';
import type { RunRecord } from '../../src/montecarlo/ams/one-run.js';
import { shardOf } from '../../src/montecarlo/work.js';

const scenario = (seed = 5) => ({
  name: 'quartic', landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1],
  exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: 1 / 20 },
  simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed, method: 'ams', backend: 'cpu', ams: { replicas: 20, runs: 6 } },
});
const problem = compileScenario(scenario());
const R = 6;
const work = { seconds: 0, backend: 'cpu', workers: 1 };
/** the numbers of an outcome (not its timing) */
const numbers = (o: Awaited<ReturnType<typeof solveAms>>) => [o.mfpt, o.estimate, o.runs, o.iterations, o.steps, o.levels];

/** a shard's records written to its run file and read back (JSON has no NaN; the file stores null) */
function roundTrip(records: RunRecord[], shard: { index: number; of: number } | null, p = problem) {
  const w = shardOf(R, shard ?? undefined);
  const f = amsRunFile(p.scenario, R, w, shard && `${shard.index}/${shard.of}`, records, { seconds: 1, backend: 'cpu' });
  return asAmsRunFile('mem.json', JSON.parse(JSON.stringify(f)));
}

describe('AMS shards merge into the unsharded estimate, bit for bit', () => {
  for (const n of [2, 3]) {
    it(`${n} shards (runs i, i+${n}, …), through their run files`, async () => {
      const whole = await solveAms(problem);
      const files = [];
      for (let i = 0; i < n; i++) {
        const shard = { index: i, of: n };
        const runs = workRuns(shardOf(R, shard));
        expect(runs).toEqual(Array.from({ length: R }, (_, r) => r).filter((r) => r % n === i));
        const part = await computeRuns(problem, { runs });
        expect(part.records.map((r) => r.run)).toEqual(runs);
        expect(part.missing).toEqual([]);
        files.push({ name: `s${i}.json`, file: roundTrip(part.records, shard) });
      }
      const m = mergeAmsFiles(files.reverse());
      expect(m.records.map((r) => r.run)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(numbers(amsOutcome(problem, m.records, work))).toEqual(numbers(whole));
    });
  }

  it("an extinct run's NaN reactive time survives the file (stored as null)", () => {
    const rec: RunRecord = { run: 1, p: 0, reactive: NaN, iterations: 3, failedLoops: [5, 7], toLevel: [1, 2], loopSteps: 12, amsSteps: 40 };
    const f = roundTrip([rec], { index: 1, of: 2 });
    expect(f.records[0].reactive).toBeNull();
    expect(recordsOf(f)).toEqual([rec]);
    expect(Number.isNaN(recordsOf(f)[0].reactive)).toBe(true);
  });
});

describe('AMS interrupted and resumed gives the uninterrupted estimate, bit for bit', () => {
  it('cpu: an abort after 2 runs keeps them; resuming from them computes only the other 4', async () => {
    const whole = await solveAms(problem);
    const abort = new AbortController();
    const partial = await computeRuns(problem, { signal: abort.signal, onRun: (r) => { if (r.run === 1) abort.abort(); } });
    expect(partial.records.map((r) => r.run)).toEqual([0, 1]);
    expect(partial.missing).toEqual([2, 3, 4, 5]);
    await expect(solveAms(problem, { signal: AbortSignal.abort() })).rejects.toThrow(/interrupted after 0 of 6 AMS runs/);
    const computed: number[] = [];
    const done = recordsOf(roundTrip(partial.records, null));
    const resumed = await solveAms(problem, { done, onRun: (r) => computed.push(r.run) });
    expect(computed).toEqual([2, 3, 4, 5]);
    expect(numbers(resumed)).toEqual(numbers(whole));
  });

  it('workers: an abort keeps the finished runs (those in flight are dropped); resuming on cpu gives the same estimate', async () => {
    const whole = await solveAms(problem);
    const abort = new AbortController();
    const partial = await computeRuns(problem, { backend: 'workers', workers: 2, signal: abort.signal, onRun: () => abort.abort() });
    expect(partial.backend).toBe('workers');
    expect(partial.records.length).toBeGreaterThanOrEqual(1);
    expect(partial.missing.length).toBeGreaterThan(0);
    expect([...partial.records.map((r) => r.run), ...partial.missing].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const resumed = await solveAms(problem, { done: partial.records, backend: 'cpu' });
    expect(numbers(resumed)).toEqual(numbers(whole));
  });

  it('a finished record of a run not asked for is refused', async () => {
    const rec: RunRecord = { run: 1, p: 0.5, reactive: 3, iterations: 3, failedLoops: [5, 7], toLevel: [1, 2], loopSteps: 12, amsSteps: 40 };
    await expect(computeRuns(problem, { runs: [0, 2, 4], done: [rec] })).rejects.toThrow(/run 1 is not one of this call's runs/);
  });
});

describe('AMS merge refuses files that are not the shards of one run', () => {
  const rec = (run: number): RunRecord => ({ run, p: 0.1, reactive: 3, iterations: 3, failedLoops: [5, 7], toLevel: [1, 2], loopSteps: 12, amsSteps: 40 });
  const shard = (i: number, runs: number[], p = problem) => ({ name: `s${i}.json`, file: roundTrip(runs.map(rec), { index: i, of: 2 }, p) });

  it('another seed, a run twice, a run missing, a direct trajectory file', () => {
    const other = compileScenario(scenario(6));
    expect(() => mergeAmsFiles([shard(0, [0, 2, 4]), shard(1, [1, 3, 5], other)])).toThrow(/s1\.json was run with a different seed \(6 vs 5\) than s0\.json/);
    expect(() => mergeAmsFiles([shard(0, [0, 2, 4]), shard(0, [0, 2, 4]), shard(1, [1, 3, 5])])).toThrow(/AMS run 0 appears twice/);
    expect(() => mergeAmsFiles([shard(0, [0, 2, 4]), shard(1, [1, 5])])).toThrow(/AMS run 3 of 0\.\.5 is in no file/);
    expect(() => asAmsRunFile('d.json', { format: 'escapelab-trajectories/1' })).toThrow(/not an AMS run file.*direct Monte Carlo/);
    const bad = JSON.parse(JSON.stringify(shard(0, [0, 2]).file));
    bad.records.push(rec(1));
    expect(() => asAmsRunFile('b.json', bad)).toThrow(/run 1 is not one of the file's runs/);
  });
});
