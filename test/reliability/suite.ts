/**
 * The reliability suite (docs/cli.md "Reliability suite"): the scenario corpus (corpus.ts) run through
 * `escapelab theory` and `escapelab simulate`, and the CLI misuses (misuse.ts), each as a child process under
 * the limits of run.ts, judged by judge.ts, two at a time.
 *
 *   npx tsx test/reliability/suite.ts [--smoke] [--filter REGEX] [--list] [--concurrency N] [--timeout SECONDS]
 *
 * prints the report and exits 1 when a run fails. The vitest entries are reliability.long.test.ts (everything,
 * `npm run test:long`) and smoke.test.ts (the fast subset, in `npm test`).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bases, scenarioCases, type Expect, type ScenarioCase } from './corpus.js';
import { commonProblems, expectationProblems, fullReport, type Outcome, type Problem } from './judge.js';
import { misuseJobs } from './misuse.js';
import { chooseCli, pool, runCli, type Cli, type RunResult } from './run.js';

export interface JobContext {
  /** the job's own folder, the child's working directory */
  dir: string;
  /** a valid small scenario (the double well, 4 trajectories) written in `dir` */
  scenario: string;
  /** run escapelab as a setup step (the shards a merge case merges) */
  cli(args: string[]): Promise<RunResult>;
  /** the result of another job of this run (checks run after every job has finished) */
  resultOf(name: string): RunResult | undefined;
}

export interface Job {
  name: string;
  category: string;
  smoke?: boolean;
  /** a reason not to run here (e.g. permissions as root) */
  skip?: () => string | undefined;
  /** exit 1 is documented for this command */
  allowExit1?: boolean;
  /** jobs whose results the check reads (run even when a filter leaves them out) */
  needs?: string[];
  /** write the job's files and return the escapelab arguments */
  prepare(ctx: JobContext): Promise<string[]> | string[];
  /** the job's own checks of its finished run */
  check(r: RunResult, ctx: JobContext): Problem[];
}

const CASE_FILE = 'case.json';

/** a --json stdout that should be JSON and is not */
function jsonProblems(r: RunResult): Problem[] {
  if (r.code !== 0 || r.stdoutBytes > Buffer.byteLength(r.stdout)) return [];
  try { JSON.parse(r.stdout); return []; } catch { return [{ kind: 'expectation', message: 'exit 0 but --json printed no JSON' }]; }
}

const exactOf = (r: RunResult | undefined): number | undefined => {
  try { return (JSON.parse(r?.stdout ?? '') as { mfpt: { exact: number } }).mfpt.exact; } catch { return undefined; }
};

function sameAnswer(c: ScenarioCase, r: RunResult, ctx: JobContext): Problem[] {
  if (!c.sameAnswerAs || r.code !== 0) return [];
  const want = exactOf(ctx.resultOf(`${c.sameAnswerAs} :: theory`)), got = exactOf(r);
  if (want === undefined || got === undefined) return [{ kind: 'expectation', message: `cannot compare mfpt.exact with ${c.sameAnswerAs}` }];
  return Math.abs(got - want) <= 1e-9 * Math.abs(want) ? []
    : [{ kind: 'expectation', message: `mfpt.exact ${got} differs from ${want} of ${c.sameAnswerAs}: the renamed symbol was not bound` }];
}

export function scenarioJobs(cases: ScenarioCase[]): Job[] {
  return cases.flatMap((c) => (['theory', 'simulate'] as const).flatMap((cmd): Job[] => {
    const e = c[cmd];
    if (e === 'skip') return [];
    return [{
      name: `${c.name} :: ${cmd}`, category: c.category, smoke: c.smoke === 'both' || (c.smoke === true && cmd === 'simulate'),
      needs: cmd === 'theory' && c.sameAnswerAs ? [`${c.sameAnswerAs} :: theory`] : undefined,
      prepare: (ctx) => {
        const file = join(ctx.dir, CASE_FILE);
        writeFileSync(file, c.content());
        return [cmd, '--scenario', file, '--json'];
      },
      check: (r, ctx) => [...expectationProblems(r, e as Expect), ...jsonProblems(r), ...(cmd === 'theory' ? sameAnswer(c, r, ctx) : [])],
    }];
  }));
}

