/**
 * Size limits of an expression and of its symbolic derivatives, checked before the work they bound.
 *
 * Why: an expression is compiled with up to three rounds of symbolic differentiation (gradient, Hessian and,
 * in 1-D, L‴), and each round can multiply the size of the tree: a product of k factors has a first derivative
 * of k² nodes, a second of k³, a third of k⁴. The 446-character product (x/1+1)·(x/2+1)···(x/50+1) would
 * expand to ~10⁸ nodes and exhaust the heap. mathjs' `derivative` itself is cheap (its result shares
 * sub-trees, a DAG of O(input) nodes); what explodes is walking that DAG as a tree (pruning, emitting JS). So
 * each derivative's *expanded* size is counted on the shared DAG, in time O(DAG), before it is walked, and
 * refused with the limit named when it is too large.
 *
 * mathjs parses by recursive descent and builds left-nested trees for chains (a+b+c+…), so the nesting of
 * brackets is bounded on the string before parsing and the depth of the tree after it (recursion elsewhere
 * — validation, pruning, emitting — follows the tree's depth).
 */
import type { MathNode } from 'mathjs';
import { LandscapeError } from './errors.js';

export const EXPR_LIMITS = Object.freeze({
  /** characters of the expression string (the longest shipped expression has 85) */
  maxChars: 10_000,
  /** bracket nesting on the string: mathjs' parser overflows the stack near 250 levels */
  maxBracketDepth: 64,
  /** nodes of the parsed tree */
  maxNodes: 5_000,
  /** depth of the parsed tree (a sum of k terms is k deep) */
  maxDepth: 500,
  /** expanded nodes of one derivative, absolute */
  maxDerivativeNodes: 200_000,
  /** expanded nodes of one derivative relative to the expression's nodes (plus derivativeFloor) */
  derivativeGrowth: 200,
  derivativeFloor: 5_000,
  /** expanded nodes of all derivatives of one expression together (gradient, Hessian, L‴) */
  maxTotalNodes: 500_000,
  /** variables of one expression (the Hessian has n(n+1)/2 entries, each differentiated symbolically) */
  maxVars: 64,
});

/** The deepest nesting of (), [] and {} in a string (closing brackets without an opener are left to the parser). */
export function bracketDepth(s: string): number {
  let depth = 0, max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** Refuse a string too long or too deeply bracketed before mathjs parses it. */
export function checkExpressionSource(expr: string, field: string): void {
  const L = EXPR_LIMITS;
  if (expr.length > L.maxChars) {
    throw new LandscapeError(field, `the expression has ${expr.length} characters; at most ${L.maxChars} are allowed (an expression is differentiated symbolically up to three times)`);
  }
  const depth = bracketDepth(expr);
  if (depth > L.maxBracketDepth) {
    throw new LandscapeError(field, `brackets are nested ${depth} deep; at most ${L.maxBracketDepth} levels are allowed`);
  }
}

function childrenOf(n: MathNode): readonly MathNode[] {
  const a = (n as { args?: MathNode[] }).args;
  if (a) return a;
  const c = (n as { content?: MathNode }).content;
  return c ? [c] : [];
}

/** Node count and depth of a tree, iteratively (no recursion on an untrusted depth). */
export function treeStats(root: MathNode): { nodes: number; depth: number } {
  let nodes = 0, depth = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    nodes++;
    if (d > depth) depth = d;
    for (const c of childrenOf(n)) stack.push([c, d + 1]);
  }
  return { nodes, depth };
}

/** Refuse a parsed tree with too many nodes or too deep. Returns its node count (the base of the growth limit). */
export function checkExpressionTree(tree: MathNode, field: string): number {
  const L = EXPR_LIMITS;
  const { nodes, depth } = treeStats(tree);
  if (nodes > L.maxNodes) throw new LandscapeError(field, `the expression has ${nodes} nodes (numbers, symbols, operators, calls); at most ${L.maxNodes} are allowed`);
  if (depth > L.maxDepth) throw new LandscapeError(field, `the expression is nested ${depth} levels deep (a chain a+b+c+… of k terms is k deep); at most ${L.maxDepth} are allowed`);
  return nodes;
}

/**
 * The number of nodes of `root` written out as a tree, counted on its DAG (shared sub-trees counted once per
 * use, each visited once), or `cap + 1` as soon as it exceeds `cap`. Post-order with an explicit stack.
 */
export function expandedSize(root: MathNode, cap: number): number {
  const size = new Map<MathNode, number>();
  const stack: [MathNode, boolean][] = [[root, false]];
  while (stack.length) {
    const [n, ready] = stack.pop()!;
    if (size.has(n)) continue;
    const kids = childrenOf(n);
    if (!ready) {
      stack.push([n, true]);
      for (const c of kids) if (!size.has(c)) stack.push([c, false]);
      continue;
    }
    let s = 1;
    for (const c of kids) s += size.get(c)!;
    if (s > cap) return cap + 1;
    size.set(n, s);
  }
  return size.get(root)!;
}

/** The running budget of one expression's derivatives: each and all together (EXPR_LIMITS). */
export class DerivativeBudget {
  private total = 0;
  readonly perDerivative: number;

  constructor(readonly inputNodes: number, private readonly field: string) {
    const L = EXPR_LIMITS;
    this.perDerivative = Math.min(L.maxDerivativeNodes, L.derivativeFloor + L.derivativeGrowth * inputNodes);
  }

  /** Count the derivative `d` (mathjs' shared DAG) before it is walked; refuse it when over a limit. */
  admit(d: MathNode, what: string): void {
    const L = EXPR_LIMITS;
    const cap = Math.min(this.perDerivative, L.maxTotalNodes - this.total);
    const n = expandedSize(d, cap);
    if (n > this.perDerivative) {
      throw new LandscapeError(this.field, `${what} grows past ${this.perDerivative} nodes (from an expression of ${this.inputNodes}); ` +
        `each symbolic derivative may have at most min(${L.maxDerivativeNodes}, ${L.derivativeFloor} + ${L.derivativeGrowth} × the expression's nodes) nodes: ` +
        'write the expression in a form whose derivatives stay small (e.g. expanded, or as a sum rather than a long product)');
    }
    if (n > cap) {
      throw new LandscapeError(this.field, `the derivatives together grow past ${L.maxTotalNodes} nodes (at ${what}); at most ${L.maxTotalNodes} are allowed for one expression`);
    }
    this.total += n;
  }
}
