/** `escapelab simulate`: Monte Carlo escape times of a scenario (design.md §6). */
import cliProgress from 'cli-progress';
import { isDeepStrictEqual } from 'node:util';
import { compileScenario, type SimulationOverrides } from '../scenario/compile.js';
import { runEnsemble, type EnsembleRun } from '../montecarlo/engine.js';
import { summarize, type Summary } from '../montecarlo/summary.js';
import { readTrajectories, resultsOf, toFile, writeTrajectories } from '../montecarlo/io.js';
import { parseShard, shardOf } from '../montecarlo/work.js';
import { fail, fmt, readJsonFile } from './common.js';
import { amsCommand } from './simulate-ams.js';

export interface SimulateOptions {
  scenario: string;
  trajectories?: number;
  seed?: string;
  backend?: string;
  shard?: string;
  out?: string;
  resume?: string;
  workers?: number;
  method?: string;
  json?: boolean;
}

const CHECKPOINT_SECONDS = 20;

export async function simulateCommand(opts: SimulateOptions): Promise<void> {
  let compiled, work;
  const overrides: SimulationOverrides = {
    trajectories: opts.trajectories,
    seed: opts.seed === undefined ? undefined : /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed,
    backend: opts.backend,
    method: opts.method,
  };
  try {
    compiled = compileScenario(readJsonFile(opts.scenario), overrides);
    work = shardOf(compiled.scenario.simulation.trajectories, opts.shard ? parseShard(opts.shard) : undefined);
  } catch (e) {
    fail(e);
  }
  if (compiled.ams) { await amsCommand(compiled, opts); return; }
  const sim = compiled.scenario.simulation;
  let resumeFrom;
  if (opts.resume) {
    try {
      const f = readTrajectories(opts.resume);
      if (!isDeepStrictEqual(f.scenario, compiled.scenario) || !isDeepStrictEqual(f.work, work)) {
        throw new Error(`--resume: ${opts.resume} was written by a run with a different scenario, seed or shard`);
      }
      resumeFrom = resultsOf(f);
    } catch (e) {
      fail(e);
    }
  }

  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\nescapelab: interrupted; finishing the blocks in flight and keeping what was computed (Ctrl-C again to quit now)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);

  const bar = process.stderr.isTTY && !opts.json
    ? new cliProgress.SingleBar({
        format: ' {bar} {value}/{total} trajectories | escaped {escaped} | ETA {eta_formatted}',
        stream: process.stderr, hideCursor: true,
      }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(work.count, 0, { escaped: 0 });

  // checkpoints: the partial per-trajectory file, rewritten every CHECKPOINT_SECONDS
  let lastCheckpoint = performance.now();
  const writeOut = (results: EnsembleRun['results'], meta: { complete: boolean; steps: number; seconds: number; backend: string }) => {
    if (opts.out) writeTrajectories(opts.out, toFile(compiled.scenario, sim.trajectories, work, results, meta));
  };

  let run: EnsembleRun;
  try {
    run = await runEnsemble(compiled, {
      work,
      workers: opts.workers,
      signal: abort.signal,
      resumeFrom,
      onProgress: ({ done, escaped, steps, results }) => {
        bar?.update(done, { escaped });
        if (opts.out && (performance.now() - lastCheckpoint) / 1000 > CHECKPOINT_SECONDS) {
          lastCheckpoint = performance.now();
          writeOut(results, { complete: false, steps, seconds: 0, backend: 'checkpoint' });
        }
      },
    });
  } catch (e) {
    bar?.stop();
    fail(e);
  } finally {
    process.off('SIGINT', onSigint);
  }
  bar?.stop();
  writeOut(run.results, { complete: run.complete, steps: run.steps, seconds: run.seconds, backend: run.backend });

  const summary = summarize(compiled, run.results, { ...run, shard: opts.shard ?? null });
  report(summary, !!opts.json);
  if (summary.error) process.exitCode = 3;
  else if (!run.complete) process.exitCode = 130;
}

export function report(s: Summary, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
    return;
  }
  const lines = [`scenario ${s.scenario} · model ${s.model} (${s.convention}) · backend ${s.backend}${s.workers > 1 ? ` ×${s.workers}` : ''} · seed ${s.seed}`];
  if (s.mfpt) {
    lines.push(`mean escape time  ${fmt(s.mfpt.estimate)}  95% CI [${fmt(s.mfpt.ci95[0])}, ${fmt(s.mfpt.ci95[1])}]  (${s.mfpt.method})`);
    if (s.iterations) lines.push(`in iterations     ${fmt(s.iterations.estimate)}  95% CI [${fmt(s.iterations.ci95[0])}, ${fmt(s.iterations.ci95[1])}]`);
  }
  lines.push(`trajectories ${s.trajectories}: escaped ${s.escaped}, censored ${s.censored}, blew up ${s.blowups}${s.notRun ? `, not run ${s.notRun}` : ''}`);
  lines.push(`steps ${s.steps} in ${fmt(s.seconds)} s = ${fmt(s.stepsPerSecond)} steps/s`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  if (s.error) lines.push(`ERROR: ${s.error}`);
  if (!s.complete) lines.push('incomplete run: resume it with --resume <the --out file>');
  process.stdout.write(lines.join('\n') + '\n');
}
