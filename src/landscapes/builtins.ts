/**
 * Built-in landscape families with exact (closed-form) derivatives and known critical points.
 */
import type { KnownPoints, Landscape, ScalarLandscape } from './types.js';
import { LandscapeError } from './errors.js';

// ---------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------

export interface BuiltinParamInfo {
  name: string;
  description: string;
  type: 'number' | 'integer' | 'number[]';
  /** default value; for 'number[]' the default of every entry */
  default: number;
  min?: number;
  max?: number;
  /** min / max themselves not allowed */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** allowed range in words (used in error messages and docs) */
  range: string;
}

export interface BuiltinInfo {
  name: string;
  description: string;
  /** dimension in words ("1", "n, 1 ≤ n ≤ 16") */
  dim: string;
  params: readonly BuiltinParamInfo[];
}

const positive = (name: string, description: string, def: number): BuiltinParamInfo => ({
  name,
  description,
  type: 'number',
  default: def,
  min: 0,
  exclusiveMin: true,
  range: 'finite number > 0',
});

const WELL_PARAMS: readonly BuiltinParamInfo[] = [
  positive('Ha', 'curvature L\'\'(a) at the minimum', 1),
  positive('Hb', 'curvature magnitude at the barrier top, L\'\'(b) = −Hb', 1),
  positive('dL', 'barrier height L(b) − L(a)', 1),
];

export const BUILTIN_LANDSCAPES: readonly BuiltinInfo[] = Object.freeze([
  {
    name: 'well-barrier',
    description:
      '1-D C³ well + barrier with independently chosen minimum curvature Ha, barrier-top curvature −Hb and barrier dL; ' +
      'minimum at 0, L = ½Ha·x² for x ≤ w1, smoothstep blend of L\'\' to −Hb, L = dL − ½Hb(x−b)² beyond (exit past b).',
    dim: '1',
    params: WELL_PARAMS,
  },
  {
    name: 'quartic',
    description: 'L = h(x² − 1)²; escape from the left well x = −1 over x = 0, barrier h (L\'\'(−1) = 8h, L\'\'(0) = −4h).',
    dim: '1',
    params: [positive('h', 'barrier height', 1)],
  },
  {
    name: 'tilted-quartic',
    description: 'L = h(x² − 1)² + c·x; escape from the left well over the local maximum (roots of 4h(x³ − x) + c = 0).',
    dim: '1',
    params: [
      positive('h', 'quartic scale', 1),
      {
        name: 'c',
        description: 'tilt',
        type: 'number',
        default: 0.25,
        range: '|c| < 8h/(3√3) ≈ 1.5396·h (two wells)',
      },
    ],
  },
  {
    name: 'styblinski-tang',
    description:
      'L = ½Σ(x_i⁴ − 16x_i² + 5x_i); escape from the local minimum with every x_i ≈ 2.7468 through the index-1 saddle with x_1 ≈ 0.1567.',
    dim: 'n, 1 ≤ n ≤ 16',
    params: [{ name: 'n', description: 'dimension', type: 'integer', default: 2, min: 1, max: 16, range: 'integer 1 ≤ n ≤ 16' }],
  },
  {
    name: 'eigen-saddle',
    description:
      'L = f(x_1) + ½Σ_{i≥2} κ_i(x_1)·x_i², f = well-barrier(Ha, Hb, dL), κ_i blending minEigs → saddleEigs (C² quintic smoothstep) ' +
      'between the minimum a = 0 and the saddle b; ∇²L(a) = diag(Ha, minEigs), ∇²L(b) = diag(−Hb, saddleEigs).',
    dim: 'n, 2 ≤ n ≤ 16',
    params: [
      ...WELL_PARAMS,
      {
        name: 'n',
        description: 'dimension (default: length of minEigs or saddleEigs + 1, else 2)',
        type: 'integer',
        default: 2,
        min: 2,
        max: 16,
        range: 'integer 2 ≤ n ≤ 16',
      },
      { name: 'minEigs', description: 'transverse Hessian eigenvalues at the minimum', type: 'number[]', default: 1, min: 0, exclusiveMin: true, range: 'array of n−1 finite numbers > 0' },
      { name: 'saddleEigs', description: 'transverse Hessian eigenvalues at the saddle', type: 'number[]', default: 1, min: 0, exclusiveMin: true, range: 'array of n−1 finite numbers > 0' },
    ],
  },
] satisfies BuiltinInfo[]);

