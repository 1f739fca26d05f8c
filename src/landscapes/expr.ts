/**
 * Landscapes given as a mathjs expression string.
 *
 * Pipeline (once, at construction): parse → validate symbols/functions → substitute params as
 * numeric constants → symbolic derivatives with mathjs `derivative` (simplify off: mathjs'
 * simplifier rounds tiny / near-integer constants, e.g. 1e-20 → 0) → exact pruning (compile.ts
 * `prune`) → emit JS → `new Function`. The returned closures never call mathjs. A few functions
 * are rewritten before differentiating (see `differentiable`).
 *
 * Domain: real arithmetic; where mathjs would go complex the closures return NaN. abs'(0) is NaN
 * (mathjs: d|a| = |a|/a·a').
 *
 *   gradient  g_i = ∂L/∂x_i,   Hessian H_ij = ∂g_i/∂x_j (j ≥ i, mirrored),
 *   1-D:      L', L'' and L''' for `scalar`.
 */
import type {
  MathNode,
  FunctionNode as MFunctionNode,
  OperatorNode as MOperatorNode,
  SymbolNode as MSymbolNode,
} from 'mathjs';
import { mathjs } from './mathjs.js';
import type { Landscape, ScalarLandscape } from './types.js';
import { LandscapeError } from './errors.js';
import { clip, echo } from '../field-error.js';
import { KNOWN_CONSTANTS, SUPPORTED_FUNCTIONS } from './vocabulary.js';
import { DerivativeBudget, EXPR_LIMITS, checkExpressionSource, checkExpressionTree } from './limits.js';
import {
  compileScalar,
  compileValue,
  compileWriter,
  prune,
  validateTree,
} from './compile.js';

export interface ExpressionSpec {
  /** the loss, e.g. "h*(x^2-1)^2 + c*x" */
  expr: string;
  /** coordinate names in order, e.g. ["x"] or ["x", "y"] */
  vars: string[];
  /** named numeric constants substituted into expr */
  params?: Record<string, number>;
}

/** An expression landscape, with its symbolic trees and generated sources kept for inspection. */
export interface ExpressionLandscape extends Landscape {
  readonly spec: ExpressionSpec;
  /** trees after parameter substitution and pruning (mathjs nodes; evaluate them with mathjs to cross-check) */
  readonly symbolic: {
    value: MathNode;
    gradient: MathNode[];
    /** full n×n, hessian[i][j] === hessian[j][i] (same tree) */
    hessian: MathNode[][];
    /** 1-D only: L''' */
    d3?: MathNode;
  };
  /** generated JS function bodies */
  readonly source: { value: string; gradient: string; hessian: string; d3?: string };
}

const FIELD_EXPR = 'landscape.expr';
const FIELD_VARS = 'landscape.vars';

type OpCtorType = new (op: string, fn: string, args: MathNode[]) => MOperatorNode;
/** OperatorNode's constructor, resolved when first used (mathjs is loaded lazily) */
const OpCtor = function (this: unknown, op: string, fn: string, args: MathNode[]) {
  return new (mathjs().OperatorNode as unknown as OpCtorType)(op, fn, args);
} as unknown as OpCtorType;

/** A name mathjs parses as a plain symbol and that is not a constant or function name. */
function identifierProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  let node: MathNode;
  try {
    node = mathjs().parse(name);
  } catch {
    return 'is not an identifier (letters, digits, _ ; not starting with a digit)';
  }
  if (node.type !== 'SymbolNode' || (node as MSymbolNode).name !== name) {
    return 'is not an identifier (letters, digits, _ ; not starting with a digit)';
  }
  if (Object.prototype.hasOwnProperty.call(KNOWN_CONSTANTS, name)) return `is reserved for the constant ${name}`;
  if (SUPPORTED_FUNCTIONS.includes(name)) return `is reserved for the function ${name}()`;
  return undefined;
}

function validateVars(vars: unknown): string[] {
  if (!Array.isArray(vars) || vars.length === 0) {
    throw new LandscapeError(FIELD_VARS, 'must be a non-empty array of identifier strings, e.g. ["x"] or ["x", "y"]');
  }
  // the Hessian has n(n+1)/2 entries, each a symbolic derivative: bound n before any of them
  if (vars.length > EXPR_LIMITS.maxVars) {
    throw new LandscapeError(FIELD_VARS, `has ${vars.length} variables; at most ${EXPR_LIMITS.maxVars} are allowed`);
  }
  const seen = new Set<string>();
  vars.forEach((v, i) => {
    const problem = identifierProblem(v);
    if (problem) {
      throw new LandscapeError(FIELD_VARS, `entry ${i} (${echo(v)}) ${problem}; vars must be distinct identifiers such as "x", "x1", "theta"`);
    }
    if (seen.has(v)) throw new LandscapeError(FIELD_VARS, `duplicate variable ${echo(v)}; vars must be distinct`);
    seen.add(v);
  });
  return vars as string[];
}

