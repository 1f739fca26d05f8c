/**
 * The quasi-potential march that places the default well set A and level Σ of the rare-event solver
 * (docs/rare-events.md): along a path from the start to the exit, Φ = ∫ dΦ/ds ds with dΦ/ds = −(A·u)/(uᵀ𝒟u)
 * (A the drift, 𝒟 = ½σσᵀ, u the unit direction of the path), by the trapezoid rule on a fixed grid, measured from
 * its lowest point; A ends where Φ has risen by ½ and Σ where it has risen by 1½ noise units.
 */
import type { SDEModel } from '../dynamics/models.js';

export const QUASI_POTENTIAL_GRID = 400;

/**
 * The parameters u ∈ [from, to] (QUASI_POTENTIAL_GRID steps) where Φ, with dΦ/d|u| = rate(u), has risen by ½ and by
 * 1½ above its lowest point so far; null when it never rises by 1½ (a barrier under 1½ noise units).
 */
export function riseLevels(rate: (u: number) => number, from: number, to: number): [number, number] | null {
  const h = (to - from) / QUASI_POTENTIAL_GRID;
  let phi = 0, lowest = 0, setLevel: number | null = null;
  let prev = rate(from);
  for (let g = 1; g <= QUASI_POTENTIAL_GRID; g++) {
    const u = from + g * h, f = rate(u);
    phi += 0.5 * Math.abs(h) * (prev + f);
    prev = f;
    if (phi < lowest) { lowest = phi; setLevel = null; continue; }
    if (setLevel === null && phi - lowest >= 0.5) setLevel = u;
    if (setLevel !== null && phi - lowest >= 1.5) return [setLevel, u];
  }
  return null;
}

/** dΦ/dt = −(A·u)/(½|σᵀu|²) at start + t·u along the straight line through `start` with unit direction u. */
export function lineRate(model: SDEModel, start: ArrayLike<number>, u: ArrayLike<number>): (t: number) => number {
  const n = start.length, v = model.vector();
  const x = new Float64Array(n), drift = new Float64Array(n), sigma = new Float64Array(n * n);
  return (t) => {
    for (let i = 0; i < n; i++) x[i] = start[i] + t * u[i];
    sigma.fill(0);
    v.eval(x, drift, sigma);
    let au = 0, d = 0;
    for (let i = 0; i < n; i++) au += drift[i] * u[i];
    for (let m = 0; m < n; m++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += u[i] * sigma[i * n + m];
      d += s * s;
    }
    return -au / (0.5 * d);
  };
}
