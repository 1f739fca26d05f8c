/** Plot → Vega-Lite spec: one mark layer per series style, plus an error-bar layer where lo/hi are given. */
import type { TopLevelSpec } from 'vega-lite';
import { axisTitle, SERIES_STYLES, type Axis, type Plot, type SeriesStyle } from './plot.js';
import { HEIGHT, PALETTE, VEGA_LITE_CONFIG, WIDTH } from './theme.js';
import { logTicks } from './ticks.js';
import { validatePlot } from './validate.js';

/** one data row per point; lo/hi are null where no error bar is drawn */
interface Row {
  series: string;
  style: SeriesStyle;
  x: number;
  y: number;
  lo: number | null;
  hi: number | null;
}

const MARKS: Record<SeriesStyle, Record<string, unknown>> = {
  points: { type: 'point' },
  line: { type: 'line' },
  step: { type: 'line', interpolate: 'step-after' },
  dashed: { type: 'line', strokeDash: [6, 4] },
};

/** the scale of an axis; `padding` keeps the end points (and their bars) off the frame; a `domain` is shown exactly */
function scale(axis: Axis): Record<string, unknown> {
  if (axis.domain) return axis.scale === 'log' ? { type: 'log', nice: false, domain: axis.domain } : { type: 'linear', zero: false, nice: false, domain: axis.domain };
  return axis.scale === 'log' ? { type: 'log', nice: false, padding: 12 } : { type: 'linear', zero: false, nice: false, padding: 12 };
}

/** explicit 1-2-5 or decade ticks on a log axis (`values` holds every number drawn on it); Vega's own otherwise */
function axisOf(axis: Axis, values: (number | null)[][]): Record<string, unknown> {
  if (axis.scale !== 'log') return {};
  const v = axis.domain ?? values.flat().filter((n): n is number => n !== null);
  const ticks = logTicks(Math.min(...v), Math.max(...v));
  return ticks ? { values: ticks } : {};
}

/** the Vega-Lite spec of a plot (validated first; throws PlotError naming the field) */
export function plotToVegaLite(input: Plot): TopLevelSpec {
  const plot = validatePlot(input);
  const rows: Row[] = plot.series.flatMap((s) =>
    s.points.map((q) => ({ series: s.name, style: s.style, x: q.x, y: q.y, lo: q.lo ?? null, hi: q.hi ?? null })),
  );
  const names = plot.series.map((s) => s.name);
  const x = { field: 'x', type: 'quantitative', title: axisTitle(plot.x), scale: scale(plot.x), axis: axisOf(plot.x, rows.map((r) => [r.x])) };
  const y = { type: 'quantitative', title: axisTitle(plot.y), scale: scale(plot.y), axis: axisOf(plot.y, rows.map((r) => [r.y, r.lo, r.hi])) };
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: PALETTE.slice(0, names.length) },
    legend: {
      orient: 'bottom',
      direction: 'horizontal',
      columns: Math.min(names.length, 3),
      symbolType: 'circle', // one symbol kind: per-series symbols conflict across layers in Vega-Lite
    },
  };

  const styles = SERIES_STYLES.filter((st) => plot.series.some((s) => s.style === st));
  // a zoomed axis cuts the marks outside its domain at the frame
  const clip = plot.x.domain || plot.y.domain ? { clip: true } : {};
  const layers: Record<string, unknown>[] = styles.map((st) => ({
    name: st,
    transform: [{ filter: { field: 'style', equal: st } }],
    mark: { ...MARKS[st], ...clip },
    encoding: { x, y: { ...y, field: 'y' }, color },
  }));
  if (rows.some((r) => r.lo !== null)) {
    layers.push({
      name: 'errorbars',
      transform: [{ filter: 'isValid(datum.lo)' }],
      mark: { type: 'errorbar', ticks: true, ...clip },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: plot.title,
    width: WIDTH,
    height: HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: rows },
    layer: layers,
    config: VEGA_LITE_CONFIG,
  } as unknown as TopLevelSpec; // built from loose records; compileVegaLite checks it
}
