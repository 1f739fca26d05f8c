/** Plots for the figure tests, written out by hand. */
import type { Plot } from '../../src/figures/plot.js';
import { plotToVegaLite } from '../../src/figures/spec.js';

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

/**
 * A plot as parsed JSON, to break on purpose: every leaf is `unknown` (set it to anything, or delete it) and
 * every object takes unknown keys. Hand it to a typed API with `as unknown as Plot`.
 */
export type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { [K in keyof T]: Loose<NonNullable<T[K]>> } & { [key: string]: unknown }
    : unknown;

/** a deep copy of a plot, to break */
export const looseCopy = (p: Plot): Loose<Plot> => copy(p) as unknown as Loose<Plot>;

/** The parts of plotToVegaLite's layered spec that the tests read (vega-lite's TopLevelSpec is a wide union) */
export interface SpecView {
  title: string;
  data: { values: { series: string; style: string; x: number; y: number; lo: number | null; hi: number | null }[] };
  layer: LayerView[];
  config: { font: string; axis: { labelFontSize: number } };
}

export interface LayerView {
  name: string;
  mark: { type: string; interpolate?: string; strokeDash?: number[] };
  encoding: Record<'x' | 'y' | 'y2', ChannelView> & { color: { scale: { domain: string[]; range: string[] } } };
  transform: unknown[];
}

export interface ChannelView {
  field: string;
  title: string;
  scale: { type: string };
  axis: unknown;
}

/** plotToVegaLite(p), seen through SpecView */
export const specOf = (p: Plot): SpecView => plotToVegaLite(p) as unknown as SpecView;
