/**
 * Philox4x32-10 counter-based generator.
 *
 * Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3",
 * SC'11 (doi:10.1145/2063384.2063405), section 3.2:
 *
 *   round:  (hi0, lo0) = M0 · c0,  (hi1, lo1) = M1 · c2          (32×32→64)
 *           c' = (hi1 ⊕ c1 ⊕ k0,  lo1,  hi0 ⊕ c3 ⊕ k1,  lo0)
 *   key bump between rounds:  k0 += W0,  k1 += W1   (mod 2^32)
 *   Philox4x32-10 = 10 rounds, 9 bumps.
 *
 * Inputs and outputs are uint32 held in plain JS numbers. The high half of each
 * 32×32 product is exact in float64: with b = bh·2^16 + bl (16-bit halves),
 *   a·b / 2^32 = (a·bh + a·bl / 2^16) / 2^16,
 * both partial products are < 2^48, so
 *   hi = ⌊(a·bh + ⌊a·bl / 2^16⌋) / 2^16⌋
 * is computed without rounding (every intermediate < 2^53). The low half is
 * Math.imul(a, b) >>> 0. No BigInt.
 */

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

// 16-bit halves of the multipliers for the exact high product.
const M0H = PHILOX_M0 >>> 16;
const M0L = PHILOX_M0 & 0xffff;
const M1H = PHILOX_M1 >>> 16;
const M1L = PHILOX_M1 & 0xffff;
const INV_2_16 = 1 / 65536;
// The same halves pre-scaled by 2^-16 (exact: power-of-two scaling), used in the hot path.
const A0H = M0H * INV_2_16;
const A0L = M0L * INV_2_16;
const A1H = M1H * INV_2_16;
const A1L = M1L * INV_2_16;

/** High 32 bits of the exact 64-bit product a·b of two uint32 (inputs are coerced with >>> 0). */
export function mulhi32(a: number, b: number): number {
  a >>>= 0;
  b >>>= 0;
  const bh = b >>> 16;
  const bl = b & 0xffff;
  return Math.floor((a * bh + Math.floor(a * bl * INV_2_16)) * INV_2_16);
}

/** Low 32 bits of a·b (uint32). */
export function mullo32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/*
 * Hot-path form of the high product with the constant multiplier M = MH·2^16 + ML:
 *   h = a·(MH/2^16) + ⌊a·(ML/2^16)⌋ / 2^16  =  (a·MH + ⌊a·ML/2^16⌋) / 2^16  ∈ [0, 2^32)
 * Each term is exact (a·MH, a·ML < 2^48, scaled by powers of two) and so is the sum
 * (< 2^32 with 16 fractional bits, i.e. < 2^49 at unit 2^-16). The final ⌊·⌋ is done
 * by ToInt32 inside the following XOR (truncation = floor for h ≥ 0, then mod 2^32).
 * State words are held as int32 (same bits as the uint32) and turned unsigned (>>> 0)
 * only where they enter a float product.
 */

/**
 * Philox4x32-10 on scalar arguments (uint32 or int32 bit patterns), writing 4 words to `out`.
 */
