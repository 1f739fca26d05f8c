/**
 * The shapes shared by the built-in landscape families: catalogue metadata (what BUILTIN_LANDSCAPES lists),
 * validated parameters, the landscape a family builds, and the family object itself.
 */
import type { KnownPoints, Landscape } from '../types.js';

export interface BuiltinParamInfo {
  name: string;
  description: string;
  type: 'number' | 'integer' | 'number[]';
  /** default value; for 'number[]' the default of every entry */
  default: number;
  min?: number;
  max?: number;
  /** min / max themselves not allowed */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** allowed range in words (used in error messages and docs) */
  range: string;
}

export interface BuiltinInfo {
  name: string;
  description: string;
  /** dimension in words ("1", "n, 1 ≤ n ≤ 16") */
  dim: string;
  params: readonly BuiltinParamInfo[];
}

export type ParamValue = number | readonly number[];

/**
 * Parameters checked against a family's metadata (builtins/params.ts). An absent scalar holds its default;
 * an absent array is undefined (its length depends on n, which the family resolves).
 */
export interface ResolvedParams {
  /** a 'number' or 'integer' parameter */
  num(name: string): number;
  /** a 'number[]' parameter, undefined when not given */
  list(name: string): readonly number[] | undefined;
  /** whether the caller gave the parameter (rather than it taking its default) */
  given(name: string): boolean;
}

/** Landscape returned by builtinLandscape: always has `known`, records its resolved parameters. */
export interface BuiltinLandscape extends Landscape {
  readonly builtin: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly known: KnownPoints;
}

/**
 * One built-in family: its catalogue entry and its constructor. `create` receives parameters already checked
 * one by one against `params`; it checks only constraints between parameters (e.g. |c| against h), throwing
 * a LandscapeError with field "landscape.<param>".
 */
export interface BuiltinFamily extends BuiltinInfo {
  create(p: ResolvedParams): BuiltinLandscape;
}
