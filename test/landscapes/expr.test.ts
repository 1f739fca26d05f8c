import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, parse, type MathNode } from 'mathjs';
import { SUPPORTED_FUNCTIONS, expressionLandscape, type ExpressionLandscape, type ExpressionSpec } from '../../src/landscapes/index.js';
import { EPS, evalWithError, fdCheck, shifted, uniformArray } from './helpers.js';

const FC = { seed: 42, numRuns: 100 };
const H = 1e-3; // FD step; truncation measured by Richardson (helpers.fdCheck)

interface Case extends ExpressionSpec {
  lo: number;
  hi: number;
}

const CASES_1D: Case[] = [
  { expr: 'h*(x^2-1)^2 + c*x', vars: ['x'], params: { h: 1.3, c: 0.4 }, lo: -2, hi: 2 },
  { expr: 'sin(3*x)*exp(-x^2/2) + log(1+x^2) - a*sqrt(1+x^2)', vars: ['x'], params: { a: 0.7 }, lo: -2, hi: 2 },
  { expr: 'tanh(x) - cosh(x/2)/4 + x^3/6 + 1/(2+cos(x)) + atan(x) + abs(x-3)*x', vars: ['x'], lo: -2, hi: 2 },
  { expr: 'pow(x, 4)/4 - square(x)/2 + log1p(x^2) + expm1(x/3) + cube(x)/7 - log2(3+x)', vars: ['x'], lo: -2, hi: 2 },
  { expr: 'sec(x/2) + sech(x) + log(2+x, 3) + cbrt(x+5) + nthRoot(x+4, 4) + 2^x + e^(x/5) - pi*x', vars: ['x'], lo: -1.5, hi: 1.5 },
];

const CASES_ND: Case[] = [
  { expr: '(1-x)^2 + b*(y-x^2)^2', vars: ['x', 'y'], params: { b: 10 }, lo: -2, hi: 2 },
  { expr: 'sin(x)*cos(y) + x*y^2/3 + exp(-(x^2+y^2)) - q*x*y', vars: ['x', 'y'], params: { q: -0.35 }, lo: -2, hi: 2 },
  { expr: 'x^2*y + sin(y*z) + exp(x/3)*cos(z) + tanh(x+y+z) + k*pi*z^2', vars: ['x', 'y', 'z'], params: { k: 0.25 }, lo: -2, hi: 2 },
  { expr: 'log(1 + x1^2 + x2^2) * x3 - sqrt(2 + sin(x1*x3)) + x2^3*x3/5', vars: ['x1', 'x2', 'x3'], lo: -1.5, hi: 1.5 },
];

/** uniform points in the case's box, plus the edge cases 0 and tiny coordinates */
const point = (c: Case) =>
  fc.oneof(
    { arbitrary: uniformArray(c.vars.length, c.lo, c.hi), weight: 4 },
    { arbitrary: fc.array(fc.double({ min: c.lo, max: c.hi, noNaN: true }), { minLength: c.vars.length, maxLength: c.vars.length }), weight: 1 },
  );

/** mathjs scope for a point (vars + params) */
const scopeOf = (c: Case, x: ArrayLike<number>): Record<string, number> => {
  const s: Record<string, number> = { ...(c.params ?? {}) };
  c.vars.forEach((v, i) => (s[v] = x[i]));
  return s;
};

/** absolute error bound (2ε·E, ×2 margin) of evaluating `node` at x in double precision */
const evalErr = (c: Case, node: MathNode, x: ArrayLike<number>) => 4 * EPS * evalWithError(node, scopeOf(c, x)).E;

describe('expressionLandscape: 1-D symbolic derivatives vs central differences', () => {
  for (const c of CASES_1D) {
    it(`${c.expr}`, () => {
      const L = expressionLandscape(c) as ExpressionLandscape;
      expect(L.dim).toBe(1);
      const s = L.scalar!;
      const sym = L.symbolic;
      fc.assert(
        fc.property(point(c), ([x]) => {
          // L' vs FD of L, L'' vs FD of L', L''' vs FD of L''
          const checks = [
            fdCheck((t) => s.L(x + t), s.d1(x), H, { delta: evalErr(c, sym.value, [x]), exactErr: evalErr(c, sym.gradient[0], [x]) }),
            fdCheck((t) => s.d1(x + t), s.d2(x), H, { delta: evalErr(c, sym.gradient[0], [x]), exactErr: evalErr(c, sym.hessian[0][0], [x]) }),
            fdCheck((t) => s.d2(x + t), s.d3(x), H, { delta: evalErr(c, sym.hessian[0][0], [x]), exactErr: evalErr(c, sym.d3!, [x]) }),
          ];
          for (const r of checks) expect(r.error).toBeLessThanOrEqual(r.bound);
          // the Landscape wrappers are the scalar functions
          const g = new Float64Array(1);
          const hh = new Float64Array(1);
          L.gradient([x], g);
          L.hessian([x], hh);
          expect(L.value([x])).toBe(s.L(x));
          expect(g[0]).toBe(s.d1(x));
          expect(hh[0]).toBe(s.d2(x));
        }),
        FC,
      );
    });
  }
});

