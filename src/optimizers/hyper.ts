/**
 * Hyperparameters of the discrete optimizers: the stable key set of the public API (issue 4), per-optimizer
 * defaults (the official classes' defaults, sources.md §1–§5) and allowed ranges. Unknown names, unknown keys,
 * wrong types and out-of-range values throw an OptimizerError naming the key and the allowed range.
 */
import { FieldError } from '../field-error.js';

export const HYPER_KEYS = [
  'lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum', 'dampening', 'nesterov', 'switchRate', 'partial',
  'amsgrad', 'decoupled', 'vectorSize', 'finalLr', 'gamma', 'beta0', 'form',
] as const;
export type HyperKey = (typeof HYPER_KEYS)[number];

export type Form = 'code' | 'paper';
export interface Hyper {
  lr?: number; beta1?: number; beta2?: number; eps?: number; weightDecay?: number; momentum?: number;
  dampening?: number; nesterov?: boolean; switchRate?: number; partial?: number; amsgrad?: boolean;
  decoupled?: boolean; vectorSize?: number; finalLr?: number; gamma?: number; beta0?: number; form?: Form;
}

/**
 * The project's one field-error type (src/field-error.ts) under its historical name; fields are
 * "<optimizer>.<key>", "<optimizer>" (hyperparameters not an object) and "name" (unknown optimizer).
 */
export { FieldError as OptimizerError };

/** A numeric key: [lo, hi] with open/closed ends; `integer` for vectorSize. */
export interface NumberRule { kind: 'number'; default: number | null; lo: number; hi: number; loOpen?: boolean; hiOpen?: boolean; integer?: boolean }
export interface BooleanRule { kind: 'boolean'; default: boolean }
export interface FormRule { kind: 'form'; default: Form; forms: readonly Form[] }
export type Rule = NumberRule | BooleanRule | FormRule;

export const num = (def: number | null, lo: number, hi: number, opts: { loOpen?: boolean; hiOpen?: boolean; integer?: boolean } = {}): NumberRule =>
  ({ kind: 'number', default: def, lo, hi, ...opts });
export const bool = (def: boolean): BooleanRule => ({ kind: 'boolean', default: def });
export const form = (forms: readonly Form[] = ['code']): FormRule => ({ kind: 'form', default: 'code', forms });

/** common ranges */
export const lrRule = (def: number | null) => num(def, 0, Infinity, { loOpen: true, hiOpen: true });
export const betaRule = (def: number) => num(def, 0, 1, { hiOpen: true });
export const epsRule = (def: number) => num(def, 0, Infinity, { hiOpen: true });
export const wdRule = (def = 0) => num(def, 0, Infinity, { hiOpen: true });

function range(r: NumberRule): string {
  return `${r.loOpen ? '(' : '['}${r.lo}, ${r.hi === Infinity ? '∞' : r.hi}${r.hiOpen ? ')' : ']'}${r.integer ? ', integer' : ''}`;
}

/** Validate `given` against `rules` and fill in defaults. */
export function resolveHyper<T>(name: string, rules: Record<string, Rule>, given: Record<string, unknown> | undefined): T {
  const out: Record<string, unknown> = {};
  const g = given ?? {};
  if (typeof g !== 'object' || Array.isArray(g)) throw new FieldError(name, 'hyperparameters must be an object');
  for (const key of Object.keys(g)) {
    if (!(key in rules)) {
      const known = (HYPER_KEYS as readonly string[]).includes(key);
      throw new FieldError(`${name}.${key}`, `${known ? 'not a hyperparameter of' : 'unknown key for'} ${name}; its keys are ${Object.keys(rules).join(', ')}`);
    }
  }
  for (const [key, rule] of Object.entries(rules)) {
    const v = g[key];
    const field = `${name}.${key}`;
    if (v === undefined) {
      if (rule.default === null) throw new FieldError(field, `is required (allowed: ${range(rule as NumberRule)})`);
      out[key] = rule.default;
      continue;
    }
    if (rule.kind === 'boolean') {
      if (typeof v !== 'boolean') throw new FieldError(field, `must be true or false (got ${JSON.stringify(v)})`);
    } else if (rule.kind === 'form') {
      if (!rule.forms.includes(v as Form)) throw new FieldError(field, `must be one of ${rule.forms.map((f) => `'${f}'`).join(', ')} (got ${JSON.stringify(v)})`);
    } else {
      const ok = typeof v === 'number' && !Number.isNaN(v) &&
        (rule.loOpen ? v > rule.lo : v >= rule.lo) && (rule.hiOpen ? v < rule.hi : v <= rule.hi) &&
        (!rule.integer || Number.isInteger(v));
      if (!ok) throw new FieldError(field, `must lie in ${range(rule)} (got ${JSON.stringify(v)})`);
    }
    out[key] = v;
  }
  return out as T;
}
