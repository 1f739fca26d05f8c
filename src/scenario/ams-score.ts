/**
 * The rare-event score and sets for an expression exit B = {g ≥ 0}, g(θ) = side·(f(θ) − c) (docs/rare-events.md,
 * "Scores and exit sets").
 *
 * Score: by default ξ = g, so B = {ξ ≥ 0}; `set` and `level` are values of f (as a coordinate exit's are values of
 * θ_j): A = {ξ ≤ side·(set − c)}, Σ = {ξ = side·(level − c)}. With `simulation.ams.score` = s(θ), a reaction
 * coordinate that must increase toward the exit, `set` and `level` are values of s: A = {s ≤ set}, Σ = {s = level};
 * B stays the exit. The chain then runs on ξ = φ(s) outside B and ξ = 0 in B, φ(u) = u − √(u² + 1) a strictly
 * increasing map of ℝ onto (−∞, 0): splitting only compares levels, so φ changes nothing but keeps ξ ≥ 0 ⟺ θ ∈ B,
 * which the solver uses to mark arrivals in B.
 *
 * Defaults: the straight line from the start along ∇g(start) (the steepest ascent of the exit function; at a
 * critical point of g, along the eigenvector of its Hessian with the largest eigenvalue) up to where it meets B;
 * along it the quasi-potential (quasi-potential.ts) places A and Σ, and the score there gives set and level. The
 * same line checks that a custom score increases toward the exit: s where the line meets B must exceed s(start),
 * and the level Σ must lie below it.
 */
import type { SDEModel } from '../dynamics/models.js';
import { isLevelExit, type ExitSet, type LevelExit, type ReturnSet } from '../dynamics/passage.js';
import { hessianEigen } from '../landscapes/critical.js';
import { expressionFunction } from '../landscapes/expr.js';
import { FieldError, clip } from '../field-error.js';
import { ScenarioError } from './errors.js';
import { lineRate, riseLevels } from './quasi-potential.js';
import type { AmsSpec } from './schema.js';

/** The score and sets of a rare-event problem (the part of scenario/ams.ts AmsProblem that the exit decides). */
export interface ScoreSets {
  /** the exit set B the score leads to */
  exit: ExitSet;
  /** the chain's score ξ(θ): ξ ≥ 0 exactly on B */
  score(x: ArrayLike<number>): number;
  /** A: the half-space of θ_j (coordinate exit) or the score's sublevel set {ξ ≤ ξ_A} */
  wellSet: ReturnSet;
  /** ξ_A and ξ_Σ on the score's scale (ξ = 0 on the exit) */
  setScore: number;
  levelScore: number;
  /** the same as given: levels of θ_j (coordinate exit), of f (expression exit) or of the score expression */
  setLevel: number;
  sigmaLevel: number;
}

const field = (k: string) => `scenario.simulation.ams${k ? `.${k}` : ''}`;
const fail = (k: string, message: string): never => { throw new ScenarioError([{ field: field(k), message }]); };

/** φ(u) = u − √(u² + 1) ∈ (−∞, 0), strictly increasing; for u ≥ 0 as −1/(u + √(u² + 1)) (no cancellation) */
function belowZero(u: number): number {
  return u < 0 ? u - Math.hypot(u, 1) : -1 / (u + Math.hypot(u, 1));
}

/** The unit direction of steepest ascent of g = side·(f − c) at x; at a critical point the top Hessian eigenvector. */
function ascent(exit: LevelExit, x: number[]): Float64Array {
  const n = x.length, u = new Float64Array(n);
  exit.f.gradient(x, u);
  for (let i = 0; i < n; i++) u[i] *= exit.side;
  const norm = Math.hypot(...u);
  if (norm > 0 && Number.isFinite(norm)) return u.map((v) => v / norm);
  // ∇g = 0: g rises to second order along the eigenvector of side·H_f with the largest eigenvalue
  const eig = hessianEigen(exit.f, x);
  const k = exit.side > 0 ? n - 1 : 0, lambda = exit.side * eig.values[k];
  if (!(lambda > 0) || !Number.isFinite(lambda)) {
    return fail('', `the default set and level need a direction in which the exit expression ${clip(exit.expr)} rises from the start, but its gradient is ${norm === 0 ? 'zero' : 'not finite'} there and its Hessian has no direction of increase; give simulation.ams.set and level`);
  }
  const v = Float64Array.from(eig.vectors[k]);
  const lead = v.find((c) => c !== 0) ?? 1;
  return v.map((c) => (lead < 0 ? -c : c));
}

/** The line start + t·u and the parameter `end` where it first meets B (bracketed by doubling, then bisected). */
function marchLine(exit: LevelExit, start: number[]): { u: Float64Array; end: number; at(t: number): number[] } {
  const u = ascent(exit, start);
  const at = (t: number) => start.map((v, i) => v + t * u[i]);
  const inB = (t: number) => exit.side * (exit.f.value(at(t)) - exit.level) >= 0;
  let lo = 0, hi = 1e-3 * Math.max(1, ...start.map(Math.abs));
  for (let k = 0; !inB(hi); k++) {
    if (k === 100) fail('', `the line from the start along the gradient of the exit expression ${clip(exit.expr)} does not reach the exit set; give simulation.ams.set and level`);
    lo = hi; hi *= 2;
  }
  for (let k = 0; k < 200 && hi - lo > 1e-13 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (inB(mid)) hi = mid; else lo = mid;
  }
  return { u, end: hi, at };
}

