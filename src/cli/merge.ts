/** `escapelab merge`: shard outputs → the summary of the whole run (direct trajectory files or AMS run files). */
import { compileScenario } from '../scenario/compile.js';
import { mergeTrajectoryFiles } from '../montecarlo/merge.js';
import { readJsonOf } from '../montecarlo/io.js';
import { formatOf } from '../montecarlo/trajectory-read.js';
import { isCsvPath } from '../montecarlo/trajectory-format.js';
import { TrajectoryWriter } from '../montecarlo/trajectory-stream.js';
import { summarize } from '../montecarlo/summary.js';
import { amsOutcome } from '../montecarlo/ams/index.js';
import { AMS_RUNS_FORMAT, amsRunFile, asAmsRunFile, writeAmsRunFile } from '../montecarlo/ams/io.js';
import { mergeAmsFiles } from '../montecarlo/ams/merge.js';
import { amsSummary } from '../montecarlo/ams/summary.js';
import { report } from './simulate.js';
import { amsReport } from './simulate-ams.js';
import { fail } from './common.js';
import { checkOutput } from './outputs.js';

export interface MergeOptions { out?: string; json?: boolean; force?: boolean }

/**
 * Every file must be read and every trajectory (or AMS run) of the run present, else exit 2 naming what is missing
 * and the command that computes it; --out is checked before any file is read.
 */
export async function mergeCommand(files: string[], opts: MergeOptions): Promise<void> {
  try {
    if (opts.out) checkOutput({ option: '--out', path: opts.out, force: !!opts.force, inputs: files.map((f) => ({ path: f, what: 'one of the files to merge' })) });
    const formats = files.map((name) => {
      if (isCsvPath(name)) throw new Error(`${name}: CSV files hold only columns; resume and merge need the JSON form (--out run.json)`);
      try { return formatOf(name); } catch (e) { throw new Error(`merge: cannot read ${name}: ${(e as Error).message}`); }
    });
    const ams = files.filter((_, k) => formats[k] === AMS_RUNS_FORMAT);
    if (ams.length === files.length) return mergeAms(ams, opts);
    if (ams.length > 0) {
      const direct = files.find((_, k) => formats[k] !== AMS_RUNS_FORMAT)!;
      throw new Error(`merge: ${ams[0]} holds AMS runs and ${direct} does not: the files of one run share its method`);
    }
    const m = mergeTrajectoryFiles(files);
    const compiled = compileScenario(m.scenario);
    const total = m.results.index.length;
    const s = summarize(compiled, m.results, { steps: m.steps, seconds: m.seconds, backend: m.backend, workers: 1 });
    if (opts.out) {
      const w = TrajectoryWriter.create(opts.out, { scenario: m.scenario, total, work: { first: 0, stride: 1, count: total } }, (x) => x.writeFinished(m.results));
      try { w.end({ complete: s.complete, steps: m.steps, seconds: m.seconds, backend: m.backend }); } finally { w.close(); }
    }
    report(s, !!opts.json);
    if (s.error) process.exitCode = 3;
  } catch (e) {
    fail(e);
  }
}

/** AMS shards: every run 0..R−1 once, the estimate from their records as an unsharded run makes it. */
function mergeAms(files: string[], opts: MergeOptions): void {
  const m = mergeAmsFiles(files.map((name) => ({ name, file: asAmsRunFile(name, readJsonOf(name)) })));
  const problem = compileScenario(m.scenario);
  const work = { seconds: m.seconds, backend: m.backend, workers: 1 };
  const s = amsSummary(problem, amsOutcome(problem, m.records, work));
  if (opts.out) writeAmsRunFile(opts.out, amsRunFile(m.scenario, m.total, { first: 0, stride: 1, count: m.total }, null, m.records, work));
  amsReport(s, !!opts.json);
}
