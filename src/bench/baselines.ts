/**
 * External performance baselines for benchmark workload W1 (see sims/bench/baselines/README.md):
 *   dx = -4x(x^2-1) dt + sqrt(2T) dW, T = 0.25, dt = 1e-3, x0 = -1, Euler-Maruyama,
 *   exit at x >= 0.5 checked on the grid, float64, censored at maxSteps.
 *
 * - runCBaseline: baselines/w1.c (xoshiro256++ + 256-layer ziggurat, one trajectory at a
 *   time), compiled with `gcc -O3 -march=native` into a temp dir once per process.
 * - runNumpyBaseline: baselines/w1_numpy.py (vectorised over trajectories), run with
 *   python3 when python3 and NumPy are present. NumPy is never a project dependency.
 * - runCPhiloxBaseline (c-philox.ts): baselines/w1_philox.c, escapelab's own Philox
 *   stream and ziggurat, built by compileCProgram below with a generated tables header.
 *
 * Each returns `{ impl, unavailable }` (with the reason) instead of throwing when its
 * toolchain is missing. Child processes are started with execFile and argument arrays
 * only (no shell). Timings are measured inside the child, over the stepping only.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BaselineResult {
  impl: string;
  trajectories: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  escaped: number;
  /** Mean exit time (steps * dt) over the exited trajectories; NaN if none exited. */
  meanExitTime: number;
  /** Standard error of meanExitTime (sample SD / sqrt(escaped)); NaN if escaped < 2. */
  exitTimeStdErr?: number;
  /** Toolchain that produced the result, e.g. "gcc 12.2.0 -O3 -march=native". */
  toolchain?: string;
}

export interface BaselineUnavailable {
  impl: string;
  unavailable: string;
}

export interface BaselineOptions {
  trajectories: number;
  maxSteps: number;
  seed: number;
  /** Kill the child after this many ms (default: no limit). */
  timeoutMs?: number;
}

const C_IMPL = 'c-ziggurat';
const NUMPY_IMPL = 'numpy';
export const C_FLAGS = ['-O3', '-march=native'] as const;

/**
 * Locate a file of the baselines folder: next to this module, else in
 * `sims/bench/baselines/` under any ancestor of this module (so a re-export from
 * src/ or dist/ still finds it), else under the working directory.
 */
function baselineFile(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'baselines', name)];
  for (let d = here; ; d = dirname(d)) {
    candidates.push(join(d, 'sims', 'bench', 'baselines', name));
    if (dirname(d) === d) break;
  }
  candidates.push(resolve('sims', 'bench', 'baselines', name));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/** why a baseline cannot run when its file is absent (an installation without sims/bench/baselines/) */
export function missingFile(path: string): string {
  return `${path} not found: the baselines folder sims/bench/baselines/ is missing from this installation (the package ships it; a checkout has it in the repository)`;
}

interface ExecOutcome {
  error: ExecFileException | null;
  stdout: string;
  stderr: string;
}

/** Run a child process (argument array, no shell); never rejects. */
export function run(file: string, args: readonly string[], timeoutMs = 0): Promise<ExecOutcome> {
  return new Promise((resolvePromise) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => resolvePromise({ error, stdout, stderr }),
    );
  });
}

export function describeFailure(what: string, out: ExecOutcome): string {
  const e = out.error;
  if (e && e.code === 'ENOENT') return `${what}: command not found`;
  if (e && e.killed) return `${what}: killed (${e.signal ?? 'timeout'})`;
  const tail = out.stderr.trim().split('\n').slice(-3).join('\n');
  return `${what} failed${e && e.code !== undefined ? ` (exit ${e.code})` : ''}${tail ? `: ${tail}` : ''}`;
}