/** Points on the march where Φ has risen ½ and 1½ (a quarter and a half of the way without a model or a barrier). */
function defaultPoints(model: SDEModel | null, start: number[], march: ReturnType<typeof marchLine>): [number[], number[]] {
  const t = (model ? riseLevels(lineRate(model, start, march.u), 0, march.end) : null) ?? [0.25 * march.end, 0.5 * march.end];
  return [march.at(t[0]), march.at(t[1])];
}

/** The default score ξ = side·(f − c): set and level are values of f (`levels`: their defaults, if given). */
function exitScore(s: AmsSpec, model: SDEModel | null, start: number[], exit: LevelExit, levels?: () => [number, number]): ScoreSets {
  const { f, side, level: c } = exit;
  const xi = (v: number) => side * (v - c);
  let setLevel = s.set, sigmaLevel = s.level;
  if ((setLevel === undefined || sigmaLevel === undefined) && levels) {
    const [a, b] = levels();
    setLevel ??= a;
    sigmaLevel ??= b;
  }
  if (setLevel === undefined || sigmaLevel === undefined) {
    const [a, b] = defaultPoints(model, start, marchLine(exit, start));
    setLevel ??= f.value(a);
    sigmaLevel ??= f.value(b);
  }
  const f0 = f.value(start);
  if (!(xi(f0) <= xi(setLevel))) fail('set', `the well set A must hold the start: set must lie between the start's ${clip(exit.expr)} = ${f0} and the level Σ (got ${setLevel})`);
  if (!(xi(setLevel) < xi(sigmaLevel) && xi(sigmaLevel) < 0)) {
    fail('level', `the level Σ must lie strictly between the set A (${setLevel}) and the exit (${clip(exit.expr)} = ${c}) (got ${sigmaLevel})`);
  }
  const setScore = xi(setLevel);
  return { exit, score: (x) => side * (f.value(x) - c), wellSet: { scoreAtMost: setScore }, setScore, levelScore: xi(sigmaLevel), setLevel, sigmaLevel };
}

/** A score expression s: set and level are values of s; the chain runs on φ(s) (module comment). */
function customScore(s: AmsSpec, model: SDEModel | null, start: number[], exit: LevelExit, vars: readonly string[]): ScoreSets {
  let sf: ReturnType<typeof expressionFunction>;
  try {
    sf = expressionFunction(s.score!, vars);
  } catch (e) {
    throw e instanceof FieldError ? e.within(field('score')) : e;
  }
  const march = marchLine(exit, start);
  const s0 = sf.value(start), sB = sf.value(march.at(march.end));
  if (!Number.isFinite(s0)) fail('score.expr', `${s.score!.expr} is not finite at the start (${s0})`);
  if (!(sB > s0)) {
    fail('score', `the score must increase toward the exit: along the line from the start up the gradient of ${clip(exit.expr)} it goes from ${s0} at the start to ${sB} where the line meets the exit`);
  }
  let setLevel = s.set, sigmaLevel = s.level;
  if (setLevel === undefined || sigmaLevel === undefined) {
    const [a, b] = defaultPoints(model, start, march);
    setLevel ??= sf.value(a);
    sigmaLevel ??= sf.value(b);
  }
  if (!(s0 <= setLevel)) fail('set', `the well set A must hold the start: set must lie between the start's score ${s0} and the level Σ (got ${setLevel})`);
  if (!(setLevel < sigmaLevel && sigmaLevel < sB)) {
    fail('level', `the level Σ must lie strictly between the set A (${setLevel}) and the score where the line from the start meets the exit (${sB}) (got ${sigmaLevel})`);
  }
  const { f, side, level: c } = exit;
  const score = (x: ArrayLike<number>) => (side * (f.value(x) - c) >= 0 ? 0 : belowZero(sf.value(x)));
  const setScore = belowZero(setLevel);
  return { exit, score, wellSet: { scoreAtMost: setScore }, setScore, levelScore: belowZero(sigmaLevel), setLevel, sigmaLevel };
}

/** The score and sets of an expression exit, or of any exit with a score expression (refused for a coordinate exit). */
export function expressionScoreSets(s: AmsSpec, model: SDEModel | null, start: number[], exit: ExitSet, vars: readonly string[], levels?: () => [number, number]): ScoreSets {
  if (!isLevelExit(exit)) {
    return fail('score', `a score expression needs an expression exit (a coordinate exit's set and level are levels of its coordinate): write the exit as { "expr": "${vars[exit.index]}", "${exit.side > 0 ? 'above' : 'below'}": ${exit.level} }`);
  }
  return s.score ? customScore(s, model, start, exit, vars) : exitScore(s, model, start, exit, levels);
}
