/**
 * Test-only reference implementation (no production code here).
 */
// ---------------------------------------------------------------------------
// Reference Philox4x32-10 in BigInt, written directly from the definition in
// Salmon et al., SC'11, §3.2 (round: (hi,lo)=M·c, c' = (hi1⊕c1⊕k0, lo1, hi0⊕c3⊕k1, lo0);
// key bump k += (W0, W1) between rounds). Deliberately slow and obvious.
// ---------------------------------------------------------------------------
const MASK = 0xffffffffn;

export function refPhilox(ctr: readonly number[], key: readonly number[]): number[] {
  let c = ctr.map((x) => BigInt(x >>> 0));
  let k0 = BigInt(key[0] >>> 0);
  let k1 = BigInt(key[1] >>> 0);
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      k0 = (k0 + 0x9e3779b9n) & MASK;
      k1 = (k1 + 0xbb67ae85n) & MASK;
    }
    const p0 = 0xd2511f53n * c[0];
    const p1 = 0xcd9e8d57n * c[2];
    c = [(p1 >> 32n) ^ c[1] ^ k0, p1 & MASK, (p0 >> 32n) ^ c[3] ^ k1, p0 & MASK];
  }
  return c.map((x) => Number(x));
}

/** Word w of trajectory i by the stream's defining formula, via the BigInt reference. */
export function refWord(key: readonly [number, number], i: number, w: number): number {
  const b = Math.floor(w / 4);
  const ctr = [b % 2 ** 32, Math.floor(b / 2 ** 32), i % 2 ** 32, Math.floor(i / 2 ** 32)];
  return refPhilox(ctr, key)[w % 4];
}
