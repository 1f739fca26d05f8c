/**
 * The figures of the network escape claims (issue 19): ln τ against a variable with the fitted line and the quadratic
 * approximation's ΔΦ (shifted by its mean offset from ln τ: the prefactor it does not compute), ln τ against 1/η per
 * sharpness, and the barrier slopes S = d ln τ/d(1/η) against h_max per optimizer (log–log: slope −k).
 */
import type { SelectivityFit } from '../../stats/index.js';
import type { NetPoint } from '../networks-escape.js';
import type { LineFit } from '../networks-fit.js';
import type { Plot, Series } from '../plot.js';

const ci = (p: NetPoint) => ({ lo: p.lnTau - 1.96 * p.se, hi: p.lnTau + 1.96 * p.se });

/** ln τ against x with the weighted line and the prediction ΔΦ + (mean ln τ − mean ΔΦ) */
export function lnTauPlot(id: string, title: string, points: NetPoint[], x: (p: NetPoint) => number, xLabel: string, fit: LineFit, note: string): Plot {
  const xs = points.map(x), lo = Math.min(...xs), hi = Math.max(...xs);
  const offset = points.reduce((a, p) => a + p.lnTau - p.predicted.deltaPhi, 0) / points.length;
  return {
    id, title, x: { label: xLabel }, y: { label: 'ln τ (AMS, 95% CI)', unit: 'τ in time units η·iterations' },
    series: [
      { name: 'SGD (AMS)', style: 'points', points: points.map((p) => ({ x: x(p), y: p.lnTau, ...ci(p) })) },
      { name: `fit: slope ${fit.slope.toPrecision(3)} [${fit.ci95[0].toPrecision(3)}, ${fit.ci95[1].toPrecision(3)}]`, style: 'line', points: [lo, hi].map((v) => ({ x: v, y: fit.intercept + fit.slope * v })) },
      { name: 'quadratic approx. ΔΦ + offset', style: 'dashed', points: [...points].sort((a, b) => x(a) - x(b)).map((p) => ({ x: x(p), y: p.predicted.deltaPhi + offset })) },
    ],
    note,
  };
}

/** ln τ against 1/η, one series per sharpness, with the slope S of the two-stage fit through each group's mean */
export function invEtaPlot(id: string, title: string, points: NetPoint[], fit: SelectivityFit): Plot {
  const hs = [...new Set(points.map((p) => p.h))].sort((a, b) => a - b);
  const series: Series[] = hs.flatMap((h) => {
    const at = points.filter((p) => p.h === h), s = fit.slopes.find((q) => q.h === h)!;
    const xs = at.map((p) => 1 / p.eta), xm = xs.reduce((a, b) => a + b, 0) / xs.length, ym = at.reduce((a, p) => a + p.lnTau, 0) / at.length;
    const label = `α = ${at[0].alpha.toPrecision(3)} (h_max = ${h.toPrecision(3)})`;
    return [
      { name: label, style: 'points' as const, points: at.map((p) => ({ x: 1 / p.eta, y: p.lnTau, ...ci(p) })) },
      { name: `${label}: S = ${s.value.toPrecision(3)}`, style: 'dashed' as const, points: [...xs].sort((a, b) => a - b).map((v) => ({ x: v, y: ym + s.value * (v - xm) })) },
    ];
  });
  return {
    id, title, x: { label: '1/η' }, y: { label: 'ln τ (AMS, 95% CI)' }, series: series.slice(0, 8),
    note: 'points: AMS estimates with 95% CIs; dashed: through each group\'s mean with the fitted slope S = d ln τ/d(1/η)',
  };
}

/** S = d ln τ/d(1/η) against h_max per optimizer (log–log), the fitted lines ln S = c − k ln h */
export function slopesPlot(id: string, title: string, rows: Array<{ label: string; fit: SelectivityFit }>): Plot {
  const series: Series[] = rows.flatMap((r) => {
    const s = r.fit.slopes, hs = s.map((q) => q.h);
    // the line through the slopes' weighted mean in ln h with slope −k
    let W = 0, mx = 0, my = 0;
    for (const q of s) { const w = (q.value / q.se) ** 2; W += w; mx += w * Math.log(q.h); my += w * Math.log(q.value); }
    mx /= W; my /= W;
    const k = r.fit.k.value;
    return [
      { name: `${r.label} (95% CI)`, style: 'points' as const, points: s.map((q) => ({ x: q.h, y: q.value, lo: q.value * Math.exp(-1.96 * q.se / q.value), hi: q.value * Math.exp(1.96 * q.se / q.value) })) },
      { name: `${r.label}: k = ${k.toFixed(2)}`, style: 'dashed' as const, points: [Math.min(...hs), Math.max(...hs)].map((h) => ({ x: h, y: Math.exp(my - k * (Math.log(h) - mx)) })) },
    ];
  });
  return {
    id, title, x: { label: 'sharpness h_max (θ = αφ: α² h_max(1))', scale: 'log' }, y: { label: 'S = d ln τ/d(1/η)', scale: 'log' }, series: series.slice(0, 8),
    note: 'the barrier slope per sharpness from the two-stage fit; a flat-minimum-selecting optimizer has S ∝ h^{−k} falling steeply (SGD k = 1, Adam ½, InvAdam 3/2 in the SDE models)',
  };
}
