/**
 * `escapelab bench` ratios: a base row that did not run (not selected, unavailable: no gcc, no NumPy, its source not
 * installed) gives no ratio, never NaN, and the reason is stated; the package ships the baselines' sources.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { missingBaseLines, ratioBases, ratiosOf } from '../../src/bench/ratios.js';
import { missingFile } from '../../src/bench/baselines.js';

describe('bench ratio bases', () => {
  const rows = [
    { impl: 'cpu', stepsPerSecond: 2e7 },
    { impl: 'workers', stepsPerSecond: 4e7 },
    { impl: 'c-philox', unavailable: missingFile('/pkg/sims/bench/baselines/w1_philox.c') },
    { impl: 'numpy', unavailable: 'python3: command not found' },
  ];
  const bases = ratioBases(rows);

  it('gives each base its rate or the reason it has none', () => {
    expect(bases.vsCpu).toEqual({ impl: 'cpu', stepsPerSecond: 2e7 });
    expect(bases.vsCPhilox).toEqual({ impl: 'c-philox', missing: expect.stringMatching(/^c-philox unavailable: .*w1_philox\.c not found: the baselines folder sims\/bench\/baselines\/ is missing/) });
    expect(bases.vsCXoshiro).toEqual({ impl: 'c-ziggurat', missing: 'the c-ziggurat row was not run (--only)' });
    expect(bases.vsNumpy).toEqual({ impl: 'numpy', missing: 'numpy unavailable: python3: command not found' });
  });

  it('leaves out the ratios whose base is missing: no NaN anywhere, also in JSON', () => {
    const r = ratiosOf(1e7, bases);
    expect(r).toEqual({ vsCpu: 0.5, vsWorkers: 0.25 });
    expect(JSON.stringify(r)).not.toMatch(/NaN|null/);
    expect(ratiosOf(NaN, bases)).toEqual({});
    expect(ratioBases([{ impl: 'cpu', stepsPerSecond: NaN }]).vsCpu).toEqual({ impl: 'cpu', missing: 'cpu gave no rate' });
  });

  it('states under the table why a column is empty', () => {
    const lines = missingBaseLines(bases, { vsCpu: '×cpu', vsCPhilox: '×C(philox)', vsNumpy: '×NumPy' });
    expect(lines).toEqual([
      expect.stringMatching(/^×C\(philox\): no ratio \('–'\): c-philox unavailable: /),
      "×NumPy: no ratio ('–'): numpy unavailable: python3: command not found",
    ]);
  });
});

describe('the package ships the baselines bench needs', () => {
  it('package.json "files" holds sims/bench/baselines', () => {
    const files = (JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] }).files;
    expect(files).toContain('sims/bench/baselines');
  });
});
