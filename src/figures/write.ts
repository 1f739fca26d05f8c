/** Writes `<id>.svg` and `<id>.png` for each plot into a folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plot } from './plot.js';
import { renderPng, renderSvg } from './render.js';
import { validatePlots } from './validate.js';

/** PNG pixels per SVG px in written figures: 1280×800, sharp on high-density screens */
export const WRITE_PNG_SCALE = 2;

export async function writeFigures(plots: Plot[], outDir: string, opts: { scale?: number } = {}): Promise<{ svg: string[]; png: string[] }> {
  const valid = validatePlots(plots); // all checked (and ids distinct) before any file is written
  await mkdir(outDir, { recursive: true });
  const out = { svg: [] as string[], png: [] as string[] };
  for (const plot of valid) {
    const svg = await renderSvg(plot);
    const svgPath = join(outDir, `${plot.id}.svg`);
    const pngPath = join(outDir, `${plot.id}.png`);
    await writeFile(svgPath, svg);
    await writeFile(pngPath, await renderPng(svg, { scale: opts.scale ?? WRITE_PNG_SCALE }));
    out.svg.push(svgPath);
    out.png.push(pngPath);
  }
  return out;
}
