/**
 * Runs the real `escapelab` CLI for the reliability suite, one child process per run, with the limits that
 * every run must keep: killed after LIMITS.timeoutMs (a hang), killed when its resident set passes
 * LIMITS.rssKb (sampled from /proc), V8 heap capped by --max-old-space-size so that a runaway dies rather than
 * eating the machine, and its peak RSS recorded (preload.mjs on exit; the /proc samples when it was killed).
 *
 * Which entry runs (chooseCli): `node dist/cli/main.js` when dist/ was built after the last change under src/
 * (a fresh checkout after `npm ci`, whose prepare script builds dist/), else `node --import tsx src/cli/main.ts`;
 * ESCAPELAB_RELIABILITY_CLI=dist|src forces one, or names another built main.js (a build elsewhere).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './corpus-util.js';

export const LIMITS = {
  /** a run still going after this is a hang */
  timeoutMs: 60_000,
  /** peak resident set size allowed, kB (2 GiB) */
  rssKb: 2 * 1024 * 1024,
  /** V8 old-space cap given to every child, MB */
  heapMb: 2048,
  /** stderr allowed: an error names the field, it does not echo the input back */
  stderrBytes: 64 * 1024,
};

/** how much of each stream is kept for the checks and the report */
const KEEP_BYTES = 256 * 1024;

export interface Cli {
  kind: 'dist' | 'src';
  /** node arguments before the escapelab arguments */
  prefix: string[];
  /** how the report shows the command */
  display: string;
  reason: string;
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

export function chooseCli(root = ROOT): Cli {
  const dist = join(root, 'dist/cli/main.js');
  const src = (reason: string): Cli => {
    const tsx = createRequire(join(root, 'package.json')).resolve('tsx');
    return { kind: 'src', prefix: ['--import', pathToFileURL(tsx).href, join(root, 'src/cli/main.ts')], display: 'node --import tsx src/cli/main.ts', reason };
  };
  const built = (reason: string): Cli => ({ kind: 'dist', prefix: [dist], display: 'node dist/cli/main.js', reason });
  const forced = process.env.ESCAPELAB_RELIABILITY_CLI;
  if (forced === 'dist') return built('ESCAPELAB_RELIABILITY_CLI=dist');
  if (forced === 'src') return src('ESCAPELAB_RELIABILITY_CLI=src');
  if (forced) return { kind: 'dist', prefix: [forced], display: `node ${forced}`, reason: 'ESCAPELAB_RELIABILITY_CLI names a built main.js' };
  if (!existsSync(dist)) return src('dist/cli/main.js is missing (run `npm run build`)');
  const stale = newestMtime(join(root, 'src')) > statSync(dist).mtimeMs;
  return stale ? src('src/ changed after dist/ was built') : built('dist/ is newer than src/');
}

export interface RunResult {
  /** the escapelab arguments */
  args: string[];
  cwd: string;
  code: number | null;
  signal: string | null;
  /** the first KEEP_BYTES of each stream, and their full sizes */
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  ms: number;
  /** peak resident set size, kB (null: not measured) */
  rssKb: number | null;
  /** CPU time of the child (user + system, all threads), ms (null: killed before it could say) */
  cpuMs: number | null;
  killed: null | 'timeout' | 'memory';
  /** the child could not be started */
  spawnError?: string;
}

function procStatus(pid: number): { hwm: number; rss: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

function collector() {
  const chunks: Buffer[] = [];
  let kept = 0, total = 0;
  return {
    add(b: Buffer) {
      total += b.length;
      if (kept < KEEP_BYTES) { chunks.push(b.subarray(0, KEEP_BYTES - kept)); kept += Math.min(b.length, KEEP_BYTES - kept); }
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    bytes: () => total,
  };
}

export interface RunOptions {
  cwd: string;
  /** file the preload writes the peak RSS to */
  rssFile: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** run `escapelab ...args` under the limits; never throws */
export function runCli(cli: Cli, args: string[], o: RunOptions): Promise<RunResult> {
  const preload = pathToFileURL(join(ROOT, 'test/reliability/preload.mjs')).href;
  const argv = [`--max-old-space-size=${LIMITS.heapMb}`, '--import', preload, ...cli.prefix, ...args];
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ESCAPELAB_RSS_FILE: o.rssFile, ...o.env };
  delete env.NODE_OPTIONS;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = collector(), err = collector();
    let killed: RunResult['killed'] = null, peak = 0;
    child.stdout.on('data', out.add);
    child.stderr.on('data', err.add);
    const sample = setInterval(() => {
      const s = child.pid === undefined ? null : procStatus(child.pid);
      if (!s) return;
      peak = Math.max(peak, s.hwm, s.rss);
      if (s.rss > LIMITS.rssKb && !killed) { killed = 'memory'; child.kill('SIGKILL'); }
    }, 100);
    const timer = setTimeout(() => { if (!killed) { killed = 'timeout'; child.kill('SIGKILL'); } }, o.timeoutMs ?? LIMITS.timeoutMs);
    const finish = (code: number | null, signal: string | null, spawnError?: string) => {
      clearInterval(sample);
      clearTimeout(timer);
      let rss: number | null = peak || null, cpu: number | null = null;
      try {
        const u = JSON.parse(readFileSync(o.rssFile, 'utf8')) as { maxRSS: number; cpuMs: number };
        rss = Math.max(rss ?? 0, u.maxRSS);
        cpu = u.cpuMs;
      } catch { /* killed: the samples only */ }
      resolve({
        args, cwd: o.cwd, code, signal, stdout: out.text(), stderr: err.text(), stdoutBytes: out.bytes(), stderrBytes: err.bytes(),
        ms: performance.now() - t0, rssKb: rss, cpuMs: cpu, killed, ...(spawnError ? { spawnError } : {}),
      });
    };
    child.on('error', (e) => finish(null, null, e.message));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** map over `items` with at most `n` promises in flight, results in order */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}
