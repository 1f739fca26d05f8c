import type { z } from 'zod';

import { FieldError } from '../field-error.js';

/** A scenario error names the key (dotted path from "scenario") and says what is allowed: the one FieldError type. */
export { FieldError as ScenarioError };

export function fieldPath(path: readonly PropertyKey[], root = 'scenario'): string {
  let s = root;
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : `.${String(k)}`;
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

/** Turn zod issues into field-named messages, with the offending value and the allowed keys/values. */
export function fromZod(error: z.ZodError, input: unknown, allowedKeys?: (path: readonly PropertyKey[]) => string[] | undefined): FieldError {
  const problems = error.issues.map((iss) => {
    const field = fieldPath(iss.path);
    let message = iss.message;
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeys?.(iss.path);
      return {
        field,
        message: `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `'${k}'`).join(', ')}` +
          (allowed ? `; allowed keys: ${allowed.join(', ')}` : ''),
      };
    }
    const got = valueAt(input, iss.path);
    if (got === undefined && iss.code === 'invalid_type') message = `missing (${message.replace(/, received undefined$/, '')})`;
    else if (got !== undefined && typeof got !== 'object') message += ` (got ${JSON.stringify(got) ?? String(got)})`;
    return { field, message };
  });
  return new FieldError(problems);
}