describe('expressionLandscape: n-D gradient and Hessian vs central differences', () => {
  for (const c of CASES_ND) {
    it(`${c.expr}`, () => {
      const L = expressionLandscape(c) as ExpressionLandscape;
      const n = c.vars.length;
      expect(L.dim).toBe(n);
      expect(L.scalar).toBeUndefined();
      const sym = L.symbolic;
      const g = new Float64Array(n);
      const Hm = new Float64Array(n * n);
      const gt = new Float64Array(n);
      fc.assert(
        fc.property(point(c), (x) => {
          L.gradient(x, g);
          L.hessian(x, Hm);
          for (let i = 0; i < n; i++) {
            // ∂L/∂x_i vs FD of L along e_i
            const r = fdCheck((t) => L.value(shifted(x, i, t)), g[i], H, {
              delta: evalErr(c, sym.value, x),
              exactErr: evalErr(c, sym.gradient[i], x),
            });
            expect(r.error).toBeLessThanOrEqual(r.bound);
            for (let j = 0; j < n; j++) {
              // H_ij vs FD of g_i along e_j
              const rh = fdCheck(
                (t) => {
                  L.gradient(shifted(x, j, t), gt);
                  return gt[i];
                },
                Hm[i * n + j],
                H,
                { delta: evalErr(c, sym.gradient[i], x), exactErr: evalErr(c, sym.hessian[i][j], x) },
              );
              expect(rh.error).toBeLessThanOrEqual(rh.bound);
            }
          }
        }),
        { ...FC, numRuns: 50 },
      );
    });
  }
});

describe('expressionLandscape: Hessian symmetry', () => {
  for (const c of CASES_ND) {
    it(`${c.expr}: H is exactly symmetric and matches the other differentiation order`, () => {
      const L = expressionLandscape(c) as ExpressionLandscape;
      const n = c.vars.length;
      // ∂/∂x_i (∂L/∂x_j), differentiated by mathjs in the other order than the compiled H_ij (= ∂/∂x_j ∂L/∂x_i)
      const other: Record<string, MathNode> = {};
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) other[`${i},${j}`] = derivative(L.symbolic.gradient[j], c.vars[i], { simplify: false });
      const Hm = new Float64Array(n * n);
      fc.assert(
        fc.property(point(c), (x) => {
          L.hessian(x, Hm);
          for (let i = 0; i < n; i++) {
            for (let j = i + 1; j < n; j++) {
              expect(Hm[i * n + j]).toBe(Hm[j * n + i]);
              const a = evalWithError(L.symbolic.hessian[i][j], scopeOf(c, x));
              const b = evalWithError(other[`${i},${j}`], scopeOf(c, x));
              // each evaluation within 2ε·E; 2× margin
              expect(Math.abs(Hm[i * n + j] - b.v)).toBeLessThanOrEqual(4 * EPS * (a.E + b.E));
            }
          }
        }),
        { ...FC, numRuns: 50 },
      );
    });
  }
});

describe('expressionLandscape: compiled closures agree with mathjs evaluate (second route)', () => {
  for (const c of [...CASES_1D, ...CASES_ND]) {
    it(`${c.expr}`, () => {
      const L = expressionLandscape(c) as ExpressionLandscape;
      const n = c.vars.length;
      const original = parse(c.expr); // the unmodified tree, params and pi/e from the scope
      const g = new Float64Array(n);
      const Hm = new Float64Array(n * n);
      // compiled and mathjs each within 2ε·E of the exact value (first order); tolerance 4ε·E ×2 margin
      const close = (compiled: number, node: MathNode, x: number[]) => {
        const { v, E } = evalWithError(node, scopeOf(c, x));
        expect(Math.abs(compiled - v)).toBeLessThanOrEqual(8 * EPS * E);
      };
      fc.assert(
        fc.property(point(c), (x) => {
          L.gradient(x, g);
          L.hessian(x, Hm);
          close(L.value(x), original, x);
          for (let i = 0; i < n; i++) {
            close(g[i], L.symbolic.gradient[i], x);
            for (let j = 0; j < n; j++) close(Hm[i * n + j], L.symbolic.hessian[i][j], x);
          }
          if (n === 1) close(L.scalar!.d3(x[0]), L.symbolic.d3!, x);
        }),
        { ...FC, numRuns: 50 },
      );
    });
  }

  it('constants are substituted exactly (no rounding of tiny or near-integer params)', () => {
    const params = { tiny: 1e-20, near1: 1 + 2 * EPS, big: 1e20 };
    const L = expressionLandscape({ expr: 'tiny*x^2 + near1*x + big', vars: ['x'], params });
    expect(L.scalar!.d2(0.3)).toBe(2 * params.tiny);
    expect(L.scalar!.d1(0)).toBe(params.near1);
    expect(L.scalar!.L(0)).toBe(params.big);
    expect(L.scalar!.d3(1.7)).toBe(0);
  });

  it('generated code calls no mathjs: sources contain only arithmetic, Math.* and local helpers', () => {
    const L = expressionLandscape({ expr: 'sin(x)*y^2 + sqrt(1+x^2) + coth(y+3) + nthRoot(x^2+1, 3)', vars: ['x', 'y'] }) as ExpressionLandscape;
    for (const src of [L.source.value, L.source.gradient, L.source.hessian]) {
      const calls = [...src.matchAll(/([A-Za-z_$][\w$.]*)\(/g)].map((m) => m[1]);
      for (const f of calls) expect(/^(Math\.\w+|sq|cube|nthRoot)$/.test(f)).toBe(true);
    }
  });
});

describe('expressionLandscape: metadata', () => {
  it('names, vars, dim', () => {
    const L = expressionLandscape({ expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 2 } });
    expect(L.name).toBe('expr: h*(x^2-1)^2 [h=2]');
    expect(L.vars).toEqual(['x']);
    expect(L.known).toBeUndefined();
    const M = expressionLandscape({ expr: 'a^2 + b^2 + c^2', vars: ['a', 'b', 'c'] });
    expect(M.dim).toBe(3);
    expect(M.value([1, 2, 3])).toBe(14);
    const out = new Float64Array(9);
    M.hessian([1, 2, 3], out);
    expect(Array.from(out)).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
  });
});

