/**
 * Route 1, error control: the last two Legendre coefficients of q, f̂ and ĝ on each panel estimate the
 * interpolation error there; each is weighted by how much of the double integral it can reach and summed
 * into a relative error bound for T at every point of X:
 *
 *  - Φ error h·tail(q) on panel p shifts Φ(y) − Φ(z) for pairs z < panel < y:
 *        weight G(b_p)·c_p ≤ 1,   c_p = max_{x∈X} E(max(x, a_p))/T(x);
 *  - an error ε = tail(f̂)·e^{m_f} in f gives δG(y) ≤ ε·min(y − a_p, h)₊, hence
 *        δT(x) ≤ ε[∫_a^b (y − a)e^Φ + h·E(b_p)]  (x ≤ a_p),   ε·h·E(x)  (x ≥ b_p);
 *  - the outer error h·tail(ĝ)·e^{m_g} on T(x) for x ≤ a_p is worst at x* = max{x ∈ X : x ≤ a_p}.
 * Tails at or below their rounding-noise level count as noise (not reducible by refinement).
 */
import { logAddExp } from '../quadrature/logsumexp.js';
import type { Panel } from './panels.js';
import type { InnerSweep, OuterSweep } from './sweeps.js';

export interface ErrorWeights {
  /** panel index of every point of X (the panel that starts there) */
  kX: number[];
  /** log c_p (see file header) */
  logc: Float64Array;
  /** log of the reach of a uniform error ε in f on panel p: δT(x)/T(x) ≤ ε·reachF_p */
  logReachF: Float64Array;
  /** log T(x*), x* = max{x ∈ X : x ≤ a_p} (NaN where there is none) */
  logTstar: Float64Array;
}

export interface ErrorShares {
  /** reducible relative error of T attributed to each panel (Infinity if not finite) */
  share: Float64Array;
  /** Σ share */
  reducible: number;
  /** rounding-noise part of the bound */
  noise: number;
}

/** Panel index of every point of X and the error weights c_p, reachF_p, T(x*) (see file header). */
export function errorWeights(panels: readonly Panel[], X: readonly number[], outer: OuterSweep): ErrorWeights {
  const P = panels.length;
  const { pX, logTA, logEA, logJ } = outer;
  const kX: number[] = [];
  {
    let p = pX;
    for (const x of X) {
      while (panels[p].a < x) p++;
      kX.push(p);
    }
  }
  const mX = X.length;
  // ratio_i = log E(X_i) − log T(X_i), suffix maxima
  const sufR = new Float64Array(mX + 1).fill(-Infinity);
  for (let i = mX - 1; i >= 0; i--) sufR[i] = Math.max(sufR[i + 1], logEA[kX[i]] - logTA[kX[i]]);
  // log c_p = log max_{x∈X} E(max(x, a_p))/T(x), and log T(x*) with x* = max{x ∈ X : x ≤ a_p}
  const logc = new Float64Array(P);
  // log of the reach of a uniform error ε in f on panel p: δT(x)/T(x) ≤ ε·reachF_p, where
  //   δG(y) ≤ ε·min(y − a_p, h)₊  ⇒  δT(x) ≤ ε[∫_a^b (y − a)e^Φ + h·E(b_p)] (x ≤ a_p),  ε·h·E(x) (x ≥ b_p)
  const logReachF = new Float64Array(P);
  const logTstar = new Float64Array(P).fill(NaN);
  {
    let i = -1; // largest i with X_i ≤ a_p
    for (let p = 0; p < P; p++) {
      const logh = Math.log(panels[p].b - panels[p].a);
      while (i + 1 < mX && X[i + 1] <= panels[p].a) i++;
      if (i < 0) {
        logc[p] = sufR[0];
        logReachF[p] = logh + sufR[0];
      } else {
        logTstar[p] = logTA[kX[i]];
        logc[p] = Math.max(logEA[p] - logTA[kX[i]], sufR[i + 1]);
        logReachF[p] = Math.max(logAddExp(logJ[p], logh + logEA[p + 1]) - logTA[kX[i]], logh + sufR[i + 1]);
      }
    }
  }
  return { kX, logc, logReachF, logTstar };
}

/** Per-panel error shares (relative to T), split into reducible and rounding-noise parts (see file header). */
export function errorShares(panels: readonly Panel[], inner: InnerSweep, outer: OuterSweep, w: ErrorWeights): ErrorShares {
  const P = panels.length;
  const { logGA, mf, tailF, noiseF } = inner;
  const { pX, mg, tailG, noiseG } = outer;
  const { logc, logReachF, logTstar } = w;
  const share = new Float64Array(P);
  let reducible = 0;
  let noise = 0;
  for (let p = 0; p < P; p++) {
    const { tailQ, noiseQ } = panels[p];
    const h = panels[p].b - panels[p].a;
    // Φ error h·tail(q) shifts Φ(y) − Φ(z) for pairs z < panel < y: weight G(b_p)·c_p ≤ 1
    const wPhi = Math.min(1, Math.exp(logGA[p + 1] + logc[p]));
    // interpolation error of f, ε = tail(f̂)·e^{m_f}, reaches T through logReachF
    const wF = Math.exp(mf[p] + logReachF[p]);
    let red = 0;
    let noi = 0;
    const eq = h * tailQ * wPhi;
    if (tailQ > noiseQ) red += eq;
    else noi += h * noiseQ * wPhi;
    const ef = tailF[p] * wF;
    if (tailF[p] > noiseF[p]) red += ef;
    else noi += noiseF[p] * wF;
    if (p >= pX && mg[p] > -Infinity) {
      // outer error h·tail(ĝ)·e^{m_g} on T(x) for x ≤ a_p; worst at x*
      const wG = Math.exp(mg[p] - logTstar[p]);
      const eg = h * tailG[p] * wG;
      if (tailG[p] > noiseG[p]) red += eg;
      else noi += h * noiseG[p] * wG;
    }
    if (!Number.isFinite(red)) red = Infinity;
    share[p] = red;
    reducible += red;
    noise += noi;
  }
  return { share, reducible, noise };
}