export function checkOptions(opts: BaselineOptions): string[] {
  const { trajectories, maxSteps, seed } = opts;
  if (!Number.isSafeInteger(trajectories) || trajectories <= 0) {
    throw new RangeError(`trajectories must be a positive safe integer, got ${trajectories}`);
  }
  if (!Number.isSafeInteger(maxSteps) || maxSteps <= 0) {
    throw new RangeError(`maxSteps must be a positive safe integer, got ${maxSteps}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  // safe integers print as plain decimal digits, which both children parse exactly
  return [String(trajectories), String(maxSteps), String(seed)];
}

function numField(obj: Record<string, unknown>, key: string, nullable = false): number {
  const v = obj[key];
  if (typeof v === 'number') return v;
  if (nullable && v === null) return Number.NaN;
  throw new Error(`baseline output: field ${key} is ${JSON.stringify(v)}`);
}

export function parseResult(stdout: string, toolchain: string): BaselineResult {
  const line = stdout.trim().split('\n').pop() ?? '';
  const obj = JSON.parse(line) as Record<string, unknown>;
  if (typeof obj.impl !== 'string') throw new Error(`baseline output: no impl in ${line}`);
  return {
    impl: obj.impl,
    trajectories: numField(obj, 'trajectories'),
    steps: numField(obj, 'steps'),
    seconds: numField(obj, 'seconds'),
    stepsPerSecond: numField(obj, 'stepsPerSecond'),
    escaped: numField(obj, 'escaped'),
    meanExitTime: numField(obj, 'meanExitTime', true),
    exitTimeStdErr: numField(obj, 'exitTimeStdErr', true),
    toolchain,
  };
}

// ---------------------------------------------------------------- C baseline

export type Prepared = { ok: true; path: string; toolchain: string } | { ok: false; reason: string };

export interface CProgram {
  /** file name in the baselines folder */
  source: string;
  /** executable name in the temp build dir */
  exe: string;
  flags: readonly string[];
  /** extra files (name → text) written into the build dir first, e.g. a generated header (-I dir) */
  files?: () => Record<string, string>;
}

/** Compile one baseline program into a fresh temp dir (removed at exit), or say why not. */
export async function compileCProgram(p: CProgram): Promise<Prepared> {
  const source = baselineFile(p.source);
  if (!existsSync(source)) return { ok: false, reason: missingFile(source) };
  const version = await run('gcc', ['-dumpfullversion']);
  if (version.error) return { ok: false, reason: describeFailure('gcc', version) };
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), `escapelab-${p.exe}-`));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(p.files?.() ?? {})) await writeFile(join(dir, name), text);
  } catch (e) {
    return { ok: false, reason: `build dir: ${(e as Error).message}` };
  }
  const exe = join(dir, process.platform === 'win32' ? `${p.exe}.exe` : p.exe);
  const built = await run('gcc', [...p.flags, '-I', dir, '-o', exe, source, '-lm']);
  if (built.error) return { ok: false, reason: describeFailure(`gcc ${p.flags.join(' ')}`, built) };
  return { ok: true, path: exe, toolchain: `gcc ${version.stdout.trim()} ${p.flags.join(' ')}` };
}

let cBinary: Promise<Prepared> | undefined;

/** Run the C ziggurat baseline (compiled once per process). */
export async function runCBaseline(
  opts: BaselineOptions,
): Promise<BaselineResult | BaselineUnavailable> {
  const args = checkOptions(opts);
  cBinary ??= compileCProgram({ source: 'w1.c', exe: 'w1', flags: C_FLAGS });
  const bin = await cBinary;
  if (!bin.ok) return { impl: C_IMPL, unavailable: bin.reason };
  const out = await run(bin.path, args, opts.timeoutMs);
  if (out.error) return { impl: C_IMPL, unavailable: describeFailure('w1', out) };
  return parseResult(out.stdout, bin.toolchain);
}

// ------------------------------------------------------------ NumPy baseline

const PYTHON = 'python3';
let numpyProbe: Promise<Prepared> | undefined;

async function probeNumpy(): Promise<Prepared> {
  const script = baselineFile('w1_numpy.py');
  if (!existsSync(script)) return { ok: false, reason: missingFile(script) };
  const probe = await run(PYTHON, [
    '-c',
    'import sys, numpy; numpy.random.default_rng; sys.stdout.write(numpy.__version__)',
  ]);
  if (probe.error) {
    if (probe.error.code === 'ENOENT') return { ok: false, reason: `${PYTHON}: command not found` };
    return { ok: false, reason: describeFailure(`${PYTHON} -c "import numpy"`, probe) };
  }
  return { ok: true, path: script, toolchain: `${PYTHON} + numpy ${probe.stdout.trim()}` };
}

/** Run the vectorised NumPy baseline (python3 + numpy probed once per process). */
export async function runNumpyBaseline(
  opts: BaselineOptions,
): Promise<BaselineResult | BaselineUnavailable> {
  const args = checkOptions(opts);
  numpyProbe ??= probeNumpy();
  const py = await numpyProbe;
  if (!py.ok) return { impl: NUMPY_IMPL, unavailable: py.reason };
  const out = await run(PYTHON, [py.path, ...args], opts.timeoutMs);
  if (out.error) return { impl: NUMPY_IMPL, unavailable: describeFailure('w1_numpy.py', out) };
  return parseResult(out.stdout, py.toolchain);
}

/** Type guard: did the baseline run? */
export function isBaselineResult(r: BaselineResult | BaselineUnavailable): r is BaselineResult {
  return !('unavailable' in r);
}
