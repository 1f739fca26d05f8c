/**
 * `escapelab simulate --method ams`: the rare-event estimate of a scenario's mean escape time (docs/rare-events.md),
 * with direct Monte Carlo's --shard, --out, --resume and Ctrl-C (docs/cli.md): a shard computes runs i, i+n, …;
 * --out keeps the finished run records; an interrupt keeps them and --resume computes only the rest.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EscapeProblem } from '../scenario/problem.js';
import { computeRuns, amsOutcome, type AmsRuns } from '../montecarlo/ams/index.js';
import type { RunRecord } from '../montecarlo/ams/one-run.js';
import { amsRunFile, readAmsRunFile, recordsOf, workRuns, writeAmsRunFile } from '../montecarlo/ams/io.js';
import { amsSummary, amsSummaryWithout, type AmsRunState, type AmsSummary } from '../montecarlo/ams/summary.js';
import type { AmsWork } from '../montecarlo/ams/estimate.js';
import { scenarioDifference } from '../montecarlo/merge.js';
import { parseShard, shardOf, type WorkSet } from '../montecarlo/work.js';
import { fail, fmt } from './common.js';
import { INTERRUPTED, onInterrupt } from './signals.js';

export interface AmsCliOptions { shard?: string; out?: string; resume?: string; json?: boolean; workers?: number }

/** checkpoints of --out: after a finished run, when the last write is at least this old (the first run always writes) */
const CHECKPOINT_SECONDS = 5;

/** What this call computes, decided (and every refusal made) before any run starts; out: --out, else --resume's file. */
interface Plan { work: WorkSet; shard: string | null; done: RunRecord[]; seconds: number; out?: string }

function planOf(problem: EscapeProblem, opts: AmsCliOptions): Plan {
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  const work = shardOf(problem.ams!.runs, shard);
  const plan: Plan = { work, shard: shard ? `${shard.index}/${shard.of}` : null, done: [], seconds: 0, out: opts.out ?? opts.resume };
  if (plan.out) {
    const option = opts.out ? '--out' : '--resume';
    // (the path itself was checked first of all: simulate-out.ts checkSimulateOutput)
    if (plan.out.endsWith('.csv')) throw new Error(`${option}: AMS writes its run records as JSON; name the file ${plan.out.replace(/\.csv$/, '.json')}`);
  }
  if (opts.resume) {
    let f;
    try { f = readAmsRunFile(opts.resume); } catch (e) { throw new Error(`--resume: ${(e as Error).message}`); }
    const diff = scenarioDifference(f.scenario, problem.scenario);
    if (diff) throw new Error(`--resume: ${opts.resume} was written by a run with ${diff} than this one`);
    if (!isDeepStrictEqual(f.work, work)) throw new Error(`--resume: ${opts.resume} holds shard ${f.shard ?? 'none (all runs)'}, this run is shard ${plan.shard ?? 'none (all runs)'}`);
    plan.done = recordsOf(f);
    plan.seconds = f.seconds;
  }
  return plan;
}

export async function amsCommand(problem: EscapeProblem, opts: AmsCliOptions): Promise<void> {
  let plan: Plan;
  try {
    plan = planOf(problem, opts);
  } catch (e) {
    fail(e);
  }
  const t0 = performance.now();
  const seconds = () => plan.seconds + (performance.now() - t0) / 1000;
  const finished = new Map(plan.done.map((r) => [r.run, r]));
  const out = plan.out;
  const save = (backend: string) => {
    if (out) writeAmsRunFile(out, amsRunFile(problem.scenario, problem.ams!.runs, plan.work, plan.shard, [...finished.values()], { seconds: seconds(), backend }));
  };
  // SIGINT, SIGTERM or SIGHUP: the runs in flight are dropped, the finished ones written; a second one quits at once
  const interrupts = onInterrupt(() => `stopping; the finished AMS runs are kept${out ? ` in ${out}` : ''}`, () => save('interrupted'));
  try {
    let lastSave = -Infinity;
    const runs = await computeRuns(problem, {
      signal: interrupts.signal, workers: opts.workers, runs: workRuns(plan.work), done: plan.done, offMainThread: true,
      onRun: (r) => {
        finished.set(r.run, r);
        if (performance.now() - lastSave >= CHECKPOINT_SECONDS * 1000) { save('checkpoint'); lastSave = performance.now(); }
      },
    });
    save(runs.backend);
    const s = summaryOf(problem, plan, runs, { seconds: seconds(), backend: runs.backend, workers: runs.workers });
    amsReport(s, !!opts.json, out);
    if (!s.complete) {
      process.stderr.write(`escapelab: ${runs.missing.length} of ${plan.work.count} AMS runs not run; ${out ? `continue with --resume ${out}` : 'rerun with --out FILE to keep finished runs'}\n`);
      process.exitCode = INTERRUPTED;
    }
  } catch (e) {
    fail(e);
  } finally {
    interrupts.dispose();
  }
}

