/** Types and helpers of the reliability corpus (corpus.ts): expectations, the valid bases, JSON path edits. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a run must end with, beyond the limits common to every run (judge.ts): one of the exit `codes`
 * (0 success, 2 invalid input, 3 trajectories blew up: docs/cli.md), and, when it exits 2, stderr starting with
 * "escapelab:" and naming the field: one of `field` (a dotted path such as `scenario.simulation.dt`, or a word)
 * appears in it (`namesField`, judge.ts). Several codes are allowed only for inputs that a careful
 * implementation may either run or refuse (an expression that may be too large to differentiate, say).
 */
export interface Expect {
  codes: (0 | 2 | 3)[];
  field?: string[];
}

export const OK: Expect = { codes: [0] };
export const OK_OR_BLOWUP: Expect = { codes: [0, 3] };
export const invalid = (...field: string[]): Expect => ({ codes: [2], field });
export const okOrInvalid = (...field: string[]): Expect => ({ codes: [0, 2], field });
/** may run, blow up (exit 3) or be refused naming the field */
export const anyOutcome = (...field: string[]): Expect => ({ codes: [0, 2, 3], field });

export interface ScenarioCase {
  /** unique, `category/what` */
  name: string;
  category: string;
  /** the file's bytes (a function, so that the 50 MB cases exist only while they run) */
  content: () => string | Uint8Array;
  simulate: Expect | 'skip';
  theory: Expect | 'skip';
  /** in the fast subset (smoke.test.ts): the simulate run, or 'both' runs */
  smoke?: boolean | 'both';
  /** when theory exits 0, its mfpt.exact must equal that of this base (a renamed variable or parameter) */
  sameAnswerAs?: string;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Path = (string | number)[];

function example(name: string): { [k: string]: Json } {
  return JSON.parse(readFileSync(`${ROOT}examples/${name}.json`, 'utf8')) as { [k: string]: Json };
}

/** the valid bases, with a small and fast simulation block (4 trajectories, cpu backend) */
export function bases(): Record<'langevin' | 'discrete' | 'nd', { [k: string]: Json }> {
  const langevin = example('double-well-langevin');
  langevin.simulation = { trajectories: 4, dt: 0.001, maxTime: 1000, seed: 1, backend: 'cpu' };
  const discrete = example('well-barrier-discrete-sgd');
  discrete.simulation = { trajectories: 4, maxTime: 1000, seed: 1, backend: 'cpu' };
  const nd = example('eigen-saddle-3d-sgd');
  nd.simulation = { trajectories: 4, dt: 0.002, maxTime: 20, seed: 1, backend: 'cpu' };
  return { langevin, discrete, nd };
}

export type BaseName = keyof ReturnType<typeof bases>;

export const clone = <T extends Json>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** `scenario.a.b[0]` for the path ['a', 'b', 0] (the form the CLI's messages use) */
export function dotted(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), 'scenario');
}

/** define an own, enumerable property even for `__proto__` (plain assignment would set the prototype) */
export function put(o: object, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** a copy of `base` with the value at `path` replaced (`undefined`: deleted) */
export function withValue(base: Json, path: Path, value: Json | undefined): Json {
  const copy = clone(base);
  let o = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(o)) o.splice(last as number, 1);
    else delete o[last];
  } else put(o, last, value);
  return copy;
}

/** every path of a JSON value, parents before children (the root excluded) */
export function pathsOf(v: Json, prefix: Path = []): { path: Path; value: Json }[] {
  const out: { path: Path; value: Json }[] = [];
  if (v !== null && typeof v === 'object') {
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push({ path: [...prefix, k], value: x });
      out.push(...pathsOf(x, [...prefix, k]));
    }
  }
  return out;
}

/** one case for theory and simulate with the same expectation */
export function both(name: string, content: () => string | Uint8Array, expect: Expect, extra: Partial<ScenarioCase> = {}): ScenarioCase {
  const category = name.split('/')[0];
  return { name, category, content, simulate: expect, theory: expect, ...extra };
}

/** one case for simulate only (the parser and the checks are shared with theory) */
export function simOnly(name: string, content: () => string | Uint8Array, expect: Expect, extra: Partial<ScenarioCase> = {}): ScenarioCase {
  return { ...both(name, content, expect, extra), theory: 'skip' };
}

export const json = (v: unknown) => () => JSON.stringify(v);

/** JSON text with the value at `path` written as given (JSON.stringify cannot write −0, 1e400, 2^53 + 1 or 10^4 brackets) */
export function rawValue(base: Json, path: Path, text: string | (() => string)): () => string {
  const marker = '"@@RAW@@"';
  return () => {
    const s = JSON.stringify(withValue(base, path, '@@RAW@@'));
    const i = s.indexOf(marker);
    return s.slice(0, i) + (typeof text === 'string' ? text : text()) + s.slice(i + marker.length);
  };
}
