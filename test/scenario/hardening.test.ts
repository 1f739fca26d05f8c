/**
 * Defects found by the reliability suite (test/reliability/): each is refused with a named error before any work.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSystem } from '../../src/scenario/compile.js';
import { refused } from './refusals.js';
import { MAX_BOUNDARIES } from '../../src/scenario/schema.js';
import { hessianSignChanges } from '../../src/theory/asymptotics.js';
import type { Landscape } from '../../src/landscapes/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
type Json = Record<string, any>;

const good = (): Json => ({
  landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } },
  start: [-1],
  exit: { var: 'x', above: 0.5 },
  reflect: { var: 'x', below: -4 },
  dynamics: { model: 'langevin', temperature: 0.25 },
  simulation: { trajectories: 4, dt: 0.001, maxTime: 10 },
});
const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as Json;

/** the error text of compiling `sc` (which must be refused with a ScenarioError) */
const refusal = (sc: unknown): string => refused(compileSystem, sc).message;

describe('the number of exits and walls is capped', () => {
  it('refuses 10⁵ exits and 10⁵ walls by name, and accepts the limit', () => {
    const exits = { ...good(), exit: Array.from({ length: 1e5 }, () => ({ var: 'x', above: 0.5 })) };
    expect(refusal(exits)).toMatch(/^scenario\.exit: 100000 exits; at most 256 are allowed/m);
    const walls = { ...good(), reflect: Array.from({ length: 1e5 }, () => ({ var: 'x', below: -4 })) };
    expect(refusal(walls)).toMatch(/^scenario\.reflect: 100000 reflecting walls; at most 256 are allowed/m);
    expect(() => compileSystem({ ...good(), exit: Array.from({ length: MAX_BOUNDARIES }, () => ({ var: 'x', above: 0.5 })) })).not.toThrow();
  });
});

describe('eigen-saddle eigenvalues', () => {
  it('refuses minEigs near 1e308 naming the field and the range', () => {
    const sc = example('eigen-saddle-3d-sgd');
    sc.landscape.minEigs = [1e308, 1];
    expect(refusal(sc)).toMatch(/scenario\.landscape\.minEigs: entry 0: .* ≤ 1e12/);
  });

  it('hessianSignChanges survives Hessian entries near the largest double', () => {
    const L = { dim: 2, hessian: (_x: Float64Array, H: Float64Array) => H.set([1e308, 0, 0, -1e308]) } as unknown as Landscape;
    expect(hessianSignChanges(L, [0, 0], [1, 0], 4)).toEqual([]);
  });
});

describe('a value that matches no branch of a union names the nested field', () => {
  const cases: [string, (s: Json) => void, RegExp][] = [
    ['landscape.expr', (s) => { s.landscape.expr = []; }, /^scenario\.landscape\.expr: .*expected string/m],
    ['landscape.vars missing', (s) => { delete s.landscape.vars; }, /^scenario\.landscape\.vars: missing/m],
    ['landscape.params.h = Infinity', (s) => { s.landscape.params.h = Infinity; }, /^scenario\.landscape\.params\.h: .*Infinity/m],
    ['start[0]', (s) => { s.start = [{}]; }, /^scenario\.start\[0\]: .*expected number/m],
    ['exit.var', (s) => { s.exit.var = true; }, /^scenario\.exit\.var: .*expected string.*\(got true\)/m],
    ['exit.above missing', (s) => { delete s.exit.above; }, /^scenario\.exit: give exactly one of 'above' and 'below'/m],
    ['reflect.below', (s) => { s.reflect.below = 'a'; }, /^scenario\.reflect\.below: .*expected number/m],
    ['start = null', (s) => { s.start = null; }, /^scenario\.start: expected one of: array, "minimum"/m],
    ['builtin = 3', (s) => { s.landscape = { builtin: 3 }; }, /^scenario\.landscape\.builtin: .*expected string/m],
    ['builtin missing', (s) => { s.landscape = { Ha: 1 }; }, /^scenario\.landscape\.builtin: missing/m],
  ];
  it.each(cases)('%s', (_name, edit, expected) => {
    const sc = good();
    edit(sc);
    const text = refusal(sc);
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/Invalid input$/m);
  });

  it('names a parameter nested 10⁴ deep', () => {
    const text = `{"h": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const sc = { ...good(), landscape: { ...good().landscape, params: JSON.parse(text) as Json } };
    expect(refusal(sc)).toMatch(/^scenario\.landscape\.params\.h: .*expected number/m);
  });
});

describe('prototype names as keys', () => {
  const parsed = (edit: string): Json => JSON.parse(JSON.stringify(good()).replace('"params":{', `"params":{${edit}`)) as Json;
  it('refuses an own __proto__ key in landscape.params by path', () => {
    expect(refusal(parsed('"__proto__":0.5,'))).toMatch(/^scenario\.landscape\.params\.__proto__: a key named '__proto__' is not allowed/m);
  });
  it('refuses __proto__ in a builtin landscape, exit params and deep inside', () => {
    const b = example('eigen-saddle-3d-sgd');
    const text = JSON.stringify(b).replace('"builtin":', '"__proto__":{"polluted":true},"builtin":');
    expect(refusal(JSON.parse(text))).toMatch(/^scenario\.landscape\.__proto__: /m);
    const exit = JSON.parse(JSON.stringify({ ...good(), exit: { expr: 'x - p', above: 0, params: {} } }).replace('"params":{}', '"params":{"__proto__":0.5}')) as Json;
    expect(refusal(exit)).toMatch(/^scenario\.exit\.params\.__proto__: /m);
    const deep = JSON.parse(`{"a":${'[{"b":'.repeat(10_000)}{"constructor":1}${'}]'.repeat(10_000)}}`) as Json;
    expect(refusal({ ...good(), junk: deep })).toMatch(/^scenario\.junk\.a\[0\]\.b\[0\].*\.constructor: /m);
  });
});

describe('a value no branch of a union takes', () => {
  it('lists the alternatives, nested unions included', () => {
    expect(refusal({ ...good(), reflect: 'x' })).toMatch(/^scenario\.reflect: expected one of: object, array \(got "x"\)$/m);
    expect(refusal({ ...good(), exit: 3 })).toMatch(/^scenario\.exit: expected one of: object, array \(got 3\)$/m);
  });
});
