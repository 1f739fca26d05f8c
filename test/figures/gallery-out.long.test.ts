/**
 * `escapelab figures --out`: an earlier gallery is refused without --force and replaced with it (its stale figures
 * removed); the defaults resolve under the package root and ship with the package; zoomed axes (Axis.domain).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIGURES_FROM, DEFAULT_FIGURES_OUT, PACKAGE_ROOT, figurePaths } from '../../src/cli/figures.js';
import { galleryIds, removeGallery } from '../../src/figures/files.js';
import { renderSvg } from '../../src/figures/render.js';
import { validatePlot } from '../../src/figures/validate.js';
import type { Plot } from '../../src/figures/plot.js';
import { samplePlot, specOf } from './fixtures.js';
import { escapelab } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'figures-out-'));

function reportWith(dir: string, plots: Plot[]): string {
  const from = join(dir, 'report.json');
  writeFileSync(from, JSON.stringify({ claims: [{ id: 'c0', details: { plots } }] }));
  return from;
}

describe('escapelab figures --out with an earlier gallery', () => {
  it('is refused without --force (exit 2 naming --out and --force), then replaced with it, stale figures removed', async () => {
    const dir = tmp(), out = join(dir, 'gallery');
    const two = reportWith(dir, [samplePlot(), { ...samplePlot(), id: 'stale-one' }]);
    expect((await escapelab(['figures', '--from', two, '--out', out])).code).toBe(0);
    writeFileSync(join(out, 'mine.txt'), 'not escapelab\'s');
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify({ claims: [{ id: 'c0', details: { plots: [samplePlot()] } }] }));

    const refused = await escapelab(['figures', '--from', one, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--out: ${out} already holds a gallery of 2 figures (index.md); add --force to replace it`);
    expect(readdirSync(out)).toContain('stale-one.svg');

    const forced = await escapelab(['figures', '--from', one, '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['index.md', 'mine.txt', 'sample-escape.png', 'sample-escape.svg']);
    expect(galleryIds(out)).toEqual(['sample-escape']);
  });

  it('refuses to overwrite figure files of the same name even without an index', async () => {
    const dir = tmp(), out = join(dir, 'bare');
    mkdirSync(out);
    writeFileSync(join(out, 'sample-escape.svg'), '<svg/>');
    const r = await escapelab(['figures', '--from', reportWith(dir, [samplePlot()]), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .* already holds figures this run would overwrite \(.*sample-escape\.svg\)/);
    expect(readFileSync(join(out, 'sample-escape.svg'), 'utf8')).toBe('<svg/>');
  });

  it('refuses an --out it cannot write into, before drawing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain'), '');
    const r = await escapelab(['figures', '--from', reportWith(dir, [samplePlot()]), '--out', join(dir, 'plain', 'sub')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out: cannot write into');
  });

  it('removeGallery removes only the figures its index links, and index.md', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'index.md'), '[![x](x.svg)](x.svg)\n[![sub](full/y.svg)](full/y.svg)\n');
    for (const f of ['x.svg', 'x.png', 'y.svg', 'other.svg']) writeFileSync(join(dir, f), '');
    expect(removeGallery(dir).map((f) => f.slice(dir.length + 1)).sort()).toEqual(['index.md', 'x.png', 'x.svg']);
    expect(readdirSync(dir).sort()).toEqual(['other.svg', 'y.svg']);
  });
});

describe('escapelab figures defaults', () => {
  it('resolve under the package root, not the working directory', () => {
    const p = figurePaths({});
    expect(p.from).toBe(join(PACKAGE_ROOT, DEFAULT_FIGURES_FROM));
    expect(p.out).toBe(join(PACKAGE_ROOT, DEFAULT_FIGURES_OUT));
    expect(existsSync(p.from)).toBe(true);
    expect(figurePaths({ from: 'a.json', out: 'b' })).toEqual({ from: 'a.json', out: 'b' });
  });

  it('an installation without docs/figures needs --out, and says so', () => {
    const root = tmp();
    expect(() => figurePaths({}, root)).toThrow(/^--out: no folder given, and the default docs\/figures .* is not in this installation .*; give --out DIR$/);
    expect(figurePaths({ out: 'x' }, root)).toEqual({ from: join(root, DEFAULT_FIGURES_FROM), out: 'x' });
  });

  it('the package ships the default report (package.json "files")', () => {
    const files = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files.some((f) => DEFAULT_FIGURES_FROM === f || DEFAULT_FIGURES_FROM.startsWith(`${f}/`))).toBe(true);
  });
});

describe('Axis.domain (a zoomed axis)', () => {
  const zoomed = (): Plot => ({ ...samplePlot(), y: { label: 'ratio', domain: [0.9, 1.1] } });

  it('sets the scale domain exactly and clips every layer', () => {
    type Layer = { encoding: { y: { scale: { domain?: number[] } } }; mark: { clip?: boolean } };
    const layers = (p: Plot) => specOf(p).layer as unknown as Layer[];
    for (const l of layers(zoomed())) {
      expect(l.encoding.y.scale.domain).toEqual([0.9, 1.1]);
      expect(l.mark.clip).toBe(true);
    }
    for (const l of layers(samplePlot())) expect(l.mark.clip).toBeUndefined();
  });

  it('is validated: lo < hi, and lo > 0 on a log axis', () => {
    expect(() => validatePlot({ ...samplePlot(), y: { label: 'r', domain: [1, 1] } })).toThrow("plot 'sample-escape'.y.domain: needs lo < hi (got [1, 1])");
    expect(() => validatePlot({ ...samplePlot(), y: { label: 'r', scale: 'log', domain: [0, 1] } })).toThrow('must be > 0 on a log axis');
  });

  it('renders without a Vega-Lite warning', async () => {
    expect(await renderSvg(zoomed())).toMatch(/^<svg /);
  });
});
