/** The plots recorded in a verify report: `{ claims: [{ id, evidence: { plots?: Plot[] } }] }`. */
import type { Plot } from './plot.js';
import { PlotError, validatePlots } from './validate.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** every plot under claims[].evidence.plots, validated, in report order; a claim without plots is fine */
export function plotsFromReport(report: unknown): Plot[] {
  if (!isObject(report) || !Array.isArray(report.claims)) {
    throw new PlotError([{ field: 'claims', message: 'missing: expected a verify report { claims: [...] }' }]);
  }
  const inputs: unknown[] = [];
  const where: string[] = [];
  report.claims.forEach((claim: unknown, i: number) => {
    if (!isObject(claim)) throw new PlotError([{ field: `claims[${i}]`, message: 'expected an object' }]);
    const evidence = claim.evidence;
    if (evidence === undefined) return;
    if (!isObject(evidence)) throw new PlotError([{ field: `claims[${i}].evidence`, message: 'expected an object' }]);
    if (evidence.plots === undefined) return;
    if (!Array.isArray(evidence.plots)) throw new PlotError([{ field: `claims[${i}].evidence.plots`, message: 'expected an array of plots' }]);
    evidence.plots.forEach((p: unknown, j: number) => {
      inputs.push(p);
      where.push(`claims[${i}].evidence.plots[${j}]`);
    });
  });
  return validatePlots(inputs, (k) => where[k]);
}
