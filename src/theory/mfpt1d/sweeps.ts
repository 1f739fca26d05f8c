/**
 * Route 1, the two sweeps over the panels that evaluate Gardiner's double integral in log space
 * (one pass of the engine; r_eff ≤ a_0 < … < a_P = e are the panel ends, n Gauss nodes per panel):
 *
 *  inner, left to right:  Φ at the nodes  = Φ(a) − (h/2)·S q,
 *                         f = e^{−Φ}/𝒟,    G(y) = ∫_r^y f  at nodes = G(a) + (h/2)·S f̂ · e^{m}
 *                         (f̂ = f/e^{m}, m = max log f on the panel);
 *  outer, right to left on [xMin, e]:
 *                         g = e^{Φ}G,      T(x) = ∫_x^e g = Σ_panels (h/2) Σ_j w_j g_j,
 *                         E(x) = ∫_x^e e^{Φ},   J_p = ∫_a^b (y − a) e^{Φ(y)} dy   (for the error weights).
 * The Legendre tails of f̂ and ĝ (last two coefficients) and their rounding-noise levels are kept per panel.
 */
import { legendreTail, type GaussLegendreRule } from '../gauss.js';
import { logAddExp } from '../quadrature/logsumexp.js';
import type { Panel } from './panels.js';

const EPS = Number.EPSILON;

export interface InnerSweep {
  /** Φ at the nodes (P×n, row per panel) */
  phi: Float64Array;
  /** log G at the nodes (P×n) */
  logG: Float64Array;
  /** log G(a_p), p = 0..P (logGA[0] = −∞) */
  logGA: Float64Array;
  /** Φ(a_p), p = 0..P */
  phiStart: Float64Array;
  /** m_p = max log f on panel p, Legendre tail of f̂ (or the end misfit of log 𝒟) and its noise level */
  mf: Float64Array;
  tailF: Float64Array;
  noiseF: Float64Array;
}

export interface OuterSweep {
  /** first panel of the outer range: a_pX = xMin */
  pX: number;
  /** log T(a_p) and log E(a_p), p = pX..P (−∞ at a_P = e) */
  logTA: Float64Array;
  logEA: Float64Array;
  /** log J_p = log ∫_a^b (y − a) e^{Φ(y)} dy on outer panels */
  logJ: Float64Array;
  /** m_g = max log g on panel p, Legendre tail of ĝ and its noise level */
  mg: Float64Array;
  tailG: Float64Array;
  noiseG: Float64Array;
  /** max Φ over the outer nodes (and 0) */
  maxPhiOuter: number;
}

/**
 * Φ(a_p) = Σ_{k<p} incr_k, accumulated outwards from the panel start where Φ is lowest (the well,
 * Φ = 0 there), so that Φ(y) − Φ(z) in the region that matters carries no rounding from far-away increments.
 */
export function potentialAtPanelStarts(panels: readonly Panel[]): Float64Array {
  const P = panels.length;
  const phiStart = new Float64Array(P + 1);
  let pRef = 0;
  for (let p = 0; p < P; p++) {
    phiStart[p + 1] = phiStart[p] + panels[p].incr;
    if (phiStart[p + 1] < phiStart[pRef]) pRef = p + 1;
  }
  phiStart[pRef] = 0;
  for (let p = pRef; p < P; p++) phiStart[p + 1] = phiStart[p] + panels[p].incr;
  for (let p = pRef - 1; p >= 0; p--) phiStart[p] = phiStart[p + 1] - panels[p].incr;
  return phiStart;
}

