// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs; not part of the TypeScript build).
//
// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, SC'11, §3.2), the same function as ../philox.ts, with the
// 32×32→64 products done as one 64-bit integer multiply:
//   round:  (hi0, lo0) = M0·c0,  (hi1, lo1) = M1·c2,   c' = (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0)
//   key bump between rounds: k0 += W0, k1 += W1 (mod 2^32); 10 rounds.
// Blocks are computed four at a time (four independent dependency chains), as CounterStream does.

const M0: u64 = 0xd2511f53;
const M1: u64 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;

/**
 * Words of `groups` groups of four consecutive blocks into memory at `out` (16 words = 64 bytes a group):
 * group g holds blocks b + 4g … b + 4g + 3 of trajectory t, block counter (b mod 2^32, ⌊b/2^32⌋, t mod 2^32,
 * ⌊t/2^32⌋), key (k0, k1). bLo must be ≡ 0 (mod 4); a carry into bHi is propagated between groups.
 */
export function philoxGroups(out: usize, groups: i32, bLo: u32, bHi: u32, tLo: u32, tHi: u32, k0: u32, k1: u32): void {
  for (let g = 0; g < groups; g++) {
    let a0 = bLo, a1 = bHi, a2 = tLo, a3 = tHi;
    let b0 = bLo + 1, b1 = bHi, b2 = tLo, b3 = tHi;
    let d0 = bLo + 2, d1 = bHi, d2 = tLo, d3 = tHi;
    let e0 = bLo + 3, e1 = bHi, e2 = tLo, e3 = tHi;
    let q0 = k0, q1 = k1;
    for (let r = 0; r < 10; r++) {
      let p0 = <u64>a0 * M0, p1 = <u64>a2 * M1;
      let n0 = <u32>(p1 >> 32) ^ a1 ^ q0, n2 = <u32>(p0 >> 32) ^ a3 ^ q1;
      a1 = <u32>p1; a3 = <u32>p0; a0 = n0; a2 = n2;
      p0 = <u64>b0 * M0; p1 = <u64>b2 * M1;
      n0 = <u32>(p1 >> 32) ^ b1 ^ q0; n2 = <u32>(p0 >> 32) ^ b3 ^ q1;
      b1 = <u32>p1; b3 = <u32>p0; b0 = n0; b2 = n2;
      p0 = <u64>d0 * M0; p1 = <u64>d2 * M1;
      n0 = <u32>(p1 >> 32) ^ d1 ^ q0; n2 = <u32>(p0 >> 32) ^ d3 ^ q1;
      d1 = <u32>p1; d3 = <u32>p0; d0 = n0; d2 = n2;
      p0 = <u64>e0 * M0; p1 = <u64>e2 * M1;
      n0 = <u32>(p1 >> 32) ^ e1 ^ q0; n2 = <u32>(p0 >> 32) ^ e3 ^ q1;
      e1 = <u32>p1; e3 = <u32>p0; e0 = n0; e2 = n2;
      q0 += W0; q1 += W1;
    }
    const o = out + (<usize>g << 6);
    store<u32>(o, a0); store<u32>(o, a1, 4); store<u32>(o, a2, 8); store<u32>(o, a3, 12);
    store<u32>(o, b0, 16); store<u32>(o, b1, 20); store<u32>(o, b2, 24); store<u32>(o, b3, 28);
    store<u32>(o, d0, 32); store<u32>(o, d1, 36); store<u32>(o, d2, 40); store<u32>(o, d3, 44);
    store<u32>(o, e0, 48); store<u32>(o, e1, 52); store<u32>(o, e2, 56); store<u32>(o, e3, 60);
    const nb = bLo + 4;
    if (nb < bLo) bHi++;
    bLo = nb;
  }
}
