/**
 * Merge the run files of AMS shards (`simulate --method ams --shard i/n --out f_i.json`) into the records of the
 * whole run: a run is keyed by its index, which is also its stream address, so the records are those one
 * unsharded run computes, and the estimate from them (estimate.ts) is the same to the bit.
 */
import { scenarioDifference } from '../merge.js';
import type { SimulatedScenario } from '../io.js';
import { recordsOf, type AmsRunFile } from './io.js';
import { missingHints, type ShardPart } from '../coverage.js';
import type { RunRecord } from './one-run.js';

export interface MergedAmsRuns {
  scenario: SimulatedScenario;
  total: number;
  records: RunRecord[];
  seconds: number;
  backend: string;
}

/** Refuses files of different runs, a run given twice, and any run of 0..R−1 that no file holds. */
export function mergeAmsFiles(files: { name: string; file: AmsRunFile }[]): MergedAmsRuns {
  if (files.length === 0) throw new Error('merge: no files given');
  const first = files[0];
  const total = first.file.total;
  const byRun = new Map<number, RunRecord>();
  let seconds = 0;
  const backends = new Set<string>();
  const parts: ShardPart[] = [];
  for (const { name, file } of files) {
    const diff = scenarioDifference(file.scenario, first.file.scenario);
    if (diff) throw new Error(`merge: ${name} was run with ${diff} than ${first.name} (only backend, workers, chunk and stepsPerLaunch may differ)`);
    if (file.total !== total) throw new Error(`merge: ${name} belongs to a run of ${file.total} AMS runs, ${first.name} to one of ${total}`);
    for (const r of recordsOf(file)) {
      if (byRun.has(r.run)) throw new Error(`merge: AMS run ${r.run} appears twice (again in ${name})`);
      byRun.set(r.run, r);
    }
    seconds += file.seconds;
    backends.add(file.backend);
    parts.push({ name, work: file.work, have: file.records.length });
  }
  const missing = Array.from({ length: total }, (_, r) => r).filter((r) => !byRun.has(r));
  if (missing.length) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')}, … (${missing.length} in all)` : missing.join(', ');
    const head = `merge: AMS ${missing.length === 1 ? 'run' : 'runs'} ${list} of 0..${total - 1} ${missing.length === 1 ? 'is' : 'are'} in no file; a merge needs all of them:`;
    throw new Error([head, ...missingHints('AMS runs', total, parts)].join('\n'));
  }
  return { scenario: first.file.scenario, total, records: [...byRun.values()].sort((a, b) => a.run - b.run), seconds, backend: [...backends].join('+') };
}
