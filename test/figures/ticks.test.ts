/** logTicks: decades when 3+ fit, else 1-2-5 steps, exact decimals, Vega's choice when fewer than 2. */
import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src/figures/ticks.js';
import { samplePlot, specOf } from './fixtures.js';

describe('logTicks', () => {
  it('1-2-5 steps when fewer than 3 decades lie inside', () => {
    expect(logTicks(20, 6000)).toEqual([20, 50, 100, 200, 500, 1000, 2000, 5000]);
    expect(logTicks(0.001, 0.03)).toEqual([0.001, 0.002, 0.005, 0.01, 0.02]);
  });
  it('only the decades when 3 or more lie inside', () => {
    expect(logTicks(0.5, 2e5)).toEqual([1, 10, 100, 1000, 10000, 100000]);
    expect(logTicks(1e-9, 1e-6)).toEqual([1e-9, 1e-8, 1e-7, 1e-6]);
  });
  it('undefined (Vega chooses) when fewer than 2 fit, or for a range a log axis cannot hold', () => {
    expect(logTicks(3, 4)).toBeUndefined();
    expect(logTicks(0, 10)).toBeUndefined();
    expect(logTicks(10, 1)).toBeUndefined();
  });
  it('the spec of a log axis lists them, counting lo/hi; a linear axis leaves ticks to Vega', () => {
    const spec = specOf(samplePlot()); // y from lo 20 to hi 2100, log
    expect(spec.layer[0].encoding.y.axis).toEqual({ values: [20, 50, 100, 200, 500, 1000, 2000] });
    expect(spec.layer[0].encoding.x.axis).toEqual({});
  });
});
