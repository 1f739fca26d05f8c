/**
 * The n-D saddle with chosen Hessian eigenvalues: the well-barrier profile along x_1, transverse curvatures
 * blended from their values at the minimum to their values at the saddle.
 */
import { LandscapeError } from '../errors.js';
import { S5, S5d1, S5d2, coordinateNames, fmt, wellBarrierProfile } from './helpers.js';
import { WELL_PARAMS } from './well-barrier.js';
import type { BuiltinFamily, BuiltinLandscape, ResolvedParams } from './types.js';

/** n and the two transverse eigenvalue lists (n − 1 entries each), checked against each other. */
function eigenShape(p: ResolvedParams): { n: number; minEigs: readonly number[]; saddleEigs: readonly number[] } {
  const minEigs = p.list('minEigs');
  const saddleEigs = p.list('saddleEigs');
  const n = p.given('n') ? p.num('n') : minEigs ? minEigs.length + 1 : saddleEigs ? saddleEigs.length + 1 : 2;
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
  return { n, minEigs: len('minEigs', minEigs), saddleEigs: len('saddleEigs', saddleEigs) };
}

function create(p: ResolvedParams): BuiltinLandscape {
  const Ha = p.num('Ha');
  const Hb = p.num('Hb');
  const dL = p.num('dL');
  const { n, minEigs, saddleEigs } = eigenShape(p);
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
    vars: coordinateNames(n),
    value,
    gradient,
    hessian,
    known: { minimum, saddle, barrier: dL },
    builtin: 'eigen-saddle',
    params: Object.freeze(params),
  };
}

/**
 * The largest transverse eigenvalue: the theory squares them (Hessian noise) and multiplies up to 15 of them
 * (determinants), so 1e12 keeps every product a finite double; near 1e308 the eigensolver overflowed.
 */
const MAX_EIG = 1e12;
const RANGE = 'array of n−1 finite numbers, each > 0 and ≤ 1e12';

export const eigenSaddle: BuiltinFamily = {
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
    { name: 'minEigs', description: 'transverse Hessian eigenvalues at the minimum', type: 'number[]', default: 1, min: 0, exclusiveMin: true, max: MAX_EIG, range: RANGE },
    { name: 'saddleEigs', description: 'transverse Hessian eigenvalues at the saddle', type: 'number[]', default: 1, min: 0, exclusiveMin: true, max: MAX_EIG, range: RANGE },
  ],
  create,
};
