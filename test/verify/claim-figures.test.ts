/**
 * The figures of two claims, from recorded-shape data: discrete-vs-sde (a y = 1 reference line across the axis, the
 * three η → 0 limits drawn apart) and the convergence counterexample (the violation visible: R/bound on an axis
 * zoomed around 1, the violating horizon marked).
 */
import { describe, expect, it } from 'vitest';
import { discreteVsSdePlot, type LimitRow } from '../../src/verify/claims/discrete.js';
import { boundCounterexamplePlots, violations, zoomAroundOne } from '../../src/verify/claims/counterexample-plots.js';
import type { Counterexample } from '../../src/convergence/search.js';
import { renderSvg } from '../../src/figures/render.js';
import { validatePlot } from '../../src/figures/validate.js';
import { WIDTH } from '../../src/figures/theme.js';

/** the quick run's numbers (docs/data/report-quick.json, 2026-12-07) */
const ROWS: LimitRow[] = [
  { optimizer: 'sgd', etas: [0.1, 0.05, 0.025], ratios: [0.927, 0.944, 1.047], ratioCIs: [[0.87, 0.983], [0.884, 1.004], [0.984, 1.11]], limit: { estimate: 1.058, ci95: [0.982, 1.518] } },
  { optimizer: 'adam', etas: [0.3, 0.2, 0.15], ratios: [1.54, 1.313, 1.268], ratioCIs: [[1.441, 1.638], [1.231, 1.396], [1.187, 1.349]], limit: { estimate: 1.024, ci95: [0.629, 2.951] } },
  { optimizer: 'invadam', etas: [0.15, 0.1, 0.075], ratios: [0.86, 0.619, 0.478], ratioCIs: [[0.797, 0.924], [0.577, 0.662], [0.446, 0.509]], limit: { estimate: 0.275, ci95: [0.066, 0.343] } },
];

describe('discrete-vs-sde figure', () => {
  const plot = validatePlot(discreteVsSdePlot(ROWS));
  const xs = plot.series.flatMap((s) => s.points.map((p) => p.x));
  const span = Math.max(...xs) - Math.min(...xs);

  it('has a dashed y = 1 reference line across the whole η axis', () => {
    const ref = plot.series.find((s) => s.style === 'dashed')!;
    expect(ref.name).toBe('y = 1 (the SDE)');
    expect(ref.points.every((p) => p.y === 1)).toBe(true);
    expect(Math.min(...ref.points.map((p) => p.x))).toBe(Math.min(...xs));
    expect(Math.max(...ref.points.map((p) => p.x))).toBe(Math.max(...xs));
  });

  it('draws the three η → 0 limits apart (≥ 20 px at 640 px wide), each its own legend entry, left of every measured η', () => {
    const limits = plot.series.filter((s) => s.name.endsWith('limit η → 0'));
    expect(limits.map((s) => s.name)).toEqual(['sgd: limit η → 0', 'adam: limit η → 0', 'invadam: limit η → 0']);
    const lx = limits.map((s) => s.points[0].x).sort((a, b) => a - b);
    for (let i = 1; i < lx.length; i++) expect(((lx[i] - lx[i - 1]) / span) * WIDTH * 0.85).toBeGreaterThanOrEqual(20);
    expect(Math.max(...lx)).toBeLessThan(Math.min(...ROWS.flatMap((r) => r.etas)));
    limits.forEach((s, i) => expect(s.points[0]).toMatchObject({ y: ROWS[i].limit.estimate, lo: ROWS[i].limit.ci95[0], hi: ROWS[i].limit.ci95[1] }));
    expect(plot.note).toContain('sgd at 0, adam at -0.015, invadam at -0.03');
  });

  it('renders', async () => {
    expect(await renderSvg(plot)).toContain('y = 1 (the SDE)');
  });
});

/** the quick run's shrunk counterexample to Kingma & Ba's bound: R(3) = 0.0155029 > bound 0.0152738 */
const CE = {
  problem: { dim: 1, horizon: 100, slots: [{}, {}] }, horizon: 3, regret: 0.015502934654230138, bound: 0.015273801168101172,
  curve: [
    { t: 1, regret: 0, bound: 0.011933 }, { t: 2, regret: 0.0155029, bound: 0.0295661 }, { t: 3, regret: 0.015502934654230138, bound: 0.015273801168101172 },
    { t: 4, regret: 0.0155029, bound: 0.0364952 }, { t: 5, regret: 0.0155029, bound: 0.0163567 }, { t: 10, regret: 0.0155029, bound: 0.0507548 },
    { t: 55, regret: 0.0155029, bound: 0.0272283 }, { t: 100, regret: 0.0155029, bound: 0.1346704 },
  ],
} as unknown as Counterexample;

describe('counterexample figure', () => {
  const [ratio, curves] = boundCounterexamplePlots('bound-adam-kingma-ba', CE).map((p) => validatePlot(p));

  it('plots R(t)/bound(t) against the line R = bound, the violation marked', () => {
    expect(ratio.id).toBe('bound-adam-kingma-ba-counterexample');
    const marked = ratio.series.find((s) => s.name === 'violation: R(t) > bound(t)')!;
    expect(marked.points).toHaveLength(1);
    expect(marked.points[0].x).toBe(3);
    expect(marked.points[0].y).toBeCloseTo(1.015, 3);
    expect(ratio.series.find((s) => s.name === 'R = bound')!.points.every((p) => p.y === 1)).toBe(true);
    expect(ratio.note).toContain('R(3) = 0.0155029 > bound 0.0152738 (1.50% over)');
    expect(curves.id).toBe('bound-adam-kingma-ba-counterexample-curves');
  });

  it('zooms the y axis so that the violation spans at least 15% of its height', () => {
    const [lo, hi] = ratio.y.domain!;
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1.015);
    expect((1.015 - 1) / (hi - lo)).toBeGreaterThan(0.15); // 1.5% of a 0–1.02 axis would be 1.5%
  });

  it('zoomAroundOne: none without a violation; never below the smallest ratio', () => {
    expect(zoomAroundOne([0.2, 0.9, 1])).toBeUndefined();
    expect(zoomAroundOne([0.9, 1.5])).toEqual([0.9, 1.75]);
    expect(violations(CE.curve).map((c) => c.t)).toEqual([3]);
  });

  it('renders', async () => {
    expect(await renderSvg(ratio)).toMatch(/^<svg /);
  });
});
