/**
 * Exact mean first-passage time (MFPT) of a 1-D Itô diffusion
 *
 *     dX = A(X) dt + √(2𝒟(X)) dW,
 *
 * started at x₀, reflected at r, absorbed at e (r < x₀ < e, or the mirror image e < x₀ < r).
 *
 * Gardiner, Handbook of Stochastic Methods, §5.2.7 (theory.md §4.2, §7), with B = 2𝒟:
 *
 *     T(x₀) = ∫_{x₀}^{e} dy e^{Φ(y)} ∫_{r}^{y} e^{−Φ(z)} / 𝒟(z) dz,     Φ(x) = −∫_r^x A/𝒟,
 *
 * i.e. ψ = e^{−Φ}; Φ is the "potential" (Φ' = L'/𝒟 for A = −L'). Realistic barriers make e^{±Φ} span
 * hundreds of orders of magnitude, so everything below is done in log space.
 *
 * Route 1 (`exactMFPT1D`, `mfptProfile1D`): composite Gauss–Legendre panels on [r, e] (split at
 * breakpoints, at x₀ and adaptively). On each panel, with q = A/𝒟 sampled at the n Gauss nodes,
 *   Φ at the nodes      = Φ(a) − (h/2)·S q                          (S: spectral integration matrix)
 *   f = e^{−Φ}/𝒟, G(y)  = ∫_r^y f  at nodes = G(a) + (h/2)·S f̂ · e^{m}  (f̂ = f/e^{m}, m = max log f)
 *   g = e^{Φ}G,  T(x)   = ∫_x^e g  = Σ_panels (h/2) Σ_j w_j g_j     (accumulated right to left)
 * Error control: the last two Legendre coefficients of q, f̂ and ĝ on each panel estimate the
 * interpolation error there; each is weighted by how much of the double integral it can reach
 * (see `engine`) and summed into a relative error bound for T. Panels whose share exceeds
 * relTol/(4·#panels) are bisected until the sum is below relTol/2; rounding-level tails, the
 * truncation of a natural boundary and the rounding of Φ are added to the reported bound.
 *
 * Route 2 (`mfptBackwardODE`): the backward Kolmogorov equation 𝒟T'' + AT' = −1, T'(r) = 0, T(e) = 0,
 * as the first-order system u' = −(1 + A u)/𝒟 (u = T', u(r) = 0), Q' = u (Q(x₀) = 0, T(x₀) = −Q(e)), shot
 * from the wall with classical RK4 on piecewise-uniform grids (nodes at breakpoints and at x₀) and
 * Richardson-extrapolated over grid halvings. It shares no code with route 1.
 */
import { gaussLegendreRule, legendreNearEnds, legendreTail, type GaussLegendreRule } from './gauss.js';
import { logAddExp } from './quadrature.js';

export interface Diffusion1D {
  /** Itô drift A(x) */
  drift(x: number): number;
  /** diffusion coefficient 𝒟(x) > 0 (noise amplitude √(2𝒟)) */
  diffusion(x: number): number;
  /** points where A or 𝒟 have kinks or jumps (e.g. zeros of L'' for 𝒟 ∝ |L''| + floor) */
  breakpoints?: number[];
}

export interface Interval1D {
  /** start x₀, strictly between reflect and exit */
  start: number;
  /** absorbing exit e (finite) */
  exit: number;
  /** reflecting wall r; ±Infinity (on the side opposite the exit) for a natural boundary */
  reflect: number;
}

export interface MFPTOptions {
  /** relative error target (default 1e-10) */
  relTol?: number;
  /** Gauss–Legendre nodes per panel (default 20) */
  order?: number;
  /** safety cap on the number of panels (default 5000) */
  maxPanels?: number;
}

export interface MFPTResult {
  /** T(x₀); Infinity when it overflows a double (see logMfpt) */
  mfpt: number;
  /** log T(x₀), finite even for barriers beyond ~700 */
  logMfpt: number;
  /** estimated relative error of mfpt (a bound assembled from per-panel estimates, see file header) */
  relError: number;
  /** number of points at which drift and diffusion were evaluated */
  evaluations: number;
  method: string;
  converged: boolean;
  panels: number;
  /** the wall actually used: reflect, or the truncation point r_eff for a natural boundary */
  reflectUsed: number;
}

