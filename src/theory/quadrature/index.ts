/** One-dimensional quadrature: adaptive Gauss–Kronrod (linear and log space), tanh-sinh, log-sum-exp, graded breakpoints at kinks. */
export {
  integrate,
  integrateLog,
  GK15_NODES,
  GK15_WEIGHTS,
  G7_WEIGHTS,
  type QuadOptions,
  type QuadResult,
  type LogQuadOptions,
  type LogQuadResult,
} from './gauss-kronrod.js';
export { integrateTanhSinh, type TanhSinhOptions } from './tanh-sinh.js';
export { logAddExp, logSumExp } from './logsumexp.js';
export { gradedBreakpoints } from './graded.js';
