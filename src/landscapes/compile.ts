/**
 * mathjs expression tree → plain JavaScript source → `new Function`.
 *
 * The compiled closures contain only arithmetic, `Math.*` calls and three tiny local helpers
 * (sq, cube, nthRoot), so they can run in the SDE hot loop. Every emitted sub-expression is fully
 * parenthesised, so mathjs precedence never has to be re-derived; repeated sub-expressions are
 * computed once (emitShared).
 *
 * Real-number semantics: where mathjs would return a complex number (sqrt(-1), (-8)^(1/3),
 * log(-1)) the compiled code returns NaN, exactly as `Math.*` does.
 */
import type {
  MathNode,
  FunctionNode as MFunctionNode,
  OperatorNode as MOperatorNode,
  SymbolNode as MSymbolNode,
  ConstantNode as MConstantNode,
  ParenthesisNode as MParenthesisNode,
} from 'mathjs';
import { mathjs } from './mathjs.js';
import { LandscapeError } from './errors.js';
import { clip, echo } from '../field-error.js';
import { FUNCTIONS, KNOWN_CONSTANTS, OPERATORS, OPERATOR_LIST, SUPPORTED_FUNCTIONS, emitPow } from './vocabulary.js';

/** Helpers the generated code may call (bound once per compiled closure). */
const HELPERS = {
  sq: (t: number): number => t * t,
  cube: (t: number): number => t * t * t,
  /** real n-th root; odd n admits negative x (mathjs semantics for real results) */
  nthRoot: (x: number, n: number): number => {
    if (x < 0 && Number.isInteger(n) && Math.abs(n % 2) === 1) return -Math.pow(-x, 1 / n);
    return Math.pow(x, 1 / n);
  },
};
const HELPER_PRELUDE = 'const sq = H.sq, cube = H.cube, nthRoot = H.nthRoot;';

/** JS literal that round-trips the double exactly (String(x) is the shortest round-trip form). */
export function numberLiteral(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

const isConst = (n: MathNode): n is MConstantNode => n.type === 'ConstantNode';
const constValue = (n: MathNode): number | undefined => (isConst(n) && typeof n.value === 'number' ? n.value : undefined);
const mkConst = (v: number): MathNode => new (mathjs().ConstantNode)(v);
// mathjs' OperatorNode constructor is typed with literal-type generics; build through a loose alias.
type OpCtorType = new (op: string, fn: string, args: MathNode[]) => MOperatorNode;
/** OperatorNode's constructor, resolved when first used (mathjs is loaded lazily) */
const OpCtor = function (this: unknown, op: string, fn: string, args: MathNode[]) {
  return new (mathjs().OperatorNode as unknown as OpCtorType)(op, fn, args);
} as unknown as OpCtorType;
const mkOp = (fn: string, args: MathNode[]): MathNode => new OpCtor(OPERATORS[fn], fn, args);

function describe(node: MathNode): string {
  try {
    return echo(node.toString());
  } catch {
    return `a ${node.type}`;
  }
}

/**
 * Check that a tree uses only supported node types, operators, functions (with valid arity)
 * and the allowed symbols. Throws LandscapeError(field) naming the offender and the allowed set.
 */
export function validateTree(node: MathNode, allowedSymbols: ReadonlySet<string>, field: string): void {
  const allowedList = () => clip([...allowedSymbols].join(', '), 400);
  const walk = (n: MathNode): void => {
    switch (n.type) {
      case 'ConstantNode': {
        const v = (n as MConstantNode).value;
        if (typeof v !== 'number') {
          throw new LandscapeError(field, `constant ${describe(n)} is not a real number; only numeric constants are allowed`);
        }
        return;
      }
      case 'SymbolNode': {
        const name = (n as MSymbolNode).name;
        if (!allowedSymbols.has(name)) {
          throw new LandscapeError(
            field,
            `unknown symbol ${echo(name)}: allowed symbols are the vars, the params and the constants (${allowedList()})`,
          );
        }
        return;
      }
      case 'ParenthesisNode':
        walk((n as MParenthesisNode).content);
        return;
      case 'OperatorNode': {
        const op = n as MOperatorNode;
        const fn = String(op.fn);
        const arity = op.args.length;
        const ok =
          ((fn === 'unaryMinus' || fn === 'unaryPlus') && arity === 1) ||
          (fn in OPERATORS && fn !== 'unaryMinus' && fn !== 'unaryPlus' && arity >= 2 && (arity === 2 || fn === 'add' || fn === 'multiply'));
        if (!ok) {
          throw new LandscapeError(field, `unsupported operator "${String(op.op)}" in ${describe(n)}; supported operators: ${OPERATOR_LIST}`);
        }
        op.args.forEach(walk);
        return;
      }
      case 'FunctionNode': {
        const f = n as MFunctionNode;
        const fnNode = f.fn as unknown as MathNode;
        if (fnNode.type !== 'SymbolNode') {
          throw new LandscapeError(field, `unsupported function call ${describe(n)}; call a named function: ${SUPPORTED_FUNCTIONS.join(', ')}`);
        }
        const name = (fnNode as MSymbolNode).name;
        const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!def) {
          throw new LandscapeError(field, `unsupported function ${echo(name)}; supported functions: ${SUPPORTED_FUNCTIONS.join(', ')}`);
        }
        if (!def.arity.includes(f.args.length)) {
          throw new LandscapeError(
            field,
            `function "${name}" takes ${def.arity.join(' or ')} argument(s), got ${f.args.length} in ${describe(n)}`,
          );
        }
        f.args.forEach(walk);
        return;
      }
      default:
        throw new LandscapeError(
          field,
          `unsupported construct ${describe(n)} (${n.type}); a landscape is one real-valued expression built from numbers, symbols, ${OPERATOR_LIST}, parentheses and the functions ${SUPPORTED_FUNCTIONS.join(', ')}`,
        );
    }
  };
  walk(node);
}