describe('every supported function: compiled value and derivatives vs mathjs and central differences', () => {
  // an argument inside each function's real domain for x ∈ [−1, 1]
  const ARG: Record<string, string> = {
    default: '0.7*x + 0.2', // (−0.5, 0.9)
    away0: '0.3*x + 1.2', // [0.9, 1.5]: away from 0 and from π/2
    unit: '0.4*x + 0.3', // [−0.1, 0.7] ⊂ (−1, 1)
    big: '0.3*x + 2', // [1.7, 2.3]
    frac: '0.2*x + 0.5', // [0.3, 0.7] ⊂ (0, 1]
  };
  const domain: Record<string, keyof typeof ARG> = {
    // acsch on (0, ∞): mathjs evaluates it as log(1/x + √(1/x² + 1)), which cancels for x < 0, so
    // the mathjs route would not be within the 1-ulp-per-function model there
    sec: 'away0', csc: 'away0', cot: 'away0', tan: 'away0', csch: 'away0', coth: 'away0', acot: 'away0', acsch: 'away0',
    asin: 'unit', acos: 'unit', atanh: 'unit', log1p: 'unit',
    asec: 'big', acsc: 'big', acosh: 'big', acoth: 'big', log: 'big', log10: 'big', log2: 'big', sqrt: 'big', cbrt: 'big', nthRoot: 'big',
    asech: 'frac',
  };
  const exprFor = (f: string): string => {
    const a = ARG[domain[f] ?? 'default'];
    if (f === 'pow') return `pow(${ARG.big}, 1.7) * (1 + x^2/3)`;
    if (f === 'abs') return `abs(0.3*x - 0.5) * (1 + x^2/3)`; // argument < 0: no kink in [−1, 1]
    return `${f}(${a}) * (1 + x^2/3)`;
  };
  const extra = [
    'log(0.3*x + 2, 3) * (1 + x^2/3)',
    'nthRoot(0.3*x + 2, 3) * (1 + x^2/3)',
    // odd roots of negative arguments are real, and so are their derivatives
    'cbrt(0.3*x - 2) * (1 + x^2/3)',
    'nthRoot(0.3*x - 2, 5) * (1 + x^2/3)',
    'nthRoot(0.3*x + 2, 4) * (1 + x^2/3)',
  ];

  for (const expr of [...SUPPORTED_FUNCTIONS.map(exprFor), ...extra]) {
    it(expr, () => {
      const c: Case = { expr, vars: ['x'], lo: -1, hi: 1 };
      const L = expressionLandscape(c) as ExpressionLandscape;
      const s = L.scalar!;
      const sym = L.symbolic;
      const original = parse(expr);
      fc.assert(
        fc.property(uniformArray(1, -1, 1), ([x]) => {
          const e = [sym.value, sym.gradient[0], sym.hessian[0][0], sym.d3!];
          const fns = [s.L, s.d1, s.d2, s.d3];
          for (let k = 0; k < 3; k++) {
            const r = fdCheck((t) => fns[k](x + t), fns[k + 1](x), H, { delta: evalErr(c, e[k], [x]), exactErr: evalErr(c, e[k + 1], [x]) });
            expect(r.error).toBeLessThanOrEqual(r.bound);
          }
          const v = evalWithError(original, { x });
          expect(Math.abs(s.L(x) - v.v)).toBeLessThanOrEqual(8 * EPS * v.E);
          for (let k = 1; k < 4; k++) {
            const d = evalWithError(e[k], { x });
            expect(Math.abs(fns[k](x) - d.v)).toBeLessThanOrEqual(8 * EPS * d.E);
          }
        }),
        { ...FC, numRuns: 30 },
      );
    });
  }
});
