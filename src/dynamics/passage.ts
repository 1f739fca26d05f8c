/**
 * First passage: exit sets, reflecting walls, and the Brownian-bridge crossing correction.
 *
 * A boundary is a half-space {θ : side·(θ_j − level) ≥ 0} on one coordinate j (side = +1 for "above",
 * −1 for "below"). A trajectory exits when it enters any exit half-space; it is reflected (θ_j ← 2·level − θ_j)
 * when it enters a reflecting one.
 *
 * Brownian-bridge correction: checking only grid points misses excursions between them, which biases the
 * exit time upward by O(√dt) (Gobet 2000; Mannella 1999). Over one step the coordinate is locally a Brownian
 * motion with variance σ² = 2𝒟_jj per unit time; given both end points inside (distances d₀, d₁ > 0 from the
 * boundary) it crossed with probability
 *     p = exp(−2·d₀·d₁ / (σ²·dt))                      (reflection principle for the Brownian bridge)
 * and a uniform U < p counts as an exit at the end of that step. The uniform is drawn only when p > e^(−50)
 * (a state-dependent, hence reproducible, rule; missed mass ≤ 2e-22 per step).
 * An exit may also be the level set of an expression of θ (LevelExit below).
 */
import type { Landscape } from '../landscapes/types.js';

export interface Boundary {
  /** coordinate index j */
  index: number;
  /** level of the half-space */
  level: number;
  /** +1: θ_j ≥ level; −1: θ_j ≤ level */
  side: 1 | -1;
}

export interface Passage {
  /** exit when any is entered: coordinate half-spaces and expression level sets, in the scenario's order */
  exit: ExitSet[];
  reflect: Boundary[];
  /** apply the Brownian-bridge correction */
  bridge: boolean;
}

/** largest exponent 2d₀d₁/(σ²dt) for which the bridge uniform is drawn */
export const BRIDGE_EXPONENT_CUTOFF = 50;

/**
 * An exit given as an expression of the state: the level set {θ : side·(f(θ) − level) ≥ 0} of a compiled f
 * ("above": side = +1, "below": −1). Its Brownian-bridge correction treats g = side·(f(θ) − level) over one step
 * as a Brownian motion with variance per unit time σ_g² = ∇fᵀ(σσᵀ)∇f, ∇f and σ at the step's start state, and
 * uses the same rule p = exp(−2·d₀·d₁/(σ_g²·dt)) (d = −g at the two ends). For a linear f this is exact (the
 * coordinate rule along a rotated direction); otherwise it is the linearisation of f over the step.
 */
export interface LevelExit {
  kind: 'level';
  /** the expression as written */
  expr: string;
  /** f compiled (value, gradient, Hessian) in the landscape's variables, as a landscape */
  f: Landscape;
  /** the threshold c */
  level: number;
  /** +1: f ≥ level; −1: f ≤ level */
  side: 1 | -1;
}

/** One exit set: a coordinate half-space or the level set of an expression. */
export type ExitSet = Boundary | LevelExit;

export function isLevelExit(b: ExitSet): b is LevelExit {
  return (b as LevelExit).kind === 'level';
}

/** The exits as coordinate half-spaces, for solvers that take no other kind (they refuse level sets first). */
export function coordinateExits(exits: readonly ExitSet[]): Boundary[] {
  return exits.map((b) => {
    if (isLevelExit(b)) throw new Error('internal: an expression exit reached a solver that checks coordinate exits only');
    return b;
  });
}

/**
 * A return set of a rare-event solver (the well set A): any of the coordinate half-spaces, or the sublevel set
 * {ξ ≤ scoreAtMost} of the score ξ that goes with it.
 */
export type ReturnSet = readonly Boundary[] | { readonly scoreAtMost: number };
