/** plotToVegaLite: axis titles, scales, one layer per style, error bars; validation names the field. */
import { describe, expect, it } from 'vitest';
import { plotToVegaLite } from '../../src/figures/spec.js';
import { PlotError, validatePlot, validatePlots } from '../../src/figures/validate.js';
import { plotsFromReport } from '../../src/figures/report.js';
import { galleryMarkdown } from '../../src/figures/gallery.js';
import type { Plot } from '../../src/figures/plot.js';
import { copy, looseCopy, samplePlot, specOf } from './fixtures.js';

const layersOf = (p: Plot) => specOf(p).layer;

describe('plotToVegaLite', () => {
  it('titles the axes with the unit in brackets, and a bare label without one', () => {
    const p = samplePlot();
    for (const l of layersOf(p)) {
      expect(l.encoding.x.title).toBe('barrier height [loss units]');
      expect(l.encoding.y.title).toBe('escape time [iterations]');
    }
    delete p.x.unit;
    expect(layersOf(p)[0].encoding.x.title).toBe('barrier height');
  });

  it('uses a log scale exactly on the axes that ask for one', () => {
    const p = samplePlot();
    for (const l of layersOf(p)) {
      expect(l.encoding.y.scale.type).toBe('log');
      expect(l.encoding.x.scale.type).toBe('linear');
    }
    p.x.scale = 'log';
    p.y.scale = 'linear';
    for (const l of layersOf(p)) {
      expect(l.encoding.x.scale.type).toBe('log');
      expect(l.encoding.y.scale.type).toBe('linear');
    }
  });

  it('has one mark layer per style present, each filtered to that style, plus one error-bar layer', () => {
    const layers = layersOf(samplePlot());
    expect(layers.map((l) => l.name)).toEqual(['points', 'line', 'dashed', 'errorbars']);
    expect(layers.map((l) => l.mark.type)).toEqual(['point', 'line', 'line', 'errorbar']);
    expect(layers[2].mark.strokeDash).toEqual([6, 4]);
    expect(layers[0].transform).toEqual([{ filter: { field: 'style', equal: 'points' } }]);
    const bars = layers[3];
    expect(bars.encoding.y.field).toBe('lo');
    expect(bars.encoding.y2.field).toBe('hi');
  });

  it('draws a step series as a step-after line, and no error-bar layer without lo/hi', () => {
    const p: Plot = { ...samplePlot(), series: [{ name: 'cdf', style: 'step', points: [{ x: 1, y: 1 }, { x: 2, y: 3 }] }] };
    const layers = layersOf(p);
    expect(layers.map((l) => [l.name, l.mark.type, l.mark.interpolate])).toEqual([['step', 'line', 'step-after']]);
  });

  it('puts every point in the data, with lo/hi null where absent, and colours series by name in order', () => {
    const spec = specOf(samplePlot());
    const rows = spec.data.values;
    expect(rows).toHaveLength(5 + 4 + 3);
    expect(rows.filter((r) => r.lo !== null)).toHaveLength(5);
    expect(rows[5]).toEqual({ series: 'exact', style: 'line', x: 1, y: 28, lo: null, hi: null });
    const color = spec.layer[0].encoding.color;
    expect(color.scale.domain).toEqual(['Monte Carlo', 'exact', 'Kramers']);
    expect(new Set(color.scale.range).size).toBe(3);
    expect(spec.title).toBe('Sample escape times');
    expect(spec.config.font).toBe('DejaVu Sans');
    expect(spec.config.axis.labelFontSize).toBeGreaterThanOrEqual(12);
  });
});

