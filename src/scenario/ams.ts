/**
 * The rare-event settings of a problem (simulation.method "ams", docs/rare-events.md): the score, the well set A,
 * the level Σ and the replica counts, checked and completed with defaults from the problem.
 *
 * Score: ξ(θ) = side·(θ_j − e) along the coordinate j of the exit boundary {side·(θ_j − e) ≥ 0}, so that the exit
 * set B is {ξ ≥ 0}. A = {ξ ≤ ξ_A} (it holds the start), Σ = {ξ = ξ_Σ}, ξ_A < ξ_Σ < 0. Defaults: along the exit
 * coordinate from the start, the quasi-potential Φ = ∫ −A_j/𝒟_jj dθ_j (𝒟_jj = ½Σ_m σ_jm²) measured from its
 * lowest point; A ends where Φ has risen by ½, Σ where it has risen by 1½ noise units (Σ a noise unit above A).
 * An expression exit, or a score expression: scenario/ams-score.ts.
 */
import type { SDEModel } from '../dynamics/models.js';
import { isLevelExit, type Boundary, type ExitSet } from '../dynamics/passage.js';
import { ScenarioError } from './errors.js';
import type { AmsSpec } from './schema.js';
import { riseLevels } from './quasi-potential.js';
import { expressionScoreSets, type ScoreSets } from './ams-score.js';

export interface AmsProblem extends ScoreSets {
  /** replicas n */
  replicas: number;
  /** replicas killed per iteration k (at least; ties at the level are killed too), 1 ≤ k < n */
  kill: number;
  /** independent runs R */
  runs: number;
}

/** Coordinate levels where Φ has risen by ½ and 1½ above its lowest point, marching from the start to the exit. */
function defaultLevels(model: SDEModel, start: number[], exit: Boundary): [number, number] {
  const n = start.length, j = exit.index;
  const v = model.vector();
  const x = Float64Array.from(start), drift = new Float64Array(n), sigma = new Float64Array(n * n);
  const at = (u: number) => {
    x[j] = u;
    sigma.fill(0);
    v.eval(x, drift, sigma);
    let d = 0;
    for (let m = 0; m < n; m++) d += sigma[j * n + m] ** 2;
    return (-exit.side * drift[j]) / (0.5 * d); // dΦ/dξ
  };
  // null: a barrier under 1½ noise units (direct Monte Carlo suits it better)
  return riseLevels(at, start[j], exit.level) ?? fallbackLevels(start, exit);
}

/** A and Σ a quarter and a half of the way from the start to the exit: without a quasi-potential to place them */
function fallbackLevels(start: number[], exit: Boundary): [number, number] {
  const x0 = start[exit.index];
  return [x0 + 0.25 * (exit.level - x0), x0 + 0.5 * (exit.level - x0)];
}

const field = (k: string) => `scenario.simulation.ams.${k}`;

/**
 * `model`: the SDE model, or a discrete optimizer's SDE limit (scenario/sde-limit.ts), whose quasi-potential places
 * the default A and Σ; null (an optimizer without one): a quarter and a half of the way to the exit. `levels`: the
 * default set and level of an expression exit when the problem knows better (a network's loss exit: network.ts).
 */
export function amsProblemOf(spec: AmsSpec | undefined, model: SDEModel | null, start: number[], exits: ExitSet[], vars: readonly string[] = [], levels?: () => [number, number]): AmsProblem {
  const s = spec ?? { replicas: 100, kill: 0.2, runs: 20 };
  if (exits.length !== 1) throw new ScenarioError([{ field: 'scenario.exit', message: `'ams' measures the score to one exit boundary; this scenario has ${exits.length}` }]);
  const exit = exits[0];
  const n = s.replicas;
  const kill = s.kill < 1 ? Math.max(1, Math.floor(s.kill * n)) : s.kill;
  if (!Number.isInteger(kill) || kill >= n) throw new ScenarioError([{ field: field('kill'), message: `must be an integer k in [1, ${n - 1}] (replicas − 1) or a fraction in (0, 1) of the replicas (got ${s.kill})` }]);
  if (isLevelExit(exit) || s.score) return { replicas: n, kill, runs: s.runs, ...expressionScoreSets(s, model, start, exit, vars, levels) };
  const defaults = s.set === undefined || s.level === undefined ? (model ? defaultLevels(model, start, exit) : fallbackLevels(start, exit)) : null;
  const setLevel = s.set ?? defaults![0], sigmaLevel = s.level ?? defaults![1];
  const xi = (u: number) => exit.side * (u - exit.level);
  const x0 = start[exit.index];
  if (!(xi(x0) <= xi(setLevel))) throw new ScenarioError([{ field: field('set'), message: `the well set A must hold the start: set must lie between the start (${x0}) and the level Σ (got ${setLevel})` }]);
  if (!(xi(setLevel) < xi(sigmaLevel) && xi(sigmaLevel) < 0)) {
    throw new ScenarioError([{ field: field('level'), message: `the level Σ must lie strictly between the set A (${setLevel}) and the exit (${exit.level}) (got ${sigmaLevel})` }]);
  }
  const { index, side, level } = exit;
  return {
    replicas: n, kill, runs: s.runs, exit, setScore: xi(setLevel), levelScore: xi(sigmaLevel), setLevel, sigmaLevel,
    score: (x) => side * (x[index] - level), wellSet: [{ index, level: setLevel, side: (-side) as 1 | -1 }],
  };
}
