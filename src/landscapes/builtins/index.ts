/** Built-in landscape families with exact (closed-form) derivatives and known critical points. */
export { BUILTIN_FAMILIES, BUILTIN_LANDSCAPES, builtinFamily, builtinLandscape } from './registry.js';
export { resolveParams } from './params.js';
export { depressedCubicRoots, wellBarrierProfile } from './helpers.js';
export type { WellBarrierPiece, WellBarrierProfile } from './helpers.js';
export { tiltedQuarticMaxTilt } from './tilted-quartic.js';
export { STYBLINSKI_TANG_ROOTS } from './styblinski-tang.js';
export type { BuiltinFamily, BuiltinInfo, BuiltinLandscape, BuiltinParamInfo, ParamValue, ResolvedParams } from './types.js';
