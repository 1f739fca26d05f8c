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
 */
export interface Boundary {
  /** coordinate index j */
  index: number;
  /** level of the half-space */
  level: number;
  /** +1: θ_j ≥ level; −1: θ_j ≤ level */
  side: 1 | -1;
}

export interface Passage {
  exit: Boundary[];
  reflect: Boundary[];
  /** apply the Brownian-bridge correction */
  bridge: boolean;
}

/** largest exponent 2d₀d₁/(σ²dt) for which the bridge uniform is drawn */
export const BRIDGE_EXPONENT_CUTOFF = 50;
