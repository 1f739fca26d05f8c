/** writeFigures and `escapelab figures` end to end: files written, gallery, exit codes. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFigures } from '../../src/figures/write.js';
import type { Plot } from '../../src/figures/plot.js';
import { DEFAULT_FIGURES_FROM, DEFAULT_FIGURES_OUT } from '../../src/cli/figures.js';
import { looseCopy, samplePlot } from './fixtures.js';
import { escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-figures-'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('writeFigures', () => {
  it('writes <id>.svg and a 2× <id>.png per plot', async () => {
    const dir = join(tmp, 'write');
    const second = { ...samplePlot(), id: 'second' };
    const out = await writeFigures([samplePlot(), second], dir);
    expect(out.svg).toEqual([join(dir, 'sample-escape.svg'), join(dir, 'second.svg')]);
    expect(out.png).toEqual([join(dir, 'sample-escape.png'), join(dir, 'second.png')]);
    expect(readFileSync(out.svg[0], 'utf8')).toMatch(/^<svg /);
    const png = readFileSync(out.png[1]);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
  });

  it('writes nothing when one plot is invalid', async () => {
    const dir = join(tmp, 'none');
    const bad = looseCopy(samplePlot());
    bad.id = 'bad';
    bad.series[0].points[0].y = null;
    await expect(writeFigures([samplePlot(), bad as unknown as Plot], dir)).rejects.toThrow("plots[1] 'bad'.series[0].points[0].y");
    expect(existsSync(dir)).toBe(false);
  });
});

describe('escapelab figures', () => {
  it('defaults: --from docs/data/report-quick.json, --out docs/figures', () => {
    expect([DEFAULT_FIGURES_FROM, DEFAULT_FIGURES_OUT]).toEqual(['docs/data/report-quick.json', 'docs/figures']);
  });

  it('draws every plot under claims[].details.plots and writes index.md', async () => {
    const from = join(tmp, 'report.json');
    const out = join(tmp, 'figs');
    const other = { ...samplePlot(), id: 'other-plot', title: 'Other plot', note: 'Other note.' };
    const report = { claims: [{ id: 'c0', verdict: 'CONFIRMED', evidence: 'simulation', details: { plots: [samplePlot()] } }, { id: 'c1', details: { plots: [other] } }, { id: 'c2' }] };
    writeFileSync(from, JSON.stringify(report));
    const r = await escapelab(['figures', '--from', from, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 figures');
    expect(readdirSync(out).sort()).toEqual(['index.md', 'other-plot.png', 'other-plot.svg', 'sample-escape.png', 'sample-escape.svg']);
    const md = readFileSync(join(out, 'index.md'), 'utf8');
    expect(md).toContain('[![Sample escape times](sample-escape.svg)](sample-escape.svg)');
    expect(md).toContain('## Other plot');
    expect(md).toContain('Other note.');
    expect(readFileSync(join(out, 'other-plot.svg'), 'utf8')).toContain('>Other plot</text>');
  });

  it('exits 2 with a clear message when the report has no plots, or a bad one, or no file', async () => {
    const empty = join(tmp, 'empty.json');
    writeFileSync(empty, JSON.stringify({ claims: [{ id: 'c0', details: {} }] }));
    const r = await escapelab(['figures', '--from', empty, '--out', join(tmp, 'empty-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${empty} has no plots`);
    expect(existsSync(join(tmp, 'empty-out'))).toBe(false);

    const bad = join(tmp, 'bad.json');
    const p = looseCopy(samplePlot());
    p.x.scale = 'log';
    p.series[1].points[0].x = -1;
    writeFileSync(bad, JSON.stringify({ claims: [{ id: 'c0', details: { plots: [p] } }] }));
    const b = await escapelab(['figures', '--from', bad, '--out', join(tmp, 'bad-out')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`invalid plots in ${bad}`);
    expect(b.stderr).toContain("claims[0].details.plots[0] 'sample-escape'.series[1].points[0].x: must be > 0 on the log x axis (got -1)");

    const missing = await escapelab(['figures', '--from', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--from: cannot read .*nope\.json/);
  });
});
