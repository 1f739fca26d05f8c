import { describe, expect, it } from 'vitest';
import { LandscapeError, builtinLandscape, expressionLandscape } from '../../src/landscapes/index.js';

/** run f, expect a LandscapeError with that field and a message matching every pattern */
function expectError(f: () => unknown, field: string, ...patterns: RegExp[]): LandscapeError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(LandscapeError);
  const err = caught as LandscapeError;
  expect(err).toBeInstanceOf(Error);
  expect(err.name).toBe('FieldError');
  expect(err.problems).toEqual([{ field, message: err.message.slice(field.length + 2) }]);
  expect(err.field).toBe(field);
  for (const p of patterns) expect(err.message).toMatch(p);
  return err;
}

describe('expression errors', () => {
  it('unparsable expression: field landscape.expr, with mathjs message and position', () => {
    expectError(() => expressionLandscape({ expr: 'x + * 2', vars: ['x'] }), 'landscape.expr', /cannot parse/, /char \d+/);
    expectError(() => expressionLandscape({ expr: 'sin(x', vars: ['x'] }), 'landscape.expr', /cannot parse/, /Parenthesis|expected/i);
    expectError(() => expressionLandscape({ expr: '   ', vars: ['x'] }), 'landscape.expr', /non-empty/);
  });

  it('unknown symbol: names it and the allowed ones', () => {
    expectError(
      () => expressionLandscape({ expr: 'h*(x^2-1)^2 + q*x', vars: ['x'], params: { h: 1 } }),
      'landscape.expr',
      /"q"/,
      /x, h, pi, e/,
    );
  });

  it('unsupported function / operator / construct: named, with the supported list', () => {
    expectError(() => expressionLandscape({ expr: 'floor(x)', vars: ['x'] }), 'landscape.expr', /unsupported function "floor"/, /sin, cos/, /tanh/);
    expectError(() => expressionLandscape({ expr: 'x!', vars: ['x'] }), 'landscape.expr', /unsupported operator "!"/, /\+ - \* \/ \^/);
    expectError(() => expressionLandscape({ expr: 'x > 1 ? x : 1', vars: ['x'] }), 'landscape.expr', /unsupported construct/);
    expectError(() => expressionLandscape({ expr: 'sin(x, 2)', vars: ['x'] }), 'landscape.expr', /"sin" takes 1 argument/);
  });

  it('bad vars: empty, duplicated, not identifiers, reserved', () => {
    expectError(() => expressionLandscape({ expr: 'x', vars: [] }), 'landscape.vars', /non-empty array/);
    expectError(() => expressionLandscape({ expr: 'x', vars: ['x', 'x'] }), 'landscape.vars', /duplicate variable "x"/);
    expectError(() => expressionLandscape({ expr: 'x', vars: ['2x'] }), 'landscape.vars', /not an identifier/);
    expectError(() => expressionLandscape({ expr: 'x', vars: ['a b'] }), 'landscape.vars', /not an identifier/);
    expectError(() => expressionLandscape({ expr: 'x', vars: ['pi'] }), 'landscape.vars', /reserved/);
    expectError(() => expressionLandscape({ expr: 'x', vars: ['sin'] }), 'landscape.vars', /reserved/);
  });

  it('non-finite or misplaced params: field landscape.params.<name>', () => {
    expectError(() => expressionLandscape({ expr: 'a*x', vars: ['x'], params: { a: NaN } }), 'landscape.params.a', /finite number/);
    expectError(() => expressionLandscape({ expr: 'a*x', vars: ['x'], params: { a: Infinity } }), 'landscape.params.a', /finite number/);
    expectError(
      () => expressionLandscape({ expr: 'a*x', vars: ['x'], params: { a: '2' as unknown as number } }),
      'landscape.params.a',
      /finite number/,
    );
    expectError(() => expressionLandscape({ expr: 'x', vars: ['x'], params: { x: 1 } }), 'landscape.params.x', /also a variable/);
  });
});

describe('builtin errors', () => {
  it('unknown builtin: field landscape.builtin, lists valid names', () => {
    expectError(() => builtinLandscape('double-well', {}), 'landscape.builtin', /"double-well"/, /well-barrier, quartic, tilted-quartic, styblinski-tang, eigen-saddle/);
  });

  it('out-of-range or ill-typed parameters: field landscape.<param>, with the allowed range', () => {
    expectError(() => builtinLandscape('well-barrier', { Ha: 0 }), 'landscape.Ha', /out of range/, /> 0/);
    expectError(() => builtinLandscape('well-barrier', { Hb: -1 }), 'landscape.Hb', /> 0/);
    expectError(() => builtinLandscape('well-barrier', { dL: Infinity }), 'landscape.dL', /finite number/);
    expectError(() => builtinLandscape('quartic', { h: '1' }), 'landscape.h', /finite number/, /> 0/);
    expectError(() => builtinLandscape('tilted-quartic', { h: 1, c: 1.6 }), 'landscape.c', /\|c\| < 8h\/\(3√3\)/, /1\.5396/);
    expectError(() => builtinLandscape('styblinski-tang', { n: 17 }), 'landscape.n', /1 ≤ n ≤ 16/);
    expectError(() => builtinLandscape('styblinski-tang', { n: 2.5 }), 'landscape.n', /integer/);
    expectError(() => builtinLandscape('eigen-saddle', { n: 1 }), 'landscape.n', /2 ≤ n ≤ 16/);
    expectError(() => builtinLandscape('eigen-saddle', { n: 3, minEigs: [1] }), 'landscape.minEigs', /n−1 = 2/);
    expectError(() => builtinLandscape('eigen-saddle', { minEigs: [1, 0] }), 'landscape.minEigs', /entry 1/, /> 0/);
    expectError(() => builtinLandscape('eigen-saddle', { saddleEigs: 3 }), 'landscape.saddleEigs', /array/);
    expectError(() => builtinLandscape('eigen-saddle', { minEigs: new Array(16).fill(1) }), 'landscape.minEigs', /2 ≤ n ≤ 16/);
    expectError(() => builtinLandscape('quartic', { height: 1 }), 'landscape.height', /unknown parameter/, /parameters are h/);
  });
});

describe('noise expression errors', () => {
  it('are FieldErrors with fields relative to the noise spec', async () => {
    const { buildNoise } = await import('../../src/noise/index.js');
    const L = builtinLandscape('quartic', {});
    const fields = (spec: { expr: string; params?: Record<string, number> }) => {
      try {
        buildNoise({ kind: 'expr', ...spec }, L);
      } catch (e) {
        expect(e).toBeInstanceOf(LandscapeError);
        return (e as LandscapeError).problems;
      }
      throw new Error('no error');
    };
    expect(fields({ expr: 'x +* 2' })[0].field).toBe('expr');
    expect(fields({ expr: 'q*x' })).toEqual([{ field: 'expr', message: expect.stringMatching(/unknown symbol "q"/) }]);
    expect(fields({ expr: 'a*x', params: { a: NaN } })[0].field).toBe('params.a');
    expect(fields({ expr: 'x', params: { x: 1 } })[0].field).toBe('params.x');
  });
});