export interface MFPTProfile {
  x: number[];
  mfpt: number[];
  logMfpt: number[];
  /** bound on the relative error, valid for every point at once */
  relError: number;
  evaluations: number;
  method: string;
  converged: boolean;
  reflectUsed: number;
}

/** Log-integrand drop that defines the truncation point of a natural boundary (see `naturalCutoff`). */
export const NATURAL_BOUNDARY_LOG_DROP = 50;

const EPS = Number.EPSILON;

// ------------------------------------------------------------------------------------------------
// Orientation and evaluation

/** The problem mapped so that the exit lies above: x' = s·x with s = ±1, A'(x') = s·A(s x'), 𝒟'(x') = 𝒟(s x'). */
interface Oriented {
  who: string;
  s: 1 | -1;
  model: Diffusion1D;
  /** oriented wall (may be −Infinity), exit */
  r: number;
  e: number;
  /** oriented breakpoints, ascending */
  breakpoints: number[];
  evaluations: number;
  /** writes q = A/𝒟 and log 𝒟 at oriented x into q[k], logD[k] */
  evalInto(x: number, q: Float64Array, logD: Float64Array, k: number): void;
}

function checkModel(model: Diffusion1D, who: string): void {
  if (!model || typeof model.drift !== 'function' || typeof model.diffusion !== 'function')
    throw new TypeError(`${who}: model must provide drift(x) and diffusion(x)`);
}

function orient(model: Diffusion1D, exit: number, reflect: number, who: string): Oriented {
  checkModel(model, who);
  if (!Number.isFinite(exit)) throw new RangeError(`${who}: exit must be finite, got ${exit}`);
  if (Number.isNaN(reflect) || reflect === exit) throw new RangeError(`${who}: reflect must differ from exit (got ${reflect})`);
  const s: 1 | -1 = exit > reflect ? 1 : -1;
  const bps = (model.breakpoints ?? []).map((b) => {
    if (!Number.isFinite(b)) throw new RangeError(`${who}: breakpoints must be finite, got ${b}`);
    return s * b;
  });
  bps.sort((a, b) => a - b);
  const o: Oriented = {
    who,
    s,
    model,
    r: s * reflect,
    e: s * exit,
    breakpoints: bps,
    evaluations: 0,
    evalInto(x, q, logD, k) {
      const xo = s * x;
      const D = model.diffusion(xo);
      if (!(D > 0) || !Number.isFinite(D))
        throw new Error(`${who}: diffusion 𝒟(x) must be finite and > 0 on the interval; got 𝒟(${xo}) = ${D}`);
      const A = model.drift(xo);
      if (!Number.isFinite(A)) throw new Error(`${who}: drift A(x) must be finite; got A(${xo}) = ${A}`);
      o.evaluations++;
      q[k] = (s * A) / D;
      logD[k] = Math.log(D);
    },
  };
  return o;
}

