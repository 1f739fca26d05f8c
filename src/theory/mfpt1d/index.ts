/** Exact 1-D mean first-passage times (Gardiner §5.2.7): route 1 (log-space panels) and route 2 (backward ODE). */
export { type Diffusion1D, type Interval1D } from './types.js';
export { exactMFPT1D, mfptProfile1D, type MFPTOptions, type MFPTResult, type MFPTProfile } from './gardiner.js';
export { NATURAL_BOUNDARY_LOG_DROP } from './natural-boundary.js';
export { mfptBackwardODE, type BackwardODEOptions, type BackwardODEResult } from './backward-ode.js';
