/**
 * Statistical tests of nextUniform / nextUint32 (fixed seed). Null hypothesis throughout:
 * the words are i.i.d. uniform on {0,…,2^32−1}. Reject at p < 1e-4 (χ², two-sided)
 * or |z| > 4.5 (p = 6.8e-6) for z-scores.
 */
import { describe, expect, it } from 'vitest';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { makeStream } from '../../src/rng/stream.js';

/** |z| > 4.5 ⇔ two-sided p < 6.8e-6 under N(0,1). */
const Z_CRIT = 4.5;

const N = 2 ** 22;
const stream = makeStream('uniform-tests', 'noise');
stream.seek(31, 0);
const U = new Float64Array(N);
for (let k = 0; k < N; k++) U[k] = stream.nextUniform();

describe('nextUniform', () => {
  it('lies strictly inside (0,1)', () => {
    let lo = 1, hi = 0;
    for (const u of U) {
      if (u < lo) lo = u;
      if (u > hi) hi = u;
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
  });

  it('χ² uniformity on 2^10 equal bins, n = 2^22 (H0: uniform; 1023 df, reject if p < 1e-4 two-sided)', () => {
    const K = 1024;
    const counts = new Float64Array(K);
    for (const u of U) counts[Math.floor(u * K)]++;
    const e = N / K;
    let stat = 0;
    for (const c of counts) stat += ((c - e) * (c - e)) / e;
    expect(stat, `χ² = ${stat}`).toBeLessThan(chisqQuantile(1 - 5e-5, K - 1));
    expect(stat, `χ² = ${stat}`).toBeGreaterThan(chisqQuantile(5e-5, K - 1));
  });

  it('lag-1 serial correlation (H0: independent; √n·ρ₁ ≈ N(0,1), reject |z| > 4.5)', () => {
    let c = 0, v = 0;
    for (let k = 0; k < N; k++) {
      const a = U[k] - 0.5;
      v += a * a;
      if (k + 1 < N) c += a * (U[k + 1] - 0.5);
    }
    const z = (c / v) * Math.sqrt(N);
    expect(Math.abs(z), `z = ${z}`).toBeLessThan(Z_CRIT);
  });

  it('each of the 32 bits of nextUint32 is 1 with probability ½ (H0: count ~ Bin(n, ½); reject |z| > 4.5)', () => {
    const s = makeStream('uniform-tests', 'bits');
    const ones = new Float64Array(32);
    for (let k = 0; k < N; k++) {
      const w = s.nextUint32();
      for (let b = 0; b < 32; b++) ones[b] += (w >>> b) & 1;
    }
    for (let b = 0; b < 32; b++) {
      const z = (ones[b] - N / 2) / Math.sqrt(N / 4);
      expect(Math.abs(z), `bit ${b}: z = ${z}`).toBeLessThan(Z_CRIT);
    }
  });
});
