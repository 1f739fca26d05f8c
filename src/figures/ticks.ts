/** Tick values for log axes: Vega's own crowd and its overlap pruning may drop a decade label. */

/** the values m·10^k (m in `mantissas`) within [min, max] */
function within(min: number, max: number, mantissas: number[]): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** k).toPrecision(12)); // 2 * 0.1 → 0.2, not 0.20000000000000001
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
}

/** the powers of ten within [min, max] when there are 3 or more, else the 1-2-5 steps; undefined if < 2 */
export function logTicks(min: number, max: number): number[] | undefined {
  if (!(min > 0 && max >= min && Number.isFinite(max))) return undefined;
  const decades = within(min, max, [1]);
  const ticks = decades.length >= 3 ? decades : within(min, max, [1, 2, 5]);
  return ticks.length >= 2 ? ticks : undefined; // too few inside the data: let Vega choose
}
