/**
 * Route 1, panels: one Gauss–Legendre panel [a, b] (n nodes, half-width h/2) samples q = A/𝒟 and log 𝒟 at
 * its nodes and integrates Φ spectrally,
 *     Φ(node_i) − Φ(a) = −(h/2)(S q)_i,      Φ(b) − Φ(a) = −(h/2) Σ_j w_j q_j      (S: integration matrix),
 * with the Legendre tail of q (plus the interpolants' misfit at the panel ends) as its error indicator.
 * Refinement bisects the panels whose error share is too large.
 */
import { legendreNearEnds, legendreTail, type GaussLegendreRule } from '../gauss.js';
import type { Oriented } from './orient.js';

const EPS = Number.EPSILON;

export interface Panel {
  a: number;
  b: number;
  q: Float64Array;
  logD: Float64Array;
  /** Φ(node_i) − Φ(a) = −(h/2)(S q)_i */
  loc: Float64Array;
  /** Φ(b) − Φ(a) = −(h/2) Σ w_j q_j */
  incr: number;
  /** Legendre tail of q (or its misfit at the panel ends, if larger) and its rounding-noise level */
  tailQ: number;
  noiseQ: number;
  /** misfit of log 𝒟's interpolant at the panel ends */
  endLogD: number;
}

export function newPanel(o: Oriented, rule: GaussLegendreRule, a: number, b: number): Panel {
  const n = rule.n;
  const q = new Float64Array(n);
  const logD = new Float64Array(n);
  const hl = (b - a) / 2;
  const c = (a + b) / 2;
  for (let j = 0; j < n; j++) o.evalInto(c + hl * rule.nodes[j], q, logD, j);
  const loc = new Float64Array(n);
  const S = rule.integration;
  let tot = 0;
  let maxQ = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i * n + j] * q[j];
    loc[i] = -hl * s;
    tot += rule.weights[i] * q[i];
    maxQ = Math.max(maxQ, Math.abs(q[i]));
  }
  // End check: a kink or jump of A or 𝒟 between a panel end and the outermost Gauss node (≈ 0.003·h away
  // for n = 20) is invisible to the Legendre tail but can bias Φ by (slope jump)·δ²; the interpolants'
  // values at the ends (taken a hair inside, so a jump exactly at a breakpoint stays outside) reveal it.
  const qEnd = new Float64Array(2);
  const dEnd = new Float64Array(2);
  // (at least 4 ulps inside: on a panel narrower than ~1e7 ulps, 1e-9 of it rounds onto the end itself, which
  // may be a jump of the Hänggi drift at a graded Hessian-noise kink)
  const tau = 1 - Math.max(1e-9, (4 * EPS * Math.max(Math.abs(a), Math.abs(b))) / hl);
  o.evalInto(c - hl * tau, qEnd, dEnd, 0);
  o.evalInto(c + hl * tau, qEnd, dEnd, 1);
  const [qLo, qHi] = legendreNearEnds(rule, q, tau);
  const [dLo, dHi] = legendreNearEnds(rule, logD, tau);
  const endQ = Math.max(Math.abs(qLo - qEnd[0]), Math.abs(qHi - qEnd[1]));
  let maxLogD = 0;
  for (let j = 0; j < n; j++) maxLogD = Math.max(maxLogD, Math.abs(logD[j]));
  const endD = Math.max(Math.abs(dLo - dEnd[0]), Math.abs(dHi - dEnd[1]));
  return {
    a, b, q, logD, loc, incr: -hl * tot,
    tailQ: Math.max(legendreTail(rule, q), endQ),
    // summing n coefficients at ±1 carries rounding of order n·ε·max|q|
    noiseQ: 10 * n * EPS * maxQ,
    endLogD: endD > 10 * n * EPS * (1 + maxLogD) ? endD : 0,
  };
}

/**
 * Initial panels: the segments between consecutive special points `uniq` (ascending), each cut into
 * m = ⌈(b − a)/target⌉ equal panels.
 */
export function initialPanels(o: Oriented, rule: GaussLegendreRule, uniq: readonly number[], target: number): Panel[] {
  const panels: Panel[] = [];
  for (let i = 0; i + 1 < uniq.length; i++) {
    const a = uniq[i];
    const b = uniq[i + 1];
    const m = Math.max(1, Math.ceil((b - a) / target));
    for (let k = 0; k < m; k++) {
      const pa = k === 0 ? a : a + ((b - a) * k) / m;
      const pb = k === m - 1 ? b : a + ((b - a) * (k + 1)) / m;
      panels.push(newPanel(o, rule, pa, pb));
    }
  }
  return panels;
}

/**
 * Refinement: every panel whose error share exceeds `thr` (= relTol/(4·#panels)) is bisected at its
 * midpoint, as long as it is wider than `minWidth` and the panel count stays below `maxPanels`.
 * Returns null when no panel could be split.
 */
export function refinePanels(
  o: Oriented,
  rule: GaussLegendreRule,
  panels: readonly Panel[],
  share: Float64Array,
  thr: number,
  minWidth: number,
  maxPanels: number,
): Panel[] | null {
  const P = panels.length;
  const next: Panel[] = [];
  let split = 0;
  for (let p = 0; p < P; p++) {
    const pan = panels[p];
    if (share[p] > thr && pan.b - pan.a > minWidth && P + split < maxPanels) {
      const c = (pan.a + pan.b) / 2;
      next.push(newPanel(o, rule, pan.a, c), newPanel(o, rule, c, pan.b));
      split++;
    } else next.push(pan);
  }
  return split === 0 ? null : next;
}

/**
 * After refinement has stalled (minimum width or maxPanels): the usual cause is a zero of 𝒟 between
 * Gauss nodes, which shows up as ever-narrower panels around it with tiny 𝒟 at the nodes. Throws when
 * min 𝒟 < 1e−8 · max 𝒟 over all nodes.
 */
export function assertDiffusionPositive(o: Oriented, rule: GaussLegendreRule, panels: readonly Panel[]): void {
  const n = rule.n;
  let minD = Infinity;
  let maxD = -Infinity;
  let at = NaN;
  for (const pan of panels) {
    for (let j = 0; j < n; j++) {
      if (pan.logD[j] < minD) {
        minD = pan.logD[j];
        at = (pan.a + pan.b) / 2 + ((pan.b - pan.a) / 2) * rule.nodes[j];
      }
      maxD = Math.max(maxD, pan.logD[j]);
    }
  }
  if (minD < maxD + Math.log(1e-8)) {
    throw new Error(
      `${o.who}: no convergence and diffusion 𝒟(x) appears to vanish near x = ${o.s * at} ` +
        `(𝒟 = ${Math.exp(minD)} there, max ${Math.exp(maxD)}); 𝒟 must be > 0 on the interval`,
    );
  }
}
