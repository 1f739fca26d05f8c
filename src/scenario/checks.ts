/**
 * The semantic checks a schema cannot make, run before any simulation work: the start outside the exit set
 * and inside the walls, a landscape finite at the start, a model whose coefficients are finite and whose
 * diffusion is ≥ 0 where the trajectory will go, and the step-size scale of the Euler–Maruyama bias.
 */
import type { Landscape } from '../landscapes/types.js';
import type { SDEModel } from '../dynamics/models.js';
import { isLevelExit, type Boundary, type ExitSet, type LevelExit } from '../dynamics/passage.js';
import { ScenarioError } from './errors.js';
import { clip } from '../field-error.js';

/**
 * Above this value of dt·max(A²/𝒟) along the path, the Euler–Maruyama bias of the mean escape time is
 * of order 1% or more (measured: docs/engine.md, "Step size").
 */
export const STEP_BIAS_THRESHOLD = 0.01;

/** An expression exit must be finite at the start, and the start outside it. */
function checkLevelExitAtStart(b: LevelExit, start: number[], f: string): void {
  const v = b.f.value(start);
  const expr = clip(b.expr); // echoed input: clipped
  const rel = b.side > 0 ? '≥' : '≤';
  if (!Number.isFinite(v)) throw new ScenarioError([{ field: `${f}.expr`, message: `${expr} is not finite at the start (${v}); the exit set {${expr} ${rel} ${b.level}} must be defined where the trajectory starts` }]);
  if (b.side * (v - b.level) >= 0) {
    throw new ScenarioError([{ field: f, message: `the start (where ${expr} = ${v}) is already in the exit set ${expr} ${rel} ${b.level}; the start must lie outside the exit set` }]);
  }
}

/** Exit sets must lie beyond the start, reflecting walls not behind it. */
export function checkStartAgainstBoundaries(start: number[], vars: readonly string[], exit: ExitSet[], reflect: Boundary[]): void {
  exit.forEach((b, i) => {
    const f = exit.length > 1 ? `scenario.exit[${i}]` : 'scenario.exit';
    if (isLevelExit(b)) { checkLevelExitAtStart(b, start, f); return; }
    if (b.side * (start[b.index] - b.level) >= 0) {
      throw new ScenarioError([{ field: f, message: `the start (${vars[b.index]} = ${start[b.index]}) is already in the exit set ${vars[b.index]} ${b.side > 0 ? '≥' : '≤'} ${b.level}; the exit must lie ${b.side > 0 ? 'above' : 'below'} the start` }]);
    }
  });
  reflect.forEach((b, i) => {
    if (b.side * (start[b.index] - b.level) > 0) {
      const f = reflect.length > 1 ? `scenario.reflect[${i}]` : 'scenario.reflect';
      throw new ScenarioError([{ field: f, message: `the start (${vars[b.index]} = ${start[b.index]}) lies beyond the reflecting wall ${vars[b.index]} ${b.side > 0 ? 'above' : 'below'} ${b.level}` }]);
    }
  });
}

/** Without a model: the landscape must at least be finite, with a finite gradient, at the start. */
export function checkLandscape(L: Landscape, start: number[]): void {
  const g = new Float64Array(L.dim);
  L.gradient(start, g);
  const v = L.value(start);
  if (!Number.isFinite(v) || !g.every(Number.isFinite)) {
    throw new ScenarioError([{ field: 'scenario.landscape', message: `L or ∇L is not finite at the start (L = ${v}); check the expression and its params` }]);
  }
}

/** Where the coefficients are checked: the start, and in 1-D a grid from the wall (or start) to past the (coordinate) exits. */
function checkPoints(start: number[], exit: Boundary[], reflect: Boundary[]): number[][] {
  const points: number[][] = [start];
  if (start.length === 1) {
    const levels = [start[0], ...exit.map((b) => b.level), ...reflect.map((b) => b.level)];
    const lo = Math.min(...levels), hi = Math.max(...levels);
    for (let k = 0; k <= 64; k++) points.push([lo + ((hi - lo) * k) / 64]);
  }
  return points;
}

function fail(field: string, message: string): never {
  throw new ScenarioError([{ field, message }]);
}

/**
 * Evaluate the model where the trajectory will go and refuse coefficients that are not finite or a negative
 * diffusion, naming the place. Returns max A²/𝒟 between the start and the first coordinate exit in 1-D (0 in n-D
 * and for expression exits only):
 * dt times it is the scale of the Euler–Maruyama step bias (the stretch every escaping path must cross;
 * beyond a wall the process rarely goes).
 */
export function checkCoefficients(model: SDEModel, L: Landscape, start: number[], exits: ExitSet[], reflect: Boundary[]): number {
  const n = L.dim;
  const scalar = n === 1 ? model.scalar() : null;
  const vector = n === 1 ? null : model.vector();
  // expression exits have no coordinate level: the 1-D grid and the stiffness scan use the coordinate exits only
  const exit = exits.filter((b): b is Boundary => !isLevelExit(b));
  for (const p of checkPoints(start, exit, reflect)) {
    const where = `at ${L.vars.map((v, i) => `${v} = ${p[i]}`).join(', ')}`;
    const value = L.value(p);
    const g = new Float64Array(n);
    L.gradient(p, g);
    if (!Number.isFinite(value) || !g.every(Number.isFinite)) {
      fail('scenario.landscape', `L or ∇L is not finite ${where} (L = ${value}); check the expression and its params`);
    }
    if (scalar) {
      scalar.eval(p[0]);
      if (!Number.isFinite(scalar.a) || !Number.isFinite(scalar.d)) fail('scenario.dynamics', `the ${model.spec.model} model's drift or diffusion is not finite ${where} (A = ${scalar.a}, 𝒟 = ${scalar.d}); check its parameters and the noise`);
      if (scalar.d < 0) fail('scenario.dynamics.noise', `the diffusion is negative ${where} (𝒟 = ${scalar.d}); the noise covariance must be ≥ 0`);
    } else {
      const drift = new Float64Array(n), sigma = new Float64Array(n * n);
      vector!.eval(Float64Array.from(p), drift, sigma);
      if (!drift.every(Number.isFinite) || !sigma.every(Number.isFinite)) fail('scenario.dynamics', `the ${model.spec.model} model's drift or noise is not finite ${where}; check its parameters and the noise`);
    }
  }
  let stiffness = 0;
  if (scalar && exit.length) {
    const e0 = exit[0].level;
    for (let k = 0; k <= 64; k++) {
      scalar.eval(start[0] + ((e0 - start[0]) * k) / 64);
      if (scalar.d > 0) stiffness = Math.max(stiffness, (scalar.a * scalar.a) / scalar.d);
    }
  }
  return stiffness;
}

/** The step-size advice of an SDE run (docs/engine.md, "Step size"). */
export function stepSizeWarnings(stiffness: number, dt: number): string[] {
  if (stiffness * dt <= STEP_BIAS_THRESHOLD) return [];
  return [`dt·max(A²/𝒟) = ${(stiffness * dt).toPrecision(2)} between the start and the exit: the Euler–Maruyama step may bias ` +
    `the mean escape time by up to about that fraction; dt ≤ ${(STEP_BIAS_THRESHOLD / stiffness).toPrecision(1)} brings the scale to 1% ` +
    `(compare with a smaller dt or with the exact MFPT; docs/engine.md)`];
}
