/**
 * Breakpoints graded geometrically towards kinks, for integrands with a narrow spike at a kink.
 *
 * Hessian noise C = |L''| + floor makes 1/𝒟 a spike of width δ ≈ floor/|L'''| where L'' = 0, on top of
 * the kink of |L''| (docs/theory.md §3, "The exponent integral at kinks"). An adaptive rule that is only told the kink x_k starts
 * with one panel per side; when all its nodes lie outside the spike it sees a smooth function, its
 * Kronrod–Gauss difference is at rounding level, and it stops, wrong (issue 16 item 7: ΔΦ 0.7% low with a
 * claimed error of 2.6e-11). Breakpoints at
 *
 *     x_k ± d·r^{−j},   j = 1, 2, …,   r = 4,   d = the distance to the end of the range, or half that to the next kink,
 *
 * down to a distance of 64ε·max(|x_k|, d), put the spike inside the first panels whatever δ is: a panel
 * [u, r·u] of 1/(u' + δ) has its singularity at least u·(r+1)/2 from its centre, so G7–K15 integrates it to
 * ~3^{−30} relative (Bernstein ellipse ρ = 3 for r = 4), and every error estimate is made on a panel
 * that has seen the spike. It needs no δ: about 2·log₄(d/(64ε·|x_k|)) ≈ 45 panels per kink.
 */

const EPS = Number.EPSILON;

/** `kinks` inside (lo, hi) plus their graded neighbours x_k ± d·ratio^{−j}, sorted (lo < hi, finite). */
export function gradedBreakpoints(kinks: readonly number[], lo: number, hi: number, ratio = 4): number[] {
  if (!(ratio > 1)) throw new RangeError(`gradedBreakpoints: ratio must be > 1, got ${ratio}`);
  const ks = [...new Set(kinks.filter((k) => k > lo && k < hi))].sort((p, q) => p - q);
  const out: number[] = [...ks];
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    const left = i > 0 ? ks[i - 1] : lo, right = i + 1 < ks.length ? ks[i + 1] : hi;
    for (const [side, gap] of [[-1, k - left], [1, right - k]] as const) {
      // half the gap when another kink grades from the far end, the whole gap to a limit of integration
      const d = (side < 0 ? i > 0 : i + 1 < ks.length) ? gap / 2 : gap;
      const dMin = 64 * EPS * Math.max(Math.abs(k), d);
      for (let u = d / ratio; u > dMin; u /= ratio) out.push(k + side * u);
    }
  }
  return out.sort((p, q) => p - q);
}
