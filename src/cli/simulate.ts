/** `escapelab simulate`: Monte Carlo escape times of a scenario (design.md §6). */
import cliProgress from 'cli-progress';
import { compileScenario, type SimulationOverrides } from '../scenario/compile.js';
import { runEnsemble, type EnsembleRun } from '../montecarlo/engine.js';
import { summarize, type Summary } from '../montecarlo/summary.js';
import { parseShard, shardOf } from '../montecarlo/work.js';
import { fail, fmt, readJsonFile } from './common.js';
import { amsCommand } from './simulate-ams.js';
import { checkSimulateOutput, planOutput, RunOutput, type OutputPlan } from './simulate-out.js';
import { INTERRUPTED, onInterrupt } from './signals.js';
import { estimateCost, type CostEstimate } from '../scenario/cost.js';
import { ScenarioError } from '../scenario/errors.js';
import { availableParallelism } from 'node:os';

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
  force?: boolean;
  /** run even when the cost estimate refuses (--accept-cost) */
  acceptCost?: boolean;
}

/**
 * The cost estimate before a run (src/scenario/cost.ts): refused runs (predicted to exceed 1e12 steps a trajectory
 * or 1e13 in all) fail here, naming simulation, unless --accept-cost; warnings (hours of work, most trajectories
 * censored) go to stderr before any work starts.
 */
function costBefore(compiled: Parameters<typeof estimateCost>[0], opts: SimulateOptions, trajectories: number): CostEstimate {
  const backend = compiled.scenario.simulation.backend;
  const cores = backend === 'workers' ? Math.min(opts.workers ?? availableParallelism(), availableParallelism()) : 1;
  const cost = estimateCost(compiled, { cores, force: opts.acceptCost === true, trajectories });
  if (cost.refusal) {
    throw new ScenarioError([{ field: 'scenario.simulation', message: `refused before the run: ${cost.refusal} (--accept-cost runs it anyway)` }]);
  }
  for (const w of cost.warnings) process.stderr.write(`escapelab: warning: ${w}\n`);
  return cost;
}

/**
 * --seed: text that reads as a number is that number, validated by the scenario schema like simulation.seed (so
 * `1.0` is seed 1 and `-5` or `1.5` are refused, naming the field); any other text is a string seed.
 */
export function seedOf(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : text;
}

