/**
 * Small symbolic tools shared by the proof checks (proofs/*.test.ts). Not part of the library.
 *
 * 1. `jetDerivative`: differentiation of expressions built from *generic* functions. A generic function
 *    f(x) (or f(x, y)) is represented by its jet symbols f, f_x, f_xx, f_xy, …; the derivative along v is
 *        ∂_v E = Σ_s (∂E/∂s) · ∂_v s,
 *    where ∂E/∂s is mathjs' `derivative` with respect to the symbol s and ∂_v s is either the next jet
 *    symbol (f_x → f_xx) or a given rule (e.g. E = e^{−Φ} with E' = −Φ'·E, Φ' substituted). An identity
 *    proved this way holds for every smooth choice of the generic functions, not only for one example.
 *
 * 2. `rationalZero`: an exact zero test for rational expressions. mathjs 15 `simplify` stalls (minutes)
 *    on sums of a few dozen products of many symbols and does not cancel common rational factors such as
 *    (1 − b)²/(1 − b²) − (1 − b)/(1 + b). This brings an expression to a single fraction N/D of
 *    polynomials with exact rational (BigInt) coefficients and reports whether N is the zero polynomial.
 *    Atoms are symbols and, opaquely, any sub-expression that is not + − × ÷ or an integer power
 *    (exp(u), b^(2n), …: identified by their printed form). Exact, no floating point, no heuristics;
 *    it assumes the denominator D is not identically zero (it is a product of the input's denominators).
 */
import { derivative, parse, simplify, type MathNode } from 'mathjs';

// ------------------------------------------------------------------------------------------------
// Jets

