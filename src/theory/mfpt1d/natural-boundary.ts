/**
 * Route 1, natural boundary (r = ±∞): where to start the inner integral ∫_r^y e^{−Φ}/𝒟. The integral is
 * truncated at r_eff where the density f = e^{−Φ}/𝒟 has dropped by e^{−NATURAL_BOUNDARY_LOG_DROP} from
 * its maximum; the neglected tail ∫_{−∞}^{r_eff} f ≈ f(r_eff)/(d log f/dz) enters the error bound.
 */
import type { GaussLegendreRule } from '../gauss.js';
import type { Oriented } from './orient.js';

/** Log-integrand drop that defines the truncation point of a natural boundary (see `naturalCutoff`). */
export const NATURAL_BOUNDARY_LOG_DROP = 50;

/**
 * For r = −∞ (oriented): walk left from xLeft in doubling steps Δ = (e − xLeft)·2^k, integrating Φ
 * with one Gauss panel per step, and stop at the first step end z where
 *     log f(z) ≤ max log f (over everything seen, including [xLeft, e]) − NATURAL_BOUNDARY_LOG_DROP
 * and f is still decreasing outward there (log f(z) below every node of the step).
 * Then the neglected mass ∫_{−∞}^{z} f ≈ f(z)/(d log f/dz) is ~e^{−50} of the largest density seen,
 * which the engine adds to its error estimate. This estimate is an upper bound when log f is concave
 * beyond z (Gaussian or faster decay), the usual case for confining potentials.
 * Throws if f does not decay (ψ/𝒟 not integrable at −∞: T = ∞ or the boundary is not natural).
 */
export function naturalCutoff(o: Oriented, rule: GaussLegendreRule, xLeft: number): { rEff: number; slope: number } {
  const n = rule.n;
  const q = new Float64Array(n + 1);
  const logD = new Float64Array(n + 1);
  const width = o.e - xLeft;
  // densities on [xLeft, e] (Φ(xLeft) = 0)
  let maxLogf = -Infinity;
  {
    const hl = width / 2;
    for (let j = 0; j < n; j++) o.evalInto(xLeft + hl * (1 + rule.nodes[j]), q, logD, j);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += rule.integration[i * n + j] * q[j];
      maxLogf = Math.max(maxLogf, hl * s - logD[i]);
    }
  }
  o.evalInto(xLeft, q, logD, n);
  maxLogf = Math.max(maxLogf, -logD[n]);
  let z = xLeft;
  let phiZ = 0;
  let delta = width;
  for (let k = 0; k < 64; k++) {
    const a = z - delta;
    if (!Number.isFinite(a) || Math.abs(a) > 1e15) break;
    const hl = delta / 2;
    for (let j = 0; j < n; j++) o.evalInto(a + hl * (1 + rule.nodes[j]), q, logD, j);
    let tot = 0;
    for (let j = 0; j < n; j++) tot += rule.weights[j] * q[j];
    // Φ(node) = Φ(z) + ∫_node^z q = Φ(z) + hl(Σw q − (S q)_i)
    let minNode = Infinity;
    let logfNode0 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += rule.integration[i * n + j] * q[j];
      const lf = -(phiZ + hl * (tot - s)) - logD[i];
      if (i === 0) logfNode0 = lf;
      minNode = Math.min(minNode, lf);
      maxLogf = Math.max(maxLogf, lf);
    }
    const phiA = phiZ + hl * tot;
    o.evalInto(a, q, logD, n);
    const logfA = -phiA - logD[n];
    if (Number.isNaN(logfA)) break;
    if (logfA <= maxLogf - NATURAL_BOUNDARY_LOG_DROP && logfA < minNode) {
      const x0 = a + hl * (1 + rule.nodes[0]);
      const slope = (logfNode0 - logfA) / (x0 - a);
      return { rEff: a, slope: slope > 0 ? slope : 1 / delta };
    }
    z = a;
    phiZ = phiA;
    delta *= 2;
  }
  throw new Error(
    `${o.who}: with reflect = ${o.s > 0 ? '-Infinity' : 'Infinity'} the density ψ/𝒟 does not decay towards it ` +
      `(searched to x = ${o.s * (z - delta)}): the MFPT is infinite or the boundary is not natural; give a finite reflecting wall`,
  );
}
