/**
 * The rare-event solver's cost on the 1-D quartic L = x⁴/4 − x²/2 (start −1, exit x ≥ 0.5, wall −3, additive noise
 * T = 1/(4ΔΦ), dt = 0.01, bridge on, AMS defaults, seed 1): the work-normalised variance W = steps × relSE(MFPT)²,
 * which grows like ΔΦ² for AMS against e^ΔΦ for direct Monte Carlo (docs/rare-events.md), and the ratio to the
 * exact MFPT by quadrature, and its speed in steps/s.
 */
import { compileScenario } from '../scenario/compile.js';
import { theoryOfSystem } from '../theory/scenario.js';
import { solveAms } from '../montecarlo/ams/index.js';

export interface AmsFigure {
  dPhi: number;
  estimate: number;
  exact: number;
  relSE: number;
  steps: number;
  workNormalisedVariance: number;
  seconds: number;
  /** steps (loops + AMS) per second of the solve */
  stepsPerSecond: number;
  /** where it ran ('auto': workers when there are several cores) */
  backend: string;
  workers: number;
}

export async function benchAms(dPhi: number): Promise<AmsFigure> {
  const p = compileScenario({
    name: `quartic ΔΦ = ${dPhi}`, landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1],
    exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: 1 / (4 * dPhi) },
    simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 1, method: 'ams' },
  });
  const o = await solveAms(p);
  const steps = o.steps.loops + o.steps.ams;
  return {
    dPhi, estimate: o.mfpt.estimate, exact: theoryOfSystem(p).mfpt.exact!, relSE: o.mfpt.relSE, steps,
    workNormalisedVariance: steps * o.mfpt.relSE ** 2, seconds: o.seconds,
    stepsPerSecond: steps / o.seconds, backend: o.backend, workers: o.workers,
  };
}
