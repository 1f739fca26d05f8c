/**
 * Closed-form pieces shared by the built-in families: the 1-D landscape wrapper, the depressed-cubic roots,
 * the quartic profile, the C³ well + barrier profile and the quintic smoothstep.
 */
import type { KnownPoints, ScalarLandscape } from '../types.js';
import type { BuiltinLandscape, ParamValue } from './types.js';

/** "k=v, k=[a,b]" for a landscape's name */
export function fmt(params: Record<string, ParamValue>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(', ');
}

/** coordinate names x1 … xn */
export const coordinateNames = (n: number): readonly string[] => Object.freeze(Array.from({ length: n }, (_, i) => `x${i + 1}`));

/** A 1-D builtin landscape from its scalar functions L, L', L'', L''' (named `builtin name(params)`). */
export function scalarLandscape(builtin: string, params: Record<string, ParamValue>, s: ScalarLandscape, known: KnownPoints): BuiltinLandscape {
  const { L, d1, d2 } = s;
  return {
    dim: 1,
    name: `builtin ${builtin}(${fmt(params)})`,
    vars: Object.freeze(['x']),
    value: (x) => L(x[0]),
    gradient: (x, out) => {
      out[0] = d1(x[0]);
    },
    hessian: (x, out) => {
      out[0] = d2(x[0]);
    },
    scalar: s,
    known,
    builtin,
    params: Object.freeze(params),
  };
}

/**
 * The three real roots, ascending, of the depressed cubic x³ + p·x + q (requires 4p³ + 27q² < 0):
 * Viète's trigonometric form x_k = 2√(−p/3)·cos(φ/3 − 2πk/3), cos φ = (3q/2p)·√(−3/p),
 * then two Newton steps on the cubic to polish each root to round-off.
 */
export function depressedCubicRoots(p: number, q: number): [number, number, number] {
  const m = 2 * Math.sqrt(-p / 3);
  const phi = Math.acos(Math.max(-1, Math.min(1, ((3 * q) / (2 * p)) * Math.sqrt(-3 / p))));
  const roots = [0, 1, 2].map((k) => {
    let x = m * Math.cos(phi / 3 - (2 * Math.PI * k) / 3);
    for (let it = 0; it < 2; it++) {
      const dp = 3 * x * x + p;
      if (dp === 0) break;
      const step = (x * x * x + p * x + q) / dp;
      if (!Number.isFinite(step)) break;
      x -= step;
    }
    return x;
  });
  roots.sort((a, b) => a - b);
  return roots as [number, number, number];
}

/** L = h(x² − 1)² + c·x: L' = 4h(x³ − x) + c, L'' = 4h(3x² − 1), L''' = 24h·x. */
export function quarticScalar(h: number, c: number): ScalarLandscape {
  return {
    L: (x) => {
      const u = x * x - 1;
      return h * u * u + c * x;
    },
    d1: (x) => 4 * h * x * (x * x - 1) + c,
    d2: (x) => 4 * h * (3 * x * x - 1),
    d3: (x) => 24 * h * x,
  };
}

/** quintic smoothstep S5(u) = 6u⁵ − 15u⁴ + 10u³ and its first two derivatives (C² at u = 0, 1) */
export const S5 = (u: number) => u * u * u * (10 + u * (-15 + 6 * u));
export const S5d1 = (u: number) => 30 * u * u * (1 - u) * (1 - u);
export const S5d2 = (u: number) => 60 * u * (1 - u) * (1 - 2 * u);

export interface WellBarrierPiece {
  from: number;
  to: number;
  L(x: number): number;
  d1(x: number): number;
  d2(x: number): number;
  d3(x: number): number;
}

export interface WellBarrierProfile extends ScalarLandscape {
  Ha: number;
  Hb: number;
  dL: number;
  /** transition width, start of the transition, end of the transition, barrier top */
  w: number;
  w1: number;
  x2: number;
  b: number;
  /** the three polynomial pieces (−∞,w1], [w1,x2], [x2,∞) — exposed for continuity checks */
  pieces: readonly [WellBarrierPiece, WellBarrierPiece, WellBarrierPiece];
}

