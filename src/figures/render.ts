/** Headless rendering: Vega-Lite → Vega → SVG (no canvas), SVG → PNG with resvg and the shipped font. */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { fontFiles } from './font.js';
import { useShippedFontMetrics } from './metrics.js';
import type { Plot } from './plot.js';
import { plotToVegaLite } from './spec.js';
import { FONT_FAMILY } from './theme.js';

/** the Vega spec of a Vega-Lite spec; a compiler warning (a sign of a wrong spec) is an error */
export function compileVegaLite(spec: TopLevelSpec): vega.Spec {
  const warnings: string[] = [];
  const logger = {
    level: (): number => 2,
    error: (...a: unknown[]) => { throw new Error(`vega-lite: ${a.join(' ')}`); },
    warn: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const out = compile(spec, { logger: logger as never });
  if (warnings.length > 0) throw new Error(`vega-lite warned: ${warnings.join('; ')}`);
  return out.spec as vega.Spec;
}

/** the figure as a standalone SVG document */
export async function renderSvg(plot: Plot): Promise<string> {
  useShippedFontMetrics();
  const view = new vega.View(vega.parse(compileVegaLite(plotToVegaLite(plot))), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** pixels per SVG px (default 1: 640×400) */
  scale?: number;
}

/** a PNG of an SVG document (or of a plot, rendered to SVG first) */
export async function renderPng(input: string | Plot, opts: PngOptions = {}): Promise<Buffer> {
  const scale = opts.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`renderPng: scale must be a number > 0 (got ${scale})`);
  const svg = typeof input === 'string' ? input : await renderSvg(input);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}
