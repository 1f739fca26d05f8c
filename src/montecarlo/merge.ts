/**
 * Merge shard outputs (`simulate --shard i/n --out f_i.json`) into the results one run would give: the
 * trajectories are keyed by their global index, which is also their noise-stream address.
 */
import { isDeepStrictEqual } from 'node:util';
import { NOT_RUN, emptyResults, type TrajectoryResults } from './state.js';
import { resultsOf, type SimulatedScenario, type TrajectoryFile } from './io.js';

/**
 * What differs between the scenarios of runs a and b ('a different seed (2 vs 1)', 'a different scenario'), or null:
 * backend, workers, chunk and stepsPerLaunch are ignored because they never change results.
 */
export function scenarioDifference(a: SimulatedScenario, b: SimulatedScenario): string | null {
  const { simulation: s0, ...rest0 } = a;
  const { simulation: s1, ...rest1 } = b;
  const { backend: _b0, workers: _w0, chunk: _c0, stepsPerLaunch: _l0, seed: seed0, ...core0 } = s0;
  const { backend: _b1, workers: _w1, chunk: _c1, stepsPerLaunch: _l1, seed: seed1, ...core1 } = s1;
  if (!isDeepStrictEqual(rest0, rest1) || !isDeepStrictEqual(core0, core1)) return 'a different scenario';
  return seed0 === seed1 ? null : `a different seed (${JSON.stringify(seed0)} vs ${JSON.stringify(seed1)})`;
}

export function mergeFiles(files: { name: string; file: TrajectoryFile }[]): { scenario: SimulatedScenario; results: TrajectoryResults; steps: number; seconds: number; backend: string } {
  if (files.length === 0) throw new Error('merge: no files given');
  const first = files[0];
  const total = first.file.total;
  const out = emptyResults(total);
  out.status.fill(NOT_RUN);
  for (let i = 0; i < total; i++) out.index[i] = i;
  let steps = 0, seconds = 0;
  const backends = new Set<string>();
  const seen = new Uint8Array(total);
  for (const { name, file } of files) {
    const diff = scenarioDifference(file.scenario, first.file.scenario);
    if (diff) throw new Error(`merge: ${name} was run with ${diff} than ${first.name} (only backend, workers, chunk and stepsPerLaunch may differ)`);
    if (file.total !== total) throw new Error(`merge: ${name} belongs to a run of ${file.total} trajectories, ${first.name} to one of ${total}`);
    const r = resultsOf(file);
    for (let p = 0; p < r.index.length; p++) {
      if (r.status[p] === NOT_RUN) continue;
      const i = r.index[p];
      if (seen[i]) throw new Error(`merge: trajectory ${i} appears twice (again in ${name})`);
      seen[i] = 1;
      out.time[i] = r.time[p]; out.steps[i] = r.steps[p]; out.status[i] = r.status[p]; out.boundary[i] = r.boundary[p];
    }
    steps += file.steps; seconds += file.seconds; backends.add(file.backend);
  }
  return { scenario: first.file.scenario, results: out, steps, seconds, backend: [...backends].join('+') };
}
