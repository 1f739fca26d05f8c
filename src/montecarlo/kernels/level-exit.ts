/**
 * The exit test of the CPU kernels for both kinds of exit set (dynamics/passage.ts): a coordinate half-space
 * {side·(θ_j − e) ≥ 0} or an expression's level set {side·(f(θ) − c) ≥ 0}. Distances are d = side·(e − θ_j) or
 * side·(c − f(θ)), > 0 outside. The Brownian-bridge exponent of an expression exit over a step from x₀ to x₁:
 *     2·d₀·d₁ / (σ_g²·dt),   σ_g² = ∇f(x₀)ᵀ σσᵀ ∇f(x₀) = |σᵀ∇f(x₀)|²
 * (g = f(θ) linearised at the step's start state: a Brownian motion with that variance per unit time; exact for a
 * linear f). With ∇f = e_j it is, operation for operation, the coordinate exponent.
 */
import { BRIDGE_EXPONENT_CUTOFF, isLevelExit, type Boundary, type ExitSet, type LevelExit } from '../../dynamics/passage.js';
import type { NoiseStream } from '../../rng/wasm-stream.js';

/** the index of the first exit set x lies in (no bridge), or −1 */
export function exitHit(exits: readonly ExitSet[], x: ArrayLike<number>): number {
  for (let e = 0; e < exits.length; e++) {
    const b = exits[e];
    if (isLevelExit(b)) {
      if (b.side * (b.level - b.f.value(x)) <= 0) return e;
    } else if (b.side * (b.level - x[b.index]) <= 0) return e;
  }
  return -1;
}

/** Per-kernel scratch for the expression exits of an n-dimensional state. */
export function levelExits(exits: readonly ExitSet[], n: number) {
  const grad = new Float64Array(n);
  const xs = new Float64Array(1), xsOld = new Float64Array(1);
  const of = exits.map((b) => (isLevelExit(b) ? b : null));
  const lv = {
    /** for each exit, the LevelExit or null (a coordinate half-space) */
    of,
    /** side·(c − f(x)): > 0 outside the exit set */
    distance: (b: LevelExit, x: ArrayLike<number>) => b.side * (b.level - b.f.value(x)),
    /**
     * 2·d₀·d₁/(σ_g²·dt) for a step from xOld (distance d₁ at its end), σ (row-major n×n) at xOld: σ_g² = Σ_m (Σ_i ∂_if·σ_im)²,
     * only the diagonal of σ when `diagonal`
     */
    exponent(b: LevelExit, xOld: ArrayLike<number>, d1: number, sigma: Float64Array, diagonal: boolean, dt: number): number {
      const d0 = b.side * (b.level - b.f.value(xOld));
      b.f.gradient(xOld, grad);
      let v = 0;
      if (diagonal) for (let i = 0; i < n; i++) v += (grad[i] * sigma[i * n + i]) ** 2;
      else {
        for (let m = 0; m < n; m++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += grad[i] * sigma[i * n + m];
          v += s ** 2;
        }
      }
      return (2 * d0 * d1) / (v * dt);
    },
    /** 1-D: d₀·d₁/(f′(x₀)²·𝒟·dt) = 2d₀d₁/(σ_g²dt) with σ_g² = f′²·2𝒟 (𝒟 at x₀) */
    exponent1D(b: LevelExit, xOld: Float64Array, d1: number, d: number, dt: number): number {
      const d0 = b.side * (b.level - b.f.value(xOld));
      b.f.gradient(xOld, grad);
      return (d0 * d1) / (grad[0] * grad[0] * d * dt);
    },
    /**
     * 1-D: the first exit the step xOld → x ends in or (with the bridge) crosses, else −1; 𝒟 is the step's at xOld.
     * Coordinate exits: crossing probability exp(−2d₀d₁/(2𝒟·dt)); a uniform is drawn only where the exponent is
     * below BRIDGE_EXPONENT_CUTOFF (passage.ts).
     */
    hit1D(x: number, xOld: number, d: number, dt: number, bridge: boolean, stream: NoiseStream): number {
      for (let e = 0; e < exits.length; e++) {
        const lb = of[e];
        if (lb) { // an expression exit
          xs[0] = x;
          const d1 = lv.distance(lb, xs);
          if (d1 <= 0) return e;
          if (bridge) {
            xsOld[0] = xOld;
            const expo = lv.exponent1D(lb, xsOld, d1, d, dt);
            if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) return e;
          }
          continue;
        }
        const b = exits[e] as Boundary;
        const d1 = b.side * (b.level - x);
        if (d1 <= 0) return e;
        if (bridge) {
          const expo = (b.side * (b.level - xOld) * d1) / (d * dt);
          if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) return e;
        }
      }
      return -1;
    },
  };
  return lv;
}