/** the problems of an invalid plot, as "field: message" lines */
function problems(input: unknown): string[] {
  try {
    validatePlot(input);
  } catch (e) {
    expect(e).toBeInstanceOf(PlotError);
    return (e as PlotError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected a PlotError');
}

describe('validation names the plot and the field', () => {
  it('accepts the sample', () => {
    expect(validatePlot(samplePlot())).toEqual(samplePlot());
  });

  it('non-finite numbers (null after JSON), missing fields, unknown keys and styles', () => {
    const p = looseCopy(samplePlot());
    p.series[0].points[2].y = null;
    p.series[1].points[0].x = Number.NaN;
    p.series[2].style = 'bars';
    delete p.title;
    p.x.units = 'typo';
    const got = problems(p).join('\n');
    expect(got).toContain("plot 'sample-escape'.series[0].points[2].y:");
    expect(got).toContain("plot 'sample-escape'.series[1].points[0].x:");
    expect(got).toContain("plot 'sample-escape'.series[2].style:");
    expect(got).toContain("plot 'sample-escape'.title:");
    expect(got).toMatch(/plot 'sample-escape'\.x: .*units/);
    expect(plotToVegaLite.bind(null, p as unknown as Plot)).toThrow(PlotError);
  });

  it('Infinity is refused like NaN', () => {
    const p = copy(samplePlot());
    p.series[1].points[1].y = Infinity;
    expect(problems(p)).toEqual([expect.stringMatching(/^plot 'sample-escape'\.series\[1\]\.points\[1\]\.y: /)]);
  });

  it('empty series list and a series with no points', () => {
    expect(problems({ ...samplePlot(), series: [] })).toEqual(["plot 'sample-escape'.series: needs at least one series"]);
    const p = samplePlot();
    p.series[1].points = [];
    expect(problems(p)).toEqual(["plot 'sample-escape'.series[1].points: needs at least one point"]);
  });

  it('lo ≤ y ≤ hi, and lo with hi', () => {
    const p = samplePlot();
    p.series[0].points[1] = { x: 2, y: 85, lo: 90, hi: 99 };
    delete p.series[0].points[3].hi;
    expect(problems(p)).toEqual([
      "plot 'sample-escape'.series[0].points[1]: needs lo ≤ y ≤ hi (got lo 90, y 85, hi 99)",
      "plot 'sample-escape'.series[0].points[3].hi: lo and hi must be given together",
    ]);
  });

  it('values ≤ 0 on a log axis', () => {
    const p = samplePlot();
    p.series[0].points[0] = { x: 1, y: 3, lo: 0, hi: 5 };
    p.series[1].points[2].y = -1;
    p.x.scale = 'log';
    p.series[2].points[0].x = 0;
    expect(problems(p)).toEqual([
      "plot 'sample-escape'.series[0].points[0].lo: must be > 0 on the log y axis (got 0)",
      "plot 'sample-escape'.series[1].points[2].y: must be > 0 on the log y axis (got -1)",
      "plot 'sample-escape'.series[2].points[0].x: must be > 0 on the log x axis (got 0)",
    ]);
  });

  it('bad ids, duplicate series names, too many series, duplicate plot ids', () => {
    expect(problems({ ...samplePlot(), id: '../escape' })[0]).toMatch(/^plot '\.\.\/escape'\.id: must be a file stem/);
    const p = samplePlot();
    p.series[2].name = 'exact';
    expect(problems(p)).toEqual(["plot 'sample-escape'.series[2].name: duplicate series name 'exact'"]);
    const many = samplePlot();
    many.series = Array.from({ length: 9 }, (_, i) => ({ name: `s${i}`, style: 'line' as const, points: [{ x: 1, y: 1 }] }));
    expect(problems(many)).toEqual(["plot 'sample-escape'.series: at most 8 series (one colour each)"]);
    expect(() => validatePlots([samplePlot(), samplePlot()])).toThrow("plots[1].id: duplicate plot id 'sample-escape' (also plots[0])");
  });
});

describe('plotsFromReport', () => {
  it('collects claims[].details.plots in order, skipping claims without plots or with null details', () => {
    const a = samplePlot();
    const b = { ...samplePlot(), id: 'second', title: 'Second' };
    const report = { claims: [
      { id: 'c0', evidence: 'simulation', details: { plots: [a] } }, { id: 'c1' }, { id: 'c2', evidence: 'quadrature', details: {} },
      { id: 'c3', details: null }, { id: 'c4', evidence: 'search', details: { plots: [b] } },
    ] };
    expect(plotsFromReport(report).map((p) => p.id)).toEqual(['sample-escape', 'second']);
  });

  it('reads a report written before issue 16, whose details were under `evidence`', () => {
    const report = { claims: [{ id: 'c0', evidence: { plots: [samplePlot()] } }, { id: 'c1', evidence: null }] };
    expect(plotsFromReport(report).map((p) => p.id)).toEqual(['sample-escape']);
  });

  it('names the claim and plot of a bad entry', () => {
    const bad = looseCopy(samplePlot());
    bad.y.scale = 'logarithmic';
    expect(() => plotsFromReport({ claims: [{ id: 'c0' }, { id: 'c1', details: { plots: [samplePlot(), bad] } }] })).toThrow(
      /claims\[1\]\.details\.plots\[1\] 'sample-escape'\.y\.scale: /,
    );
    expect(() => plotsFromReport({ claims: [{ id: 'c0', details: { plots: {} } }] })).toThrow('claims[0].details.plots: expected an array of plots');
    expect(() => plotsFromReport({ claims: [{ id: 'c0', evidence: { plots: {} } }] })).toThrow('claims[0].evidence.plots: expected an array of plots');
    expect(() => plotsFromReport({ results: [] })).toThrow(/^claims: missing/);
  });
});

describe('galleryMarkdown', () => {
  it('lists each figure with its title, linked SVG and note', () => {
    const a = samplePlot();
    const b: Plot = { ...samplePlot(), id: 'b-plot', title: 'Title [with brackets]' };
    delete b.note;
    const md = galleryMarkdown([a, b], 'figures/');
    expect(md).toContain('## Sample escape times\n\n[![Sample escape times](figures/sample-escape.svg)](figures/sample-escape.svg)\n\nA sample note.');
    expect(md).toContain('[![Title \\[with brackets\\]](figures/b-plot.svg)](figures/b-plot.svg)');
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(galleryMarkdown([a], '.')).toContain('](sample-escape.svg)');
  });
});
