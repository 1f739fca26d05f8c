// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs; not part of the TypeScript build).
//
// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, SC'11, §3.2), the same function as ../philox.ts, with the
// 32×32→64 products done as one 64-bit integer multiply:
//   round:  (hi0, lo0) = M0·c0,  (hi1, lo1) = M1·c2,   c' = (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0)
//   key bump between rounds: k0 += W0, k1 += W1 (mod 2^32); 10 rounds.
// Blocks are computed eight at a time with 128-bit SIMD (two vectors of four blocks: two independent dependency
// chains); the words are stored in the stream's order (block-major), as CounterStream reads them.

const M0: u64 = 0xd2511f53;
const M1: u64 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;

// Vector lane q holds block q's word, so one i64x2.extmul gives two blocks' 64-bit products; the high halves
// are gathered by a shuffle, the low halves are i32x4.mul.
// @ts-ignore: decorator
@inline function mulhi(a: v128, m: v128): v128 {
  const lo = i64x2.extmul_low_i32x4_u(a, m), hi = i64x2.extmul_high_i32x4_u(a, m);
  return i8x16.shuffle(lo, hi, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
}

// @ts-ignore: decorator
@inline function storeGroup(o: usize, c0: v128, c1: v128, c2: v128, c3: v128): void {
  // transpose: vector j holds word j of blocks 0…3; memory wants block-major order
  const t0 = i32x4.shuffle(c0, c1, 0, 4, 1, 5), t1 = i32x4.shuffle(c0, c1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(c2, c3, 0, 4, 1, 5), t3 = i32x4.shuffle(c2, c3, 2, 6, 3, 7);
  v128.store(o, i64x2.shuffle(t0, t2, 0, 2));
  v128.store(o, i64x2.shuffle(t0, t2, 1, 3), 16);
  v128.store(o, i64x2.shuffle(t1, t3, 0, 2), 32);
  v128.store(o, i64x2.shuffle(t1, t3, 1, 3), 48);
}

/**
 * Words of `groups` groups of four consecutive blocks into memory at `out` (16 words = 64 bytes a group): group g
 * holds blocks b + 4g … b + 4g + 3 of trajectory t, block counter (b mod 2^32, ⌊b/2^32⌋, t mod 2^32, ⌊t/2^32⌋),
 * key (k0, k1). bLo must be ≡ 0 (mod 4) and `groups` even; carries into bHi are propagated.
 */
export function philoxGroupsSimd(out: usize, groups: i32, bLo: u32, bHi: u32, tLo: u32, tHi: u32, k0: u32, k1: u32): void {
  const m0 = i32x4.splat(<i32>M0), m1 = i32x4.splat(<i32>M1);
  const c2i = i32x4.splat(<i32>tLo), c3i = i32x4.splat(<i32>tHi);
  for (let g = 0; g < groups; g += 2) {
    // block counters bLo + 0…7 as 64-bit numbers (a carry into bHi can happen between the two groups)
    const nb = bLo + 4;
    const bHi2 = nb < bLo ? bHi + 1 : bHi;
    let c0 = i32x4.add(i32x4.splat(<i32>bLo), i32x4(0, 1, 2, 3)), c1 = i32x4.splat(<i32>bHi);
    let e0 = i32x4.add(i32x4.splat(<i32>nb), i32x4(0, 1, 2, 3)), e1 = i32x4.splat(<i32>bHi2);
    let c2 = c2i, c3 = c3i, e2 = c2i, e3 = c3i;
    let q0 = k0, q1 = k1;
    for (let r = 0; r < 10; r++) {
      const k0v = i32x4.splat(<i32>q0), k1v = i32x4.splat(<i32>q1);
      const h0 = mulhi(c0, m0), l0 = i32x4.mul(c0, m0), h1 = mulhi(c2, m1), l1 = i32x4.mul(c2, m1);
      const g0 = mulhi(e0, m0), j0 = i32x4.mul(e0, m0), g1 = mulhi(e2, m1), j1 = i32x4.mul(e2, m1);
      c0 = v128.xor(v128.xor(h1, c1), k0v); c1 = l1; c2 = v128.xor(v128.xor(h0, c3), k1v); c3 = l0;
      e0 = v128.xor(v128.xor(g1, e1), k0v); e1 = j1; e2 = v128.xor(v128.xor(g0, e3), k1v); e3 = j0;
      q0 += W0; q1 += W1;
    }
    const o = out + (<usize>g << 6);
    storeGroup(o, c0, c1, c2, c3);
    storeGroup(o + 64, e0, e1, e2, e3);
    bLo = nb + 4;
    bHi = bLo < nb ? bHi2 + 1 : bHi2;
  }
}
