/**
 * The registry of built-in landscape families: the list, lookup by name, the catalogue derived from it
 * (BUILTIN_LANDSCAPES) and builtinLandscape. A new family is one file exporting a BuiltinFamily, listed here.
 */
import { LandscapeError } from '../errors.js';
import { echo } from '../../field-error.js';
import { eigenSaddle } from './eigen-saddle.js';
import { resolveParams } from './params.js';
import { quartic } from './quartic.js';
import { styblinskiTang } from './styblinski-tang.js';
import { tiltedQuartic } from './tilted-quartic.js';
import type { BuiltinFamily, BuiltinInfo, BuiltinLandscape } from './types.js';
import { wellBarrier } from './well-barrier.js';

/** every family, in catalogue order */
export const BUILTIN_FAMILIES: readonly BuiltinFamily[] = Object.freeze([wellBarrier, quartic, tiltedQuartic, styblinskiTang, eigenSaddle]);

/** the catalogue: names, descriptions, dimensions, parameters with defaults and ranges */
export const BUILTIN_LANDSCAPES: readonly BuiltinInfo[] = Object.freeze(
  BUILTIN_FAMILIES.map(({ name, description, dim, params }): BuiltinInfo => ({ name, description, dim, params })),
);

/** The family called `name`; throws LandscapeError "landscape.builtin" for an unknown name. */
export function builtinFamily(name: string): BuiltinFamily {
  const family = BUILTIN_FAMILIES.find((b) => b.name === name);
  if (!family) {
    throw new LandscapeError(
      'landscape.builtin',
      `unknown builtin ${echo(name)}; valid names: ${BUILTIN_FAMILIES.map((b) => b.name).join(', ')}`,
    );
  }
  return family;
}

/**
 * A built-in landscape by name (see BUILTIN_LANDSCAPES for names, parameters, defaults, ranges).
 * Throws LandscapeError: field "landscape.builtin" for an unknown name, "landscape.params" when params is
 * not an object, "landscape.<param>" for a bad parameter.
 */
export function builtinLandscape(name: string, params: Record<string, unknown> = {}): BuiltinLandscape {
  const family = builtinFamily(name);
  return family.create(resolveParams(family, params ?? {}));
}
