/**
 * The verdicts of the reliability suite: the limits common to every run (no crash, no stack trace, no hang,
 * bounded memory, bounded stderr), a run's expected exit and message, and the printed report (a summary table,
 * then every failure with its command, exit, time, memory and the first lines of stderr).
 */
import type { Expect } from './corpus-util.js';
import { LIMITS, type Cli, type RunResult } from './run.js';

/** exit codes the CLI documents (docs/cli.md): 0, 2 invalid input, 3 blow-up (130, interrupted, never happens here) */
const DOCUMENTED = [0, 2, 3];
const STACK = /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\).*:\d+:\d+\)?$/m;
/** a JavaScript error that reached the user instead of a message about the input */
const INTERNAL = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Maximum call stack size|Invalid array length|Invalid string length|Cannot convert undefined|\binternal:/;

export type Kind = 'crash' | 'hang' | 'memory' | 'stack' | 'internal' | 'echo' | 'expectation';

export interface Problem { kind: Kind; message: string }

const problem = (kind: Kind, message: string): Problem => ({ kind, message });

/** the limits every run keeps; `allowExit1` where docs/cli.md documents exit 1 */
export function commonProblems(r: RunResult, allowExit1 = false): Problem[] {
  const out: Problem[] = [];
  if (r.spawnError) out.push(problem('crash', `could not start: ${r.spawnError}`));
  if (r.killed === 'timeout') out.push(problem('hang', `still running after ${(r.ms / 1000).toFixed(0)} s: killed`));
  else if (r.killed === 'memory') out.push(problem('memory', `resident set over ${LIMITS.rssKb / 1024} MB: killed`));
  else if (r.signal) out.push(problem('crash', `killed by ${r.signal}`));
  else if (r.code !== null && !DOCUMENTED.includes(r.code) && !(allowExit1 && r.code === 1)) out.push(problem('crash', `exit status ${r.code} (documented: 0, 2, 3)`));
  if (!r.killed && r.rssKb !== null && r.rssKb > LIMITS.rssKb) out.push(problem('memory', `peak RSS ${mb(r.rssKb)} MB > ${LIMITS.rssKb / 1024} MB`));
  if (/heap out of memory|FATAL ERROR/.test(r.stderr)) out.push(problem('memory', 'V8 ran out of heap'));
  for (const [name, text] of [['stderr', r.stderr], ['stdout', r.stdout]] as const) {
    const line = STACK.exec(text)?.[0] ?? (text.includes('node:internal') ? 'node:internal' : undefined);
    if (line) out.push(problem('stack', `stack trace on ${name}: ${line.trim().slice(0, 160)}`));
  }
  const internal = INTERNAL.exec(r.stderr);
  if (internal) out.push(problem('internal', `an internal error reached the user: ${r.stderr.split('\n').find((l) => l.includes(internal[0]))?.trim().slice(0, 160)}`));
  if (r.stderrBytes > LIMITS.stderrBytes) out.push(problem('echo', `stderr is ${r.stderrBytes} bytes (limit ${LIMITS.stderrBytes}): an error must not echo its input`));
  if (/PWNED/.test(r.stdout + r.stderr)) out.push(problem('crash', 'code injected through an expression ran'));
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Does `text` name `field`? A word (`JSON`, `--out`) must appear (any case). A dotted path must appear whole
 * (not as the start of a longer key),
 * or its parent must appear followed on the same line by the last key in quotes, or an index as `entry 3` or
 * `[3]` (`scenario.exit: give exactly
 * one of 'above' and 'below'` names scenario.exit.above; `scenario.exit: Invalid input` names nothing, and
 * `scenario.landscape.expr: … the vars, the params …` does not name scenario.landscape.params).
 */
export function namesField(text: string, field: string): boolean {
  if (!field.startsWith('scenario')) return text.toLowerCase().includes(field.toLowerCase());
  if (new RegExp(`${escapeRe(field)}(?![\\w$])`).test(text)) return true;
  const m = /^(.*?)(?:\.([^.[\]]+)|\[(\d+)\])$/.exec(field);
  if (!m) return false;
  const [, parent, key, index] = m;
  const word = key !== undefined ? new RegExp(`['"‘“]${escapeRe(key)}['"’”]`) : new RegExp(`\\b(entry|index|element|item) ${index}\\b|\\[${index}\\]`);
  return text.split('\n').some((line) => {
    const at = line.indexOf(parent);
    return at >= 0 && word.test(line.slice(at + parent.length));
  });
}

/** the case's own expectation: the exit code, and for exit 2 the "escapelab:" prefix and the field */
export function expectationProblems(r: RunResult, e: Expect, prefix = true): Problem[] {
  if (r.code === null) return [];
  const out: Problem[] = [];
  if (!e.codes.includes(r.code as 0 | 2 | 3)) out.push(problem('expectation', `exit ${r.code}, expected ${e.codes.join(' or ')}`));
  if (r.code === 2 && e.codes.includes(2)) {
    if (prefix && !r.stderr.startsWith('escapelab:')) out.push(problem('expectation', 'stderr does not start with "escapelab:"'));
    if (e.field && !e.field.some((f) => namesField(r.stderr, f))) out.push(problem('expectation', `stderr names none of ${e.field.join(', ')}`));
  }
  return out;
}

export interface Outcome {
  name: string;
  category: string;
  result?: RunResult;
  problems: Problem[];
  skipped?: string;
  /** where the failing run's files were kept */
  dir?: string;
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);

export function commandLine(cli: Cli, r: RunResult): string {
  return `(cd ${quote(r.cwd)} && ${cli.display} ${r.args.map((a) => quote(a.length > 200 ? `${a.slice(0, 200)}…` : a)).join(' ')})`;
}

function counts(list: Outcome[]) {
  const has = (o: Outcome, k: Kind) => o.problems.some((p) => p.kind === k);
  const ran = list.filter((o) => o.result);
  const maxRss = ran.reduce<Outcome | undefined>((a, o) => ((o.result!.rssKb ?? 0) > (a?.result!.rssKb ?? -1) ? o : a), undefined);
  const slowest = ran.reduce<Outcome | undefined>((a, o) => (o.result!.ms > (a?.result!.ms ?? -1) ? o : a), undefined);
  return {
    runs: ran.length, skipped: list.length - ran.length, failed: list.filter((o) => o.problems.length).length,
    crashes: list.filter((o) => has(o, 'crash')).length, hangs: list.filter((o) => has(o, 'hang')).length,
    stacks: list.filter((o) => has(o, 'stack')).length, memory: list.filter((o) => has(o, 'memory')).length,
    internal: list.filter((o) => has(o, 'internal')).length, echo: list.filter((o) => has(o, 'echo')).length, maxRss, slowest,
    cpuS: ran.reduce((a, o) => a + (o.result!.cpuMs ?? o.result!.ms), 0) / 1000,
  };
}

/** the summary table: totals, then one row per category */
export function summaryTable(outcomes: Outcome[], seconds: number, cli: Cli): string {
  const t = counts(outcomes);
  const lines = [
    `escapelab reliability suite: ${t.runs} runs (${t.skipped} skipped) in ${seconds.toFixed(0)} s, CLI ${cli.display} (${cli.reason})`,
    `  CPU of the runs ${t.cpuS.toFixed(0)} s (a killed run counts its wall time)`,
    `  failed ${t.failed}: crashes ${t.crashes}, hangs ${t.hangs}, stack traces ${t.stacks}, internal errors ${t.internal}, over memory ${t.memory}, echoed input ${t.echo}, ` +
      `wrong exit or message ${outcomes.filter((o) => o.problems.some((p) => p.kind === 'expectation')).length}`,
    `  max RSS ${t.maxRss ? `${mb(t.maxRss.result!.rssKb ?? 0)} MB (${t.maxRss.name})` : '—'}`,
    `  slowest ${t.slowest ? `${(t.slowest.result!.ms / 1000).toFixed(1)} s (${t.slowest.name})` : '—'}`,
    '',
    `${pad('category', 16)}${pad('runs', 6)}${pad('failed', 8)}${pad('crash', 7)}${pad('hang', 6)}${pad('stack', 7)}${pad('intern', 8)}${pad('memory', 8)}${pad('echo', 6)}` +
      `${pad('max RSS MB', 12)}${pad('slowest s', 11)}CPU s`,
  ];
  const categories = [...new Set(outcomes.map((o) => o.category))];
  for (const c of categories) {
    const k = counts(outcomes.filter((o) => o.category === c));
    lines.push(`${pad(c, 16)}${pad(k.runs, 6)}${pad(k.failed, 8)}${pad(k.crashes, 7)}${pad(k.hangs, 6)}${pad(k.stacks, 7)}${pad(k.internal, 8)}${pad(k.memory, 8)}${pad(k.echo, 6)}` +
      `${pad(k.maxRss ? mb(k.maxRss.result!.rssKb ?? 0) : '—', 12)}${pad(k.slowest ? (k.slowest.result!.ms / 1000).toFixed(1) : '—', 11)}${k.cpuS.toFixed(0)}`);
  }
  return lines.join('\n');
}

/** one failing run, actionable: what was wrong, the command, exit, time, memory and the start of stderr */
export function failureReport(o: Outcome, cli: Cli): string {
  const r = o.result;
  const lines = [`FAIL ${o.name}`, ...o.problems.map((p) => `  - ${p.kind}: ${p.message}`)];
  if (r) {
    lines.push(`  $ ${commandLine(cli, r)}`);
    const end = r.killed ? `killed (${r.killed})` : r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
    lines.push(`  ${end} · ${(r.ms / 1000).toFixed(1)} s (CPU ${r.cpuMs === null ? '?' : (r.cpuMs / 1000).toFixed(1)} s) · RSS ${r.rssKb === null ? '?' : `${mb(r.rssKb)} MB`} · stderr ${r.stderrBytes} B · stdout ${r.stdoutBytes} B`);
    const head = r.stderr.split('\n').slice(0, 6).map((l) => `  | ${l.length > 240 ? `${l.slice(0, 240)}… (${l.length} chars)` : l}`);
    lines.push(...(r.stderr.trim() ? head : ['  | (stderr empty)']));
  }
  if (o.dir) lines.push(`  files kept in ${o.dir}`);
  return lines.join('\n');
}

export function fullReport(outcomes: Outcome[], seconds: number, cli: Cli): string {
  const failed = outcomes.filter((o) => o.problems.length);
  const skipped = outcomes.filter((o) => o.skipped).map((o) => `SKIP ${o.name}: ${o.skipped}`);
  return [summaryTable(outcomes, seconds, cli), '', ...skipped, ...failed.map((o) => failureReport(o, cli))].join('\n');
}
