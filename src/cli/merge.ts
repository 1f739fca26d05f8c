/** `escapelab merge`: shard outputs → the summary of the whole run (direct trajectory files or AMS run files). */
import { compileScenario } from '../scenario/compile.js';
import { mergeFiles } from '../montecarlo/merge.js';
import { asTrajectoryFile, readJsonOf, toFile, writeTrajectories } from '../montecarlo/io.js';
import { summarize } from '../montecarlo/summary.js';
import { amsOutcome } from '../montecarlo/ams/index.js';
import { amsRunFile, asAmsRunFile, isAmsRunFile, writeAmsRunFile } from '../montecarlo/ams/io.js';
import { mergeAmsFiles } from '../montecarlo/ams/merge.js';
import { amsSummary } from '../montecarlo/ams/summary.js';
import { report } from './simulate.js';
import { amsReport } from './simulate-ams.js';
import { fail } from './common.js';

export async function mergeCommand(files: string[], opts: { out?: string; json?: boolean }): Promise<void> {
  try {
    const read = files.map((name) => {
      if (name.endsWith('.csv')) throw new Error(`${name}: CSV files hold only columns; resume and merge need the JSON form (--out run.json)`);
      return { name, json: readJsonOf(name) };
    });
    const ams = read.filter((f) => isAmsRunFile(f.json));
    if (ams.length === read.length) return mergeAms(ams, opts);
    if (ams.length > 0) {
      const direct = read.find((f) => !isAmsRunFile(f.json))!;
      throw new Error(`merge: ${ams[0].name} holds AMS runs and ${direct.name} does not: the files of one run share its method`);
    }
    const m = mergeFiles(read.map(({ name, json }) => ({ name, file: asTrajectoryFile(name, json) })));
    const compiled = compileScenario(m.scenario);
    const total = m.results.index.length;
    const work = { first: 0, stride: 1, count: total };
    const s = summarize(compiled, m.results, { steps: m.steps, seconds: m.seconds, backend: m.backend, workers: 1 });
    if (opts.out) writeTrajectories(opts.out, toFile(m.scenario, total, work, m.results, { complete: s.complete, steps: m.steps, seconds: m.seconds, backend: m.backend }));
    report(s, !!opts.json);
    if (s.error) process.exitCode = 3;
  } catch (e) {
    fail(e);
  }
}

/** AMS shards: every run 0..R−1 once, the estimate from their records as an unsharded run makes it. */
function mergeAms(files: { name: string; json: unknown }[], opts: { out?: string; json?: boolean }): void {
  const m = mergeAmsFiles(files.map(({ name, json }) => ({ name, file: asAmsRunFile(name, json) })));
  const problem = compileScenario(m.scenario);
  const work = { seconds: m.seconds, backend: m.backend, workers: 1 };
  const s = amsSummary(problem, amsOutcome(problem, m.records, work));
  if (opts.out) writeAmsRunFile(opts.out, amsRunFile(m.scenario, m.total, { first: 0, stride: 1, count: m.total }, null, m.records, work));
  amsReport(s, !!opts.json);
}
