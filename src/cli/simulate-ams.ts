/** `escapelab simulate --method ams`: the rare-event estimate of a scenario's mean escape time (docs/rare-events.md). */
import type { EscapeProblem } from '../scenario/problem.js';
import { ScenarioError } from '../scenario/errors.js';
import { solveAms } from '../montecarlo/ams/index.js';
import { amsSummary, type AmsSummary } from '../montecarlo/ams/summary.js';
import { fail, fmt } from './common.js';

export async function amsCommand(problem: EscapeProblem, opts: { shard?: string; out?: string; resume?: string; json?: boolean }): Promise<void> {
  const unsupported = (['shard', 'out', 'resume'] as const).filter((k) => opts[k] !== undefined);
  if (unsupported.length) {
    fail(new ScenarioError([{ field: 'scenario.simulation.method', message: `'ams' does not take ${unsupported.map((k) => `--${k}`).join(', ')} yet (runs are not sharded, written or resumed); use 'direct' for them` }]));
  }
  const abort = new AbortController();
  const onSigint = () => { if (abort.signal.aborted) process.exit(130); abort.abort(); };
  process.on('SIGINT', onSigint);
  try {
    const outcome = await solveAms(problem, { signal: abort.signal });
    amsReport(amsSummary(problem, outcome), !!opts.json);
  } catch (e) {
    fail(e);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function amsReport(s: AmsSummary, json: boolean): void {
  if (json) { process.stdout.write(JSON.stringify(s, null, 2) + '\n'); return; }
  const a = s.ams;
  const lines = [
    `scenario ${s.scenario} · model ${s.model} (${s.convention}) · method ams · seed ${s.seed}`,
    `mean escape time  ${fmt(s.mfpt.estimate)}  95% CI [${fmt(s.mfpt.ci95[0])}, ${fmt(s.mfpt.ci95[1])}]  (relative SE ${fmt(s.mfpt.se)})`,
  ];
  if (s.iterations) lines.push(`in iterations     ${fmt(s.iterations.estimate)}  95% CI [${fmt(s.iterations.ci95[0])}, ${fmt(s.iterations.ci95[1])}]`);
  lines.push(
    `p(B before A | Σ) ${fmt(a.p.estimate)}  95% CI [${fmt(a.p.ci95[0])}, ${fmt(a.p.ci95[1])}]; ${a.runs} runs × ${a.replicas} replicas, ${a.kill} killed per iteration, ${fmt(a.iterations.mean)} iterations per run, ${a.extinctRuns} extinct`,
    `loops: ${a.loop.count} failed, mean ${fmt(a.loop.meanFailed)}; A at ${fmt(a.levels.set)}, Σ at ${fmt(a.levels.sigma)}, exit at ${fmt(a.levels.exit)}`,
    `per-run relative variance of p ${fmt(a.relVarPerRun)} (ideal ${fmt(a.idealRelVarPerRun)}); work-normalised variance ${fmt(a.workNormalisedVariance)}`,
    `steps ${s.steps} in ${fmt(s.seconds)} s = ${fmt(s.stepsPerSecond)} steps/s`,
  );
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
}