/**
 * 1-D well + barrier, minimum a = 0 with L(0) = 0, L''(0) = Ha, barrier top b with L''(b) = −Hb,
 * L(b) = dL.
 *
 * Construction, with k = Ha + Hb, r = Hb/Ha, S(t) = 3t² − 2t³ (S(0)=0, S(1)=1, S'(0)=S'(1)=0):
 *   L''(x) = Ha                       x ≤ w1
 *          = Ha − k·S((x − w1)/w)      w1 ≤ x ≤ x2 = w1 + w
 *          = −Hb                      x ≥ x2
 * Integrating twice from L(0) = L'(0) = 0 with t = (x − w1)/w, ∫₀ᵗS = t³ − t⁴/2 =: I1,
 * ∫₀ᵗ∫S = t⁴/4 − t⁵/10 =: I2:
 *   transition: L' = Ha·x − k·w·I1(t),  L = ½Ha·x² − k·w²·I2(t)
 * (the ½Ha·x² part is the continued parabola). With w1 = w(1 + r)/2, Ha·w1 = k·w/2, so
 *   L'(x2) = Ha(w1 + w) − k·w/2 = Ha·w > 0,
 * and in the −Hb region L' = Ha·w − Hb(x − x2) vanishes at b = x2 + Ha·w/Hb. On (0, b) L' > 0
 * (L' rises while L'' > 0, then falls monotonically to Ha·w at x2 and to 0 at b), so 0 and b are
 * the only critical points on x ≥ 0 and L → −∞ past b.
 * Barrier: L(b) = ½Ha·x2² − k·w²·(1/4 − 1/10) + (Ha·w)²/(2Hb), every term ∝ w² (x → λx scales L by
 * λ²), so with ΔL₁ the value at w = 1 we take w = √(dL/ΔL₁). Beyond x2 we write
 * L = dL − ½Hb(x − b)², equal to the integral above up to round-off, so L(b) = dL exactly.
 * S' vanishes at t = 0, 1, hence L''' is continuous too: L ∈ C³.
 */
export function wellBarrierProfile(Ha: number, Hb: number, dL: number): WellBarrierProfile {
  const k = Ha + Hb;
  const r = Hb / Ha;
  const x2unit = (1 + r) / 2 + 1;
  const dL1 = 0.5 * Ha * x2unit * x2unit - 0.15 * k + (Ha * Ha) / (2 * Hb);
  const w = Math.sqrt(dL / dL1);
  const w1 = (w * (1 + r)) / 2;
  const x2 = w1 + w;
  const b = x2 + (Ha * w) / Hb;

  const well: WellBarrierPiece = {
    from: -Infinity,
    to: w1,
    L: (x) => 0.5 * Ha * x * x,
    d1: (x) => Ha * x,
    d2: () => Ha,
    d3: () => 0,
  };
  const blend: WellBarrierPiece = {
    from: w1,
    to: x2,
    L: (x) => {
      const t = (x - w1) / w;
      const t4 = t * t * t * t;
      return 0.5 * Ha * x * x - k * w * w * (t4 / 4 - (t4 * t) / 10);
    },
    d1: (x) => {
      const t = (x - w1) / w;
      const t3 = t * t * t;
      return Ha * x - k * w * (t3 - (t3 * t) / 2);
    },
    d2: (x) => {
      const t = (x - w1) / w;
      return Ha - k * t * t * (3 - 2 * t);
    },
    d3: (x) => {
      const t = (x - w1) / w;
      return (-k * 6 * t * (1 - t)) / w;
    },
  };
  const top: WellBarrierPiece = {
    from: x2,
    to: Infinity,
    L: (x) => dL - 0.5 * Hb * (x - b) * (x - b),
    d1: (x) => -Hb * (x - b),
    d2: () => -Hb,
    d3: () => 0,
  };
  const pick = (x: number): WellBarrierPiece => (x <= w1 ? well : x < x2 ? blend : top);
  return {
    Ha,
    Hb,
    dL,
    w,
    w1,
    x2,
    b,
    pieces: [well, blend, top],
    L: (x) => pick(x).L(x),
    // the derivatives branch as `pick` does and call their piece by name (one target per call site, so that a hot
    // loop inlines them whole, where a call through the picked piece has three)
    d1: (x) => (x <= w1 ? well.d1(x) : x < x2 ? blend.d1(x) : top.d1(x)),
    d2: (x) => (x <= w1 ? well.d2(x) : x < x2 ? blend.d2(x) : top.d2(x)),
    d3: (x) => (x <= w1 ? well.d3(x) : x < x2 ? blend.d3(x) : top.d3(x)),
  };
}