export function philoxBlock(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array | Int32Array,
): void {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let r = 0; r < 10; r++) {
    const a = c0 >>> 0;
    const b = c2 >>> 0;
    const h0 = a * A0H + Math.floor(a * A0L) * INV_2_16;
    const l0 = Math.imul(c0, PHILOX_M0);
    const h1 = b * A1H + Math.floor(b * A1L) * INV_2_16;
    const l1 = Math.imul(c2, PHILOX_M1);
    c0 = h1 ^ c1 ^ k0;
    c1 = l1;
    c2 = h0 ^ c3 ^ k1;
    c3 = l0;
    k0 = (k0 + PHILOX_W0) | 0; // key bump (the bump after round 10 is unused)
    k1 = (k1 + PHILOX_W1) | 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/**
 * Four consecutive Philox4x32-10 blocks with counters (c0 + q, c1, c2, c3), q = 0…3,
 * computed interleaved (four independent dependency chains: ~2× the throughput of four
 * separate calls). Requires c0 ≡ 0 (mod 4) so that c0 + q never carries.
 * Writes block q to out[4q … 4q+3] as int32 bit patterns.
 */
export function philoxBlock4(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Int32Array): void {
  let a0 = c0 | 0;
  let a1 = c1 | 0;
  let a2 = c2 | 0;
  let a3 = c3 | 0;
  let b0 = (a0 + 1) | 0;
  let b1 = a1;
  let b2 = a2;
  let b3 = a3;
  let d0 = (a0 + 2) | 0;
  let d1 = a1;
  let d2 = a2;
  let d3 = a3;
  let e0 = (a0 + 3) | 0;
  let e1 = a1;
  let e2 = a2;
  let e3 = a3;
  k0 |= 0;
  k1 |= 0;
  for (let r = 0; r < 10; r++) {
    let x = a0 >>> 0;
    let y = a2 >>> 0;
    let h0 = x * A0H + Math.floor(x * A0L) * INV_2_16;
    let l0 = Math.imul(a0, PHILOX_M0);
    let h1 = y * A1H + Math.floor(y * A1L) * INV_2_16;
    let l1 = Math.imul(a2, PHILOX_M1);
    a0 = h1 ^ a1 ^ k0;
    a1 = l1;
    a2 = h0 ^ a3 ^ k1;
    a3 = l0;

    x = b0 >>> 0;
    y = b2 >>> 0;
    h0 = x * A0H + Math.floor(x * A0L) * INV_2_16;
    l0 = Math.imul(b0, PHILOX_M0);
    h1 = y * A1H + Math.floor(y * A1L) * INV_2_16;
    l1 = Math.imul(b2, PHILOX_M1);
    b0 = h1 ^ b1 ^ k0;
    b1 = l1;
    b2 = h0 ^ b3 ^ k1;
    b3 = l0;

    x = d0 >>> 0;
    y = d2 >>> 0;
    h0 = x * A0H + Math.floor(x * A0L) * INV_2_16;
    l0 = Math.imul(d0, PHILOX_M0);
    h1 = y * A1H + Math.floor(y * A1L) * INV_2_16;
    l1 = Math.imul(d2, PHILOX_M1);
    d0 = h1 ^ d1 ^ k0;
    d1 = l1;
    d2 = h0 ^ d3 ^ k1;
    d3 = l0;

    x = e0 >>> 0;
    y = e2 >>> 0;
    h0 = x * A0H + Math.floor(x * A0L) * INV_2_16;
    l0 = Math.imul(e0, PHILOX_M0);
    h1 = y * A1H + Math.floor(y * A1L) * INV_2_16;
    l1 = Math.imul(e2, PHILOX_M1);
    e0 = h1 ^ e1 ^ k0;
    e1 = l1;
    e2 = h0 ^ e3 ^ k1;
    e3 = l0;

    k0 = (k0 + PHILOX_W0) | 0;
    k1 = (k1 + PHILOX_W1) | 0;
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
  out[4] = b0;
  out[5] = b1;
  out[6] = b2;
  out[7] = b3;
  out[8] = d0;
  out[9] = d1;
  out[10] = d2;
  out[11] = d3;
  out[12] = e0;
  out[13] = e1;
  out[14] = e2;
  out[15] = e3;
}

/**
 * Philox4x32-10: `out` ← Philox(ctr, key). ctr: 4 uint32, key: 2 uint32, out: 4 uint32.
 * Element values are taken modulo 2^32 (>>> 0).
 */
export function philox4x32_10(ctr: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array): void {
  if (ctr.length < 4 || key.length < 2 || out.length < 4) {
    throw new RangeError('philox4x32_10: ctr needs 4 words, key 2 words, out 4 words');
  }
  philoxBlock(ctr[0] >>> 0, ctr[1] >>> 0, ctr[2] >>> 0, ctr[3] >>> 0, key[0] >>> 0, key[1] >>> 0, out);
}