function validateParams(params: unknown, vars: readonly string[]): Record<string, number> {
  if (params === undefined) return {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new LandscapeError('landscape.params', 'must be an object mapping names to finite numbers');
  }
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    const field = `landscape.params.${clip(name)}`;
    const problem = identifierProblem(name);
    if (problem) throw new LandscapeError(field, `parameter name ${problem}`);
    if (vars.includes(name)) throw new LandscapeError(field, `${echo(name)} is also a variable; a name is either a var or a param`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new LandscapeError(field, `must be a finite number, got ${echo(value)}`);
    }
    out[name] = value;
  }
  return out;
}

/**
 * Rewrite, only in the tree handed to `derivative`, the functions mathjs cannot differentiate into
 * equivalent forms it can: square(a)=a^2, cube(a)=a^3, log2(a)=log(a,2), log1p(a)=log(1+a),
 * expm1(a)=exp(a)−1; and acoth(a)=atanh(1/a), because mathjs 15's rule for acoth has the wrong
 * sign (it gives −1/(1−x²); d/dx acoth x = ½d/dx ln((x+1)/(x−1)) = 1/(1−x²)).
 * Odd real roots are rewritten as cbrt(a) = a·|a|^(−2/3), nthRoot(a, k odd) = a·|a|^(1/k − 1)
 * (equal for a ≠ 0): mathjs differentiates them through a^(1/k), whose powers are NaN in real
 * arithmetic for a < 0, while the rewritten derivatives, e.g. a'·|a|^(−2/3)/3, are real there.
 */
function differentiable(node: MathNode): MathNode {
  return node.transform((n) => {
    if (n.type !== 'FunctionNode') return n;
    const f = n as MFunctionNode;
    const name = (f.fn as unknown as MSymbolNode).name;
    const a = f.args.map(differentiable);
    switch (name) {
      case 'square':
        return new OpCtor('^', 'pow', [a[0], new (mathjs().ConstantNode)(2)]);
      case 'cube':
        return new OpCtor('^', 'pow', [a[0], new (mathjs().ConstantNode)(3)]);
      case 'log2':
        return new (mathjs().FunctionNode)('log', [a[0], new (mathjs().ConstantNode)(2)]);
      case 'log1p':
        return new (mathjs().FunctionNode)('log', [new OpCtor('+', 'add', [new (mathjs().ConstantNode)(1), a[0]])]);
      case 'expm1':
        return new OpCtor('-', 'subtract', [new (mathjs().FunctionNode)('exp', [a[0]]), new (mathjs().ConstantNode)(1)]);
      case 'cbrt':
        return oddRoot(a[0], 3);
      case 'nthRoot': {
        const k = a.length === 2 && a[1].type === 'ConstantNode' ? (a[1] as unknown as { value: unknown }).value : undefined;
        if (typeof k === 'number' && Number.isInteger(k) && Math.abs(k % 2) === 1) return oddRoot(a[0], k);
        return new (mathjs().FunctionNode)(f.fn, a);
      }
      case 'acoth':
        return new (mathjs().FunctionNode)('atanh', [new OpCtor('/', 'divide', [new (mathjs().ConstantNode)(1), a[0]])]);
      default:
        return new (mathjs().FunctionNode)(f.fn, a);
    }
  });
}

/** a·|a|^(1/k − 1): the real k-th root of a for odd k (a ≠ 0), in a form mathjs differentiates in ℝ */
function oddRoot(a: MathNode, k: number): MathNode {
  const absA = new (mathjs().FunctionNode)('abs', [a]);
  return new OpCtor('*', 'multiply', [a, new OpCtor('^', 'pow', [absA, new (mathjs().ConstantNode)(1 / k - 1)])]);
}

/**
 * ∂node/∂v, pruned. simplify stays off (see the module comment); the budget counts the derivative's expanded size
 * on mathjs' shared DAG before `prune` walks it as a tree (limits.ts).
 */
function differentiate(node: MathNode, v: string, what: string, budget: DerivativeBudget): MathNode {
  let d: MathNode;
  try {
    d = mathjs().derivative(differentiable(node), v, { simplify: false });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new LandscapeError(FIELD_EXPR, `mathjs cannot differentiate ${what} with respect to "${v}": ${msg}`);
  }
  budget.admit(d, `the derivative of ${what} with respect to "${v}"`);
  return prune(d);
}

