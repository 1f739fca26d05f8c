import { readFileSync } from 'node:fs';
import { ScenarioError } from '../scenario/errors.js';

export function readJsonFile(path: string, what = 'scenario'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ field: what, message: `cannot read ${path}: ${(e as Error).message}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([{ field: what, message: `${path} is not valid JSON: ${(e as Error).message}` }]);
  }
}

/** print an error (each problem on its own line) and exit with status 2 (bad input) */
export function fail(e: unknown): never {
  if (e instanceof ScenarioError) {
    process.stderr.write(`escapelab: invalid scenario\n${e.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`);
  } else {
    process.stderr.write(`escapelab: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  process.exit(2);
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(4) : x.toPrecision(6);
}
