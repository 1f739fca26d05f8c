import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ZIGGURAT_LAYERS,
  ZIGGURAT_R,
  ZIGGURAT_V,
  ZIG_K,
  ZIG_W,
  zigguratNormal,
  zigguratTables,
  type WordSource,
} from '../../src/rng/ziggurat.js';
import { normSf } from './stats.js';

const f = (x: number): number => Math.exp(-0.5 * x * x);
const T = zigguratTables();
const N = ZIGGURAT_LAYERS;

/** Word source that replays a fixed script and fails loudly if the sampler asks for more. */
class Script implements WordSource {
  used = 0;
  constructor(private readonly words: readonly number[]) {}
  nextUint32(): number {
    if (this.used >= this.words.length) throw new Error('script exhausted');
    return this.words[this.used++] >>> 0;
  }
}
const word = (u: number, layer: number, negative: boolean): number => ((u << 8) | (negative ? 0x80 : 0) | layer) >>> 0;

describe('ziggurat tables (from the defining equations)', () => {
  it('r and v agree with Marsaglia & Tsang (2000) for 128 layers: r = 3.442619855899, v = 9.91256303526217e-3', () => {
    expect(N).toBe(128);
    // The published r has 13 significant digits (|Δr| ≤ 5e-13 + our own error); v moves with
    // dv/dr = −r²·f(r) ≈ −0.032, and the published v was computed from the rounded r, so it may
    // differ from ours by |dv/dr|·|Δr| ≲ 1e-13.
    expect(Math.abs(ZIGGURAT_R - 3.442619855899)).toBeLessThan(5e-12);
    expect(Math.abs(ZIGGURAT_V - 9.91256303526217e-3)).toBeLessThan(2e-13);
  });

  it('base layer area r·f(r) + ∫_r^∞ f equals v (tail integral from an independent erf)', () => {
    const tail = Math.sqrt(2 * Math.PI) * normSf(ZIGGURAT_R);
    expect(Math.abs(ZIGGURAT_R * f(ZIGGURAT_R) + tail - ZIGGURAT_V) / ZIGGURAT_V).toBeLessThan(1e-11);
    expect(T.x[0] * f(ZIGGURAT_R)).toBeCloseTo(ZIGGURAT_V, 15);
  });

  it('every layer i ≥ 1 has area X_i·(f(X_{i+1}) − f(X_i)) = v, the top one included, and X is decreasing to 0', () => {
    expect(T.x[1]).toBe(ZIGGURAT_R);
    expect(T.x[N]).toBe(0);
    expect(T.fx[N]).toBe(1);
    for (let i = 1; i < N; i++) {
      expect(T.x[i + 1]).toBeLessThan(T.x[i]);
      const area = T.x[i] * (T.fx[i + 1] - T.fx[i]);
      expect(Math.abs(area - ZIGGURAT_V) / ZIGGURAT_V).toBeLessThan(1e-9);
    }
  });

  it('fast-path thresholds: u < K[j] ⇔ |(u+½)·W[j]| < X_{i+1}; sign bit flips the sign only', () => {
    for (let j = 0; j < 256; j++) {
      const i = j & 0x7f;
      const k = ZIG_K[j];
      expect(ZIG_K[j ^ 0x80]).toBe(k);
      expect(ZIG_W[j ^ 0x80]).toBe(-ZIG_W[j]);
      expect(Math.sign(ZIG_W[j])).toBe(j & 0x80 ? -1 : 1);
      if (k > 0) expect(Math.abs((k - 1 + 0.5) * ZIG_W[j])).toBeLessThan(T.x[i + 1]);
      if (k < 2 ** 24) expect(Math.abs((k + 0.5) * ZIG_W[j])).toBeGreaterThanOrEqual(T.x[i + 1]);
    }
    expect(ZIG_K[N - 1]).toBe(0); // the top layer has no inner rectangle: always the wedge test
  });
});

describe('ziggurat branches, driven by scripted words', () => {
  it('common path uses exactly one word and returns (u+½)·X_i·2^-24 with the sign bit', () => {
    const src = new Script([]);
    const i = 5;
    const w = word(1000, i, true);
    expect(zigguratNormal(w, src)).toBe(-(1000.5 * T.x[i] * 2 ** -24));
    expect(src.used).toBe(0);
  });

  it('tail: layer 0 beyond r goes to Marsaglia’s method; a rejected pair is redrawn', () => {
    const top = 2 ** 24 - 1; // cell just below X_0 > r
    // accept at once: U1 ≈ 1 (ξ ≈ 0), U2 ≈ 2^-33 (η large)
    let src = new Script([0xffffffff, 0]);
    const z = zigguratNormal(word(top, 0, false), src);
    expect(z).toBeGreaterThan(ZIGGURAT_R);
    expect(z - ZIGGURAT_R).toBeLessThan(1e-9);
    expect(src.used).toBe(2);
    // reject first: U1 ≈ 2^-33 (ξ ≈ 6.6, ξ² ≈ 44), U2 ≈ 1 (η ≈ 0) → 2η < ξ², then accept
    src = new Script([0, 0xffffffff, 0x80000000, 0x00010000]);
    const z2 = zigguratNormal(word(top, 0, true), src);
    const xi = -Math.log((0x80000000 + 0.5) * 2 ** -32) / ZIGGURAT_R;
    expect(z2).toBe(-(ZIGGURAT_R + xi));
    expect(src.used).toBe(4);
  });

  it('wedge: accepted when y < exp(−x²/2), otherwise the whole draw restarts', () => {
    const i = 64;
    const u = 2 ** 24 - 1; // x just below X_i, so outside the inner rectangle
    const x = (u + 0.5) * T.x[i] * 2 ** -24;
    expect(x).toBeGreaterThan(T.x[i + 1]);
    // y at the bottom of the layer (word 0): below the curve → accept x
    let src = new Script([0]);
    expect(zigguratNormal(word(u, i, false), src)).toBe(x);
    expect(src.used).toBe(1);
    // y at the top of the layer (word 2^32−1): above the curve → restart with a fresh word (fast path here)
    src = new Script([0xffffffff, word(7, 3, true)]);
    expect(zigguratNormal(word(u, i, false), src)).toBe(-(7.5 * T.x[3] * 2 ** -24));
    expect(src.used).toBe(2);
  });

  it('flipping the sign bit negates the result (rectangle, wedge, tail); after a wedge rejection both restart identically', () => {
    let restarts = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 64, maxLength: 64 }), (w, more) => {
        const sa = new Script(more);
        const sb = new Script(more);
        const a = zigguratNormal(w, sa);
        const b = zigguratNormal((w ^ 0x80) >>> 0, sb);
        if (!Number.isFinite(a) || sa.used !== sb.used) return false;
        // Layer 0 never restarts (tail loop keeps the sign); other layers use ≤ 1 extra word unless rejected.
        const restarted = (w & 0x7f) !== 0 && sa.used > 1;
        if (restarted) restarts++;
        return restarted ? a === b : a === -b;
      }),
      { numRuns: 20_000, seed: 13 },
    );
    expect(restarts).toBeGreaterThan(0); // the restart branch was exercised
  });
});
