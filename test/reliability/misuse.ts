/**
 * CLI misuses for the reliability suite: unknown commands and options, missing and bad option values, seeds,
 * claim lists, --out and --resume paths that cannot work, merges of nothing or of part of a run, and the
 * informational --version / --help. Usage errors exit 2 (docs/cli.md); errors found by escapelab itself (not by
 * the option parser) start with "escapelab:". A few positive controls (a fresh --out, a complete merge) check
 * that the refusals are not all there is.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT, type Expect } from './corpus-util.js';
import { expectationProblems, type Problem } from './judge.js';
import type { RunResult } from './run.js';
import type { Job, JobContext } from './suite.js';

interface Spec {
  args: (ctx: JobContext) => string[];
  codes: (0 | 2 | 3)[];
  /** for exit 2: stderr names one of these (words, any case) */
  mentions?: string[];
  /** for exit 2: stderr starts with "escapelab:" (errors found by escapelab, not by the option parser) */
  prefix?: boolean;
  setup?: (ctx: JobContext) => Promise<void> | void;
  /** a further check of the finished run: a problem, or undefined */
  after?: (r: RunResult, ctx: JobContext) => string | undefined;
  smoke?: boolean;
  skip?: () => string | undefined;
}

function misuse(name: string, s: Spec): Job {
  const e: Expect = { codes: s.codes, field: s.mentions };
  return {
    name: `misuse/${name}`, category: `misuse-${name.split('/')[0]}`, smoke: s.smoke, skip: s.skip,
    prepare: async (ctx) => { await s.setup?.(ctx); return s.args(ctx); },
    check: (r, ctx) => {
      const out: Problem[] = expectationProblems(r, e, s.prefix ?? false);
      const extra = r.code !== null ? s.after?.(r, ctx) : undefined;
      if (extra) out.push({ kind: 'expectation', message: extra });
      return out;
    },
  };
}

const sim = (ctx: JobContext, ...more: string[]) => ['simulate', '--scenario', ctx.scenario, '--json', ...more];
const jsonOut = (r: RunResult): Record<string, unknown> | undefined => {
  try { return JSON.parse(r.stdout) as Record<string, unknown>; } catch { return undefined; }
};
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function usage(): Job[] {
  const u = (name: string, args: (ctx: JobContext) => string[], mentions: string[], smoke = false) =>
    misuse(`usage/${name}`, { args, codes: [2], mentions, smoke });
  return [
    u('no-arguments', () => [], ['usage']),
    u('unknown-command', () => ['frobnicate'], ['frobnicate']),
    u('unknown-global-option', () => ['--frob'], ['--frob']),
    u('unknown-option', (c) => sim(c, '--frob'), ['--frob'], true),
    u('simulate-without-scenario', () => ['simulate'], ['--scenario']),
    u('theory-without-scenario', () => ['theory'], ['--scenario']),
    u('option-without-value', () => ['simulate', '--scenario'], ['--scenario']),
    u('simulate-option-on-theory', (c) => ['theory', '--scenario', c.scenario, '--trajectories', '5'], ['--trajectories']),
    u('extra-argument', (c) => ['theory', '--scenario', c.scenario, 'extra'], ['extra', 'argument']),
    misuse('info/version', { args: () => ['--version'], codes: [0], smoke: true, after: (r) => (r.stdout.trim() === VERSION ? undefined : `--version printed '${r.stdout.trim()}', not ${VERSION}`) }),
    misuse('info/version-short', { args: () => ['-V'], codes: [0], after: (r) => (r.stdout.includes(VERSION) ? undefined : '-V did not print the version') }),
    misuse('info/help', { args: () => ['--help'], codes: [0], after: (r) => (r.stdout.includes('simulate') ? undefined : '--help does not list simulate') }),
    misuse('info/help-simulate', { args: () => ['simulate', '--help'], codes: [0], after: (r) => (r.stdout.includes('--scenario') ? undefined : 'simulate --help does not list --scenario') }),
    misuse('info/help-command', { args: () => ['help', 'theory'], codes: [0] }),
  ];
}

