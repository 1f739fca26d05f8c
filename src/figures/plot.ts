/**
 * The figure data contract: what a claim's details carry (`details.plots` in a verify report) and what
 * `escapelab figures` draws. Plain JSON, so a report file can be re-rendered without re-running anything.
 */

/** One figure: its file stem, title, two axes and up to PALETTE.length series. */
export interface Plot {
  /** file stem of `<id>.svg` / `<id>.png`, e.g. 'sgd-exponential-flat' (letters, digits, '.', '_', '-') */
  id: string;
  title: string;
  x: Axis;
  y: Axis;
  series: Series[];
  /** caption shown under the figure in docs and reports (not drawn in the image) */
  note?: string;
}

export interface Axis {
  label: string;
  /** shown in brackets after the label: "escape time [iterations]" */
  unit?: string;
  /** default 'linear'; 'log' needs every value on the axis > 0 */
  scale?: AxisScale;
  /**
   * [lo, hi], lo < hi: the range shown (a zoom); marks outside it are cut at the frame. Default: fitted to the data.
   * On a log axis lo > 0.
   */
  domain?: [number, number];
}

export type AxisScale = 'linear' | 'log';

export interface Series {
  /** legend entry; unique within the plot */
  name: string;
  style: SeriesStyle;
  /** non-empty; lo ≤ y ≤ hi, given together, draw an error bar (any style) */
  points: SeriesPoint[];
}

export interface SeriesPoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

export const SERIES_STYLES = ['points', 'line', 'step', 'dashed'] as const;
export type SeriesStyle = (typeof SERIES_STYLES)[number];

/** axis title with the unit in brackets */
export function axisTitle(axis: Axis): string {
  return axis.unit ? `${axis.label} [${axis.unit}]` : axis.label;
}
