/**
 * `theory` where the answer overflows a double: times beyond 1.8e308 are printed from their logs (a power of ten,
 * never a garbled mantissa such as "1.0000e+4.34e+299"), a quadrature without a correct digit is reported as out of
 * range instead of as a result, and Φ = ∫A/𝒟 past what doubles hold is named as out of range. Also: a scenario file
 * that starts with a UTF-8 byte-order mark is read.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, fmtFromLog } from '../../src/cli/common.js';
import { compileSystem } from '../../src/scenario/compile.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-theory-range-'));
const cold = (T: number, h = 1) => ({
  name: 'cold', landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h } }, start: [-1],
  exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 }, dynamics: { model: 'langevin', temperature: T },
});
const file = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};

describe('fmtFromLog and fmt', () => {
  it('a normal double as fmt prints it; beyond, mantissa and exponent from the log; past 1e9 decades the power only', () => {
    expect(fmtFromLog(Math.log(65.925))).toBe(fmt(65.925));
    expect(fmtFromLog(1000 * Math.LN10 + Math.log(2.5))).toBe('2.5000e+1000');
    expect(fmtFromLog(-1000 * Math.LN10 + Math.log(2.5))).toBe('2.5000e-1000');
    expect(fmtFromLog(1e20)).toBe('10^(4.3429e+19)');
    expect(fmtFromLog(-1e20)).toBe('10^(-4.3429e+19)');
    expect(fmtFromLog(Infinity)).toBe('10^(+Infinity)');
    expect(fmtFromLog(Math.log(9.99999) + 500 * Math.LN10)).toBe('1.0000e+501'); // the mantissa's rounding carries
    expect(fmt(1.7976931348623157e308)).toBe('1.7977e+308');
    expect(fmt(5e-324)).toBe('4.9407e-324');
  });
});

describe('theory where the MFPT overflows (T ≤ 1e-20)', () => {
  it('T = 1e-20: the exact is out of range (its bound ≥ 100%), the asymptotic is printed as a power of ten, exit 0', async () => {
    const r = await escapelab(['theory', '--scenario', file('t20.json', JSON.stringify(cold(1e-20)))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/e\+\d+(\.\d+)?e\+/); // the garbled "1.0000e+4.34e+299" form
    expect(r.stdout).not.toMatch(/Infinity/);
    expect(r.stdout).toMatch(/exact MFPT +—\n +not computed: out of range: the quadrature's relative error bound is 2\.\de\+5 \(100 % or more\)/);
    expect(r.stdout).toMatch(/asymptotic +10\^\(4\.3429e\+19\)\n/);
    expect(r.stdout).not.toMatch(/exact\/asymptotic/);
  });

  it('T = 1e-300: the same, at ln τ = 1e300', () => {
    const t = theoryOfSystem(compileSystem(cold(1e-300)));
    expect(t.mfpt.exact).toBeNull();
    expect(t.exactReason).toMatch(/^out of range: /);
    expect(t.logMfpt.asymptotic! / 1e300).toBeCloseTo(1, 12);
    expect(t.ratio).toBeNull();
  });

  it('Φ past 1e303 (T = 1e-308, or ΔL/T = 1e310): both routes say out of range instead of "no barrier"', () => {
    for (const sc of [cold(1e-308), cold(1e-300, 1e10)]) {
      const t = theoryOfSystem(compileSystem(sc));
      expect(t.exactReason).toMatch(/^out of range: the noise is too weak for double precision: \|A\/𝒟\|·\|exit − start\| = /);
      expect(t.asymptoticReason).toBe(t.exactReason);
    }
  });

  it('an ordinary scenario is unchanged', () => {
    const t = theoryOfSystem(compileSystem(cold(0.25)));
    expect(t.exact!.relError).toBeLessThan(1e-6);
    expect(t.ratio).not.toBeNull();
  });
});

describe('scenario files', () => {
  it('a UTF-8 byte-order mark before the JSON is accepted', async () => {
    const text = readFileSync('examples/double-well-langevin.json', 'utf8');
    const r = await escapelab(['theory', '--scenario', file('bom.json', `\uFEFF${text}`), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).mfpt.exact).toBeCloseTo(65.925, 2);
  });

  it('invalid JSON still says so, with the parser\'s message clipped', async () => {
    const r = await escapelab(['theory', '--scenario', file('bad.json', `{ "name": ${'x'.repeat(100000)} }`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario: .*bad\.json is not valid JSON: /);
    expect(r.stderr.length).toBeLessThan(2000);
  });
});