// ------------------------------------------------------------------------------------------------
// Natural boundary: where to start the inner integral

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
function naturalCutoff(o: Oriented, rule: GaussLegendreRule, xLeft: number): { rEff: number; slope: number } {
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

// ------------------------------------------------------------------------------------------------
// The panel engine

interface Panel {
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

interface EngineResult {
  logT: number[];
  relError: number;
  converged: boolean;
  panels: number;
  rEff: number;
  iterations: number;
}

function newPanel(o: Oriented, rule: GaussLegendreRule, a: number, b: number): Panel {
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
  const tau = 1 - 1e-9;
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
 * T at the ascending oriented points X (all in [r, e), r possibly −∞) with relative error ≤ relTol.
 */
function engine(o: Oriented, X: number[], relTol: number, order: number, maxPanels: number): EngineResult {
  const rule = gaussLegendreRule(order);
  const n = rule.n;
  const S = rule.integration;
  const W = rule.weights;
  const xMin = X[0];
  // validate 𝒟 at the special points themselves (Gauss nodes never touch panel ends)
  const tmpQ = new Float64Array(1);
  const tmpD = new Float64Array(1);
  let rEff = o.r;
  let truncSlope = NaN;
  if (o.r === -Infinity) {
    const cut = naturalCutoff(o, rule, xMin);
    rEff = cut.rEff;
    truncSlope = cut.slope;
  }
  const bounds = [rEff, o.e, ...X];
  for (const b of o.breakpoints) if (b > rEff && b < o.e) bounds.push(b);
  bounds.sort((u, v) => u - v);
  const uniq: number[] = [];
  for (const b of bounds) if (uniq.length === 0 || b > uniq[uniq.length - 1]) uniq.push(b);
  for (const b of uniq) o.evalInto(b, tmpQ, tmpD, 0);
  o.evalInto(rEff, tmpQ, tmpD, 0);
  const logDrEff = tmpD[0];
  // initial panels: segments between special points, each cut to width ≤ max(L/32, (e − xMin)/8)
  const L = o.e - rEff;
  const target = Math.max(L / 32, (o.e - xMin) / 8);
  let panels: Panel[] = [];
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
  const minWidth = 1e-11 * L;
  let iterations = 0;
  for (;;) {
    iterations++;
    const P = panels.length;
    // ---- Φ, f, G
    const phi = new Float64Array(P * n);
    const logG = new Float64Array(P * n);
    const logGA = new Float64Array(P + 1);
    const tailQ = new Float64Array(P);
    const noiseQ = new Float64Array(P);
    const mf = new Float64Array(P);
    const tailF = new Float64Array(P);
    const noiseF = new Float64Array(P);
    const fhat = new Float64Array(n);
    // Φ at panel starts, accumulated outwards from the panel where Φ is lowest (the well), so that
    // Φ(y) − Φ(z) in the region that matters carries no rounding from far-away increments
    const phiStart = new Float64Array(P + 1);
    let pRef = 0;
    for (let p = 0; p < P; p++) {
      phiStart[p + 1] = phiStart[p] + panels[p].incr;
      if (phiStart[p + 1] < phiStart[pRef]) pRef = p + 1;
    }
    phiStart[pRef] = 0;
    for (let p = pRef; p < P; p++) phiStart[p + 1] = phiStart[p] + panels[p].incr;
    for (let p = pRef - 1; p >= 0; p--) phiStart[p] = phiStart[p + 1] - panels[p].incr;
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
      tailQ[p] = pan.tailQ;
      noiseQ[p] = pan.noiseQ;
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
    // ---- outer integrand g = e^Φ G and E = ∫ e^Φ, right to left, on [xMin, e]
    let pX = 0;
    while (panels[pX].a < xMin) pX++;
    const logTA = new Float64Array(P + 1).fill(-Infinity);
    const logEA = new Float64Array(P + 1).fill(-Infinity);
    // log ∫_a^b (y − a) e^{Φ(y)} dy on outer panels
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
    // ---- panel index of every point of X and the error weights
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
    // ---- per-panel error shares (relative to T), split into reducible and rounding-noise parts
    const share = new Float64Array(P);
    let reducible = 0;
    let noise = 0;
    for (let p = 0; p < P; p++) {
      const h = panels[p].b - panels[p].a;
      // Φ error h·tail(q) shifts Φ(y) − Φ(z) for pairs z < panel < y: weight G(b_p)·c_p ≤ 1
      const wPhi = Math.min(1, Math.exp(logGA[p + 1] + logc[p]));
      // interpolation error of f, ε = tail(f̂)·e^{m_f}, reaches T through logReachF
      const wF = Math.exp(mf[p] + logReachF[p]);
      let red = 0;
      let noi = 0;
      const eq = h * tailQ[p] * wPhi;
      if (tailQ[p] > noiseQ[p]) red += eq;
      else noi += h * noiseQ[p] * wPhi;
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
    // truncation of a natural boundary: tail mass ≈ f(r_eff)/slope relative to G(xMin)
    let trunc = 0;
    if (o.r === -Infinity) trunc = Math.exp(-phiStart[0] - logDrEff - Math.log(truncSlope) - logGA[pX]);
    // rounding of the Φ differences that matter (Φ = 0 in the well, so max Φ on [xMin, e] ~ the barrier)
    const roundoff = 10 * EPS * (1 + n + maxPhiOuter);
    // refine until the reducible part is ≤ relTol/2, leaving the other half to rounding and truncation
    const done = reducible <= relTol / 2;
    const total = reducible + noise + trunc + roundoff;
    const finish = (converged: boolean): EngineResult => ({
      logT: kX.map((k) => logTA[k]),
      relError: total,
      converged: converged && total <= Math.max(relTol, 10 * roundoff),
      panels: P,
      rEff,
      iterations,
    });
    if (done) return finish(true);
    // ---- refine
    const thr = relTol / (4 * P);
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
    if (split === 0) {
      // Cannot refine further (minimum width or maxPanels). The usual cause is a zero of 𝒟 between
      // Gauss nodes, which shows up as ever-narrower panels around it with tiny 𝒟 at the nodes.
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
      return finish(false);
    }
    panels = next;
  }
}

function methodName(order: number, natural: boolean, rEff: number, s: number): string {
  return (
    `gardiner-nested-quadrature: log-space Gauss–Legendre panels (n=${order}), Φ by spectral integration, ` +
    `Legendre-tail error control` +
    (natural ? `; natural boundary truncated at ${s * rEff} (log density drop ${NATURAL_BOUNDARY_LOG_DROP})` : '')
  );
}

function checkTol(relTol: number, who: string): void {
  if (!(relTol > 0 && relTol < 1)) throw new RangeError(`${who}: relTol must be in (0, 1), got ${relTol}`);
}

/**
 * Exact MFPT T(x₀) of dX = A dt + √(2𝒟) dW from `start` to `exit`, reflected at `reflect`
 * (Gardiner §5.2.7). `reflect` = ±Infinity (on the far side from the exit) is a natural boundary.
 */
export function exactMFPT1D(model: Diffusion1D, geometry: Interval1D, opts: MFPTOptions = {}): MFPTResult {
  const who = 'exactMFPT1D';
  const relTol = opts.relTol ?? 1e-10;
  const order = opts.order ?? 20;
  checkTol(relTol, who);
  const { start, exit, reflect } = geometry;
  if (!Number.isFinite(start)) throw new RangeError(`${who}: start must be finite, got ${start}`);
  const o = orient(model, exit, reflect, who);
  const x0 = o.s * start;
  if (!(x0 > o.r && x0 < o.e))
    throw new RangeError(`${who}: start ${start} must lie strictly between reflect ${reflect} and exit ${exit}`);
  const res = engine(o, [x0], relTol, order, opts.maxPanels ?? 5000);
  const logT = res.logT[0];
  return {
    mfpt: Math.exp(logT),
    logMfpt: logT,
    relError: res.relError,
    evaluations: o.evaluations,
    method: methodName(order, o.r === -Infinity, res.rEff, o.s),
    converged: res.converged,
    panels: res.panels,
    reflectUsed: o.s * res.rEff,
  };
}

/**
 * T(x) at many start points with one panel structure (every point is a panel boundary, so each value
 * is an exact cumulative sum); the error bound holds for all points simultaneously. Points may include
 * the exit (T = 0) and a finite wall. `points` may also be a count n: n equally spaced points from the
 * wall (or, for a natural boundary, from the nearer of 0 and the exit minus 1) to the exit.
 */
export function mfptProfile1D(
  model: Diffusion1D,
  geometry: Omit<Interval1D, 'start'>,
  points: number[] | number,
  opts: MFPTOptions = {},
): MFPTProfile {
  const who = 'mfptProfile1D';
  const relTol = opts.relTol ?? 1e-10;
  const order = opts.order ?? 20;
  checkTol(relTol, who);
  const o = orient(model, geometry.exit, geometry.reflect, who);
  let xs: number[];
  if (typeof points === 'number') {
    if (!Number.isInteger(points) || points < 2) throw new RangeError(`${who}: need at least 2 points`);
    const lo = Number.isFinite(o.r) ? o.r : Math.min(0, o.e - 1);
    xs = Array.from({ length: points }, (_, i) => o.s * (lo + ((o.e - lo) * i) / (points - 1)));
  } else xs = points.slice();
  for (const x of xs) {
    const y = o.s * x;
    if (!Number.isFinite(x) || y < o.r || y > o.e || (y === o.r && !Number.isFinite(o.r)))
      throw new RangeError(`${who}: point ${x} is outside [reflect ${geometry.reflect}, exit ${geometry.exit}]`);
  }
  const inner = Array.from(new Set(xs.map((x) => o.s * x).filter((y) => y < o.e))).sort((a, b) => a - b);
  let logAt = new Map<number, number>();
  let relError = 0;
  let converged = true;
  let rEff = o.r;
  if (inner.length > 0) {
    const res = engine(o, inner, relTol, order, opts.maxPanels ?? 5000);
    inner.forEach((y, i) => logAt.set(y, res.logT[i]));
    relError = res.relError;
    converged = res.converged;
    rEff = res.rEff;
  }
  const logMfpt = xs.map((x) => {
    const y = o.s * x;
    return y >= o.e ? -Infinity : logAt.get(y)!;
  });
  logAt = new Map();
  return {
    x: xs,
    mfpt: logMfpt.map(Math.exp),
    logMfpt,
    relError,
    evaluations: o.evaluations,
    method: methodName(order, o.r === -Infinity, rEff, o.s),
    converged,
    reflectUsed: o.s * rEff,
  };
}

// ------------------------------------------------------------------------------------------------
// Route 2: backward ODE by RK4 shooting + Richardson extrapolation

export interface BackwardODEOptions {
  /** steps of the coarsest grid (default 1000; raised automatically where |A/𝒟|·h > 1/2) */
  n?: number;
  /** relative error target for the extrapolated value (default 1e-10) */
  relTol?: number;
  /** cap on the steps of the finest grid (default 2²²) */
  maxSteps?: number;
}

export interface BackwardODEResult {
  mfpt: number;
  /** |R₂ − R₁|/R₂ of the last two Richardson values (an estimate for the less accurate one) */
  relError: number;
  evaluations: number;
  /** steps of the finest grid used */
  steps: number;
  /** log₂ of the ratio of successive differences (→ 4 for RK4 in the asymptotic regime) */
  observedOrder: number;
  converged: boolean;
  method: string;
}

/**
 * Independent route: solve 𝒟T'' + A T' = −1 with T'(r) = 0 (finite reflecting wall) and T(e) = 0
 * (Gardiner §5.2.7, the backward equation behind the integral formula). With u = T' the problem is the
 * initial-value problem u' = −(1 + A u)/𝒟, u(r) = 0 integrated from the wall towards the exit
 * (in either direction), together with Q' = u from x₀ on (Q(x₀) = 0); then T(x₀) = −Q(e).
 * RK4 on grids whose nodes include breakpoints and x₀ (uniform within each segment), levels with
 * N, 2N, 4N, … steps; Richardson R = T_{2N} + (T_{2N} − T_N)/15 removes the h⁴ term.
 */
export function mfptBackwardODE(model: Diffusion1D, geometry: Interval1D, opts: BackwardODEOptions = {}): BackwardODEResult {
  const who = 'mfptBackwardODE';
  checkModel(model, who);
  const { start, exit, reflect } = geometry;
  if (!Number.isFinite(reflect)) throw new RangeError(`${who}: needs a finite reflecting wall, got ${reflect}`);
  if (!Number.isFinite(exit) || !Number.isFinite(start)) throw new RangeError(`${who}: start and exit must be finite`);
  const dir = Math.sign(exit - reflect);
  if (dir === 0) throw new RangeError(`${who}: reflect must differ from exit`);
  if (!((start - reflect) * dir > 0 && (exit - start) * dir > 0))
    throw new RangeError(`${who}: start ${start} must lie strictly between reflect ${reflect} and exit ${exit}`);
  const relTol = opts.relTol ?? 1e-10;
  checkTol(relTol, who);
  const maxSteps = opts.maxSteps ?? 1 << 22;
  let evaluations = 0;
  const coef = (x: number): [number, number] => {
    const D = model.diffusion(x);
    if (!(D > 0) || !Number.isFinite(D))
      throw new Error(`${who}: diffusion 𝒟(x) must be finite and > 0 on the interval; got 𝒟(${x}) = ${D}`);
    const A = model.drift(x);
    if (!Number.isFinite(A)) throw new Error(`${who}: drift A(x) must be finite; got A(${x}) = ${A}`);
    evaluations++;
    return [A, D];
  };
  // special points in the direction of integration
  const lo = Math.min(reflect, exit);
  const hi = Math.max(reflect, exit);
  const pts = [reflect, exit, start, ...(model.breakpoints ?? []).filter((b) => b > lo && b < hi)];
  pts.sort((a, b) => (a - b) * dir);
  const nodes: number[] = [];
  for (const p of pts) if (nodes.length === 0 || (p - nodes[nodes.length - 1]) * dir > 0) nodes.push(p);
  const total = Math.abs(exit - reflect);
  const base = opts.n ?? 1000;
  // The grid: segments between special points, each cut into 32 sub-segments that are uniform inside;
  // coarsest steps per sub-segment ∝ length and with |A/𝒟|·h ≤ 1/2 (stiffness near steep walls).
  // All sub-segments are halved together, so the RK4 error keeps its h⁴ expansion.
  const grid: number[] = [nodes[0]];
  const segSteps: number[] = [];
  const marks: number[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i];
    const b = nodes[i + 1];
    const K = 32;
    for (let k = 0; k < K; k++) {
      const sa = a + ((b - a) * k) / K;
      const sb = k === K - 1 ? b : a + ((b - a) * (k + 1)) / K;
      const len = Math.abs(sb - sa);
      let lam = 0;
      for (let j = 0; j <= 8; j++) {
        const [A, D] = coef(sa + ((sb - sa) * j) / 8);
        lam = Math.max(lam, Math.abs(A / D));
      }
      segSteps.push(Math.max(2, Math.ceil((base * len) / total), Math.ceil(2 * lam * len)));
      grid.push(sb);
    }
    marks.push(grid.length - 1);
  }
  const startIdx = marks[nodes.indexOf(start) - 1];
  const solve = (mult: number): number => {
    let u = 0;
    let Q = 0;
    for (let i = 0; i + 1 < grid.length; i++) {
      const a = grid[i];
      const b = grid[i + 1];
      const m = segSteps[i] * mult;
      const h = (b - a) / m;
      // the coefficients at the segment ends are taken a hair inside, so that a jump at a breakpoint (e.g. the
      // Hänggi drift where |L''| has its kink) is seen from the correct side by each segment
      const nudge = (b - a) * 1e-12;
      let [A0, D0] = coef(a + nudge);
      for (let k = 0; k < m; k++) {
        const x = a + k * h;
        const xe = k === m - 1 ? b - nudge : x + h;
        const [Am, Dm] = coef(x + h / 2);
        const [Ae, De] = coef(xe);
        const k1 = -(1 + A0 * u) / D0;
        const u2 = u + (h / 2) * k1;
        const k2 = -(1 + Am * u2) / Dm;
        const u3 = u + (h / 2) * k2;
        const k3 = -(1 + Am * u3) / Dm;
        const u4 = u + h * k3;
        const k4 = -(1 + Ae * u4) / De;
        Q += (h / 6) * (u + 2 * u2 + 2 * u3 + u4);
        u += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
        A0 = Ae;
        D0 = De;
      }
      if (i + 1 === startIdx) Q = 0; // from here on Q = ∫_{x₀}^{x} u: no cancellation for x₀ near e
    }
    return -Q;
  };
  const coarse = segSteps.reduce((s, v) => s + v, 0);
  let mult = 1;
  const T: number[] = [solve(1), solve(2), solve(4)];
  mult = 4;
  for (;;) {
    const k = T.length;
    const R1 = T[k - 2] + (T[k - 2] - T[k - 3]) / 15;
    const R2 = T[k - 1] + (T[k - 1] - T[k - 2]) / 15;
    // Richardson difference plus a rounding floor for a sum over many steps
    const relError = Math.abs(R2 - R1) / Math.abs(R2) + 10 * EPS * Math.sqrt(coarse * mult);
    const observedOrder = Math.log2(Math.abs((T[k - 2] - T[k - 3]) / (T[k - 1] - T[k - 2])));
    const steps = coarse * mult;
    if (relError <= relTol || steps * 2 > maxSteps) {
      return {
        mfpt: R2,
        relError,
        evaluations,
        steps,
        observedOrder,
        converged: relError <= relTol,
        method: `backward-ode: RK4 shooting from the wall, Richardson over ${k} grids (finest ${steps} steps)`,
      };
    }
    mult *= 2;
    T.push(solve(mult));
  }
}
