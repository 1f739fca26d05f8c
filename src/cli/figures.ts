/** `escapelab figures`: SVG + PNG of every plot recorded in a verify report, and a Markdown index of them. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { galleryMarkdown } from '../figures/gallery.js';
import type { Plot } from '../figures/plot.js';
import { plotsFromReport } from '../figures/report.js';
import { writeFigures } from '../figures/write.js';
import { PlotError } from '../figures/validate.js';
import { fail } from './common.js';

/** the report read when --from is not given */
export const DEFAULT_FIGURES_FROM = 'docs/data/report-quick.json';
/** the folder written when --out is not given */
export const DEFAULT_FIGURES_OUT = 'docs/figures';
/** the gallery written into the --out folder */
export const GALLERY_FILE = 'index.md';

async function readReport(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`--from: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`--from: ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function figuresCommand(opts: { from?: string; out?: string }): Promise<void> {
  const from = opts.from ?? DEFAULT_FIGURES_FROM;
  const out = opts.out ?? DEFAULT_FIGURES_OUT;
  let plots: Plot[];
  try {
    plots = plotsFromReport(await readReport(from));
  } catch (e) {
    fail(e instanceof PlotError ? new Error(`invalid plots in ${from}\n${e.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`) : e);
  }
  if (plots.length === 0) fail(new Error(`${from} has no plots (no claims[].details.plots): nothing to draw`));
  const t0 = performance.now();
  const files = await writeFigures(plots, out);
  const index = join(out, GALLERY_FILE);
  await writeFile(index, galleryMarkdown(plots, '.'));
  const ms = performance.now() - t0;
  process.stdout.write(`${plots.length} figure${plots.length === 1 ? '' : 's'} from ${from} → ${out} (SVG + PNG, ${ms.toFixed(0)} ms); index ${index}\n`);
  for (const f of files.svg) process.stdout.write(`  ${f}\n`);
}