/** JS source of one node, given the sources of its children. */
function emitNode(n: MathNode, child: (c: MathNode) => string, symbol: (name: string) => string): string {
  switch (n.type) {
    case 'ConstantNode':
      return numberLiteral((n as MConstantNode).value as number);
    case 'SymbolNode':
      return symbol((n as MSymbolNode).name);
    case 'ParenthesisNode':
      return child((n as MParenthesisNode).content);
    case 'OperatorNode': {
      const op = n as MOperatorNode;
      const fn = String(op.fn);
      const a = op.args.map(child);
      if (fn === 'unaryMinus') return `(-${a[0]})`;
      if (fn === 'unaryPlus') return a[0];
      if (fn === 'pow') return emitPow(a[0], a[1]);
      return `(${a.join(` ${OPERATORS[fn]} `)})`;
    }
    case 'FunctionNode': {
      const f = n as MFunctionNode;
      return FUNCTIONS[(f.fn as unknown as MSymbolNode).name].emit(f.args.map(child));
    }
    default:
      throw new Error(`internal: cannot emit ${n.type}`);
  }
}

/** Emit the JS source of a (validated) tree. `symbol(name)` gives the JS source for a symbol. */
export function emitJs(node: MathNode, symbol: (name: string) => string): string {
  const rec = (n: MathNode): string => emitNode(n, rec, symbol);
  return rec(node);
}

/**
 * Emit several trees sharing common sub-expressions: every operator/function sub-tree whose
 * source occurs at least twice (over all trees) is computed once into a `const tK` (children
 * first, so each temp is defined before use). All Math functions are pure, so this is exact.
 */
export function emitShared(nodes: readonly MathNode[], symbol: (name: string) => string): { temps: string[]; exprs: string[] } {
  const full = new Map<MathNode, string>();
  const count = new Map<string, number>();
  const isCompound = (n: MathNode) => n.type === 'OperatorNode' || n.type === 'FunctionNode';
  const first = (n: MathNode): string => {
    const s = emitNode(n, first, symbol);
    full.set(n, s);
    if (isCompound(n)) count.set(s, (count.get(s) ?? 0) + 1);
    return s;
  };
  nodes.forEach(first);
  const temps: string[] = [];
  const names = new Map<string, string>();
  const second = (n: MathNode): string => {
    const key = full.get(n) as string;
    if (!isCompound(n) || (count.get(key) ?? 0) < 2) return emitNode(n, second, symbol);
    const known = names.get(key);
    if (known) return known;
    const body = emitNode(n, second, symbol);
    const name = `t${names.size}`;
    names.set(key, name);
    temps.push(`const ${name} = ${body};`);
    return name;
  };
  const exprs = nodes.map(second);
  return { temps, exprs };
}

/** Build a closure from a function body; helpers are bound as local consts. */
function build<T>(params: string, body: string): T {
  const factory = new Function('H', `"use strict"; ${HELPER_PRELUDE} return function (${params}) { ${body} };`);
  return factory(HELPERS) as T;
}

/** Evaluate a constant (symbol-free) tree through the very same emitted code. */
function evalConstant(node: MathNode): number {
  const src = emitJs(node, (name) => {
    throw new Error(`internal: symbol ${name} in constant tree`);
  });
  return build<() => number>('', `return ${src};`)();
}

/**
 * Exact-preserving simplification: drop parentheses, fold constant sub-trees (evaluated through the
 * same emitted JS, so the value is bit-identical to what the compiled closure would compute), and
 * apply the identities a±0, 0+a, 0−a, a·1, a·0, 0/a, a/1, a^1, a^0, −(−a), +a.
 * (Unlike mathjs `simplify`, which rounds small or near-integer constants.)
 * Named constants (pi, e) are replaced by their values.
 */
