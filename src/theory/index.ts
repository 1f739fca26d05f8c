/** Theory: quadrature, exact 1-D mean first-passage times (Gardiner §5.2.7), Kramers / Eyring–Kramers asymptotics. */
export * from './quadrature/index.js';
export { gaussLegendre, gaussLegendreRule, legendreAll, legendreTail, type GaussLegendreRule } from './gauss.js';
export {
  exactMFPT1D,
  mfptProfile1D,
  mfptBackwardODE,
  NATURAL_BOUNDARY_LOG_DROP,
  type Diffusion1D,
  type Interval1D,
  type MFPTOptions,
  type MFPTResult,
  type MFPTProfile,
  type BackwardODEOptions,
  type BackwardODEResult,
} from './mfpt1d/index.js';
export {
  escapeAsymptotics,
  escapePoints1D,
  hessianSignChanges,
  NotApplicable,
  type AsymptoticResult,
  type AsymptoticOptions,
  type EscapePoints,
} from './asymptotics.js';
export { adamomentumFactor, preconditionerExponent, quadraticPiecesExponent, selectivity, type QuadraticPieces, type Selectivity } from './exponents.js';
export { theoryOfSystem, type TheoryReport, type TheorySystem } from './scenario.js';