// ---------------------------------------------------------------------------------------------
// Parameter validation
// ---------------------------------------------------------------------------------------------

type ParamValue = number | readonly number[];

function checkNumber(info: BuiltinParamInfo, value: unknown, field: string, what = ''): number {
  const allowed = `allowed: ${info.range}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LandscapeError(field, `${what}must be a finite number, got ${JSON.stringify(value) ?? String(value)}; ${allowed}`);
  }
  if (info.type === 'integer' && !Number.isInteger(value)) throw new LandscapeError(field, `${what}must be an integer, got ${value}; ${allowed}`);
  if (info.min !== undefined && (value < info.min || (info.exclusiveMin && value === info.min))) {
    throw new LandscapeError(field, `${what}${value} is out of range; ${allowed}`);
  }
  if (info.max !== undefined && (value > info.max || (info.exclusiveMax && value === info.max))) {
    throw new LandscapeError(field, `${what}${value} is out of range; ${allowed}`);
  }
  return value;
}

/** Validate `params` against the catalogue entry; unspecified scalars take their defaults. */
function readParams(info: BuiltinInfo, params: Record<string, unknown>): Map<string, ParamValue | undefined> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new LandscapeError('landscape.params', `must be an object; ${info.name} takes ${info.params.map((p) => p.name).join(', ')}`);
  }
  const names = info.params.map((p) => p.name);
  for (const key of Object.keys(params)) {
    if (!names.includes(key)) {
      throw new LandscapeError(`landscape.${key}`, `unknown parameter for builtin "${info.name}"; its parameters are ${names.join(', ')}`);
    }
  }
  const out = new Map<string, ParamValue | undefined>();
  for (const p of info.params) {
    const field = `landscape.${p.name}`;
    const v = params[p.name];
    if (v === undefined) {
      out.set(p.name, p.type === 'number[]' ? undefined : p.default);
    } else if (p.type === 'number[]') {
      if (!Array.isArray(v)) throw new LandscapeError(field, `must be an array of numbers; allowed: ${p.range}`);
      out.set(p.name, Object.freeze(v.map((e, i) => checkNumber(p, e, field, `entry ${i}: `))));
    } else {
      out.set(p.name, checkNumber(p, v, field));
    }
  }
  return out;
}

function infoOf(name: string): BuiltinInfo {
  const info = BUILTIN_LANDSCAPES.find((b) => b.name === name);
  if (!info) {
    throw new LandscapeError(
      'landscape.builtin',
      `unknown builtin ${JSON.stringify(name)}; valid names: ${BUILTIN_LANDSCAPES.map((b) => b.name).join(', ')}`,
    );
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** Landscape returned by builtinLandscape: always has `known`, records its resolved parameters. */
export interface BuiltinLandscape extends Landscape {
  readonly builtin: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly known: KnownPoints;
}

function fmt(params: Record<string, ParamValue>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(', ');
}

function scalarLandscape(builtin: string, params: Record<string, ParamValue>, s: ScalarLandscape, known: KnownPoints): BuiltinLandscape {
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

// ---------------------------------------------------------------------------------------------
// well-barrier
// ---------------------------------------------------------------------------------------------

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
    d1: (x) => pick(x).d1(x),
    d2: (x) => pick(x).d2(x),
    d3: (x) => pick(x).d3(x),
  };
}

function wellBarrier(p: Map<string, ParamValue | undefined>): BuiltinLandscape {
  const Ha = p.get('Ha') as number;
  const Hb = p.get('Hb') as number;
  const dL = p.get('dL') as number;
  const f = wellBarrierProfile(Ha, Hb, dL);
  const s: ScalarLandscape = { L: f.L, d1: f.d1, d2: f.d2, d3: f.d3 };
  return scalarLandscape('well-barrier', { Ha, Hb, dL }, s, { minimum: [0], saddle: [f.b], barrier: dL });
}

// ---------------------------------------------------------------------------------------------
// quartic and tilted quartic
// ---------------------------------------------------------------------------------------------

/** L = h(x² − 1)² + c·x: L' = 4h(x³ − x) + c, L'' = 4h(3x² − 1), L''' = 24h·x. */
function quarticScalar(h: number, c: number): ScalarLandscape {
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

function quartic(p: Map<string, ParamValue | undefined>): BuiltinLandscape {
  const h = p.get('h') as number;
  return scalarLandscape('quartic', { h }, quarticScalar(h, 0), { minimum: [-1], saddle: [0], barrier: h });
}

/** Tilt limit for two wells: x³ − x + c/(4h) has three real roots iff |c/(4h)| < 2/(3√3). */
export const tiltedQuarticMaxTilt = (h: number): number => (8 * h) / (3 * Math.sqrt(3));

function tiltedQuartic(p: Map<string, ParamValue | undefined>): BuiltinLandscape {
  const h = p.get('h') as number;
  const c = p.get('c') as number;
  const cmax = tiltedQuarticMaxTilt(h);
  if (!(Math.abs(c) < cmax)) {
    throw new LandscapeError('landscape.c', `|c| = ${Math.abs(c)} is too large for two wells; allowed: |c| < 8h/(3√3) = ${cmax} (h = ${h})`);
  }
  // critical points: x³ − x + c/(4h) = 0 → left well, local maximum, right well
  const [xa, xb] = depressedCubicRoots(-1, c / (4 * h));
  const s = quarticScalar(h, c);
  return scalarLandscape('tilted-quartic', { h, c }, s, { minimum: [xa], saddle: [xb], barrier: s.L(xb) - s.L(xa) });
}

// ---------------------------------------------------------------------------------------------
// Styblinski–Tang
// ---------------------------------------------------------------------------------------------

/** roots of 4x³ − 32x + 5 = 0 (= x³ − 8x + 5/4), ascending: ≈ −2.9035, 0.1567, 2.7468 */
export const STYBLINSKI_TANG_ROOTS: readonly [number, number, number] = Object.freeze(depressedCubicRoots(-8, 1.25));

function styblinskiTang(p: Map<string, ParamValue | undefined>): BuiltinLandscape {
  const n = p.get('n') as number;
  const [, mid, right] = STYBLINSKI_TANG_ROOTS;
  // per coordinate: g = ½(x⁴ − 16x² + 5x), g' = 2x³ − 16x + 5/2, g'' = 6x² − 16, g''' = 12x
  const g = (x: number) => 0.5 * (x * x * (x * x - 16) + 5 * x);
  const g1 = (x: number) => 2 * x * x * x - 16 * x + 2.5;
  const g2 = (x: number) => 6 * x * x - 16;
  const g3 = (x: number) => 12 * x;
  const minimum = new Array<number>(n).fill(right);
  const saddle = minimum.slice();
  saddle[0] = mid;
  const known: KnownPoints = { minimum, saddle, barrier: g(mid) - g(right) };
  if (n === 1) return scalarLandscape('styblinski-tang', { n }, { L: g, d1: g1, d2: g2, d3: g3 }, known);
  return {
    dim: n,
    name: `builtin styblinski-tang(n=${n})`,
    vars: Object.freeze(Array.from({ length: n }, (_, i) => `x${i + 1}`)),
    value: (x) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += g(x[i]);
      return s;
    },
    gradient: (x, out) => {
      for (let i = 0; i < n; i++) out[i] = g1(x[i]);
    },
    hessian: (x, out) => {
      out.fill(0, 0, n * n);
      for (let i = 0; i < n; i++) out[i * n + i] = g2(x[i]);
    },
    known,
    builtin: 'styblinski-tang',
    params: Object.freeze({ n }),
  };
}

// ---------------------------------------------------------------------------------------------
// eigen-saddle
// ---------------------------------------------------------------------------------------------

/** quintic smoothstep S5(u) = 6u⁵ − 15u⁴ + 10u³ and its first two derivatives (C² at u = 0, 1) */
const S5 = (u: number) => u * u * u * (10 + u * (-15 + 6 * u));
const S5d1 = (u: number) => 30 * u * u * (1 - u) * (1 - u);
const S5d2 = (u: number) => 60 * u * (1 - u) * (1 - 2 * u);

function eigenSaddle(p: Map<string, ParamValue | undefined>, raw: Record<string, unknown>): BuiltinLandscape {
  const Ha = p.get('Ha') as number;
  const Hb = p.get('Hb') as number;
  const dL = p.get('dL') as number;
  let minEigs = p.get('minEigs') as readonly number[] | undefined;
  let saddleEigs = p.get('saddleEigs') as readonly number[] | undefined;
  const n = raw.n !== undefined ? (p.get('n') as number) : minEigs ? minEigs.length + 1 : saddleEigs ? saddleEigs.length + 1 : 2;
  const len = (name: string, v: readonly number[] | undefined): readonly number[] => {
    if (v === undefined) return new Array<number>(n - 1).fill(1);
    if (v.length !== n - 1) {
      throw new LandscapeError(`landscape.${name}`, `has ${v.length} entries but n = ${n} needs n−1 = ${n - 1}; allowed: array of n−1 finite numbers > 0, 2 ≤ n ≤ 16`);
    }
    return v;
  };
  if (n < 2 || n > 16) {
    throw new LandscapeError(minEigs ? 'landscape.minEigs' : 'landscape.saddleEigs', `implies n = ${n}; allowed: 1 to 15 entries (2 ≤ n ≤ 16)`);
  }
  minEigs = len('minEigs', minEigs);
  saddleEigs = len('saddleEigs', saddleEigs);
  const m = Float64Array.from(minEigs);
  const dk = Float64Array.from(saddleEigs, (s, i) => s - m[i]);
  const f = wellBarrierProfile(Ha, Hb, dL);
  const a = 0;
  const span = f.b - a;
  // u = (x1 − a)/(b − a) clamped to [0, 1]; κ_i = m_i + Δ_i·S5(u); S5', S5'' vanish at the clamps
  const uOf = (x1: number) => Math.min(1, Math.max(0, (x1 - a) / span));

  // L = f(x1) + ½Σ κ_i(x1)·x_i²
  const value = (x: ArrayLike<number>): number => {
    const s = S5(uOf(x[0]));
    let q = 0;
    for (let i = 1; i < n; i++) q += (m[i - 1] + dk[i - 1] * s) * x[i] * x[i];
    return f.L(x[0]) + 0.5 * q;
  };
  // ∂L/∂x1 = f'(x1) + ½Σ κ_i'·x_i²,  ∂L/∂x_i = κ_i·x_i
  const gradient = (x: ArrayLike<number>, out: Float64Array): void => {
    const u = uOf(x[0]);
    const s = S5(u);
    const s1 = S5d1(u) / span;
    let q1 = 0;
    for (let i = 1; i < n; i++) {
      const xi = x[i];
      q1 += dk[i - 1] * s1 * xi * xi;
      out[i] = (m[i - 1] + dk[i - 1] * s) * xi;
    }
    out[0] = f.d1(x[0]) + 0.5 * q1;
  };
  // H11 = f'' + ½Σ κ_i''·x_i², H1i = κ_i'·x_i, Hii = κ_i, other entries 0
  const hessian = (x: ArrayLike<number>, out: Float64Array): void => {
    out.fill(0, 0, n * n);
    const u = uOf(x[0]);
    const s = S5(u);
    const s1 = S5d1(u) / span;
    const s2 = S5d2(u) / (span * span);
    let q2 = 0;
    for (let i = 1; i < n; i++) {
      const xi = x[i];
      q2 += dk[i - 1] * s2 * xi * xi;
      const h1i = dk[i - 1] * s1 * xi;
      out[i] = h1i;
      out[i * n] = h1i;
      out[i * n + i] = m[i - 1] + dk[i - 1] * s;
    }
    out[0] = f.d2(x[0]) + 0.5 * q2;
  };
  const minimum = new Array<number>(n).fill(0);
  const saddle = minimum.slice();
  saddle[0] = f.b;
  const params = { Ha, Hb, dL, n, minEigs: Object.freeze([...minEigs]), saddleEigs: Object.freeze([...saddleEigs]) };
  return {
    dim: n,
    name: `builtin eigen-saddle(${fmt(params)})`,
    vars: Object.freeze(Array.from({ length: n }, (_, i) => `x${i + 1}`)),
    value,
    gradient,
    hessian,
    known: { minimum, saddle, barrier: dL },
    builtin: 'eigen-saddle',
    params: Object.freeze(params),
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * A built-in landscape by name (see BUILTIN_LANDSCAPES for names, parameters, defaults, ranges).
 * Throws LandscapeError: field "landscape.builtin" for an unknown name, "landscape.<param>" for a
 * bad parameter.
 */
export function builtinLandscape(name: string, params: Record<string, unknown> = {}): BuiltinLandscape {
  const info = infoOf(name);
  const p = readParams(info, params ?? {});
  switch (info.name) {
    case 'well-barrier':
      return wellBarrier(p);
    case 'quartic':
      return quartic(p);
    case 'tilted-quartic':
      return tiltedQuartic(p);
    case 'styblinski-tang':
      return styblinskiTang(p);
    case 'eigen-saddle':
      return eigenSaddle(p, params ?? {});
    default:
      throw new Error(`internal: builtin ${info.name} has no constructor`);
  }
}
