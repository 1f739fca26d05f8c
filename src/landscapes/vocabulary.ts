/**
 * The vocabulary of a landscape expression: named constants, the functions (with their arities and the JS
 * each compiles to) and the operators. compile.ts validates trees against it and emits code from it.
 */

/** Named constants an expression may use besides its vars and params. */
export const KNOWN_CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, e: Math.E });

export interface FnDef {
  /** allowed argument counts */
  arity: readonly number[];
  /** JS source for the call, given the JS source of the arguments */
  emit(a: readonly string[]): string;
}

const call = (f: string) => (a: readonly string[]) => `${f}(${a.join(', ')})`;
const recip = (f: string) => (a: readonly string[]) => `(1 / ${f}(${a[0]}))`;
const ofRecip = (f: string) => (a: readonly string[]) => `${f}(1 / (${a[0]}))`;

/** Supported functions (real branch, same meaning as mathjs for real results). */
export const FUNCTIONS: Readonly<Record<string, FnDef>> = {
  sin: { arity: [1], emit: call('Math.sin') },
  cos: { arity: [1], emit: call('Math.cos') },
  tan: { arity: [1], emit: call('Math.tan') },
  sec: { arity: [1], emit: recip('Math.cos') }, // sec = 1/cos
  csc: { arity: [1], emit: recip('Math.sin') },
  cot: { arity: [1], emit: recip('Math.tan') },
  asin: { arity: [1], emit: call('Math.asin') },
  acos: { arity: [1], emit: call('Math.acos') },
  atan: { arity: [1], emit: call('Math.atan') },
  asec: { arity: [1], emit: ofRecip('Math.acos') }, // asec(x) = acos(1/x)
  acsc: { arity: [1], emit: ofRecip('Math.asin') },
  acot: { arity: [1], emit: ofRecip('Math.atan') },
  sinh: { arity: [1], emit: call('Math.sinh') },
  cosh: { arity: [1], emit: call('Math.cosh') },
  tanh: { arity: [1], emit: call('Math.tanh') },
  sech: { arity: [1], emit: recip('Math.cosh') },
  csch: { arity: [1], emit: recip('Math.sinh') },
  coth: { arity: [1], emit: recip('Math.tanh') },
  asinh: { arity: [1], emit: call('Math.asinh') },
  acosh: { arity: [1], emit: call('Math.acosh') },
  atanh: { arity: [1], emit: call('Math.atanh') },
  asech: { arity: [1], emit: ofRecip('Math.acosh') },
  acsch: { arity: [1], emit: ofRecip('Math.asinh') },
  acoth: { arity: [1], emit: ofRecip('Math.atanh') },
  exp: { arity: [1], emit: call('Math.exp') },
  expm1: { arity: [1], emit: call('Math.expm1') },
  // log(x) = ln x; log(x, b) = ln x / ln b
  log: { arity: [1, 2], emit: (a) => (a.length === 1 ? `Math.log(${a[0]})` : `(Math.log(${a[0]}) / Math.log(${a[1]}))`) },
  log10: { arity: [1], emit: call('Math.log10') },
  log2: { arity: [1], emit: call('Math.log2') },
  log1p: { arity: [1], emit: call('Math.log1p') },
  sqrt: { arity: [1], emit: call('Math.sqrt') },
  cbrt: { arity: [1], emit: call('Math.cbrt') },
  // nthRoot(x) = sqrt(x); nthRoot(x, n): real root, negative x allowed for odd n (as mathjs)
  nthRoot: { arity: [1, 2], emit: (a) => (a.length === 1 ? `Math.sqrt(${a[0]})` : `nthRoot(${a[0]}, ${a[1]})`) },
  pow: { arity: [2], emit: (a) => emitPow(a[0], a[1]) },
  square: { arity: [1], emit: call('sq') },
  cube: { arity: [1], emit: call('cube') },
  abs: { arity: [1], emit: call('Math.abs') },
};

/** Names of the functions an expression may call. */
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.freeze(Object.keys(FUNCTIONS));

/** Operators (mathjs `fn` names) an expression may use: + - * / ^ and unary ±. */
export const OPERATORS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  unaryMinus: '-',
  unaryPlus: '+',
};
export const OPERATOR_LIST = "+ - * / ^ (binary), unary - and +";

/** JS source of base^exponent (the emitted code has compile.ts's helpers sq and cube in scope). */
export function emitPow(base: string, exponent: string): string {
  // small constant integer exponents as products (same value as Math.pow up to an ulp, cheaper)
  if (exponent === '2') return `sq(${base})`;
  if (exponent === '3') return `cube(${base})`;
  return `Math.pow(${base}, ${exponent})`;
}
