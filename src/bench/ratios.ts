/**
 * The ratio columns of `escapelab bench`: a row's steps/s over a base row's (cpu, workers, c-philox, c-ziggurat,
 * numpy). A base that did not run here (not selected by --only, unavailable: no gcc, no NumPy, its source absent)
 * gives no ratio: the column is left out of the row, never NaN, and `bases` says why.
 */

/** the base rows: ratio key → the row (impl) it divides by */
export const RATIO_BASES = { vsCpu: 'cpu', vsWorkers: 'workers', vsCPhilox: 'c-philox', vsCXoshiro: 'c-ziggurat', vsNumpy: 'numpy' } as const;
export type RatioKey = keyof typeof RATIO_BASES;

/** what a base row gave: its rate, or why there is none */
export type Base = { impl: string; stepsPerSecond: number } | { impl: string; missing: string };

interface RowLike { impl: string; stepsPerSecond?: number; unavailable?: string }

/** each base's rate, or the reason it has none: not run (--only), unavailable (with the row's reason), no rate */
export function ratioBases(rows: RowLike[]): Record<RatioKey, Base> {
  const out = {} as Record<RatioKey, Base>;
  for (const [key, impl] of Object.entries(RATIO_BASES) as [RatioKey, string][]) {
    const r = rows.find((x) => x.impl === impl);
    if (!r) out[key] = { impl, missing: `the ${impl} row was not run (--only)` };
    else if (r.unavailable !== undefined) out[key] = { impl, missing: `${impl} unavailable: ${r.unavailable}` };
    else if (!(typeof r.stepsPerSecond === 'number' && Number.isFinite(r.stepsPerSecond) && r.stepsPerSecond > 0)) out[key] = { impl, missing: `${impl} gave no rate` };
    else out[key] = { impl, stepsPerSecond: r.stepsPerSecond };
  }
  return out;
}

/** the ratios of a rate to every base that has one (the others are absent) */
export function ratiosOf(stepsPerSecond: number, bases: Record<RatioKey, Base>): Partial<Record<RatioKey, number>> {
  const out: Partial<Record<RatioKey, number>> = {};
  if (!Number.isFinite(stepsPerSecond)) return out;
  for (const [key, b] of Object.entries(bases) as [RatioKey, Base][]) if ('stepsPerSecond' in b) out[key] = stepsPerSecond / b.stepsPerSecond;
  return out;
}

/** one line per base without a rate, for under the tables: which columns are empty and why */
export function missingBaseLines(bases: Record<RatioKey, Base>, columns: Partial<Record<RatioKey, string>>): string[] {
  return (Object.entries(bases) as [RatioKey, Base][]).filter(([k, b]) => 'missing' in b && columns[k]).map(([k, b]) => `${columns[k]}: no ratio ('–'): ${(b as { missing: string }).missing}`);
}