export function prune(node: MathNode, constants: Readonly<Record<string, number>> = KNOWN_CONSTANTS): MathNode {
  const rec = (n: MathNode): MathNode => {
    switch (n.type) {
      case 'ParenthesisNode':
        return rec((n as MParenthesisNode).content);
      case 'SymbolNode': {
        const name = (n as MSymbolNode).name;
        return Object.prototype.hasOwnProperty.call(constants, name) ? mkConst(constants[name]) : n;
      }
      case 'FunctionNode': {
        const f = n as MFunctionNode;
        const args = f.args.map(rec);
        const out = new (mathjs().FunctionNode)(f.fn, args) as MathNode;
        return args.every(isConst) ? mkConst(evalConstant(out)) : out;
      }
      case 'OperatorNode': {
        const op = n as MOperatorNode;
        const fn = String(op.fn);
        let args = op.args.map(rec);
        const cv = args.map(constValue);
        if (fn === 'unaryPlus') return args[0];
        if (fn === 'unaryMinus') {
          if (cv[0] !== undefined) return mkConst(-cv[0]);
          const inner = args[0];
          if (inner.type === 'OperatorNode' && String((inner as MOperatorNode).fn) === 'unaryMinus') {
            return (inner as MOperatorNode).args[0];
          }
          return mkOp('unaryMinus', args);
        }
        if (cv.every((v) => v !== undefined)) {
          return mkConst(evalConstant(mkOp(fn, args)));
        }
        switch (fn) {
          case 'add':
            args = args.filter((_, i) => cv[i] !== 0);
            if (args.length === 0) return mkConst(0);
            return args.length === 1 ? args[0] : mkOp('add', args);
          case 'subtract':
            if (cv[1] === 0) return args[0];
            if (cv[0] === 0) return mkOp('unaryMinus', [args[1]]);
            return mkOp('subtract', args);
          case 'multiply': {
            if (cv.some((v) => v === 0)) return mkConst(0); // symbolic 0·a = 0
            // drop factors 1; each factor −1 flips the sign ((−1)·a = −a exactly)
            let negate = false;
            const keep = args.filter((_, i) => {
              if (cv[i] === -1) negate = !negate;
              return cv[i] !== 1 && cv[i] !== -1;
            });
            const prod = keep.length === 0 ? mkConst(1) : keep.length === 1 ? keep[0] : mkOp('multiply', keep);
            return negate ? rec(mkOp('unaryMinus', [prod])) : prod;
          }
          case 'divide':
            if (cv[1] === 1) return args[0];
            if (cv[0] === 0) return mkConst(0); // symbolic 0/a = 0
            return mkOp('divide', args);
          case 'pow':
            if (cv[1] === 1) return args[0];
            if (cv[1] === 0) return mkConst(1);
            return mkOp('pow', args);
          default:
            return mkOp(fn, args);
        }
      }
      default:
        return n;
    }
  };
  return rec(node);
}

/** Compile a 1-D tree into (x: number) => number. */
export function compileScalar(node: MathNode, varName: string): { fn: (x: number) => number; source: string } {
  const { temps, exprs } = emitShared([node], (name) => {
    if (name !== varName) throw new Error(`internal: unresolved symbol ${name}`);
    return 'x';
  });
  const body = [...temps, `return ${exprs[0]};`].join('\n');
  return { fn: build<(x: number) => number>('x', body), source: body };
}

function varSymbols(vars: readonly string[]): { prelude: string; symbol: (name: string) => string } {
  const index = new Map(vars.map((v, i) => [v, i]));
  const prelude = `const ${vars.map((_, i) => `v${i} = x[${i}]`).join(', ')};`;
  const symbol = (name: string): string => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`internal: unresolved symbol ${name}`);
    return `v${i}`;
  };
  return { prelude, symbol };
}

/** Compile an n-D tree into (x: ArrayLike<number>) => number, reading x[0..n-1]. */
export function compileValue(node: MathNode, vars: readonly string[]): { fn: (x: ArrayLike<number>) => number; source: string } {
  const { prelude, symbol } = varSymbols(vars);
  const { temps, exprs } = emitShared([node], symbol);
  const body = [prelude, ...temps, `return ${exprs[0]};`].join('\n');
  return { fn: build<(x: ArrayLike<number>) => number>('x', body), source: body };
}

/**
 * Compile assignments out[k] = tree for each (indices, tree) into (x, out) => void.
 * Several output indices may share one tree (used to mirror the symmetric Hessian).
 */
export function compileWriter(
  entries: ReadonlyArray<{ indices: readonly number[]; node: MathNode }>,
  vars: readonly string[],
): { fn: (x: ArrayLike<number>, out: Float64Array) => void; source: string } {
  const { prelude, symbol } = varSymbols(vars);
  const { temps, exprs } = emitShared(entries.map((e) => e.node), symbol);
  const lines = entries.map(({ indices }, k) => `${indices.map((i) => `out[${i}] = `).join('')}${exprs[k]};`);
  const body = [prelude, ...temps, ...lines].join('\n');
  return { fn: build<(x: ArrayLike<number>, out: Float64Array) => void>('x, out', body), source: body };
}