/** Parse under the size limits (limits.ts): the string before mathjs sees it, the tree after. */
function parseBounded(expr: string): { tree: MathNode; nodes: number } {
  checkExpressionSource(expr, FIELD_EXPR);
  let tree: MathNode;
  try {
    tree = mathjs().parse(expr);
  } catch (err) {
    // mathjs' recursive descent can still overflow on a long unary or power chain: name the limit, not the stack
    const msg = err instanceof RangeError ? `it is nested too deeply to parse (at most ${EXPR_LIMITS.maxDepth} levels are allowed)`
      : err instanceof Error ? err.message : String(err);
    throw new LandscapeError(FIELD_EXPR, `cannot parse ${echo(expr)}: ${clip(msg, 300)}`);
  }
  return { tree, nodes: checkExpressionTree(tree, FIELD_EXPR) };
}

/** Build a Landscape from an expression; see the module comment for the pipeline. */
export function expressionLandscape(spec: ExpressionSpec): ExpressionLandscape {
  if (spec === null || typeof spec !== 'object') throw new LandscapeError('landscape', 'must be an object { expr, vars, params? }');
  const vars = validateVars(spec.vars);
  const params = validateParams(spec.params, vars);
  if (typeof spec.expr !== 'string' || spec.expr.trim() === '') {
    throw new LandscapeError(FIELD_EXPR, 'must be a non-empty expression string, e.g. "h*(x^2-1)^2"');
  }

  const { tree, nodes } = parseBounded(spec.expr);
  const budget = new DerivativeBudget(nodes, FIELD_EXPR);

  const allowed = new Set<string>([...vars, ...Object.keys(params), ...Object.keys(KNOWN_CONSTANTS)]);
  validateTree(tree, allowed, FIELD_EXPR);

  // params → numeric constants, pi/e → values, then exact pruning
  const value = prune(tree, { ...KNOWN_CONSTANTS, ...params });
  const n = vars.length;
  const gradient = vars.map((v) => differentiate(value, v, 'the expression', budget));
  const hessian: MathNode[][] = Array.from({ length: n }, () => new Array<MathNode>(n));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const h = differentiate(gradient[i], vars[j], `∂L/∂${vars[i]}`, budget);
      hessian[i][j] = h;
      hessian[j][i] = h;
    }
  }

  const name = `expr: ${spec.expr}${Object.keys(params).length ? ` [${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ')}]` : ''}`;
  const frozenSpec: ExpressionSpec = Object.freeze({ expr: spec.expr, vars: [...vars], params: { ...params } });

  if (n === 1) {
    const x = vars[0];
    const d3 = differentiate(hessian[0][0], x, 'L\'\'', budget);
    const cL = compileScalar(value, x);
    const c1 = compileScalar(gradient[0], x);
    const c2 = compileScalar(hessian[0][0], x);
    const c3 = compileScalar(d3, x);
    const L = cL.fn;
    const d1 = c1.fn;
    const d2 = c2.fn;
    const scalar: ScalarLandscape = { L, d1, d2, d3: c3.fn };
    return {
      dim: 1,
      name,
      vars: Object.freeze([x]),
      value: (p) => L(p[0]),
      gradient: (p, out) => {
        out[0] = d1(p[0]);
      },
      hessian: (p, out) => {
        out[0] = d2(p[0]);
      },
      scalar,
      spec: frozenSpec,
      symbolic: { value, gradient, hessian, d3 },
      source: { value: cL.source, gradient: c1.source, hessian: c2.source, d3: c3.source },
    };
  }

  const cV = compileValue(value, vars);
  const cG = compileWriter(gradient.map((node, i) => ({ indices: [i], node })), vars);
  const hEntries: { indices: number[]; node: MathNode }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) hEntries.push({ indices: i === j ? [i * n + i] : [i * n + j, j * n + i], node: hessian[i][j] });
  }
  const cH = compileWriter(hEntries, vars);
  return {
    dim: n,
    name,
    vars: Object.freeze([...vars]),
    value: cV.fn,
    gradient: cG.fn,
    hessian: cH.fn,
    spec: frozenSpec,
    symbolic: { value, gradient, hessian },
    source: { value: cV.source, gradient: cG.source, hessian: cH.source },
  };
}

/**
 * A scalar function f(θ) given as an expression in another object's variables (the noise c(θ), an exit or a
 * score): compiled as an expression landscape in `vars`, with its errors re-rooted to the spec ({ expr, params }):
 * "expr", "params.<name>", and "" (the spec itself) for a clash with the variables.
 */
export function expressionFunction(spec: { expr: string; params?: Record<string, number> }, vars: readonly string[]): ExpressionLandscape {
  try {
    return expressionLandscape({ expr: spec.expr, vars: [...vars], params: spec.params });
  } catch (e) {
    if (!(e instanceof LandscapeError)) throw e;
    const ownField = (f: string) => (f.startsWith('landscape.') && f !== 'landscape.vars' ? f.slice('landscape.'.length) : '');
    throw new LandscapeError(e.problems.map((p) => ({ field: ownField(p.field), message: p.message })));
  }
}
