/**
 * Keys a scenario may not have, anywhere: `__proto__`, `constructor` and `prototype`. JSON.parse keeps an own
 * `__proto__` key as an ordinary own property, but copying the object key by key (`o[k] = v`, as zod does) sets
 * the copy's prototype instead, so the key vanished silently or surfaced as a misleading `unknown symbol`. None
 * of the three is a key of the schema, and as a parameter name they only invite such confusion, so they are
 * refused by path before zod sees the input. The walk is iterative (10⁴-deep nesting must not overflow the stack).
 */
import { ScenarioError, fieldPath } from './errors.js';

export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

interface Node {
  value: object;
  key: PropertyKey | undefined;
  parent: Node | undefined;
}

function pathOf(node: Node, last: PropertyKey): PropertyKey[] {
  const path: PropertyKey[] = [last];
  for (let n: Node | undefined = node; n?.parent !== undefined; n = n.parent) path.push(n.key!);
  return path.reverse();
}

/** Throw a ScenarioError naming the first own key `__proto__` / `constructor` / `prototype` in `input`. */
export function rejectForbiddenKeys(input: unknown): void {
  if (input === null || typeof input !== 'object') return;
  const stack: Node[] = [{ value: input, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const o = node.value as Record<string, unknown>;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const v: unknown = o[i];
        if (v !== null && typeof v === 'object') stack.push({ value: v, key: i, parent: node });
      }
      continue;
    }
    for (const k of Object.keys(o)) {
      if (FORBIDDEN_KEYS.includes(k) && Object.prototype.hasOwnProperty.call(o, k)) {
        throw new ScenarioError([{
          field: fieldPath(pathOf(node, k)),
          message: `a key named '${k}' is not allowed anywhere in a scenario (it is a JavaScript prototype name); remove or rename it`,
        }]);
      }
      const v = o[k];
      if (v !== null && typeof v === 'object') stack.push({ value: v, key: k, parent: node });
    }
  }
}