export async function simulateCommand(opts: SimulateOptions): Promise<void> {
  let compiled, work, plan: OutputPlan, cost: CostEstimate;
  const overrides: SimulationOverrides = {
    trajectories: opts.trajectories,
    seed: seedOf(opts.seed),
    backend: opts.backend,
    method: opts.method,
  };
  try {
    // the output first: nothing is computed (not even the scenario compiled) for a file that cannot be written
    checkSimulateOutput(opts);
    compiled = compileScenario(readJsonFile(opts.scenario), overrides);
    work = shardOf(compiled.scenario.simulation.trajectories, opts.shard ? parseShard(opts.shard) : undefined);
    if (compiled.ams) { await amsCommand(compiled, opts); return; }
    // the resumed file read and checked before any work (and before the output is touched)
    plan = planOutput(compiled, work, opts);
    cost = costBefore(compiled, opts, work.count - (plan.resumed?.finished ?? 0));
  } catch (e) {
    fail(e);
  }
  const sim = compiled.scenario.simulation;
  let output: RunOutput;
  try {
    output = new RunOutput(plan, { scenario: compiled.scenario, total: sim.trajectories, work });
  } catch (e) {
    fail(new Error(`${opts.out ? '--out' : '--resume'}: cannot write ${plan.out}: ${(e as Error).message}`));
  }
  const t0 = performance.now();
  let steps = 0;
  const interrupts = onInterrupt(
    () => `stopping; the finished trajectories are kept${plan.out ? ` in ${plan.out}` : ''}`,
    () => output.close(null, { complete: false, steps, seconds: (performance.now() - t0) / 1000, backend: 'interrupted' }),
  );

  const bar = process.stderr.isTTY && !opts.json
    ? new cliProgress.SingleBar({
        format: ' {bar} {value}/{total} trajectories | escaped {escaped} | ETA {eta_formatted}',
        stream: process.stderr, hideCursor: true,
      }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(work.count, 0, { escaped: 0 });

  let run: EnsembleRun;
  try {
    run = await runEnsemble(compiled, {
      work,
      workers: opts.workers,
      signal: interrupts.signal,
      resumeFrom: plan.resumed?.results,
      onFinished: (spans, results) => output.finished(spans, results),
      onProgress: (p) => {
        bar?.update(p.done, { escaped: p.escaped });
        steps = p.steps;
        output.progress();
      },
    });
    output.close(run.results, { complete: run.complete, steps: run.steps, seconds: run.seconds, backend: run.backend });
  } catch (e) {
    bar?.stop();
    fail(e);
  }
  bar?.stop();

  const summary = summarize(compiled, run.results, { ...run, shard: opts.shard ?? null });
  report(summary, !!opts.json, plan.out, cost);
  if (summary.error) process.exitCode = 3;
  else if (!run.complete) process.exitCode = INTERRUPTED;
  // (kept until the summary is out: a second signal meanwhile quits with INTERRUPTED, not by the signal)
  interrupts.dispose();
}

/** a number of the text summary; an unbounded interval end in words */
const bound = (x: number) => (x === Infinity ? 'unbounded' : fmt(x));

/** the lines of the mean escape time: the estimate and its CI, a lower bound, or why there is none (never "Infinity") */
function estimateLines(s: Summary): string[] {
  const m = s.mfpt;
  if (!m) return s.error || s.trajectories > 0 ? [] : ['mean escape time  not estimable: no trajectory finished'];
  const it = s.iterations;
  // (kind: summary.ts's MfptStatement; read loosely, so that a summary without it prints as a mean)
  if ((m as { kind?: string }).kind === 'lower-bound') {
    const lines = [`mean escape time  not estimable (heavy censoring): at least ${bound(m.ci95[0])} at 97.5% confidence; restricted mean E[min(τ, ${fmt(s.maxTime)})] = ${fmt(m.estimate)}  95% CI [${bound(m.ci95[0])}, ${bound(m.ci95[1])}]`];
    if (it && Number.isFinite(it.ci95[0])) lines.push(`in iterations     at least ${bound(it.ci95[0])}`);
    return lines;
  }
  if (!Number.isFinite(m.estimate)) {
    const why = s.escaped === 0
      ? `no trajectory escaped before maxTime ${fmt(s.maxTime)} (${s.censored} censored); the mean is at least ${bound(m.ci95[0])} (95% lower confidence bound). Raise simulation.maxTime to estimate it`
      : `the estimator gave ${m.estimate} (${m.method})`;
    return [`mean escape time  not estimable: ${why}`];
  }
  const lines = [`mean escape time  ${fmt(m.estimate)}  95% CI [${bound(m.ci95[0])}, ${bound(m.ci95[1])}]  (${m.method})`];
  if (it && Number.isFinite(it.estimate)) lines.push(`in iterations     ${fmt(it.estimate)}  95% CI [${bound(it.ci95[0])}, ${bound(it.ci95[1])}]`);
  return lines;
}

/** The summary: JSON, or text (`out`: the file an incomplete run is resumed from). */
export function report(s: Summary, json: boolean, out?: string, cost?: CostEstimate): void {
  if (json) {
    process.stdout.write(JSON.stringify(cost ? { ...s, cost } : s, null, 2) + '\n');
    return;
  }
  const lines = [`scenario ${s.scenario} · model ${s.model} (${s.convention}) · backend ${s.backend}${s.workers > 1 ? ` ×${s.workers}` : ''} · seed ${s.seed}`];
  lines.push(...estimateLines(s));
  lines.push(`trajectories ${s.trajectories}: escaped ${s.escaped}, censored ${s.censored}, blew up ${s.blowups}${s.notRun ? `, not run ${s.notRun}` : ''}`);
  lines.push(`steps ${s.steps} in ${fmt(s.seconds)} s = ${fmt(s.stepsPerSecond)} steps/s`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  if (s.error) lines.push(`ERROR: ${s.error}`);
  if (!s.complete) lines.push(`incomplete run (${s.notRun} trajectories not run): ${out ? `resume it with --resume ${out}` : 'nothing was kept; run it with --out FILE to be able to resume'}`);
  process.stdout.write(lines.join('\n') + '\n');
}
