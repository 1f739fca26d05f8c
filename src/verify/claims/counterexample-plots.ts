/**
 * The figures of a convergence claim's counterexamples (src/convergence/search.ts):
 *   <id>-counterexample         R(t)/bound(t) on an axis zoomed around 1, so that a violation of a few percent, or
 *                               less, shows as a spike through the line R = bound;
 *   <id>-counterexample-curves  R(t) and bound(t) at full scale, the violating horizons marked;
 *   <id>-linear-regret          a linear-regret witness against t and √t growth.
 */
import type { Counterexample, CurvePoint } from '../../convergence/search.js';
import type { Plot } from '../plot.js';

const sig = (v: number) => v.toPrecision(6);

/**
 * The y range of the zoom: 1 (the bound) at about 70% of the height and the largest ratio near the top; it never
 * reaches below the smallest ratio drawn. A ratio ≤ 1 everywhere (no violation on the curve) gives no zoom.
 */
export function zoomAroundOne(ratios: number[]): [number, number] | undefined {
  const top = Math.max(...ratios), bottom = Math.min(...ratios);
  if (!(top > 1)) return undefined;
  const e = top - 1;
  return [Math.max(bottom, 1 - 4 * e), 1 + 1.5 * e];
}

/** the horizons of the curve where R(t) > bound(t) */
export function violations(curve: CurvePoint[]): CurvePoint[] {
  return curve.filter((c) => c.bound !== null && c.regret > c.bound);
}

/** the two figures of a bound violation: the ratio, zoomed, and the curves at full scale */
export function boundCounterexamplePlots(id: string, b: Counterexample): Plot[] {
  const pts = b.curve.filter((c) => c.t >= 1 && c.bound !== null && c.bound > 0);
  const ratio = pts.map((c) => ({ x: c.t, y: c.regret / c.bound! }));
  const bad = violations(pts);
  const worst = bad.reduce((w, c) => (c.regret / c.bound! > w.regret / w.bound! ? c : w), bad[0] ?? pts[0]);
  const over = ((worst.regret / worst.bound! - 1) * 100).toPrecision(3);
  const domain = zoomAroundOne(ratio.map((r) => r.y));
  const tRange = [pts[0].t, pts[pts.length - 1].t];
  const where = `d = ${b.problem.dim}, period ${b.problem.slots.length}, first violation at t = ${b.horizon}`;
  const numbers = `R(${worst.t}) = ${sig(worst.regret)} > bound ${sig(worst.bound!)} (${over}% over)`;
  const marked = bad.map((c) => ({ x: c.t, y: c.regret / c.bound! }));
  return [
    {
      id: `${id}-counterexample`, title: `${id}: shrunk counterexample, regret / bound`,
      x: { label: 'horizon t', unit: 'rounds', scale: 'log' },
      y: { label: 'regret / bound, R(t)/bound(t)', ...(domain ? { domain } : {}) },
      series: [
        { name: 'R(t)/bound(t)', style: 'line', points: ratio },
        ...(marked.length ? [{ name: 'violation: R(t) > bound(t)', style: 'points' as const, points: marked }] : []),
        { name: 'R = bound', style: 'dashed', points: tRange.map((x) => ({ x, y: 1 })) },
      ],
      note: `${numbers}; ${where}. Above the dashed line the theorem's bound is violated.${domain ? ` The y axis is zoomed to [${sig(domain[0])}, ${sig(domain[1])}]: the curve is cut where it leaves that range.` : ''} The curves at full scale: \`${id}-counterexample-curves\`.`,
    },
    {
      id: `${id}-counterexample-curves`, title: `${id}: shrunk counterexample, regret and bound`,
      x: { label: 'horizon t', unit: 'rounds', scale: 'log' }, y: { label: 'regret R(t)' },
      series: [
        { name: 'regret R(t)', style: 'line', points: pts.map((c) => ({ x: c.t, y: c.regret })) },
        { name: 'bound of the theorem', style: 'dashed', points: pts.map((c) => ({ x: c.t, y: c.bound! })) },
        ...(bad.length ? [{ name: 'violation: R(t) > bound(t)', style: 'points' as const, points: bad.map((c) => ({ x: c.t, y: c.regret })) }] : []),
      ],
      note: `${numbers}; ${where}. At this scale the violation is too small to see: the ratio is \`${id}-counterexample\`.`,
    },
  ];
}

/** a persistent linear-regret witness: R(t) against t and √t growth through its last point */
export function linearRegretPlot(id: string, w: Counterexample & { longCurve: CurvePoint[] }): Plot {
  const pts = w.longCurve.filter((c) => c.t >= 1 && c.regret > 0);
  const last = pts[pts.length - 1];
  return {
    id: `${id}-linear-regret`, title: `${id}: linear-regret witness`,
    x: { label: 'horizon t', unit: 'rounds', scale: 'log' }, y: { label: 'regret R(t)', scale: 'log' },
    series: [
      { name: 'regret R(t)', style: 'line', points: pts.map((c) => ({ x: c.t, y: c.regret })) },
      { name: '∝ t', style: 'dashed', points: pts.map((c) => ({ x: c.t, y: (last.regret * c.t) / last.t })) },
      { name: '∝ √t', style: 'dashed', points: pts.map((c) => ({ x: c.t, y: last.regret * Math.sqrt(c.t / last.t) })) },
    ],
    note: `persistent over 256× the horizon ${w.horizon}`,
  };
}
