/** renderSvg / renderPng: what the SVG holds (counted), and PNGs that are the right size, not blank, with glyphs. */
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { Resvg } from '@resvg/resvg-js';
import { renderPng, renderSvg } from '../../src/figures/render.js';
import type { Plot } from '../../src/figures/plot.js';
import { samplePlot } from './fixtures.js';

/** the children of the first group whose class attribute matches `cls` whole (mark groups hold no nested <g>) */
function markGroup(svg: string, cls: string): string {
  const start = svg.search(new RegExp(`<g class="${cls}"`));
  expect(start, `no group with class ${cls}`).toBeGreaterThanOrEqual(0);
  const open = svg.indexOf('>', start) + 1;
  return svg.slice(open, svg.indexOf('</g>', open));
}
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
/** the text of every <text> element, entities decoded */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));

const png = (buf: Buffer) => PNG.sync.read(buf);
/** pixels (of the rows y0..y1) that differ between two same-size images */
function differing(a: PNG, b: PNG, y0 = 0, y1 = a.height): number {
  let n = 0;
  for (let i = y0 * a.width * 4; i < y1 * a.width * 4; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) n++;
  }
  return n;
}
/** pixels (of the rows y0..y1) darker than light grey: text and dark strokes */
function dark(img: PNG, y0 = 0, y1 = img.height): number {
  let n = 0;
  for (let i = y0 * img.width * 4; i < y1 * img.width * 4; i += 4) if (img.data[i] + img.data[i + 1] + img.data[i + 2] < 300) n++;
  return n;
}
const withoutText = (svg: string) => svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');

describe('renderSvg', async () => {
  const plot = samplePlot();
  const svg = await renderSvg(plot);

  it('is a 640×400 SVG document with a white background', () => {
    expect(svg).toMatch(/^<svg [^>]*width="640" height="400"/);
    expect(svg).toMatch(/<rect width="640" height="400" fill="white"\/>/);
  });

  it('holds the title, both axis titles with units, and the legend entries', () => {
    const t = texts(svg);
    expect(t).toContain('Sample escape times');
    expect(t).toContain('barrier height [loss units]');
    expect(t).toContain('escape time [iterations]');
    for (const name of ['Monte Carlo', 'exact', 'Kramers']) expect(t).toContain(name);
  });

  it('sets every text in the shipped font family, at 12 px or more', () => {
    const tags = [...svg.matchAll(/<text[^>]*>/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(10);
    for (const tag of tags) {
      expect(tag).toContain('font-family="DejaVu Sans"');
      expect(Number(/font-size="([\d.]+)px"/.exec(tag)?.[1])).toBeGreaterThanOrEqual(12);
    }
  });

  it('draws one symbol per point, one error bar per point with lo/hi, one path per line series', () => {
    expect(count(markGroup(svg, 'mark-symbol role-mark points_marks'), /<path /g)).toBe(5);
    expect(count(markGroup(svg, 'mark-rule role-mark errorbars_layer_\\d+_marks'), /<line /g)).toBe(5);
    expect(count(markGroup(svg, 'mark-line role-mark line_marks'), /<path /g)).toBe(1);
    expect(count(markGroup(svg, 'mark-line role-mark dashed_marks'), /<path /g)).toBe(1);
    expect(markGroup(svg, 'mark-line role-mark dashed_marks')).toMatch(/stroke-dasharray="6,4"/);
  });

  it('counts follow the data: 2 more points, 2 more symbols', async () => {
    const p: Plot = samplePlot();
    p.series[0].points.push({ x: 6, y: 5000 }, { x: 7, y: 9000, lo: 8000, hi: 11000 });
    const s = await renderSvg(p);
    expect(count(markGroup(s, 'mark-symbol role-mark points_marks'), /<path /g)).toBe(7);
    expect(count(markGroup(s, 'mark-rule role-mark errorbars_layer_\\d+_marks'), /<line /g)).toBe(6);
  });
});

describe('renderPng', async () => {
  const svg = await renderSvg(samplePlot());

  it('is a PNG of 640×400 at scale 1 and 1280×800 at scale 2', async () => {
    const one = await renderPng(svg);
    expect(one.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([one.readUInt32BE(16), one.readUInt32BE(20)]).toEqual([640, 400]); // IHDR width, height
    const two = png(await renderPng(samplePlot(), { scale: 2 }));
    expect([two.width, two.height]).toEqual([1280, 800]);
  });

  it('is not blank: a white background with the palette blue drawn on it', async () => {
    const img = png(await renderPng(svg));
    const [r, g, b] = img.data;
    expect([r, g, b]).toEqual([255, 255, 255]);
    let blue = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      // #0072B2 (Monte Carlo points and bars), allowing for anti-aliasing
      if (Math.abs(img.data[i] - 0x00) < 30 && Math.abs(img.data[i + 1] - 0x72) < 30 && Math.abs(img.data[i + 2] - 0xb2) < 30) blue++;
    }
    expect(blue).toBeGreaterThan(100);
  });

  it('renders the glyphs of the text (the title band is dark only where the title is)', async () => {
    const full = png(await renderPng(svg));
    const bare = png(await renderPng(withoutText(svg)));
    expect(differing(full, bare)).toBeGreaterThan(3000); // title, axis titles, tick labels, legend
    expect(dark(full, 0, 28)).toBeGreaterThan(300); // the 16 px bold title
    expect(dark(bare, 0, 28)).toBe(0);
  });

  it('the glyph check fails without a font (so it can catch a missing font)', () => {
    const noFont = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render().asPng();
    const bare = png(Buffer.from(new Resvg(withoutText(svg), { font: { loadSystemFonts: false, fontFiles: [] } }).render().asPng()));
    expect(differing(png(Buffer.from(noFont)), bare)).toBe(0);
  });

  it('refuses a bad scale', async () => {
    await expect(renderPng(svg, { scale: 0 })).rejects.toThrow('scale must be a number > 0 (got 0)');
  });
});
