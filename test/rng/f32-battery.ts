/**
 * Test-only: the statistical battery every uniform generator of the gpu.js backends must pass (issue 6 item 4),
 * applied to T streams × C draws. Null hypothesis of each statistic: the draws are i.i.d. uniform on 2²⁴
 * equally spaced levels in (0, 1] (what rng/f32gen.ts promises). Each statistic is a z-score or p-value;
 * the battery rejects at |z| > 4.5 (p = 6.8e-6) or p < 1e-4.
 */
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { ksPValue, ksStatistic } from './stats.js';

export interface Battery {
  /** Pearson χ² on 1024 equal bins (1023 df) */
  chi2: number;
  ksP: number;
  meanZ: number;
  varZ: number;
  serialZ: number[];
  crossZ: number;
  /** equal-value pairs among the first 2¹⁶ draws vs Poisson(n(n−1)/2/2²⁴): a 24-bit resolution test (Knuth's collision test) */
  collisionZ: number;
  collisions: number;
}

/** χ²(1023) acceptance region at two-sided p = 1e-4 */
const CHI2_LO = chisqQuantile(5e-5, 1023), CHI2_HI = chisqQuantile(1 - 5e-5, 1023);

export function uniformBattery(streams: ArrayLike<number>[]): Battery {
  const all: number[] = [];
  for (const s of streams) for (let k = 0; k < s.length; k++) all.push(s[k]);
  const n = all.length;
  const bins = 1024, counts = new Float64Array(bins);
  for (const u of all) counts[Math.min(bins - 1, Math.floor(u * bins))]++;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - n / bins) ** 2 / (n / bins);
  const sorted = Float64Array.from(all).sort();
  const ksP = ksPValue(ksStatistic(sorted, (x) => Math.min(1, Math.max(0, x))), n);
  let mean = 0;
  for (const u of all) mean += u;
  mean /= n;
  let v = 0;
  for (const u of all) v += (u - 0.5) ** 2;
  v /= n;
  // Var(u) = 1/12; Var((u − ½)²) = 1/80 − 1/144
  const meanZ = (mean - 0.5) / Math.sqrt(1 / 12 / n);
  const varZ = (v - 1 / 12) / Math.sqrt((1 / 80 - 1 / 144) / n);
  // correlation z = ρ̂·√m under independence
  const serialZ = [1, 2, 3].map((lag) => {
    let s = 0, m = 0;
    for (const st of streams) for (let k = lag; k < st.length; k++) { s += (st[k] - 0.5) * (st[k - lag] - 0.5); m++; }
    return (s / m) * 12 * Math.sqrt(m);
  });
  let cs = 0, cm = 0;
  for (let i = 1; i < streams.length; i++) {
    const a = streams[i], b = streams[i - 1];
    for (let k = 0; k < Math.min(a.length, b.length); k++) { cs += (a[k] - 0.5) * (b[k] - 0.5); cm++; }
  }
  const crossZ = (cs / cm) * 12 * Math.sqrt(cm);
  const nc = Math.min(n, 1 << 16);
  const seen = new Map<number, number>();
  let collisions = 0;
  for (let k = 0; k < nc; k++) {
    const c = seen.get(all[k]) ?? 0;
    collisions += c;
    seen.set(all[k], c + 1);
  }
  const lambda = (nc * (nc - 1)) / 2 / 2 ** 24;
  return {
    chi2, ksP, meanZ, varZ, serialZ, crossZ,
    collisions, collisionZ: (collisions - lambda) / Math.sqrt(lambda),
  };
}

/** every statistic inside its acceptance region */
export function batteryPasses(b: Battery): boolean {
  const z = [b.meanZ, b.varZ, ...b.serialZ, b.crossZ, b.collisionZ];
  return b.chi2 > CHI2_LO && b.chi2 < CHI2_HI && b.ksP >= 1e-4 && z.every((v) => Math.abs(v) <= 4.5);
}

/**
 * A float32 port (Math.fround after every operation) of gpu.js's GL Math.random, the shadertoy sin-hash of
 * plugins/math-random-uniformly-distributed.js:
 *   r = fract(sin(dot((n + 1)·(seed1·slide, seed2·shift), (12.9898, 78.233)))·43758.5453); shift = r; slide += r > ½ ? 9e-5 : 9e-4
 * with n the fragment's texture coordinate (thread + ½)/size. Returns `draws` values for thread (x, y).
 */
export function sinHashStream(x: number, y: number, size: [number, number], seeds: [number, number], draws: number): Float32Array {
  const f = Math.fround;
  const nx = f(f((x + 0.5) / size[0]) + 1), ny = f(f((y + 0.5) / size[1]) + 1);
  let shift = 1, slide = 1;
  const out = new Float32Array(draws);
  for (let k = 0; k < draws; k++) {
    const a = f(nx * f(seeds[0] * slide)), b = f(ny * f(seeds[1] * shift));
    const dot = f(f(a * f(12.9898)) + f(b * f(78.233)));
    const p = f(f(Math.sin(dot)) * f(43758.5453));
    const r = f(p - Math.floor(p));
    out[k] = r;
    shift = r;
    slide = f(slide + (r > 0.5 ? f(0.00009) : f(0.0009)));
  }
  return out;
}