/** Inner sweep: Φ and f = e^{−Φ}/𝒟 at the nodes, G = ∫_r^y f at the nodes and panel ends (see file header). */
export function innerSweep(panels: readonly Panel[], rule: GaussLegendreRule): InnerSweep {
  const n = rule.n;
  const S = rule.integration;
  const W = rule.weights;
  const P = panels.length;
  const phi = new Float64Array(P * n);
  const logG = new Float64Array(P * n);
  const logGA = new Float64Array(P + 1);
  const mf = new Float64Array(P);
  const tailF = new Float64Array(P);
  const noiseF = new Float64Array(P);
  const fhat = new Float64Array(n);
  const phiStart = potentialAtPanelStarts(panels);
  logGA[0] = -Infinity;
  for (let p = 0; p < P; p++) {
    const pan = panels[p];
    const hl = (pan.b - pan.a) / 2;
    let m = -Infinity;
    let maxAbsLogf = 0;
    for (let i = 0; i < n; i++) {
      const ph = phiStart[p] + pan.loc[i];
      phi[p * n + i] = ph;
      const lf = -ph - pan.logD[i];
      fhat[i] = lf;
      if (lf > m) m = lf;
      maxAbsLogf = Math.max(maxAbsLogf, Math.abs(lf));
    }
    let If = 0;
    for (let j = 0; j < n; j++) {
      fhat[j] = Math.exp(fhat[j] - m);
      If += W[j] * fhat[j];
    }
    mf[p] = m;
    // f̂ ≤ 1, so a misfit δ in log 𝒟 at the ends is an error of at most δ in f̂
    tailF[p] = Math.max(legendreTail(rule, fhat), pan.endLogD);
    noiseF[p] = 10 * EPS * (1 + maxAbsLogf);
    const lga = logGA[p];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += S[i * n + j] * fhat[j];
      s *= hl; // ∫_a^{x_i} f / e^m
      let v: number;
      if (lga === -Infinity) v = s > 0 ? m + Math.log(s) : -Infinity;
      else {
        const M = Math.max(lga, m);
        const t = Math.exp(lga - M) + s * Math.exp(m - M);
        v = t > 0 ? M + Math.log(t) : -Infinity;
      }
      logG[p * n + i] = v;
    }
    logGA[p + 1] = logAddExp(lga, m + Math.log(hl * If));
  }
  return { phi, logG, logGA, phiStart, mf, tailF, noiseF };
}

/** Outer sweep: g = e^{Φ}G, T = ∫_x^e g, E = ∫_x^e e^{Φ} and J_p, right to left on [xMin, e] (see file header). */
export function outerSweep(panels: readonly Panel[], rule: GaussLegendreRule, inner: InnerSweep, xMin: number): OuterSweep {
  const n = rule.n;
  const W = rule.weights;
  const P = panels.length;
  const { phi, logG } = inner;
  let pX = 0;
  while (panels[pX].a < xMin) pX++;
  const logTA = new Float64Array(P + 1).fill(-Infinity);
  const logEA = new Float64Array(P + 1).fill(-Infinity);
  const logJ = new Float64Array(P).fill(-Infinity);
  const mg = new Float64Array(P).fill(-Infinity);
  const tailG = new Float64Array(P);
  const noiseG = new Float64Array(P);
  const ghat = new Float64Array(n);
  let maxPhiOuter = 0;
  for (let p = P - 1; p >= pX; p--) {
    const pan = panels[p];
    const hl = (pan.b - pan.a) / 2;
    let m = -Infinity;
    let me = -Infinity;
    let maxAbs = 0;
    for (let j = 0; j < n; j++) {
      const lg = phi[p * n + j] + logG[p * n + j];
      ghat[j] = lg;
      if (lg > m) m = lg;
      if (phi[p * n + j] > me) me = phi[p * n + j];
      if (phi[p * n + j] > maxPhiOuter) maxPhiOuter = phi[p * n + j];
      if (Number.isFinite(lg)) maxAbs = Math.max(maxAbs, Math.abs(lg));
    }
    let Ig = 0;
    let Ie = 0;
    let Je = 0;
    for (let j = 0; j < n; j++) {
      ghat[j] = Math.exp(ghat[j] - m);
      Ig += W[j] * ghat[j];
      const ee = W[j] * Math.exp(phi[p * n + j] - me);
      Ie += ee;
      Je += ee * hl * (1 + rule.nodes[j]);
    }
    mg[p] = m;
    tailG[p] = m === -Infinity ? 0 : legendreTail(rule, ghat);
    noiseG[p] = 10 * EPS * (1 + maxAbs);
    logTA[p] = m === -Infinity ? logTA[p + 1] : logAddExp(logTA[p + 1], m + Math.log(hl * Ig));
    logEA[p] = logAddExp(logEA[p + 1], me + Math.log(hl * Ie));
    logJ[p] = me + Math.log(hl * Je);
  }
  return { pX, logTA, logEA, logJ, mg, tailG, noiseG, maxPhiOuter };
}
