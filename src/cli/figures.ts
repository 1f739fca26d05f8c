/** `escapelab figures`: SVG + PNG of every plot recorded in a verify report, and a Markdown index of them. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWritableFolder, figureFiles, GALLERY_FILE, galleryIds, removeGallery } from '../figures/files.js';
import { galleryMarkdown } from '../figures/gallery.js';
import type { Plot } from '../figures/plot.js';
import { plotsFromReport } from '../figures/report.js';
import { writeFigures } from '../figures/write.js';
import { PlotError } from '../figures/validate.js';
import { fail } from './common.js';

export { GALLERY_FILE };

/** the report read when --from is not given, relative to the package root (shipped with the package) */
export const DEFAULT_FIGURES_FROM = 'docs/data/report-quick.json';
/** the folder written when --out is not given, relative to the package root: the repository's own gallery */
export const DEFAULT_FIGURES_OUT = 'docs/figures';

/** the package root: the folder above src/ (under tsx) or dist/ (installed), where package.json is */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The folders and files of a run: --from and --out as given (relative to the working directory), else the defaults
 * under the package root. The default --out is the repository's docs/figures, which an installed package does not
 * have: there --out must be given.
 */
export function figurePaths(opts: { from?: string; out?: string }, root = PACKAGE_ROOT): { from: string; out: string } {
  const from = opts.from ?? join(root, DEFAULT_FIGURES_FROM);
  if (opts.out !== undefined) return { from, out: opts.out };
  const out = join(root, DEFAULT_FIGURES_OUT);
  if (!existsSync(out)) throw new Error(`--out: no folder given, and the default ${DEFAULT_FIGURES_OUT} (the repository's gallery) is not in this installation (${resolve(root)}); give --out DIR`);
  return { from, out };
}

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

/**
 * A folder holding an earlier gallery (index.md) or any file this run would write is refused without --force; with
 * it, the earlier gallery's figures (those its index.md links) and index.md are removed first, so no stale figure is
 * left beside the new index. Other files in the folder are never touched.
 */
function prepareOut(out: string, plots: Plot[], force: boolean): void {
  const earlier = existsSync(join(out, GALLERY_FILE)) ? [join(out, GALLERY_FILE)] : [];
  const clash = [...earlier, ...figureFiles(out, plots.map((p) => p.id))];
  if (clash.length && !force) {
    const n = galleryIds(out).length;
    throw new Error(`--out: ${out} already holds ${earlier.length ? `a gallery of ${n} figure${n === 1 ? '' : 's'} (${GALLERY_FILE})` : `figures this run would overwrite (${clash.slice(0, 3).join(', ')}${clash.length > 3 ? ', …' : ''})`}; `
      + 'add --force to replace it (the earlier gallery\'s figures are removed first), or give another --out');
  }
  ensureWritableFolder(out, '--out');
  if (force) removeGallery(out);
}

export async function figuresCommand(opts: { from?: string; out?: string; force?: boolean }): Promise<void> {
  let plots: Plot[] = [];
  let from = '', out = '';
  try {
    ({ from, out } = figurePaths(opts));
    plots = plotsFromReport(await readReport(from));
    if (plots.length === 0) throw new Error(`${from} has no plots (no claims[].details.plots): nothing to draw`);
    prepareOut(out, plots, opts.force === true);
  } catch (e) {
    fail(e instanceof PlotError ? new Error(`invalid plots in ${from}\n${e.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`) : e);
  }
  const t0 = performance.now();
  const files = await writeFigures(plots, out);
  const index = join(out, GALLERY_FILE);
  await writeFile(index, galleryMarkdown(plots, '.'));
  const ms = performance.now() - t0;
  process.stdout.write(`${plots.length} figure${plots.length === 1 ? '' : 's'} from ${from} → ${out} (SVG + PNG, ${ms.toFixed(0)} ms); index ${index}\n`);
  for (const f of files.svg) process.stdout.write(`  ${f}\n`);
}
