/**
 * A random generator that is exact in float32 arithmetic, for the gpu.js backends (design.md §4).
 *
 * Four multiplicative LCGs  s ← a·s mod m  with prime moduli m < 2²⁴ and primitive-root multipliers
 * a < √m (full period m − 1), combined as  z = (s₁ + s₂ + s₃ + s₄) mod 2²⁴  and  u = (z + 1)·2⁻²⁴ ∈ (0, 1]
 * (24-bit uniforms; the additive combination of L'Ecuyer 1988 / L'Ecuyer & Tezuka 1991 at 24-bit scale).
 * Combined period lcm(mⱼ − 1) ≈ 2⁹²; the moduli were chosen so that the mⱼ − 1 share only factors of 2.
 *
 * a·s mod m by Schrage's method (Bratley, Fox & Schrage 1987), m = a·q + r with r < q:
 *   t = ⌊s/q⌋,  a·s mod m = a·(s − t·q) − r·t  (+ m if negative),
 * every product and difference below 2²⁴, hence exact in float32. ⌊s/q⌋ is estimated as ⌊s·invq⌋ with invq
 * rounded BELOW 1/q (by ≥ 2⁻²¹ relative), so the estimate is t or t − 1 on any IEEE float32 (or float64)
 * unit, even one whose division or multiplication is off by a few ulps, and one correction makes it exact.
 * The sum mod 2²⁴ is formed as z − (2²⁴ − s), also exact. Every backend therefore produces the same
 * uniforms bit for bit; normals (Box–Muller with float32 log/cos/sqrt) may differ in their last bits.
 *
 * Per-trajectory state: the four sⱼ, seeded from the Philox counter stream of (key, trajectory), and
 * advanced on the host by jump-ahead (s·aⁿ mod m, exact in float64) — so the GPU kernels need not return
 * their generator state, and a trajectory's stream does not depend on chunking or launches.
 */
import { CounterStream } from './stream.js';

export const F32_MODULI = [16777213, 16777199, 16777127, 16776989] as const;
export const F32_MULTIPLIERS = [3420, 3417, 3421, 3425] as const;
/** 2²⁴ */
export const TWO24 = 16777216;

export interface F32Component {
  m: number;
  a: number;
  q: number;
  r: number;
  /** a float32 value strictly below 1/q: ⌊s·invq⌋ ∈ {⌊s/q⌋ − 1, ⌊s/q⌋} for s < 2²⁴ */
  invq: number;
}

export const F32_COMPONENTS: readonly F32Component[] = F32_MODULI.map((m, j) => {
  const a = F32_MULTIPLIERS[j];
  const q = Math.floor(m / a), r = m % a;
  // round 1/q down by about 2⁻²¹ relative, then to float32 (still below 1/q: fround moves by ≤ 2⁻²⁴)
  const invq = Math.fround((1 / q) * (1 - 2 ** -21));
  if (!(r < q) || !(invq * q < 1) || a * q >= TWO24) throw new Error('internal: bad float32 generator constants');
  return { m, a, q, r, invq };
});

/** uniforms drawn per SDE step by the gpu.js kernels (two for the Box–Muller normal, one for the bridge) */
export const UNIFORMS_PER_STEP = 3;

/** (x·y) mod m for x, y < 2²⁴: the product is < 2⁴⁸, exact in float64. */
function mulmod(x: number, y: number, m: number): number {
  return (x * y) % m;
}

/** aⁿ mod m by square-and-multiply (n a non-negative integer < 2⁵³). */
export function powmod(a: number, n: number, m: number): number {
  let result = 1, base = a % m, e = n;
  while (e > 0) {
    if (e % 2 === 1) result = mulmod(result, base, m);
    base = mulmod(base, base, m);
    e = Math.floor(e / 2);
  }
  return result;
}

/**
 * Initial state of trajectory `traj`: sⱼ = 1 + (53-bit Philox word pair) mod (mⱼ − 1), i.e. a uniform point of
 * each component's cycle {1, …, mⱼ − 1} (bias ≤ 2²⁴/2⁵³).
 */
export function seedF32State(key: readonly [number, number], traj: number, out: Float64Array = new Float64Array(4)): Float64Array {
  const st = new CounterStream(key);
  st.seek(traj, 0);
  for (let j = 0; j < 4; j++) {
    const hi = st.nextUint32() >>> 11, lo = st.nextUint32();
    const m1 = F32_MODULI[j] - 1;
    // (hi·2³² + lo) mod (m − 1), with hi·2³² reduced first so every intermediate stays below 2⁵³
    out[j] = 1 + ((mulmod(hi, 4294967296 % m1, m1) + lo) % m1);
  }
  return out;
}

/** Advance a state by n draws: sⱼ ← sⱼ·aⱼⁿ mod mⱼ. */
export function advanceF32State(state: Float64Array, n: number, offset = 0): void {
  for (let j = 0; j < 4; j++) {
    const c = F32_COMPONENTS[j];
    state[offset + j] = mulmod(state[offset + j], powmod(c.a, n, c.m), c.m);
  }
}

/**
 * One Schrage step, written with float32 rounding (`f`) at every operation. With f = Math.fround this is the
 * float32 reference the kernels must reproduce; with f = identity it is the same computation in float64.
 */
export function schrageStep(s: number, c: F32Component, f: (v: number) => number = (v) => v): number {
  let t = Math.floor(f(s * c.invq));
  let rr = f(s - f(t * c.q));
  if (rr >= c.q) { t = f(t + 1); rr = f(rr - c.q); }
  let out = f(f(c.a * rr) - f(c.r * t));
  if (out < 0) out = f(out + c.m);
  return out;
}

/** u from the four states after a step: z = Σsⱼ mod 2²⁴ (each partial sum formed as z − (2²⁴ − s)), u = (z+1)·2⁻²⁴. */
export function combine(s: ArrayLike<number>, f: (v: number) => number = (v) => v): number {
  let z = s[0];
  for (let j = 1; j < 4; j++) {
    z = f(z - f(TWO24 - s[j]));
    if (z < 0) z = f(z + TWO24);
  }
  return f(f(z + 1) * 2 ** -24);
}

/**
 * The generator on the host (reference for the kernels and for the tests). `float32: true` rounds every
 * operation to float32 as the GPU does; the exactness argument above says both give identical numbers.
 */
export class F32Stream {
  readonly state: Float64Array;
  private readonly f: (v: number) => number;

  constructor(state: ArrayLike<number>, opts: { float32?: boolean } = {}) {
    this.state = Float64Array.from(state);
    this.f = opts.float32 ? Math.fround : (v) => v;
  }

  static forTrajectory(key: readonly [number, number], traj: number, opts: { float32?: boolean } = {}): F32Stream {
    return new F32Stream(seedF32State(key, traj), opts);
  }

  nextUniform(): number {
    for (let j = 0; j < 4; j++) this.state[j] = schrageStep(this.state[j], F32_COMPONENTS[j], this.f);
    return combine(this.state, this.f);
  }

  /**
   * Box–Muller in float32 (the kernels' normal): z = √(−2 ln u₁)·cos(2πu₂), the sine half discarded.
   * With u ≥ 2⁻²⁴ the largest |z| is √(2·24·ln 2) ≈ 5.77: tails beyond it (probability 8e-9) are cut off.
   */
  nextNormal(): number {
    const f = Math.fround;
    const u1 = this.nextUniform(), u2 = this.nextUniform();
    return f(f(Math.sqrt(f(-2 * f(Math.log(u1))))) * f(Math.cos(f(2 * Math.PI * u2))));
  }
}
