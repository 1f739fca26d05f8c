/** `escapelab merge`: shard outputs → the summary of the whole run. */
import { compileScenario } from '../scenario/compile.js';
import { mergeFiles } from '../montecarlo/merge.js';
import { readTrajectories, toFile, writeTrajectories } from '../montecarlo/io.js';
import { summarize } from '../montecarlo/summary.js';
import { report } from './simulate.js';
import { fail } from './common.js';

export async function mergeCommand(files: string[], opts: { out?: string; json?: boolean }): Promise<void> {
  try {
    const m = mergeFiles(files.map((name) => ({ name, file: readTrajectories(name) })));
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
