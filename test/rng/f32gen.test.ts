/**
 * The float32-exact generator of the gpu.js backends (rng/f32gen.ts, issue 6 item 2). Exactness is checked
 * arithmetically (every Schrage step equals a·s mod m, with float32 rounding at every operation); the
 * statistics are a battery (f32-battery.ts) whose null hypothesis is i.i.d. uniform draws on 2²⁴ levels,
 * rejecting at |z| > 4.5 or p < 1e-4, at fixed seeds. gpu.js's GL Math.random (the sin-hash), ported to
 * float32 here on the CPU, must fail the same battery.
 */
import { describe, expect, it } from 'vitest';
import { F32Stream, F32_COMPONENTS, TWO24, advanceF32State, powmod, schrageStep, seedF32State } from '../../src/rng/f32gen.js';
import { batteryPasses, sinHashStream, uniformBattery } from './f32-battery.js';
import { ksPValue, ksStatistic, normCdf, normSf } from './stats.js';

/** factorisations of mⱼ − 1 (checked below by multiplying out) */
const FACTORS: Record<number, number[]> = {
  16777213: [2, 2, 3, 23, 89, 683], 16777199: [2, 17, 493447], 16777127: [2, 2357, 3559], 16776989: [2, 2, 4194247],
};

describe('float32-exact generator: arithmetic', () => {
  it('Schrage constants: r < q, a·q < 2²⁴, invq < 1/q; a is a primitive root (full period m − 1)', () => {
    for (const c of F32_COMPONENTS) {
      expect(c.r).toBeLessThan(c.q);
      expect(c.a * c.q).toBeLessThan(TWO24);
      expect(c.invq * c.q).toBeLessThan(1);
      const f = FACTORS[c.m];
      expect(f.reduce((x, y) => x * y, 1)).toBe(c.m - 1);
      for (const p of new Set(f)) expect(powmod(c.a, (c.m - 1) / p, c.m), `a^((m−1)/${p}) mod ${c.m}`).not.toBe(1);
    }
  });

  it('every Schrage step in float32 equals a·s mod m (s on a stride-61 grid and the top 20 000 states)', () => {
    let bad = 0, checked = 0;
    for (const c of F32_COMPONENTS) {
      const check = (s: number) => { checked++; if (schrageStep(s, c, Math.fround) !== (c.a * s) % c.m) bad++; };
      for (let s = 1; s < c.m; s += 61) check(s);
      for (let s = c.m - 20000; s < c.m; s++) check(s);
    }
    expect(checked).toBeGreaterThan(1e6);
    expect(bad).toBe(0);
  });

  it('float32 and float64 evaluation give identical uniforms (2¹⁸ draws over 16 streams)', () => {
    let diff = 0;
    for (let i = 0; i < 16; i++) {
      const a = F32Stream.forTrajectory([11, 12], i), b = F32Stream.forTrajectory([11, 12], i, { float32: true });
      for (let k = 0; k < 2 ** 14; k++) if (a.nextUniform() !== b.nextUniform()) diff++;
    }
    expect(diff).toBe(0);
  });

  it('jump-ahead by n equals n sequential draws; seeds lie in [1, m − 1] and depend on the trajectory', () => {
    for (const n of [0, 1, 3, 1000, 12288]) {
      const s = F32Stream.forTrajectory([3, 4], 77);
      for (let k = 0; k < n; k++) s.nextUniform();
      const j = seedF32State([3, 4], 77);
      advanceF32State(j, n);
      expect(Array.from(j)).toEqual(Array.from(s.state));
    }
    const a = seedF32State([3, 4], 0), b = seedF32State([3, 4], 1);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    for (let i = 0; i < 1000; i++) {
      const s = seedF32State([9, 9], i);
      s.forEach((v, j) => { expect(Number.isInteger(v)).toBe(true); expect(v).toBeGreaterThanOrEqual(1); expect(v).toBeLessThan(F32_COMPONENTS[j].m); });
    }
  });

  it('uniforms lie in (0, 1] on the 2⁻²⁴ grid', () => {
    const s = F32Stream.forTrajectory([1, 1], 0);
    for (let k = 0; k < 1e5; k++) {
      const u = s.nextUniform();
      expect(u > 0 && u <= 1 && Number.isInteger(u * TWO24)).toBe(true);
    }
  });
});

describe('float32-exact generator: statistics (64 streams × 4096 draws)', () => {
  const streams = Array.from({ length: 64 }, (_, i) => {
    const s = F32Stream.forTrajectory([0xdead, 0xbeef], i);
    return Float64Array.from({ length: 4096 }, () => s.nextUniform());
  });

  it('passes the battery: χ², KS, mean, variance, lag-1…3 serial and cross-stream correlation, 24-bit collisions', () => {
    const b = uniformBattery(streams);
    console.log('f32 generator battery', JSON.stringify(b));
    expect(batteryPasses(b), JSON.stringify(b)).toBe(true);
  });

  it('Box–Muller normals: KS against Φ, moments and tail frequencies (n = 2¹⁸; H0: N(0,1) up to the 5.77σ cut)', () => {
    const n = 2 ** 18;
    const s = F32Stream.forTrajectory([21, 22], 5);
    const z = new Float64Array(n);
    for (let k = 0; k < n; k++) z[k] = s.nextNormal();
    const sorted = Float64Array.from(z).sort();
    expect(ksPValue(ksStatistic(sorted, normCdf), n)).toBeGreaterThan(1e-4);
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (const v of z) { m1 += v; m2 += v * v; m3 += v ** 3; m4 += v ** 4; }
    m1 /= n; m2 /= n; m3 /= n; m4 /= n;
    // standard errors under N(0,1): mean 1/√n, E z² √(2/n), E z³ √(15/n), E z⁴ √(96/n)
    expect(Math.abs(m1) * Math.sqrt(n)).toBeLessThan(4.5);
    expect(Math.abs(m2 - 1) / Math.sqrt(2 / n)).toBeLessThan(4.5);
    expect(Math.abs(m3) / Math.sqrt(15 / n)).toBeLessThan(4.5);
    expect(Math.abs(m4 - 3) / Math.sqrt(96 / n)).toBeLessThan(4.5);
    for (const t of [2, 3, 4]) {
      const count = z.filter((v) => Math.abs(v) > t).length;
      const p = 2 * normSf(t), e = n * p;
      expect(Math.abs(count - e) / Math.sqrt(e * (1 - p)), `|z| > ${t}: ${count} vs ${e.toFixed(1)}`).toBeLessThan(4.5);
    }
    expect(z.reduce((a, v) => Math.max(a, Math.abs(v)), 0)).toBeLessThanOrEqual(Math.sqrt(2 * 24 * Math.LN2) + 1e-6);
  });

  it("gpu.js's GL sin-hash (float32 port on the CPU) fails the same battery: ~12-bit resolution, χ² far out", () => {
    const sh = Array.from({ length: 64 }, (_, i) => sinHashStream(0, i, [1, 64], [0.3719, 0.8123], 4096));
    const b = uniformBattery(sh);
    console.log('sin-hash battery', JSON.stringify(b));
    expect(batteryPasses(b)).toBe(false);
    expect(b.collisionZ).toBeGreaterThan(100);
  });
});
