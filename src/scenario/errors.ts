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

/** The most schema problems reported one by one. */
const MAX_PROBLEMS = 20;

/** Turn zod issues into field-named messages, with the offending value and the allowed keys/values. */
export function fromZod(error: z.ZodError, input: unknown, allowedKeys?: (path: readonly PropertyKey[]) => string[] | undefined): FieldError {
  const problems = error.issues.slice(0, MAX_PROBLEMS).map((iss) => {
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
    else if (got !== undefined && typeof got !== 'object') message += ` (got ${echo(got)})`;
    return { field, message };
  });
  // a million bad array entries are a million issues: name the first few and count the rest
  if (error.issues.length > MAX_PROBLEMS) {
    const more = error.issues.length - MAX_PROBLEMS;
    return new FieldError([...problems.slice(0, MAX_PROBLEMS), { field: 'scenario', message: `and ${more} more problem${more > 1 ? 's' : ''} like these` }]);
  }
  return new FieldError(problems);
}
