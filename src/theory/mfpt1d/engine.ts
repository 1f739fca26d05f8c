/**
 * Route 1, the panel engine: composite Gauss–Legendre panels on [r, e] (split at breakpoints, at the
 * points of X and adaptively), Gardiner's double integral evaluated by the sweeps of `sweeps.ts`.
 * Error control (`error-bound.ts`): per-panel Legendre-tail estimates, weighted by their reach into T, are
 * summed into a relative error bound for T. Panels whose share exceeds relTol/(4·#panels) are bisected
 * until the sum is below relTol/2; rounding-level tails, the truncation of a natural boundary and the
 * rounding of Φ are added to the reported bound.
 */
import { gaussLegendreRule, type GaussLegendreRule } from '../gauss.js';
import { errorShares, errorWeights } from './error-bound.js';
import { naturalCutoff } from './natural-boundary.js';
import type { Oriented } from './orient.js';
import { assertDiffusionPositive, initialPanels, refinePanels, type Panel } from './panels.js';
import { innerSweep, outerSweep } from './sweeps.js';

const EPS = Number.EPSILON;

export interface EngineResult {
  logT: number[];
  relError: number;
  converged: boolean;
  panels: number;
  rEff: number;
  iterations: number;
}

interface EngineStart {
  panels: Panel[];
  /** the wall used: r, or the truncation point of a natural boundary */
  rEff: number;
  /** d log f/dz at rEff for a natural boundary (NaN otherwise) */
  truncSlope: number;
  /** log 𝒟(rEff) */
  logDrEff: number;
  /** e − rEff */
  L: number;
}

/**
 * Setup: the wall r_eff (natural-boundary cutoff for r = −∞), the special points {r_eff, e, X, breakpoints}
 * (𝒟 and A validated at each: Gauss nodes never touch panel ends), and the initial panels, the segments
 * between special points each cut to width ≤ max(L/32, (e − xMin)/8), L = e − r_eff.
 */
function startPanels(o: Oriented, rule: GaussLegendreRule, X: readonly number[]): EngineStart {
  const xMin = X[0];
  // validate 𝒟 at the special points themselves (Gauss nodes never touch panel ends)
  const tmpQ = new Float64Array(1);
  const tmpD = new Float64Array(1);
  let rEff = o.r;
  let truncSlope = NaN;
  if (o.r === -Infinity) {
    const cut = naturalCutoff(o, rule, xMin);
    rEff = cut.rEff;
    truncSlope = cut.slope;
  }
  const bounds = [rEff, o.e, ...X];
  for (const b of o.breakpoints) if (b > rEff && b < o.e) bounds.push(b);
  bounds.sort((u, v) => u - v);
  const uniq: number[] = [];
  for (const b of bounds) if (uniq.length === 0 || b > uniq[uniq.length - 1]) uniq.push(b);
  for (const b of uniq) o.evalInto(b, tmpQ, tmpD, 0);
  o.evalInto(rEff, tmpQ, tmpD, 0);
  const logDrEff = tmpD[0];
  // initial panels: segments between special points, each cut to width ≤ max(L/32, (e − xMin)/8)
  const L = o.e - rEff;
  const target = Math.max(L / 32, (o.e - xMin) / 8);
  const panels = initialPanels(o, rule, uniq, target);
  return { panels, rEff, truncSlope, logDrEff, L };
}

/**
 * T at the ascending oriented points X (all in [r, e), r possibly −∞) with relative error ≤ relTol.
 * Each pass: inner sweep (Φ, f, G), outer sweep (g, T, E), error weights and shares; the bound is
 *     total = reducible + noise + trunc + roundoff,
 *     trunc ≈ f(r_eff)/slope / G(xMin)  (natural boundary),   roundoff = 10ε(1 + n + max Φ on [xMin, e]);
 * done when reducible ≤ relTol/2, else the panels with share > relTol/(4P) are bisected.
 */
export function engine(o: Oriented, X: number[], relTol: number, order: number, maxPanels: number): EngineResult {
  const rule = gaussLegendreRule(order);
  const n = rule.n;
  const xMin = X[0];
  const start = startPanels(o, rule, X);
  const { rEff, truncSlope, logDrEff } = start;
  let panels = start.panels;
  const minWidth = 1e-11 * start.L;
  let iterations = 0;
  for (;;) {
    iterations++;
    const P = panels.length;
    const inner = innerSweep(panels, rule);
    const outer = outerSweep(panels, rule, inner, xMin);
    const weights = errorWeights(panels, X, outer);
    const { share, reducible, noise } = errorShares(panels, inner, outer, weights);
    // truncation of a natural boundary: tail mass ≈ f(r_eff)/slope relative to G(xMin)
    let trunc = 0;
    if (o.r === -Infinity)
      trunc = Math.exp(-inner.phiStart[0] - logDrEff - Math.log(truncSlope) - inner.logGA[outer.pX]);
    // rounding of the Φ differences that matter (Φ = 0 in the well, so max Φ on [xMin, e] ~ the barrier)
    const roundoff = 10 * EPS * (1 + n + outer.maxPhiOuter);
    // refine until the reducible part is ≤ relTol/2, leaving the other half to rounding and truncation
    const done = reducible <= relTol / 2;
    const total = reducible + noise + trunc + roundoff;
    const finish = (converged: boolean): EngineResult => ({
      logT: weights.kX.map((k) => outer.logTA[k]),
      relError: total,
      converged: converged && total <= Math.max(relTol, 10 * roundoff),
      panels: P,
      rEff,
      iterations,
    });
    if (done) return finish(true);
    const next = refinePanels(o, rule, panels, share, relTol / (4 * P), minWidth, maxPanels);
    if (next === null) {
      // cannot refine further (minimum width or maxPanels)
      assertDiffusionPositive(o, rule, panels);
      return finish(false);
    }
    panels = next;
  }
}
