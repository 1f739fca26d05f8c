/**
 * Expression size limits (src/landscapes/limits.ts): an expression whose symbolic derivatives explode is refused
 * quickly with the field and the limit named, instead of expanding until the heap is gone; every shipped
 * expression, example and built-in still compiles, and so do larger realistic expressions.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { expressionLandscape } from '../../src/landscapes/expr.js';
import { BUILTIN_LANDSCAPES, builtinLandscape } from '../../src/landscapes/builtins/index.js';
import { EXPR_LIMITS, bracketDepth, expandedSize } from '../../src/landscapes/limits.js';
import { mathjs } from '../../src/landscapes/mathjs.js';
import { compileSystem } from '../../src/scenario/compile.js';
import { FieldError } from '../../src/field-error.js';

/** the tester's 446-byte bomb: (x/1+1)(x/2+1)···(x/50+1)·0.001, whose L‴ has ~10⁷ nodes written out */
const BOMB = Array.from({ length: 50 }, (_, k) => `(x/${k + 1}+1)`).join('*') + '*0.001';

function refused(spec: { expr: string; vars: string[] }): FieldError {
  try {
    expressionLandscape(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return e as FieldError;
  }
  throw new Error('the expression was accepted');
}

describe('expression limits: refused fast, naming landscape.expr and the limit', () => {
  it('the 446-byte product bomb fails in well under 5 s (it used to exhaust a 4 GB heap)', () => {
    expect(BOMB.length).toBe(446);
    mathjs(); // loading mathjs is not the expression's cost
    const t0 = performance.now();
    const e = refused({ expr: BOMB, vars: ['x'] });
    const ms = performance.now() - t0;
    expect(e.field).toBe('landscape.expr');
    expect(e.message).toMatch(/grows past \d+ nodes/);
    expect(e.message).toMatch(/at most min\(200000, 5000 \+ 200 × the expression's nodes\)/);
    expect(ms).toBeLessThan(5000);
  });

  it('the same bomb in a scenario: scenario.landscape.expr', () => {
    const sc = { landscape: { expr: BOMB, vars: ['x'] }, start: [0], exit: { var: 'x', above: 1 }, dynamics: { model: 'langevin', temperature: 1 } };
    expect(() => compileSystem(sc)).toThrow(/scenario\.landscape\.expr: the derivative of .* grows past/);
  });

  it('too many characters, before parsing', () => {
    const e = refused({ expr: 'x+'.repeat(6000) + 'x', vars: ['x'] });
    expect(e.field).toBe('landscape.expr');
    expect(e.problems[0].message).toBe(`the expression has 12001 characters; at most ${EXPR_LIMITS.maxChars} are allowed (an expression is differentiated symbolically up to three times)`);
  });

  it('brackets nested too deeply, before parsing (mathjs overflows its stack near 250)', () => {
    const e = refused({ expr: '('.repeat(300) + 'x' + ')'.repeat(300), vars: ['x'] });
    expect(e.message).toMatch(/brackets are nested 300 deep; at most 64 levels are allowed/);
    expect(bracketDepth('sin(((x)))+[(y)]')).toBe(3);
  });

  it('too many nodes, and a chain too deep, after parsing', () => {
    expect(refused({ expr: Array(1300).fill('x*x').join('+'), vars: ['x'] }).message).toMatch(/has 5199 nodes .*at most 5000/);
    expect(refused({ expr: Array(700).fill('x').join('+'), vars: ['x'] }).message).toMatch(/nested 700 levels deep .*at most 500/);
  });

  it('a long unary chain that overflows the parser is named as too deep, not as a stack overflow', () => {
    const e = refused({ expr: '-'.repeat(9999) + 'x', vars: ['x'] });
    expect(e.field).toBe('landscape.expr');
    expect(e.message).toMatch(/nested too deeply|nested \d+ levels deep/);
    expect(e.message).not.toMatch(/Maximum call stack/);
  });

  it('too many variables', () => {
    const vars = Array.from({ length: 65 }, (_, i) => `x${i}`);
    const e = refused({ expr: vars.join('+'), vars });
    expect(e.field).toBe('landscape.vars');
    expect(e.problems[0].message).toBe('has 65 variables; at most 64 are allowed');
  });

  it('expandedSize counts a shared DAG as its tree, and stops at the cap', () => {
    const m = mathjs();
    const leaf = m.parse('x');
    let node = leaf;
    for (let i = 0; i < 60; i++) node = new m.OperatorNode('+', 'add', [node, node]); // 2⁶¹ − 1 nodes written out
    expect(expandedSize(new m.OperatorNode('+', 'add', [leaf, leaf]), 100)).toBe(3);
    expect(expandedSize(node, 1000)).toBe(1001);
  });
});

describe('what must still compile', () => {
  it('every example scenario', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(15);
    for (const f of files) expect(() => compileSystem(JSON.parse(readFileSync(`examples/${f}`, 'utf8'))), f).not.toThrow();
  });

  it('every built-in family with its defaults', () => {
    for (const b of BUILTIN_LANDSCAPES) expect(builtinLandscape(b.name, {}).dim).toBeGreaterThan(0);
  });

  it('larger realistic expressions: a degree-10 product, a 50-bump mixture, a 30-D quartic, a tanh network', () => {
    const bumps = Array.from({ length: 50 }, (_, k) => `${(k % 7) - 3}*exp(-((x-${k / 25 - 1})^2+(y-${1 - k / 25})^2)/0.3)`).join('+');
    const quartic30 = Array.from({ length: 30 }, (_, i) => `(x${i}^2-1)^2`).join('+') + '+' + Array.from({ length: 29 }, (_, i) => `0.1*x${i}*x${i + 1}`).join('+');
    const net = '(' + Array.from({ length: 32 }, (_, k) => `${k / 32}*tanh(${1 - k / 16}*x+${k / 40}*y+0.1)`).join('+') + '-1)^2';
    const cases: [string, string[]][] = [
      [Array.from({ length: 10 }, (_, k) => `(x-${k + 1})`).join('*'), ['x']],
      [bumps, ['x', 'y']],
      [quartic30, Array.from({ length: 30 }, (_, i) => `x${i}`)],
      [net, ['x', 'y']],
    ];
    for (const [expr, vars] of cases) {
      const L = expressionLandscape({ expr, vars });
      expect(Number.isFinite(L.value(new Float64Array(vars.length).fill(0.3))), expr.slice(0, 40)).toBe(true);
    }
  });
});
