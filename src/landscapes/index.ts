export type { Landscape, ScalarLandscape, KnownPoints } from './types.js';
export { LandscapeError } from './errors.js';
export { expressionLandscape } from './expr.js';
export type { ExpressionSpec, ExpressionLandscape } from './expr.js';
export { SUPPORTED_FUNCTIONS, KNOWN_CONSTANTS } from './vocabulary.js';
export {
  builtinLandscape,
  BUILTIN_LANDSCAPES,
  wellBarrierProfile,
  depressedCubicRoots,
  tiltedQuarticMaxTilt,
  STYBLINSKI_TANG_ROOTS,
} from './builtins/index.js';
export type { BuiltinInfo, BuiltinParamInfo, BuiltinLandscape, WellBarrierProfile, WellBarrierPiece } from './builtins/index.js';
export { findCriticalPoint, hessianEigen } from './critical.js';
export type { CriticalPoint, CriticalPointOptions, HessianEigen } from './critical.js';
