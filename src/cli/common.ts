import { readFileSync } from 'node:fs';
import { ScenarioError } from '../scenario/errors.js';
import { clip } from '../field-error.js';

export function readJsonFile(path: string, what = 'scenario'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ field: what, message: `cannot read ${clip(path, 300)}: ${(e as Error).message}` }]);
  }
  // a UTF-8 byte-order mark (editors on Windows write one) is not JSON whitespace: drop it
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([{ field: what, message: `${clip(path, 300)} is not valid JSON: ${clip((e as Error).message, 300)}` }]);
  }
}

/** print an error (each problem on its own line) and exit with status 2 (bad input) */
export function fail(e: unknown): never {
  if (e instanceof ScenarioError) {
    process.stderr.write(`escapelab: invalid scenario\n${e.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`);
  } else {
    // not a FieldError (whose problems are clipped already): clip here, the message may echo input
    process.stderr.write(`escapelab: ${clip(e instanceof Error ? e.message : String(e), 2000)}\n`);
  }
  process.exit(2);
}

/** A number for people: 6 significant digits, or 5 in exponent form outside [1e-3, 1e6). Any double fits. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(4) : x.toPrecision(6);
}

/** the least positive normal double (below it a double loses digits) */
export const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * e^{logX} (logX = ln x, x > 0) for people, where x itself may overflow or underflow a double:
 * "m.mmmme±k" while the mantissa is known to 5 digits, which needs |log₁₀ x| < 1e9 (the fraction of
 * log₁₀ x then carries at least 7 digits); beyond, only the power of ten is known: "10^(4.3429e+19)".
 * "10^(+Infinity)" / "10^(-Infinity)" when log x itself is not finite.
 */
export function fmtFromLog(logX: number): string {
  if (Number.isNaN(logX)) return 'NaN';
  const x = Math.exp(logX);
  if (x >= MIN_NORMAL && x < Infinity) return fmt(x); // a normal double: print it as such
  const l10 = logX / Math.LN10;
  if (!Number.isFinite(l10)) return `10^(${l10 > 0 ? '+' : '-'}Infinity)`;
  if (Math.abs(l10) >= 1e9) return `10^(${l10.toExponential(4)})`;
  let k = Math.floor(l10);
  let m = 10 ** (l10 - k);
  // rounding the mantissa to 4 decimals can give 10.0000: carry into the exponent
  if (Number(m.toFixed(4)) >= 10) { m /= 10; k += 1; }
  return `${m.toFixed(4)}e${k < 0 ? '-' : '+'}${Math.abs(k).toFixed(0)}`;
}
