/**
 * Test helpers: finite-difference checks with a derived error bound, and a first-order running
 * error bound for evaluating a mathjs tree in double precision.
 */
import { derivative, parse, type MathNode } from 'mathjs';
import * as math from 'mathjs';
import fc from 'fast-check';

export const EPS = Number.EPSILON;
/** absolute rounding floor for results in the subnormal range (gradual underflow), 64 units */
export const TINY = 64 * Number.MIN_VALUE;

export interface FdCheck {
  /** |exact − D(h/2)| */
  error: number;
  /** derived bound on that error */
  bound: number;
  estimate: number;
  ok: boolean;
}

/**
 * Central difference of f at t = 0 compared with `exact` = f'(0).
 *
 * D(s) = [f(s) − f(−s)]/(2s) = f'(0) + T(s), T(s) = f⁽³⁾·s²/6 + O(s⁴), so T(h) ≈ 4·T(h/2) and
 * D(h) − D(h/2) ≈ 3·T(h/2) (Richardson). If each f value is in error by at most δ, D(h/2) moves
 * by ≤ 2δ/h and D(h) by ≤ δ/h, hence
 *   |f'(0) − D(h/2)| ≤ |D(h) − D(h/2)|/3 + 3δ/h + (error of `exact`).
 * We drop the 1/3 (a 3× margin for the O(s⁴) terms). Defaults: δ = 64ε·max|f| sampled (a few dozen
 * well-conditioned operations), error of `exact` = 64ε·|exact|; callers with cancellation pass
 * δ and exactErr from a running error bound (evalWithError).
 */
export function fdCheck(
  f: (t: number) => number,
  exact: number,
  h: number,
  opts: { delta?: number; exactErr?: number } = {},
): FdCheck {
  const fp = f(h);
  const fm = f(-h);
  const fp2 = f(h / 2);
  const fm2 = f(-h / 2);
  const Dh = (fp - fm) / (2 * h);
  const Dh2 = (fp2 - fm2) / h;
  const F = Math.max(Math.abs(fp), Math.abs(fm), Math.abs(fp2), Math.abs(fm2));
  // + 64 subnormal units: absolute rounding error of gradual underflow (values near 0)
  const delta = Math.max(opts.delta ?? 0, 64 * EPS * F) + 64 * Number.MIN_VALUE;
  const exactErr = Math.max(opts.exactErr ?? 0, 64 * EPS * Math.abs(exact)) + 64 * Number.MIN_VALUE;
  const bound = Math.abs(Dh - Dh2) + (3 * delta) / h + exactErr;
  const error = Math.abs(exact - Dh2);
  return { error, bound, estimate: Dh2, ok: error <= bound && Number.isFinite(exact) && Number.isFinite(Dh2) };
}

/** x + t·e_i */
export function shifted(x: ArrayLike<number>, i: number, t: number): Float64Array {
  const y = Float64Array.from(x);
  y[i] += t;
  return y;
}

// ---------------------------------------------------------------------------------------------

const partialCache = new Map<string, MathNode[]>();

/**
 * partials for functions mathjs' derivative does not know, and real forms for odd roots (mathjs
 * writes d cbrt(u) as 1/(3u^(2/3)), NaN in real arithmetic for u < 0) and the fixed acoth sign
 */
const EXTRA_PARTIALS: Record<string, string[]> = {
  'square/1': ['2*u0'],
  'cube/1': ['3*u0^2'],
  'log1p/1': ['1/(1+u0)'],
  'expm1/1': ['exp(u0)'],
  'log2/1': ['1/(u0*log(2))'],
  'cbrt/1': ['1/(3*cbrt(u0)^2)'],
  'nthRoot/2': ['nthRoot(u0, u1)/(u1*u0)', '-nthRoot(u0, u1)*log(abs(u0))/u1^2'],
  'acoth/1': ['1/(1-u0^2)'],
};

/** per-operation absolute rounding of gradual underflow, in units of u = 2ε (so u·UF = MIN_VALUE) */
const UF = Number.MIN_VALUE / (2 * EPS);

/** ∂f/∂u_k for a mathjs function f(u0, …) of `arity` arguments (mathjs' own derivative rules). */
function functionPartials(name: string, arity: number): MathNode[] {
  const key = `${name}/${arity}`;
  let p = partialCache.get(key);
  if (!p) {
    const args = Array.from({ length: arity }, (_, k) => `u${k}`);
    if (EXTRA_PARTIALS[key]) {
      p = EXTRA_PARTIALS[key].map((e) => parse(e));
      partialCache.set(key, p);
      return p;
    }
    const f = parse(`${name}(${args.join(', ')})`);
    p = args.map((u) => derivative(f, u, { simplify: false }));
    partialCache.set(key, p);
  }
  return p;
}

