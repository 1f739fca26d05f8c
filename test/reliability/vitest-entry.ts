/**
 * The vitest side of the reliability suite: one beforeAll runs the jobs (two children at a time, suite.ts) and
 * prints the report; then one test per run states its verdict, with the failure report as the message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { failureReport } from './judge.js';
import { runSuite, type Job, type SuiteRun } from './suite.js';

export function defineReliabilitySuite(title: string, jobs: Job[], o: { hookTimeoutMs: number; runTimeoutMs?: number }): void {
  let run: SuiteRun | undefined;
  describe(title, () => {
    beforeAll(async () => {
      run = await runSuite(jobs, { timeoutMs: o.runTimeoutMs });
      console.log(run.report);
    }, o.hookTimeoutMs);
    jobs.forEach((job, i) => {
      it(job.name, (ctx) => {
        const outcome = run!.outcomes[i];
        if (outcome.skipped) ctx.skip(outcome.skipped);
        expect(outcome.problems, failureReport(outcome, run!.cli)).toEqual([]);
      });
    });
  });
}
