import type { z } from 'zod';

import { FieldError, clip, echo } from '../field-error.js';

/** A scenario error names the key (dotted path from "scenario") and says what is allowed: the one FieldError type. */
export { FieldError as ScenarioError };

export function fieldPath(path: readonly PropertyKey[], root = 'scenario'): string {
  let s = root;
  // a key is input too: a giant key name is clipped like any echoed value
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : `.${clip(String(k))}`;
  return s;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

type Issue = z.ZodError['issues'][number];

/** what a union branch costs: a mismatch of the value itself rules the branch out; a missing or unknown key nearly */
const ROOT_MISMATCH = 1000, MISSING_KEY = 10;

function branchCost(issues: readonly Issue[], depth: number, input: unknown): number {
  let cost = 0;
  for (const i of issues) {
    const rootMismatch = i.code === 'invalid_type' || i.code === 'invalid_value' || (i.code === 'custom' && i.params?.noBranch === true);
    if (i.path.length === depth && rootMismatch) cost += ROOT_MISMATCH;
    else if (i.code === 'invalid_type' && valueAt(input, i.path) === undefined) cost += MISSING_KEY;
    else if (i.code === 'unrecognized_keys') cost += MISSING_KEY * i.keys.length;
    else cost += 1;
  }
  return cost;
}

/** "expected one of: …" from each branch's complaint about the value itself (every branch mismatched it) */
function alternatives(iss: Issue & { code: 'invalid_union' }, input: unknown): Issue {
  const kinds = new Set<string>();
  const collect = (u: Issue & { code: 'invalid_union' }): void => {
    for (const branch of u.errors) {
      const root = branch.find((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_union'));
      if (root?.code === 'invalid_type') kinds.add(String(root.expected));
      else if (root?.code === 'invalid_value') for (const v of root.values) kinds.add(clip(JSON.stringify(v) ?? String(v)));
      else if (root?.code === 'invalid_union') collect(root);
    }
  };
  collect(iss);
  const list = [...kinds];
  const expected = list.length === 1 ? `expected ${list[0]}` : `expected one of: ${list.join(', ')}`;
  return { code: 'custom', path: iss.path, message: valueAt(input, iss.path) === undefined ? `missing (${expected})` : expected, input: undefined, params: { noBranch: true } };
}

/**
 * zod reports a value that matches no branch of a z.union as one "Invalid input" at the union; this replaces it
 * with the issues (paths made absolute, nested unions resolved) of the branch that fits the input best: the
 * fewest mismatched values, missing keys and unknown keys, the first branch on a tie. When every branch rejects
 * the value itself, one issue lists what each branch expected.
 */
function resolveUnion(iss: Issue, input: unknown): Issue[] {
  if (iss.code !== 'invalid_union' || iss.errors.length === 0) return [iss];
  let best: Issue[] = [], bestCost = Infinity;
  for (const branch of iss.errors) {
    const flat = branch.flatMap((b) => resolveUnion({ ...b, path: [...iss.path, ...b.path] } as Issue, input));
    const cost = branchCost(flat, iss.path.length, input);
    if (cost < bestCost) [best, bestCost] = [flat, cost];
  }
  return bestCost >= ROOT_MISMATCH ? [alternatives(iss, input)] : best;
}

/** The most schema problems reported one by one. */
const MAX_PROBLEMS = 20;

/** Turn zod issues into field-named messages, with the offending value and the allowed keys/values. */
export function fromZod(error: z.ZodError, input: unknown, allowedKeys?: (path: readonly PropertyKey[]) => string[] | undefined): FieldError {
  const issues = error.issues.flatMap((iss) => resolveUnion(iss, input));
  const problems = issues.slice(0, MAX_PROBLEMS).map((iss) => {
    const field = fieldPath(iss.path);
    let message = iss.message;
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeys?.(iss.path);
      // unknown keys are input: each clipped, at most 10 named
      const shown = iss.keys.slice(0, 10).map((k) => `'${clip(k)}'`).join(', ') + (iss.keys.length > 10 ? ` and ${iss.keys.length - 10} more` : '');
      return {
        field,
        message: `unknown key${iss.keys.length > 1 ? 's' : ''} ${shown}` +
          (allowed ? `; allowed keys: ${allowed.join(', ')}` : ''),
      };
    }
    const got = valueAt(input, iss.path);
    if (got === undefined && iss.code === 'invalid_type') message = `missing (${message.replace(/, received undefined$/, '')})`;
    // a number JSON cannot write (1e400 parses as Infinity) is shown as JavaScript writes it, not as JSON's null
    else if (got !== undefined && typeof got !== 'object') message += ` (got ${typeof got === 'number' ? String(got) : echo(got)})`;
    return { field, message };
  });
  // a million bad array entries are a million issues: name the first few and count the rest
  if (issues.length > MAX_PROBLEMS) {
    const more = issues.length - MAX_PROBLEMS;
    return new FieldError([...problems.slice(0, MAX_PROBLEMS), { field: 'scenario', message: `and ${more} more problem${more > 1 ? 's' : ''} like these` }]);
  }
  return new FieldError(problems);
}