/**
 * The summary of the finished runs. All R runs: the estimate, whose refusals (every run extinct) are errors as
 * before. A shard or an interrupted call: the estimate of its finished runs when they give one, else none, with the reason.
 */
function summaryOf(problem: EscapeProblem, plan: Plan, runs: AmsRuns, w: AmsWork): AmsSummary {
  const state: AmsRunState = { complete: runs.missing.length === 0, shard: plan.shard, notRun: runs.missing.length };
  if (state.complete && plan.shard === null) return amsSummary(problem, amsOutcome(problem, runs.records, w), state);
  const partial = plan.shard ? `the runs of shard ${plan.shard} only; escapelab merge gives the whole run's estimate` : `${runs.records.length} of ${plan.work.count} runs`;
  try {
    return amsSummary(problem, amsOutcome(problem, runs.records, w), state, [`the estimate is of ${partial}`]);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const steps = runs.records.reduce((a, r) => a + r.loopSteps + r.amsSteps, 0);
    return amsSummaryWithout(problem, steps, w, state, `no estimate from ${partial}: ${e.message}`);
  }
}

export function amsReport(s: AmsSummary, json: boolean, out?: string): void {
  if (json) { process.stdout.write(JSON.stringify(s, null, 2) + '\n'); return; }
  const lines = [`scenario ${s.scenario} · model ${s.model} (${s.convention}) · method ams · seed ${s.seed}${s.shard ? ` · shard ${s.shard}` : ''}`];
  const a = s.ams;
  if (s.mfpt && a) {
    lines.push(`mean escape time  ${fmt(s.mfpt.estimate)}  95% CI [${fmt(s.mfpt.ci95[0])}, ${fmt(s.mfpt.ci95[1])}]  (relative SE ${fmt(s.mfpt.se)})`);
    if (s.iterations) lines.push(`in iterations     ${fmt(s.iterations.estimate)}  95% CI [${fmt(s.iterations.ci95[0])}, ${fmt(s.iterations.ci95[1])}]`);
    lines.push(
      `p(B before A | Σ) ${fmt(a.p.estimate)}  95% CI [${fmt(a.p.ci95[0])}, ${fmt(a.p.ci95[1])}]; ${a.runs} runs × ${a.replicas} replicas, ${a.kill} killed per iteration, ${fmt(a.iterations.mean)} iterations per run, ${a.extinctRuns} extinct`,
      `loops: ${a.loop.count} failed, mean ${fmt(a.loop.meanFailed)}; A at ${fmt(a.levels.set)}, Σ at ${fmt(a.levels.sigma)}, exit at ${fmt(a.levels.exit)}`,
      `per-run relative variance of p ${fmt(a.relVarPerRun)} (ideal ${fmt(a.idealRelVarPerRun)}); work-normalised variance ${fmt(a.workNormalisedVariance)}`,
    );
  }
  lines.push(`steps ${s.steps} in ${fmt(s.seconds)} s = ${fmt(s.stepsPerSecond)} steps/s`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  if (!s.complete) lines.push(`incomplete run (${s.notRun} runs not run): ${out ? `resume it with --resume ${out}` : 'nothing was kept; run it with --out FILE to be able to resume'}`);
  process.stdout.write(lines.join('\n') + '\n');
}
