/**
 * Merge shard outputs (`simulate --shard i/n --out f_i.json`) into the results one run would give: the
 * trajectories are keyed by their global index, which is also their noise-stream address. Files are read one at a
 * time into the merged typed arrays (trajectory-read.ts), so memory is the merged run's arrays only.
 */
import { isDeepStrictEqual } from 'node:util';
import { NOT_RUN, emptyResults, type TrajectoryResults } from './state.js';
import type { TrajectoryFile } from './io.js';
import type { SimulatedScenario, TrajectoryHeader } from './trajectory-format.js';
import { placeRows, scanTrajectoryFile } from './trajectory-read.js';
import { missingHead, missingHints, type ShardPart } from './coverage.js';

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

export interface MergedTrajectories {
  scenario: SimulatedScenario;
  /** every trajectory 0..total−1 of the run, by index */
  results: TrajectoryResults;
  steps: number;
  seconds: number;
  backend: string;
}

/** The merge in progress: the first file fixes the run; each file is checked against it, then placed. */
class Merger {
  private first?: { name: string; h: TrajectoryHeader };
  private out?: TrajectoryResults;
  private parts: ShardPart[] = [];
  private steps = 0;
  private seconds = 0;
  private backends = new Set<string>();

  /** the sink of a file's rows, after checking its header against the first file's */
  sinkFor(name: string, h: TrajectoryHeader): (c: TrajectoryFile['columns']) => void {
    if (!this.first) {
      this.first = { name, h };
      this.out = emptyResults(h.total);
      this.out.status.fill(NOT_RUN);
      for (let i = 0; i < h.total; i++) this.out.index[i] = i;
    }
    const diff = scenarioDifference(h.scenario, this.first.h.scenario);
    if (diff) throw new Error(`merge: ${name} was run with ${diff} than ${this.first.name} (only backend, workers, chunk and stepsPerLaunch may differ)`);
    if (h.total !== this.first.h.total) throw new Error(`merge: ${name} belongs to a run of ${h.total} trajectories, ${this.first.name} to one of ${this.first.h.total}`);
    const part: ShardPart = { name, work: h.work, have: 0 };
    this.parts.push(part);
    const total = h.total;
    const place = placeRows(name, this.out!, (i) => (Number.isInteger(i) && i >= 0 && i < total ? i : -1), () => { part.have++; });
    // a trajectory of the run given by two files: a message that says so, not "appears twice in" one file
    return (c) => {
      try { place(c); } catch (e) {
        throw new Error(`merge: ${(e as Error).message.replace(/appears twice$/, `appears twice (again in ${name})`)}`);
      }
    };
  }

  account(m: { steps: number; seconds: number; backend: string }): void {
    this.steps += m.steps; this.seconds += m.seconds; this.backends.add(m.backend);
  }

  /** the merged run; refuses one with trajectories that no file holds, naming what to run or resume */
  result(): MergedTrajectories {
    if (!this.first || !this.out) throw new Error('merge: no files given');
    const total = this.first.h.total;
    let missing = 0;
    const firstMissing: number[] = [];
    for (let i = 0; i < total; i++) {
      if (this.out.status[i] !== NOT_RUN) continue;
      if (++missing <= 10) firstMissing.push(i);
    }
    if (missing > 0) throw new Error([missingHead('trajectories', total, missing, firstMissing), ...missingHints('trajectories', total, this.parts)].join('\n'));
    return { scenario: this.first.h.scenario, results: this.out, steps: this.steps, seconds: this.seconds, backend: [...this.backends].join('+') };
  }
}

/** Merge trajectory files (either format) of one run's shards; every trajectory of the run must be in one file. */
export function mergeTrajectoryFiles(paths: string[]): MergedTrajectories {
  const m = new Merger();
  for (const path of paths) m.account(scanTrajectoryFile(path, (h) => m.sinkFor(path, h)));
  return m.result();
}

/** The same for files in memory (the columns form). */
export function mergeFiles(files: { name: string; file: TrajectoryFile }[]): MergedTrajectories {
  const m = new Merger();
  for (const { name, file } of files) {
    m.sinkFor(name, file)(file.columns);
    m.account(file);
  }
  return m.result();
}
