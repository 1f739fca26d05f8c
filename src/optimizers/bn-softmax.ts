/**
 * BN-Softmax's motivation (Zhang et al., ND-Adam, §4, Eqs. 20–22): for the cross-entropy of softmax(η·z) with
 * target ĉ, ∂L/∂z_ĉ = η[softmax_ĉ(ηz) − 1] and ∂L/∂z_c̄ = η·softmax_c̄(ηz) (c̄ ≠ ĉ). The ratios
 * |∂L/∂z_c̄| / |∂L/∂z_ĉ| tend to 1/(|C|−1) as η → 0, and to 1 for the largest non-target logit and 0 for the
 * others as η → ∞ (when the logits are distinct).
 */
export function logitGradient(z: ArrayLike<number>, target: number, eta: number): Float64Array {
  const n = z.length;
  if (!(Number.isInteger(target) && target >= 0 && target < n)) throw new RangeError(`logitGradient: target must be an integer in [0, ${n - 1}], got ${target}`);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, eta * z[i]);
  const e = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) { e[i] = Math.exp(eta * z[i] - max); s += e[i]; }
  const g = new Float64Array(n);
  // 1 − softmax_ĉ computed as the sum of the other probabilities (no cancellation when softmax_ĉ ≈ 1)
  let others = 0;
  for (let i = 0; i < n; i++) if (i !== target) others += e[i] / s;
  for (let i = 0; i < n; i++) g[i] = i === target ? -eta * others : (eta * e[i]) / s;
  return g;
}

/** |∂L/∂z_c̄| / |∂L/∂z_ĉ| for every class (NaN at the target) */
export function gradientRatios(z: ArrayLike<number>, target: number, eta: number): Float64Array {
  const g = logitGradient(z, target, eta);
  return g.map((v, i) => (i === target ? NaN : Math.abs(v) / Math.abs(g[target])));
}
