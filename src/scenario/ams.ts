/**
 * The rare-event settings of a problem (simulation.method "ams", docs/rare-events.md): the score, the well set A,
 * the level Σ and the replica counts, checked and completed with defaults from the problem.
 *
 * Score: ξ(θ) = side·(θ_j − e) along the coordinate j of the exit boundary {side·(θ_j − e) ≥ 0}, so that the exit
 * set B is {ξ ≥ 0}. A = {ξ ≤ ξ_A} (it holds the start), Σ = {ξ = ξ_Σ}, ξ_A < ξ_Σ < 0. Defaults: along the exit
 * coordinate from the start, the quasi-potential Φ = ∫ −A_j/𝒟_jj dθ_j (𝒟_jj = ½Σ_m σ_jm²) measured from its
 * lowest point; A ends where Φ has risen by ½, Σ where it has risen by 1½ noise units (Σ a noise unit above A).
 */
import type { SDEModel } from '../dynamics/models.js';
import type { Boundary } from '../dynamics/passage.js';
import { ScenarioError } from './errors.js';
import type { AmsSpec } from './schema.js';

export interface AmsProblem {
  /** replicas n */
  replicas: number;
  /** replicas killed per iteration k (at least; ties at the level are killed too), 1 ≤ k < n */
  kill: number;
  /** independent runs R */
  runs: number;
  /** the exit boundary the score measures the distance to */
  exit: Boundary;
  /** ξ_A and ξ_Σ on the score's scale (ξ = 0 on the exit) */
  setScore: number;
  levelScore: number;
  /** the same as coordinate levels of θ_j */
  setLevel: number;
  sigmaLevel: number;
}

const QUASI_POTENTIAL_GRID = 400;

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
  const h = (exit.level - start[j]) / QUASI_POTENTIAL_GRID;
  let phi = 0, lowest = 0, setLevel: number | null = null;
  let prev = at(start[j]);
  for (let g = 1; g <= QUASI_POTENTIAL_GRID; g++) {
    const u = start[j] + g * h, f = at(u);
    phi += 0.5 * Math.abs(h) * (prev + f);
    prev = f;
    if (phi < lowest) { lowest = phi; setLevel = null; continue; }
    if (setLevel === null && phi - lowest >= 0.5) setLevel = u;
    if (setLevel !== null && phi - lowest >= 1.5) return [setLevel, u];
  }
  // a barrier under 1½ noise units: A and Σ at a quarter and a half of the way (direct Monte Carlo suits it better)
  return [start[j] + 0.25 * (exit.level - start[j]), start[j] + 0.5 * (exit.level - start[j])];
}

const field = (k: string) => `scenario.simulation.ams.${k}`;

export function amsProblemOf(spec: AmsSpec | undefined, model: SDEModel | null, start: number[], exits: Boundary[]): AmsProblem {
  const s = spec ?? { replicas: 100, kill: 0.2, runs: 20 };
  if (!model) throw new ScenarioError([{ field: 'scenario.simulation.method', message: "'ams' runs the SDE models for now (a discrete optimizer's whole state is not cloned yet); use 'direct'" }]);
  if (exits.length !== 1) throw new ScenarioError([{ field: 'scenario.exit', message: `'ams' measures the score to one exit boundary; this scenario has ${exits.length}` }]);
  const exit = exits[0];
  const n = s.replicas;
  const kill = s.kill < 1 ? Math.max(1, Math.floor(s.kill * n)) : s.kill;
  if (!Number.isInteger(kill) || kill >= n) throw new ScenarioError([{ field: field('kill'), message: `must be an integer k in [1, ${n - 1}] (replicas − 1) or a fraction in (0, 1) of the replicas (got ${s.kill})` }]);
  const defaults = s.set === undefined || s.level === undefined ? defaultLevels(model, start, exit) : null;
  const setLevel = s.set ?? defaults![0], sigmaLevel = s.level ?? defaults![1];
  const xi = (u: number) => exit.side * (u - exit.level);
  const x0 = start[exit.index];
  if (!(xi(x0) <= xi(setLevel))) throw new ScenarioError([{ field: field('set'), message: `the well set A must hold the start: set must lie between the start (${x0}) and the level Σ (got ${setLevel})` }]);
  if (!(xi(setLevel) < xi(sigmaLevel) && xi(sigmaLevel) < 0)) {
    throw new ScenarioError([{ field: field('level'), message: `the level Σ must lie strictly between the set A (${setLevel}) and the exit (${exit.level}) (got ${sigmaLevel})` }]);
  }
  return { replicas: n, kill, runs: s.runs, exit, setScore: xi(setLevel), levelScore: xi(sigmaLevel), setLevel, sigmaLevel };
}
