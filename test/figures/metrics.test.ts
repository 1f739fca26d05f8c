/** Text widths from the shipped DejaVu Sans, and Vega using them for layout. */
import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { textWidth } from '../../src/figures/metrics.js';
import { renderSvg } from '../../src/figures/render.js';
import { samplePlot } from './fixtures.js';

describe('textWidth', () => {
  it('matches DejaVu Sans advances (2048 units/em: digit 1303, bold digit 1425, space 651)', () => {
    expect(textWidth('0000000000', 20.48)).toBeCloseTo(130.3, 6);
    expect(textWidth('0000000000', 20.48, true)).toBeCloseTo(142.5, 6);
    expect(textWidth(' ', 2048)).toBeCloseTo(651, 6);
    expect(textWidth('', 12)).toBe(0);
  });

  it('is what Vega measures with once a figure is rendered (not its 0.8 em/character guess)', async () => {
    await renderSvg(samplePlot());
    const width = (vega as unknown as { textMetrics: { width: (item: object, text: string) => number } }).textMetrics.width;
    const label = 'Monte Carlo checkpoints ± 95% CI';
    expect(width({ fontSize: 12 }, label)).toBeCloseTo(textWidth(label, 12), 9);
    expect(width({ fontSize: 12 }, label)).toBeLessThan(0.7 * 0.8 * 12 * label.length);
    expect(width({ fontSize: 16, fontWeight: 'bold' }, '00')).toBeCloseTo((2 * 1425 * 16) / 2048, 9);
    expect(width({ fontSize: 12, limit: 50 }, label)).toBe(50); // a limited label is drawn truncated
  });
});