function numbers(): Job[] {
  const out: Job[] = [];
  for (const v of ['0', '-1', '1.5', 'abc', '1e99', '']) {
    out.push(misuse(`numbers/trajectories=${v || 'empty'}`, { args: (c) => sim(c, '--trajectories', v), codes: [2], mentions: ['trajectories'], smoke: v === '1.5' }));
  }
  for (const v of ['0', '1.5', 'abc']) {
    out.push(misuse(`numbers/workers=${v}`, { args: (c) => sim(c, '--backend', 'workers', '--workers', v), codes: [2], mentions: ['workers'] }));
  }
  // a careful CLI runs with fewer threads or refuses; it must not abort. 2000 blocks of one trajectory, so
  // that the number of blocks does not bound the threads, each censored after 1000 steps
  const many = (c: JobContext) => {
    const s = JSON.parse(readFileSync(c.scenario, 'utf8')) as { simulation: object };
    s.simulation = { trajectories: 2000, dt: 0.001, maxTime: 1, chunk: 1, seed: 1, backend: 'workers' };
    writeFileSync(join(c.dir, 'many.json'), JSON.stringify(s));
  };
  out.push(misuse('numbers/workers=100000', {
    setup: many, args: (c) => ['simulate', '--scenario', join(c.dir, 'many.json'), '--json', '--workers', '100000'], codes: [0, 2], mentions: ['workers'], smoke: true,
  }));
  for (const v of ['3/2', '0/0', 'a/b', '1/0', '-1/2', '1', '1/2/3']) {
    out.push(misuse(`numbers/shard=${v || 'empty'}`, { args: (c) => sim(c, '--shard', v), codes: [2], mentions: ['shard'], prefix: true, smoke: v === '3/2' }));
  }
  out.push(misuse('numbers/bench-trajectories=0', { args: () => ['bench', '--trajectories', '0'], codes: [2], mentions: ['trajectories'] }));
  out.push(misuse('numbers/backends-trajectories=0', { args: () => ['backends', '--trajectories', '0'], codes: [2], mentions: ['trajectories'] }));
  return out;
}

