/** Plots for the figure tests, written out by hand. */
import type { Plot } from '../../src/figures/plot.js';

/** 5 points with CI bars, a 4-point line, a 3-point dashed line; log y */
export function samplePlot(): Plot {
  return {
    id: 'sample-escape',
    title: 'Sample escape times',
    x: { label: 'barrier height', unit: 'loss units' },
    y: { label: 'escape time', unit: 'iterations', scale: 'log' },
    series: [
      {
        name: 'Monte Carlo',
        style: 'points',
        points: [
          { x: 1, y: 30, lo: 25, hi: 36 },
          { x: 2, y: 85, lo: 70, hi: 99 },
          { x: 3, y: 240, lo: 200, hi: 290 },
          { x: 4, y: 650, lo: 560, hi: 760 },
          { x: 5, y: 1800, lo: 1500, hi: 2100 },
        ],
      },
      { name: 'exact', style: 'line', points: [{ x: 1, y: 28 }, { x: 2, y: 80 }, { x: 3, y: 225 }, { x: 5, y: 1700 }] },
      { name: 'Kramers', style: 'dashed', points: [{ x: 1, y: 20 }, { x: 3, y: 200 }, { x: 5, y: 1650 }] },
    ],
    note: 'A sample note.',
  };
}

/** a deep copy to mutate */
export const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