export interface JetSpec {
  /** names of generic functions; their jet symbols are name, name_x, name_xy, … (indices sorted) */
  functions: readonly string[];
  /** explicit derivative rules: symbol → expression of ∂_v symbol, keyed by variable (e.g. { x: { E: '-(P*L_x/D)*E' } }) */
  rules?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const baseOf = (name: string): [string, string] => {
  const k = name.indexOf('_');
  return k < 0 ? [name, ''] : [name.slice(0, k), name.slice(k + 1)];
};

/** The jet symbol of ∂_v applied to the jet symbol `name` (indices kept sorted so ∂x∂y = ∂y∂x). */
export function nextJet(name: string, v: string): string {
  const [b, idx] = baseOf(name);
  return `${b}_${(idx + v).split('').sort().join('')}`;
}

function symbolsOf(node: MathNode): Set<string> {
  const out = new Set<string>();
  node.traverse((n) => {
    if ((n as { isSymbolNode?: boolean }).isSymbolNode) out.add((n as unknown as { name: string }).name);
  });
  return out;
}

/**
 * ∂_v of `expr` where generic functions appear through their jet symbols. Symbols that are neither
 * jets, nor ruled, nor v itself are constants. Returns the (unsimplified) derivative as a string.
 */
export function jetDerivative(expr: string | MathNode, v: string, spec: JetSpec): string {
  const node = typeof expr === 'string' ? parse(expr) : expr;
  const rules = spec.rules?.[v] ?? {};
  const fns = new Set(spec.functions);
  const terms: string[] = [];
  for (const s of symbolsOf(node)) {
    let ds: string | null = null;
    if (s in rules) ds = rules[s];
    else if (fns.has(baseOf(s)[0])) ds = nextJet(s, v);
    else if (s === v) ds = '1';
    if (ds === null) continue;
    const ds0 = derivative(node, s, { simplify: false }).toString();
    if (ds0 === '0') continue;
    terms.push(`(${ds0}) * (${ds})`);
  }
  return terms.length === 0 ? '0' : terms.join(' + ');
}

/** mathjs `simplify` reached the literal 0. */
export function simplifiesToZero(expr: string | MathNode): { zero: boolean; simplified: string } {
  const s = simplify(typeof expr === 'string' ? parse(expr) : expr).toString();
  return { zero: s === '0', simplified: s };
}

// ------------------------------------------------------------------------------------------------
// Exact rational arithmetic

interface Frac {
  n: bigint;
  d: bigint; // > 0
}

const babs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = babs(a);
  b = babs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function frac(n: bigint, d: bigint = 1n): Frac {
  if (d === 0n) throw new Error('rationalZero: division by the number 0');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
const fadd = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const fmul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);

/** A double as an exact fraction (every finite double is m/2^k). */
function fracOfNumber(v: number): Frac {
  if (!Number.isFinite(v)) throw new Error(`rationalZero: non-finite constant ${v}`);
  let k = 0n;
  let x = v;
  while (!Number.isInteger(x)) {
    x *= 2;
    k++;
  }
  return frac(BigInt(x), 1n << k);
}

// A monomial is a sorted list of (atom, exponent>0); its key is its printed form.
type Mono = ReadonlyArray<readonly [string, number]>;
const monoKey = (m: Mono): string => m.map(([a, e]) => `${a}^${e}`).join('*');
function monoMul(a: Mono, b: Mono): Mono {
  const m = new Map<string, number>(a);
  for (const [s, e] of b) m.set(s, (m.get(s) ?? 0) + e);
  return [...m.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

type Poly = Map<string, { m: Mono; c: Frac }>;

const pconst = (c: Frac): Poly => (c.n === 0n ? new Map() : new Map([['', { m: [], c }]]));
const patom = (a: string): Poly => new Map([[`${a}^1`, { m: [[a, 1]], c: frac(1n) }]]);
function padd(a: Poly, b: Poly, sign = 1n): Poly {
  const out: Poly = new Map(a);
  for (const [k, t] of b) {
    const c = sign === 1n ? t.c : frac(-t.c.n, t.c.d);
    const prev = out.get(k);
    if (!prev) out.set(k, { m: t.m, c });
    else {
      const s = fadd(prev.c, c);
      if (s.n === 0n) out.delete(k);
      else out.set(k, { m: t.m, c: s });
    }
  }
  return out;
}
function pmul(a: Poly, b: Poly): Poly {
  let out: Poly = new Map();
  for (const ta of a.values())
    for (const tb of b.values()) {
      const m = monoMul(ta.m, tb.m);
      out = padd(out, new Map([[monoKey(m), { m, c: fmul(ta.c, tb.c) }]]));
    }
  return out;
}
function pequal(a: Poly, b: Poly): boolean {
  if (a.size !== b.size) return false;
  for (const [k, t] of a) {
    const u = b.get(k);
    if (!u || u.c.n !== t.c.n || u.c.d !== t.c.d) return false;
  }
  return true;
}

interface Rat {
  n: Poly;
  d: Poly;
}
const ONE: Poly = pconst(frac(1n));
function radd(a: Rat, b: Rat, sign = 1n): Rat {
  if (pequal(a.d, b.d)) return { n: padd(a.n, b.n, sign), d: a.d };
  return { n: padd(pmul(a.n, b.d), pmul(b.n, a.d), sign), d: pmul(a.d, b.d) };
}
const rmul = (a: Rat, b: Rat): Rat => ({ n: pmul(a.n, b.n), d: pequal(b.d, ONE) ? a.d : pequal(a.d, ONE) ? b.d : pmul(a.d, b.d) });
function rinv(a: Rat): Rat {
  if (a.n.size === 0) throw new Error('rationalZero: division by an expression that is identically 0');
  return { n: a.d, d: a.n };
}
function rpow(a: Rat, k: number): Rat {
  let base = k < 0 ? rinv(a) : a;
  let e = Math.abs(k);
  let out: Rat = { n: ONE, d: ONE };
  while (e > 0) {
    if (e & 1) out = rmul(out, base);
    base = rmul(base, base);
    e >>= 1;
  }
  return out;
}

/** integer value of an exponent without symbols (2, −1, (2 − 1), …), else null */
function integerExponent(node: MathNode): number | null {
  let symbolic = false;
  node.traverse((n) => {
    if ((n as { isSymbolNode?: boolean }).isSymbolNode) symbolic = true;
  });
  if (symbolic) return null;
  const v: unknown = node.evaluate();
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 64 ? v : null;
}

function toRat(node: MathNode): Rat {
  const n = node as unknown as { type: string; value?: unknown; name?: string; fn?: string; args?: MathNode[]; content?: MathNode };
  switch (n.type) {
    case 'ParenthesisNode':
      return toRat(n.content!);
    case 'ConstantNode':
      if (typeof n.value !== 'number') throw new Error(`rationalZero: non-numeric constant ${String(n.value)}`);
      return { n: pconst(fracOfNumber(n.value)), d: ONE };
    case 'SymbolNode':
      return { n: patom(n.name!), d: ONE };
    case 'OperatorNode': {
      const a = n.args!;
      switch (n.fn) {
        case 'add':
          return a.map(toRat).reduce((x, y) => radd(x, y));
        case 'subtract':
          return radd(toRat(a[0]), toRat(a[1]), -1n);
        case 'multiply':
          return a.map(toRat).reduce(rmul);
        case 'divide':
          return rmul(toRat(a[0]), rinv(toRat(a[1])));
        case 'unaryMinus':
          return rmul({ n: pconst(frac(-1n)), d: ONE }, toRat(a[0]));
        case 'unaryPlus':
          return toRat(a[0]);
        case 'pow': {
          const k = integerExponent(a[1]);
          if (k !== null) return rpow(toRat(a[0]), k);
          break;
        }
      }
      break;
    }
  }
  // anything else is an opaque atom, identified by its printed form
  return { n: patom(`[${node.toString()}]`), d: ONE };
}

/**
 * Exact test that a rational expression is identically zero (see file header). Returns the number of
 * monomials of the numerator after cancellation (0 ⇔ zero) for the record.
 */
export function rationalZero(expr: string | MathNode): { zero: boolean; numeratorTerms: number } {
  const r = toRat(typeof expr === 'string' ? parse(expr) : expr);
  return { zero: r.n.size === 0, numeratorTerms: r.n.size };
}