export function allJobs(o: { smoke?: boolean; filter?: RegExp } = {}): Job[] {
  const every = [...scenarioJobs(scenarioCases()), ...misuseJobs()];
  const chosen = every.filter((j) => (!o.smoke || j.smoke) && (!o.filter || o.filter.test(j.name)));
  const needed = new Set(chosen.flatMap((j) => j.needs ?? []));
  return every.filter((j) => chosen.includes(j) || needed.has(j.name));
}

/** a failing run's folder is kept for the report, without its large files (the case name regenerates them) */
function tidy(dir: string, keep: boolean): void {
  try { chmodSync(dir, 0o700); for (const e of readdirSync(dir)) chmodSync(join(dir, e), 0o700); } catch { /* best effort */ }
  if (!keep) { rmSync(dir, { recursive: true, force: true }); return; }
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isFile() && statSync(p).size > 8 << 20) writeFileSync(p, `(removed: ${statSync(p).size} bytes; regenerate it from the case name in test/reliability/)\n`);
  }
}

export interface SuiteRun { outcomes: Outcome[]; seconds: number; cli: Cli; report: string; root: string }

export interface SuiteOptions {
  /** children at a time (default 2) */
  concurrency?: number;
  /** a run is a hang after this (default LIMITS.timeoutMs) */
  timeoutMs?: number;
  onDone?: (o: Outcome, done: number) => void;
}

export async function runSuite(jobs: Job[], o: SuiteOptions = {}): Promise<SuiteRun> {
  const cli = chooseCli();
  const root = mkdtempSync(join(tmpdir(), 'escapelab-reliability-'));
  const env = { ESCAPELAB_CACHE_DIR: join(root, 'cache') };
  const results = new Map<string, RunResult>();
  const t0 = performance.now();
  let done = 0;
  const contexts = await pool(jobs, o.concurrency ?? 2, async (job, i) => {
    const dir = join(root, `${i}-${job.name.replace(/[^\w.=-]+/g, '_').slice(0, 80)}`);
    mkdirSync(dir);
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify(bases().langevin, null, 2));
    let n = 0;
    const ctx: JobContext = {
      dir, scenario, resultOf: (name) => results.get(name),
      cli: (args) => runCli(cli, args, { cwd: dir, rssFile: join(dir, `.setup-rss-${n++}`), env, timeoutMs: o.timeoutMs }),
    };
    const skipped = job.skip?.();
    let result: RunResult | undefined, setupError: string | undefined;
    if (!skipped) {
      try {
        const args = await job.prepare(ctx);
        result = await runCli(cli, args, { cwd: dir, rssFile: join(dir, '.rss'), env, timeoutMs: o.timeoutMs });
        results.set(job.name, result);
      } catch (e) {
        setupError = e instanceof Error ? e.message : String(e);
      }
    }
    o.onDone?.({ name: job.name, category: job.category, problems: [], skipped }, ++done);
    return { ctx, result, skipped, setupError };
  });
  const outcomes = jobs.map((job, i): Outcome => {
    const { ctx, result, skipped, setupError } = contexts[i];
    const problems: Problem[] = setupError ? [{ kind: 'expectation', message: `setup failed: ${setupError}` }] : [];
    if (result) problems.push(...commonProblems(result, job.allowExit1), ...job.check(result, ctx));
    tidy(ctx.dir, problems.length > 0);
    return { name: job.name, category: job.category, result, problems, skipped, dir: problems.length ? ctx.dir : undefined };
  });
  if (!outcomes.some((x) => x.problems.length)) rmSync(root, { recursive: true, force: true });
  const seconds = (performance.now() - t0) / 1000;
  return { outcomes, seconds, cli, root, report: fullReport(outcomes, seconds, cli) };
}

async function main(argv: string[]): Promise<void> {
  const at = (flag: string) => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
  const filter = at('--filter');
  const jobs = allJobs({ smoke: argv.includes('--smoke'), filter: filter ? new RegExp(filter) : undefined });
  if (argv.includes('--list')) { process.stdout.write(jobs.map((j) => `${j.name}${j.smoke ? '  [smoke]' : ''}`).join('\n') + `\n${jobs.length} runs\n`); return; }
  const run = await runSuite(jobs, {
    concurrency: Number(at('--concurrency') ?? 2),
    timeoutMs: at('--timeout') ? Number(at('--timeout')) * 1000 : undefined,
    onDone: (x, n) => process.stderr.write(`[${n}/${jobs.length}] ${x.name}${x.skipped ? ' (skipped)' : ''}\n`),
  });
  process.stdout.write(run.report + '\n');
  process.exitCode = run.outcomes.some((x) => x.problems.length) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