/**
 * Evaluate `node` with mathjs (value v) and a first-order running error bound E such that a
 * double-precision evaluation of the same tree, with each operation or library function rounded
 * to within u = 2ε relative (IEEE ops ½ulp, libm ≤ 1 ulp), has error ≤ u·E:
 *   E(a ± b) = E_a + E_b + |v|,  E(a·b) = |b|E_a + |a|E_b + |v|,  E(a/b) = E_a/|b| + |a|E_b/b² + |v|,
 *   E(f(a…)) = Σ_k |∂f/∂a_k|·E_k + |v|  (functions, and ^ via its partials),
 * each op also adding UF (gradual underflow: absolute error ≤ MIN_VALUE = u·UF).
 * Leaves (numbers, symbols) are exact (E = 0).
 */
export function evalWithError(node: MathNode, scope: Record<string, number>): { v: number; E: number } {
  const val = (n: MathNode): number => {
    const r = n.evaluate(scope) as unknown;
    if (typeof r !== 'number') throw new Error(`non-real mathjs value for ${n.toString()}: ${String(r)}`);
    return r;
  };
  const rec = (n: MathNode): { v: number; E: number } => {
    const r = step(n);
    return n.type === 'ConstantNode' || n.type === 'SymbolNode' || n.type === 'ParenthesisNode' ? r : { v: r.v, E: r.E + UF };
  };
  const step = (n: MathNode): { v: number; E: number } => {
    switch (n.type) {
      case 'ConstantNode':
      case 'SymbolNode':
        return { v: val(n), E: 0 };
      case 'ParenthesisNode':
        return rec((n as math.ParenthesisNode).content);
      case 'OperatorNode': {
        const op = n as math.OperatorNode;
        const fn = String(op.fn);
        const args = op.args.map(rec);
        const v = val(n);
        if (fn === 'unaryMinus' || fn === 'unaryPlus') return { v, E: args[0].E };
        if (fn === 'add' || fn === 'subtract') return { v, E: args.reduce((s, a) => s + a.E, 0) + Math.abs(v) * (args.length - 1) };
        if (fn === 'multiply') {
          // left fold: each partial product adds its own rounding
          let acc = args[0];
          for (let k = 1; k < args.length; k++) {
            const b = args[k];
            const p = acc.v * b.v;
            acc = { v: p, E: Math.abs(b.v) * acc.E + Math.abs(acc.v) * b.E + Math.abs(p) };
          }
          return { v, E: acc.E };
        }
        if (fn === 'divide') {
          const [a, b] = args;
          return { v, E: a.E / Math.abs(b.v) + (Math.abs(a.v) * b.E) / (b.v * b.v) + Math.abs(v) };
        }
        if (fn === 'pow') {
          const [a, b] = args;
          let E = Math.abs(v);
          if (a.E > 0) E += Math.abs(b.v * Math.pow(a.v, b.v - 1)) * a.E;
          // ∂(a^b)/∂b = a^b·ln a (→ 0 as a → 0 for b > 0)
          if (b.E > 0 && v !== 0) E += Math.abs(v * Math.log(Math.abs(a.v))) * b.E;
          return { v, E };
        }
        throw new Error(`evalWithError: operator ${fn}`);
      }
      case 'FunctionNode': {
        const f = n as math.FunctionNode;
        const args = f.args.map(rec);
        const v = val(n);
        const partials = functionPartials(f.fn.name, args.length);
        const uScope: Record<string, number> = {};
        args.forEach((a, k) => (uScope[`u${k}`] = a.v));
        let E = Math.abs(v);
        args.forEach((a, k) => {
          if (a.E > 0) E += Math.abs(partials[k].evaluate(uScope) as number) * a.E;
        });
        return { v, E };
      }
      default:
        throw new Error(`evalWithError: ${n.type}`);
    }
  };
  return rec(node);
}


const STEPS = 2 ** 31 - 1;
/**
 * Uniform double in [lo, hi]. (fc.double draws uniformly over the bit patterns, i.e. mostly tiny
 * magnitudes, and is biased towards 0 and the bounds; this maps an unbiased integer instead.)
 */
export const uniform = (lo: number, hi: number) => fc.noBias(fc.integer({ min: 0, max: STEPS })).map((k) => lo + ((hi - lo) * k) / STEPS);
/** log-uniform positive number in [10^lo, 10^hi] */
export const logUniform = (lo: number, hi: number) => uniform(lo, hi).map((e) => 10 ** e);
/** array of n uniform doubles in [lo, hi] */
export const uniformArray = (n: number, lo: number, hi: number) => fc.array(uniform(lo, hi), { minLength: n, maxLength: n });