function values(): Job[] {
  const seedIs = (want: unknown) => (r: RunResult) => {
    const got = jsonOut(r)?.seed;
    return r.code !== 0 || got === want ? undefined : `seed is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
  };
  const bad = (name: string, args: (c: JobContext) => string[], mentions: string[], prefix = true, smoke = false) =>
    misuse(`values/${name}`, { args, codes: [2], mentions, prefix, smoke });
  const out: Job[] = [
    misuse('values/seed=1.0', { args: (c) => sim(c, '--seed', '1.0'), codes: [0], after: seedIs(1), smoke: true }),
    misuse('values/seed=1e3', { args: (c) => sim(c, '--seed', '1e3'), codes: [0], after: seedIs(1000) }),
    misuse('values/seed=abc', { args: (c) => sim(c, '--seed', 'abc'), codes: [0], after: seedIs('abc') }),
    bad('seed=-5', (c) => sim(c, '--seed', '-5'), ['seed'], true, true),
    bad('seed=1.5', (c) => sim(c, '--seed', '1.5'), ['seed']),
    bad('seed=empty', (c) => sim(c, '--seed', ''), ['seed']),
    bad('seed=2^53+1', (c) => sim(c, '--seed', '9007199254740993'), ['seed']),
    bad('backend=nope', (c) => sim(c, '--backend', 'nope'), ['backend']),
    bad('backend=constructor', (c) => sim(c, '--backend', 'constructor'), ['backend']),
    bad('method=nope', (c) => sim(c, '--method', 'nope'), ['method']),
    bad('claims=empty', (c) => ['verify', '--claims', '', '--out', join(c.dir, 'v'), '--no-figures'], ['--claims'], true, true),
    bad('claims=commas', (c) => ['verify', '--claims', ',,', '--out', join(c.dir, 'v'), '--no-figures'], ['--claims']),
    bad('claims=unknown', (c) => ['verify', '--claims', 'no-such-claim', '--out', join(c.dir, 'v'), '--no-figures'], ['no-such-claim']),
    bad('claims=constructor', (c) => ['verify', '--claims', 'constructor', '--out', join(c.dir, 'v'), '--no-figures'], ['constructor']),
    bad('claims=__proto__', (c) => ['verify', '--claims', '__proto__', '--out', join(c.dir, 'v'), '--no-figures'], ['__proto__']),
    bad('verify-quick-and-full', (c) => ['verify', '--quick', '--full', '--out', join(c.dir, 'v')], ['--full']),
    bad('bench-only=nope', () => ['bench', '--only', 'nope'], ['nope']),
  ];
  out.push(misuse('values/verify-resume-not-a-report', {
    setup: (c) => { mkdirSync(join(c.dir, 'v')); writeFileSync(join(c.dir, 'v/report.json'), readFileSync(c.scenario)); },
    args: (c) => ['verify', '--resume', '--out', join(c.dir, 'v'), '--no-figures'], codes: [2], mentions: ['report'], prefix: true,
  }));
  return out;
}

const unchanged = (file: string, text: string) => (readFileSync(file, 'utf8') === text ? undefined : `${basename(file)} was overwritten`);

function outputs(): Job[] {
  const root = () => (process.getuid?.() === 0 ? 'running as root, which ignores file permissions' : undefined);
  const OUT = ['--out'];
  const o = (name: string, s: Spec) => misuse(`out/${name}`, { prefix: true, ...s });
  return [
    o('missing-dir', { args: (c) => sim(c, '--out', join(c.dir, 'nodir/run.json')), codes: [2], mentions: [...OUT, 'nodir/run.json'], smoke: true,
      after: (_r, c) => (existsSync(join(c.dir, 'nodir')) ? 'a refused --out created its folder' : undefined) }),
    o('read-only-dir', { skip: root, setup: (c) => { mkdirSync(join(c.dir, 'ro')); chmodSync(join(c.dir, 'ro'), 0o500); },
      args: (c) => sim(c, '--out', join(c.dir, 'ro/run.json')), codes: [2], mentions: [...OUT, 'ro/run.json', 'permission'] }),
    o('existing-file', { setup: (c) => writeFileSync(join(c.dir, 'old.json'), '{"keep": true}\n'),
      args: (c) => sim(c, '--out', join(c.dir, 'old.json')), codes: [2], mentions: [...OUT, '--force', 'exists'],
      after: (_r, c) => unchanged(join(c.dir, 'old.json'), '{"keep": true}\n') }),
    o('existing-file-force', { setup: (c) => writeFileSync(join(c.dir, 'old.json'), '{"keep": true}\n'),
      args: (c) => sim(c, '--out', join(c.dir, 'old.json'), '--force'), codes: [0],
      after: (_r, c) => (readFileSync(join(c.dir, 'old.json'), 'utf8').includes('"keep"') ? '--force did not replace the file' : undefined) }),
    o('the-scenario-itself', { args: (c) => sim(c, '--out', c.scenario), codes: [2], mentions: [...OUT, 'scenario'],
      after: (_r, c) => (JSON.parse(readFileSync(c.scenario, 'utf8')).landscape ? undefined : 'the scenario file was overwritten') }),
    o('a-directory', { args: (c) => sim(c, '--out', c.dir), codes: [2], mentions: [...OUT, 'directory', 'EISDIR'] }),
    o('fresh-json', { args: (c) => sim(c, '--out', join(c.dir, 'run.json')), codes: [0],
      after: (_r, c) => (existsSync(join(c.dir, 'run.json')) ? undefined : 'run.json was not written') }),
    o('fresh-csv', { args: (c) => sim(c, '--out', join(c.dir, 'run.csv')), codes: [0],
      after: (_r, c) => (existsSync(join(c.dir, 'run.csv')) ? undefined : 'run.csv was not written') }),
    o('figures-from-missing', { args: (c) => ['figures', '--from', join(c.dir, 'nope.json'), '--out', join(c.dir, 'figs')], codes: [2], mentions: ['nope.json'] }),
    o('figures-from-scenario', { args: (c) => ['figures', '--from', c.scenario, '--out', join(c.dir, 'figs')], codes: [2], mentions: ['report', 'claims', 'scenario.json'] }),
  ];
}

function resumeAndMerge(): Job[] {
  const shard = (c: JobContext, i: number, file = `s${i}.json`) => c.cli([...sim(c, '--shard', `${i}/2`, '--out', join(c.dir, file))]).then((r) => {
    if (r.code !== 0) throw new Error(`simulate --shard ${i}/2 exited ${r.code}: ${r.stderr.slice(0, 300)}`);
  });
  const m = (name: string, s: Spec) => misuse(name, { prefix: true, ...s });
  return [
    m('resume/missing-file', { args: (c) => sim(c, '--resume', join(c.dir, 'nope.json')), codes: [2], mentions: ['nope.json'] }),
    m('resume/the-scenario', { args: (c) => sim(c, '--resume', c.scenario), codes: [2], mentions: ['--resume', 'scenario.json'] }),
    m('resume/not-json', { setup: (c) => writeFileSync(join(c.dir, 'g.json'), 'not json'), args: (c) => sim(c, '--resume', join(c.dir, 'g.json')), codes: [2], mentions: ['g.json', 'JSON'] }),
    m('resume/csv', { setup: async (c) => { await c.cli(sim(c, '--out', join(c.dir, 'run.csv'))); }, args: (c) => sim(c, '--resume', join(c.dir, 'run.csv')), codes: [2], mentions: ['csv'] }),
    m('resume/complete-run', { setup: async (c) => { await c.cli(sim(c, '--out', join(c.dir, 'run.json'))); }, args: (c) => sim(c, '--resume', join(c.dir, 'run.json')), codes: [0] }),
    m('merge/nothing', { args: () => ['merge'], codes: [2], mentions: ['files', 'argument'], prefix: false }),
    m('merge/missing-file', { args: (c) => ['merge', join(c.dir, 'nope.json')], codes: [2], mentions: ['nope.json'] }),
    m('merge/the-scenario', { args: (c) => ['merge', c.scenario], codes: [2], mentions: ['scenario.json'] }),
    m('merge/one-shard-of-two', {
      setup: (c) => shard(c, 0), args: (c) => ['merge', join(c.dir, 's0.json'), '--json'], codes: [0, 2], mentions: ['shard', 'missing', 'incomplete'],
      after: (r) => {
        const s = jsonOut(r);
        return r.code !== 0 || (s && s.complete === false && Number(s.notRun) > 0) ? undefined : 'merged half a run into a summary that calls itself complete';
      },
    }),
    m('merge/same-shard-twice', { setup: (c) => shard(c, 0), args: (c) => ['merge', join(c.dir, 's0.json'), join(c.dir, 's0.json')], codes: [2], mentions: ['duplicate', 's0.json'] }),
    m('merge/both-shards', {
      setup: async (c) => { await shard(c, 0); await shard(c, 1); }, args: (c) => ['merge', join(c.dir, 's0.json'), join(c.dir, 's1.json'), '--json'], codes: [0],
      after: (r) => (jsonOut(r)?.trajectories === 4 ? undefined : 'the merged summary does not have the 4 trajectories'),
    }),
    m('merge/out-existing', {
      setup: async (c) => { await shard(c, 0); await shard(c, 1); writeFileSync(join(c.dir, 'old.json'), '{}'); },
      args: (c) => ['merge', join(c.dir, 's0.json'), join(c.dir, 's1.json'), '--out', join(c.dir, 'old.json')], codes: [2], mentions: ['--out', '--force', 'exists'],
    }),
    m('scenario/missing-file', { args: (c) => ['simulate', '--scenario', join(c.dir, 'nope.json')], codes: [2], mentions: ['nope.json'] }),
    m('scenario/a-directory', { args: (c) => ['theory', '--scenario', c.dir], codes: [2], mentions: ['directory', 'EISDIR'] }),
    m('scenario/dev-null', { args: () => ['theory', '--scenario', '/dev/null'], codes: [2], mentions: ['JSON', 'empty'] }),
    misuse('info/backends', { args: () => ['backends', '--json'], codes: [0] }),
  ];
}

export function misuseJobs(): Job[] {
  return [...usage(), ...numbers(), ...values(), ...outputs(), ...resumeAndMerge()];
}
