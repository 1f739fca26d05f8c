/**
 * The one validation path of built-in landscape parameters: every family's parameters are checked by
 * `resolveParams` from the family's metadata (type, min/max, range in words). Errors are LandscapeErrors
 * with field "landscape.params" (not an object) or "landscape.<param>".
 */
import { LandscapeError } from '../errors.js';
import { clip, echo } from '../../field-error.js';
import type { BuiltinInfo, BuiltinParamInfo, ParamValue, ResolvedParams } from './types.js';

/** metadata of a finite number > 0 */
export const positive = (name: string, description: string, def: number): BuiltinParamInfo => ({
  name,
  description,
  type: 'number',
  default: def,
  min: 0,
  exclusiveMin: true,
  range: 'finite number > 0',
});

function checkNumber(info: BuiltinParamInfo, value: unknown, field: string, what = ''): number {
  const allowed = `allowed: ${info.range}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LandscapeError(field, `${what}must be a finite number, got ${echo(value)}; ${allowed}`);
  }
  if (info.type === 'integer' && !Number.isInteger(value)) throw new LandscapeError(field, `${what}must be an integer, got ${value}; ${allowed}`);
  if (info.min !== undefined && (value < info.min || (info.exclusiveMin && value === info.min))) {
    throw new LandscapeError(field, `${what}${value} is out of range; ${allowed}`);
  }
  if (info.max !== undefined && (value > info.max || (info.exclusiveMax && value === info.max))) {
    throw new LandscapeError(field, `${what}${value} is out of range; ${allowed}`);
  }
  return value;
}

/** Validate `params` against the catalogue entry; unspecified scalars take their defaults. */
export function resolveParams(info: BuiltinInfo, params: Record<string, unknown>): ResolvedParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new LandscapeError('landscape.params', `must be an object; ${info.name} takes ${info.params.map((p) => p.name).join(', ')}`);
  }
  const names = info.params.map((p) => p.name);
  for (const key of Object.keys(params)) {
    if (!names.includes(key)) {
      throw new LandscapeError(`landscape.${clip(key)}`, `unknown parameter for builtin "${info.name}"; its parameters are ${names.join(', ')}`);
    }
  }
  const out = new Map<string, ParamValue | undefined>();
  for (const p of info.params) {
    const field = `landscape.${p.name}`;
    const v = params[p.name];
    if (v === undefined) {
      out.set(p.name, p.type === 'number[]' ? undefined : p.default);
    } else if (p.type === 'number[]') {
      if (!Array.isArray(v)) throw new LandscapeError(field, `must be an array of numbers; allowed: ${p.range}`);
      out.set(p.name, Object.freeze(v.map((e, i) => checkNumber(p, e, field, `entry ${i}: `))));
    } else {
      out.set(p.name, checkNumber(p, v, field));
    }
  }
  const known = (name: string): ParamValue | undefined => {
    if (!out.has(name)) throw new Error(`internal: builtin ${info.name} has no parameter ${name}`);
    return out.get(name);
  };
  return {
    num: (name) => known(name) as number,
    list: (name) => known(name) as readonly number[] | undefined,
    given: (name) => params[name] !== undefined,
  };
}
