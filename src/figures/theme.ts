/** The one look of every figure: size, font, colours (publication style, colour-blind safe). */

/** the font family named in the SVG; the same TTF is handed to the PNG rasterizer (font.ts) */
export const FONT_FAMILY = 'DejaVu Sans';

/** size of the whole figure (axes, title and legend included) in CSS px */
export const WIDTH = 640;
export const HEIGHT = 400;

/** Okabe–Ito colours, yellow last (weak on white); a plot has at most this many series */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000', '#F0E442'] as const;

/** Vega-Lite `config` block */
export const VEGA_LITE_CONFIG = {
  background: 'white',
  font: FONT_FAMILY,
  padding: 8,
  view: { stroke: null },
  title: { fontSize: 16, fontWeight: 'bold', anchor: 'start', color: '#111', offset: 10 },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    titleColor: '#111',
    labelColor: '#222',
    domainColor: '#444',
    tickColor: '#444',
    gridColor: '#e4e4e4',
    titlePadding: 8,
    labelSeparation: 6, // px between tick labels; closer ones are dropped (log axes crowd)
  },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 360, columnPadding: 16 },
  point: { size: 45, filled: true, opacity: 1 },
  line: { strokeWidth: 2 },
  errorbar: { thickness: 1.5, ticks: { size: 7 } },
} as const;
