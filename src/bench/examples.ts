/**
 * Speed rows beyond W1, from the shipped examples on the `cpu` backend, each sized to run a few seconds on one
 * core (fixed sizes, independent of `bench --trajectories`):
 *   adam-example            examples/well-barrier-adam.json (1-D, Adam quasi-static SDE, Hessian noise), dt as shipped
 *   adam-example-tabulated  the same with simulation.coefficients = 'tabulated' (unavailable where the schema lacks it)
 *   eigen-saddle-3d         examples/eigen-saddle-3d-sgd.json (3-D SGD, Hessian noise), maxTime cut short
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScenario, type EscapeProblem } from '../scenario/compile.js';
import { runEnsemble } from '../montecarlo/engine.js';
import { summarize } from '../montecarlo/summary.js';
import type { BackendFigure } from './w1.js';

export interface ExampleFigure extends BackendFigure {
  escaped: number;
  censored: number;
  note?: string;
}

/** `examples/<name>` under the nearest ancestor of this module that has it, else under the working directory. */
function exampleFile(name: string): string {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    const p = join(d, 'examples', name);
    if (existsSync(p)) return p;
    if (dirname(d) === d) break;
  }
  return resolve('examples', name);
}

function loadExample(name: string, simulation: Record<string, unknown>): Record<string, unknown> {
  const s = JSON.parse(readFileSync(exampleFile(name), 'utf8')) as Record<string, unknown>;
  return { ...s, simulation: { ...(s.simulation as Record<string, unknown>), backend: 'cpu', ...simulation } };
}

async function timeProblem(impl: string, c: EscapeProblem, trajectories: number, note?: string): Promise<ExampleFigure> {
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: trajectories } });
  const s = summarize(c, run.results, run);
  return {
    impl, trajectories, steps: run.steps, seconds: run.seconds, stepsPerSecond: run.steps / run.seconds,
    meanExitTime: s.mfpt?.estimate ?? NaN, ci95: s.mfpt?.ci95 ?? null, workers: run.workers,
    escaped: s.escaped, censored: s.censored, ...(note ? { note } : {}),
  };
}

export const ADAM_TRAJECTORIES = 2500;

/** The Adam SDE example on cpu (≈ 5e7 steps: MFPT ≈ 20 at dt 1e-3, nothing censored). */
export function benchAdamExample(): Promise<ExampleFigure> {
  const c = compileScenario(loadExample('well-barrier-adam.json', { trajectories: ADAM_TRAJECTORIES }));
  return timeProblem('adam-example', c, ADAM_TRAJECTORIES);
}

/**
 * The same with tabulated coefficients; `{ impl, unavailable }` when the scenario schema rejects
 * `simulation.coefficients` (an option not present in every version) or the run fails.
 */
export async function benchAdamTabulated(): Promise<ExampleFigure | { impl: string; unavailable: string }> {
  const impl = 'adam-example-tabulated';
  let c: EscapeProblem;
  try {
    c = compileScenario(loadExample('well-barrier-adam.json', { trajectories: ADAM_TRAJECTORIES, coefficients: 'tabulated' }));
  } catch (e) {
    return { impl, unavailable: `simulation.coefficients 'tabulated' rejected: ${(e as Error).message.split('\n')[0]}` };
  }
  try {
    return await timeProblem(impl, c, ADAM_TRAJECTORIES);
  } catch (e) {
    return { impl, unavailable: `run failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

export const EIGEN_TRAJECTORIES = 320;
export const EIGEN_MAX_TIME = 20;

/**
 * The 3-D eigen-saddle SGD example on cpu, cut at maxTime 20 (1e4 steps a trajectory). Its MFPT is far beyond
 * that, so (almost) every trajectory is censored: this row times steps, not escapes; its mean is not an MFPT.
 */
export function benchEigenSaddle3d(): Promise<ExampleFigure> {
  const c = compileScenario(loadExample('eigen-saddle-3d-sgd.json', { trajectories: EIGEN_TRAJECTORIES, maxTime: EIGEN_MAX_TIME }));
  return timeProblem('eigen-saddle-3d', c, EIGEN_TRAJECTORIES, `censored at maxTime ${EIGEN_MAX_TIME}: times steps, not escapes`);
}
