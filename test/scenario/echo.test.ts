/**
 * Error messages echo input values clipped (field-error.ts `echo` / `clip`): a 1 MB string in any field comes back
 * as its first 80 characters and "… (N characters)", never whole.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario, compileSystem } from '../../src/scenario/compile.js';
import { FieldError, clip, echo } from '../../src/field-error.js';
import { builtinLandscape } from '../../src/landscapes/builtins/index.js';
import { expressionLandscape } from '../../src/landscapes/expr.js';

const BIG = 'A'.repeat(1_000_000);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
const example = (name: string): Record<string, any> => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));

function errorOf(f: () => unknown): FieldError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return e as FieldError;
  }
  throw new Error('accepted');
}

/** every problem short, with a clipped echo ("… (N characters)", N the length of the value echoed) */
function expectClipped(e: FieldError, count = /… \(100000\d characters\)/) {
  for (const p of e.problems) {
    expect(p.field.length).toBeLessThan(300);
    expect(p.message.length).toBeLessThan(2100);
  }
  expect(e.message).toMatch(count);
}

describe('echo and clip', () => {
  it('strings are quoted and cut before stringifying; short values unchanged', () => {
    expect(echo('abc')).toBe('"abc"');
    expect(echo(1.5)).toBe('1.5');
    expect(echo(BIG)).toBe(`"${'A'.repeat(80)}"… (1000000 characters)`);
    expect(echo(new Array(1000).fill(1))).toMatch(/^\[1,1,.*… \(2001 characters\)$/);
    expect(clip('x'.repeat(81))).toBe(`${'x'.repeat(80)}… (81 characters)`);
  });

  it('FieldError clips every field and message (the safety net keeps the head and the tail)', () => {
    const e = new FieldError(`a.${BIG}`, `head ${BIG} allowed: 1 to 2`);
    expect(e.problems[0].field.length).toBeLessThan(300);
    expect(e.problems[0].message).toMatch(/^head A+… \(\d+ of 1000021 characters cut\) …A+ allowed: 1 to 2$/);
  });
});

describe('every error path echoes a 1 MB value clipped', () => {
  it('a schema type error (simulation.dt is a string)', () => {
    const sc = example('double-well-langevin'); sc.simulation.dt = BIG;
    const e = errorOf(() => compileScenario(sc));
    expect(e.problems[0].field).toBe('scenario.simulation.dt');
    expectClipped(e);
  });

  it('an enum (backend), an unknown key and a giant key name', () => {
    const sc = example('double-well-langevin'); sc.simulation.backend = BIG; sc.simulation[BIG] = 1;
    const e = errorOf(() => compileScenario(sc));
    expectClipped(e);
    expect(e.message).toContain(`unknown key '${'A'.repeat(80)}… (1000000 characters)'`);
  });

  it('a hundred thousand bad entries: twenty problems and a count', () => {
    const sc = example('well-barrier-sgd');
    sc.dynamics.noise = { kind: 'expr', expr: '1', params: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`p${i}`, 'x'])) };
    const e = errorOf(() => compileScenario(sc));
    expect(e.problems).toHaveLength(21);
    expect(e.problems[20].message).toBe('and 99980 more problems like these');
  });

  it('landscape vars, params (name and value), builtin name and builtin parameter', () => {
    expectClipped(errorOf(() => expressionLandscape({ expr: 'x', vars: [` ${BIG}`] }))); // not an identifier
    expectClipped(errorOf(() => expressionLandscape({ expr: 'x', vars: ['x', BIG, BIG] }))); // duplicate
    expectClipped(errorOf(() => expressionLandscape({ expr: 'x', vars: ['x'], params: { [` ${BIG}`]: 1 } })));
    expectClipped(errorOf(() => expressionLandscape({ expr: 'x', vars: ['x'], params: { p: BIG as unknown as number } })));
    expectClipped(errorOf(() => builtinLandscape(BIG, {})));
    expectClipped(errorOf(() => builtinLandscape('quartic', { [BIG]: 1 })));
    expectClipped(errorOf(() => builtinLandscape('quartic', { h: BIG })));
  });

  it('an exit variable and an exit expression', () => {
    const sc = example('double-well-langevin'); sc.exit = { var: BIG, above: 0.5 };
    expectClipped(errorOf(() => compileSystem(sc)));
    const name = 'y'.repeat(3000); // under the expression limits, but long
    const inside = example('double-well-langevin'); inside.exit = { expr: `x + 0*${name}`, params: { [name]: 0 }, below: 1e9 };
    const e = errorOf(() => compileSystem(inside));
    expect(e.problems[0].field).toBe('scenario.exit');
    expect(e.problems[0].message).toMatch(/^the start \(where x \+ 0\*y{74}… \(3006 characters\) = -1\) is already in the exit set/);
  });

  it('an unparsable expression', () => {
    const e = errorOf(() => expressionLandscape({ expr: `x + ${'y'.repeat(5000)} +`, vars: ['x'] }));
    expect(e.problems[0].field).toBe('landscape.expr');
    expectClipped(e, /… \(5006 characters\)/);
  });
});
