/**
 * The plots recorded in a verify report: `{ claims: [{ id, details: { plots?: Plot[] } }] }`. Reports written
 * before issue 16 kept the same object under `evidence` (now the name of what decided a verdict, a string);
 * such a report is still read, from `evidence.plots`.
 */
import type { Plot } from './plot.js';
import { PlotError, validatePlots } from './validate.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** the key of a claim row that holds its details: `details`, or `evidence` when it is an object (older reports) */
function detailsKey(claim: Record<string, unknown>): 'details' | 'evidence' | null {
  if (claim.details !== undefined) return 'details';
  return isObject(claim.evidence) ? 'evidence' : null;
}

/** every plot under claims[].details.plots, validated, in report order; a claim without plots is fine */
export function plotsFromReport(report: unknown): Plot[] {
  if (!isObject(report) || !Array.isArray(report.claims)) {
    throw new PlotError([{ field: 'claims', message: 'missing: expected a verify report { claims: [...] }' }]);
  }
  const inputs: unknown[] = [];
  const where: string[] = [];
  report.claims.forEach((claim: unknown, i: number) => {
    if (!isObject(claim)) throw new PlotError([{ field: `claims[${i}]`, message: 'expected an object' }]);
    const key = detailsKey(claim);
    if (key === null) return;
    const details = claim[key];
    if (details === null) return;
    if (!isObject(details)) throw new PlotError([{ field: `claims[${i}].${key}`, message: 'expected an object' }]);
    if (details.plots === undefined) return;
    if (!Array.isArray(details.plots)) throw new PlotError([{ field: `claims[${i}].${key}.plots`, message: 'expected an array of plots' }]);
    details.plots.forEach((p: unknown, j: number) => {
      inputs.push(p);
      where.push(`claims[${i}].${key}.plots[${j}]`);
    });
  });
  return validatePlots(inputs, (k) => where[k]);
}
