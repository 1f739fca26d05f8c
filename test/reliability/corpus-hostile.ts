/**
 * Hostile content of the reliability corpus: mathjs expressions (code execution, assignments, units, matrices,
 * expression and derivative bombs) in the landscape, an exit and a noise model; variable and parameter names
 * (prototype names, reserved names, collisions); extreme numbers (run budgets that never end, overflow,
 * subnormals, −0, integers past 2^53). Every case runs `theory` and `simulate`.
 */
import {
  OK, OK_OR_BLOWUP, anyOutcome, bases, both, invalid, json, okOrInvalid, rawValue, simOnly, withValue,
  type Expect, type Json, type Path, type ScenarioCase,
} from './corpus-util.js';

type Bases = ReturnType<typeof bases>;

const EXPR = 'scenario.landscape.expr';
const LANDSCAPE = 'scenario.landscape';
const BASE_EXPR = 'h*(x^2-1)^2';
const times = (n: number, f: (i: number) => string, sep: string) => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** [name, expression, expectation, smoke] for landscape.expr of the double well (vars x, params h) */
function expressions(): [string, string, Expect, boolean?][] {
  const inv = invalid(EXPR);
  const big = okOrInvalid(EXPR);
  return [
    ['import', 'import({x: 1}, {override: true})*x', inv, true],
    ['createUnit', 'createUnit("furlong")*x^2', inv],
    ['evaluate', 'evaluate("x^2")', inv],
    ['parse', 'parse("x^2")', inv],
    ['simplify', 'simplify("x^2")', inv],
    ['derivative-call', 'derivative("x^2", "x")', inv],
    ['function-definition', 'f(x) = x^2', inv],
    ['assignment', 'h = 5; h*(x^2-1)^2', inv],
    ['assignment-only', 'x = 1', inv],
    ['accessor-constructor', 'x.constructor', inv],
    ['index-constructor', 'x["constructor"]', inv],
    ['constructor-exploit', 'cos.constructor("process.stderr.write(\\"PWN\\"+\\"ED\\")")()', inv],
    ['constructor-exploit-exit', 'cos["constructor"]("process.exit(0)")()', inv],
    ['matrix', '[x, 1]', inv],
    ['matrix-2d', '[1, 2; 3, 4] * x', inv],
    ['string', '"abc"', inv],
    ['unit', '5 cm * x^2', inv],
    ['unit-conversion', 'x to cm', inv],
    ['range', '1:10', inv],
    ['conditional', 'x > 0 ? x^2 : h*(x^2-1)^2', inv],
    ['relational', 'x == 1', inv],
    ['logical', 'x and 1', inv],
    ['factorial', 'x!', inv],
    ['transpose', "x'", inv],
    ['bitwise', 'x & 1', inv],
    ['block', 'x^2; x^3', inv],
    ['empty', '', inv],
    ['blank', '   ', inv],
    ['nul-char', `${BASE_EXPR}\u0000`, inv],
    ['emoji', `${BASE_EXPR} + 😀`, inv],
    ['undeclared', `${BASE_EXPR} + y`, inv],
    ['undeclared-toString', `${BASE_EXPR} + 0*toString`, inv],
    ['undeclared-constructor', `${BASE_EXPR} + 0*constructor`, inv],
    ['undeclared-__proto__', `${BASE_EXPR} + 0*__proto__`, inv],
    ['undeclared-hasOwnProperty', `${BASE_EXPR} + 0*hasOwnProperty`, inv],
    ['complex', `sqrt(-1)*x + ${BASE_EXPR}`, invalid(LANDSCAPE)],
    ['division-by-zero', `1/0 + ${BASE_EXPR}`, invalid(LANDSCAPE)],
    ['nan', `NaN*x + ${BASE_EXPR}`, invalid(LANDSCAPE)],
    ['log-of-negative-start', `log(x) + ${BASE_EXPR}`, invalid(LANDSCAPE)],
    ['huge-constant', `1e308*${BASE_EXPR}`, anyOutcome(LANDSCAPE)],
    ['comment', `${BASE_EXPR} # comment`, okOrInvalid(EXPR)],
    ['deep-parens-1e3', `${'('.repeat(1000)}x${')'.repeat(1000)}^2 + ${BASE_EXPR}`, big],
    ['deep-parens-1e4', `${'('.repeat(10_000)}x${')'.repeat(10_000)}^2 + ${BASE_EXPR}`, big, true],
    ['deep-parens-1e5', `${'('.repeat(100_000)}x${')'.repeat(100_000)}`, big],
    ['unbalanced-parens-1e5', `${'('.repeat(100_000)}x`, inv],
    ['deep-unary-minus-1e5', `${'-'.repeat(100_000)}x + ${BASE_EXPR}`, big],
    ['long-sum-1e4', `${BASE_EXPR} + ${times(10_000, (i) => `x^2/${i + 1}`, ' + ')}`, big],
    ['long-sum-1e5', `${BASE_EXPR} + ${times(100_000, (i) => `x/${i + 1}`, ' + ')}`, big],
    ['product-bomb-50', `${times(50, (i) => `(x/${i + 1}+1)`, '*')}*0.001 + ${BASE_EXPR}`, big],
    ['product-bomb-200', `${times(200, (i) => `(x/${i + 1}+1)`, '*')}*0.001 + ${BASE_EXPR}`, big],
    ['quotient-bomb-30', `${times(30, () => '1/(1+x^2+', '')}1${')'.repeat(30)} + ${BASE_EXPR}`, big],
    ['nested-sin-300', `${'sin('.repeat(300)}x${')'.repeat(300)} + ${BASE_EXPR}`, big],
    ['exp-tower', `exp(exp(exp(exp(exp(x))))) + ${BASE_EXPR}`, anyOutcome(LANDSCAPE)],
    ['power-tower', `x^x^x^x^x^x^x^x^x^x + ${BASE_EXPR}`, anyOutcome(LANDSCAPE)],
  ];
}

/** the worst of the expressions again, as an exit level set and as a noise model */
const ELSEWHERE = ['import', 'constructor-exploit', 'undeclared-toString', 'deep-parens-1e4', 'product-bomb-50'];
/**
 * Expressions that parse, whose trouble (size, derivatives, values) theory may meet in its own way (quadrature,
 * critical points): these run theory too; the parser's refusals, shared by both commands, run simulate only.
 */
const THEORY_TOO = /^(complex|division|nan|log|huge|deep|long|product|quotient|nested|exp|power)/;

function expressionCases(b: Bases): ScenarioCase[] {
  const out: ScenarioCase[] = [];
  for (const [name, expr, e, smoke] of expressions()) {
    const make = THEORY_TOO.test(name) ? both : simOnly;
    out.push(make(`expr/landscape/${name}`, json(withValue(b.langevin, ['landscape', 'expr'], expr)), e, { smoke }));
    if (!ELSEWHERE.includes(name)) continue;
    const re = (field: string): Expect => ({ ...e, field: [field] });
    const exit = withValue(b.langevin, ['exit'], { expr: `x + 0*(${expr})`, above: 0.5 });
    const make2 = THEORY_TOO.test(name) ? both : simOnly;
    out.push(make2(`expr/exit/${name}`, json(exit), re('scenario.exit')));
    const noise = withValue(b.discrete, ['dynamics', 'noise'], { kind: 'expr', expr: `1 + 0*(${expr})` });
    out.push(make2(`expr/noise/${name}`, json(noise), re('scenario.dynamics.noise.expr')));
  }
  return out;
}

/** the double well with its variable renamed (expression, start, exit and wall follow) */
function renamedVar(b: Bases, v: string): Json {
  let s = withValue(b.langevin, ['landscape', 'vars'], [v]);
  s = withValue(s, ['landscape', 'expr'], `h*(${v}^2-1)^2`);
  s = withValue(s, ['exit', 'var'], v);
  return withValue(s, ['reflect', 'var'], v);
}

/** the double well with its parameter h renamed */
function renamedParam(b: Bases, p: string): Json {
  const s = withValue(b.langevin, ['landscape', 'params'], {});
  return withValue(withValue(s, ['landscape', 'params', p], 1), ['landscape', 'expr'], `${p}*(x^2-1)^2`);
}

function nameCases(b: Bases): ScenarioCase[] {
  const VARS = 'scenario.landscape.vars', PARAMS = 'scenario.landscape.params';
  const out: ScenarioCase[] = [];
  for (const v of ['sin', 'pi', 'e', '1x', 'x y', 'x.y', '']) out.push(simOnly(`names/var=${JSON.stringify(v)}`, json(renamedVar(b, v)), invalid(VARS)));
  for (const p of ['sin', 'pi', '1h', 'h h']) out.push(simOnly(`names/param=${JSON.stringify(p)}`, json(renamedParam(b, p)), invalid(PARAMS)));
  // a prototype name is an ordinary name or is refused; if it runs, the answer must be that of the double well
  for (const v of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
    out.push(both(`names/var=${v}`, json(renamedVar(b, v)), okOrInvalid(VARS), { sameAnswerAs: 'base/langevin' }));
  }
  for (const p of ['constructor', '__proto__', 'toString', 'valueOf', 'prototype']) {
    out.push(both(`names/param=${p}`, json(renamedParam(b, p)), okOrInvalid(PARAMS), { sameAnswerAs: 'base/langevin' }));
  }
  const dup = withValue(withValue(b.langevin, ['landscape', 'vars'], ['x', 'x']), ['start'], [-1, -1]);
  out.push(simOnly('names/duplicate-vars', json(dup), invalid(VARS)));
  out.push(simOnly('names/var-equals-param', json(withValue(b.langevin, ['landscape', 'vars'], ['h'])), invalid(VARS, PARAMS)));
  out.push(simOnly('names/unused-param', json(withValue(b.langevin, ['landscape', 'params', 'unused'], 2)), okOrInvalid(PARAMS)));
  const exitParam = withValue(b.langevin, ['exit'], { expr: 'x - __proto__', above: 0, params: {} });
  out.push(both('names/exit-param=__proto__', json(withValue(exitParam, ['exit', 'params', '__proto__'], 0.5)), okOrInvalid('scenario.exit.params')));
  return out;
}

/** 2000 blocks of one trajectory, each censored after 1000 steps: the number of blocks does not bound the threads */
const MANY_BLOCKS: Json = { trajectories: 2000, dt: 0.001, maxTime: 1, chunk: 1, seed: 1, backend: 'workers' };

/** [name, base, edits, simulate, theory (default: as simulate), smoke] */
type Extreme = [string, 'langevin' | 'discrete' | 'nd', [Path, Json][], Expect, Expect?, boolean?];

function extremes(): Extreme[] {
  const DT = 'scenario.simulation.dt', MAXT = 'scenario.simulation.maxTime', SIM = 'scenario.simulation';
  const T = ['dynamics', 'temperature'];
  // a run budget that cannot finish is simulate's refusal; theory, which runs nothing, may answer or refuse too
  const BUDGET = okOrInvalid(DT, MAXT);
  // the coefficients of the SDE limit come from lr, batch and the noise together: naming the block will do
  const DYN = 'scenario.dynamics';
  return [
    ['dt=1e-300', 'langevin', [[['simulation', 'dt'], 1e-300]], invalid(DT, MAXT), BUDGET, true],
    ['dt=5e-324', 'langevin', [[['simulation', 'dt'], 5e-324]], invalid(DT, MAXT), BUDGET],
    ['maxTime=1e308,dt=1e-308', 'langevin', [[['simulation', 'maxTime'], 1e308], [['simulation', 'dt'], 1e-308]], invalid(DT, MAXT), BUDGET],
    ['maxTime=1e308', 'langevin', [[['simulation', 'maxTime'], 1e308]], okOrInvalid(MAXT)],
    ['dt=1e308', 'langevin', [[['simulation', 'dt'], 1e308]], invalid(MAXT, DT)],
    ['dt=maxTime=1e308', 'langevin', [[['simulation', 'dt'], 1e308], [['simulation', 'maxTime'], 1e308]], anyOutcome(DT, MAXT)],
    ['temperature=1e308', 'langevin', [[T, 1e308]], OK_OR_BLOWUP, okOrInvalid('scenario.dynamics.temperature')],
    ['temperature=5e-324', 'langevin', [[T, 5e-324]], OK, okOrInvalid('scenario.dynamics.temperature')],
    ['h=1e308', 'langevin', [[['landscape', 'params', 'h'], 1e308]], anyOutcome(LANDSCAPE)],
    ['start=-1e308', 'langevin', [[['start'], [-1e308]]], invalid('scenario.start', 'scenario.reflect')],
    ['start=1e308', 'langevin', [[['start'], [1e308]]], invalid('scenario.start', 'scenario.exit')],
    ['start=5e-324', 'langevin', [[['start'], [5e-324]]], OK],
    ['exit.above=1e308', 'langevin', [[['exit', 'above'], 1e308]], okOrInvalid('scenario.exit', LANDSCAPE)],
    ['reflect.below=-1e308', 'langevin', [[['reflect', 'below'], -1e308]], okOrInvalid('scenario.reflect', LANDSCAPE)],
    ['trajectories=1e308', 'langevin', [[['simulation', 'trajectories'], 1e308]], invalid('scenario.simulation.trajectories')],
    ['trajectories=4.5', 'langevin', [[['simulation', 'trajectories'], 4.5]], invalid('scenario.simulation.trajectories')],
    ['trajectories=0', 'langevin', [[['simulation', 'trajectories'], 0]], invalid('scenario.simulation.trajectories')],
    ['seed=-1', 'langevin', [[['simulation', 'seed'], -1]], invalid('scenario.simulation.seed')],
    ['seed=1.5', 'langevin', [[['simulation', 'seed'], 1.5]], invalid('scenario.simulation.seed')],
    ['seed=1e308', 'langevin', [[['simulation', 'seed'], 1e308]], invalid('scenario.simulation.seed')],
    ['seed=empty', 'langevin', [[['simulation', 'seed'], '']], invalid('scenario.simulation.seed')],
    ['chunk=2^20', 'langevin', [[['simulation', 'chunk'], 1 << 20]], OK],
    ['chunk=1e9', 'langevin', [[['simulation', 'chunk'], 1e9]], invalid('scenario.simulation.chunk')],
    ['stepsPerLaunch=1e15', 'langevin', [[['simulation', 'stepsPerLaunch'], 1e15]], OK],
    ['workers=1024', 'langevin', [[['simulation'], MANY_BLOCKS], [['simulation', 'workers'], 1024]], okOrInvalid('scenario.simulation.workers'), OK],
    ['workers=0', 'langevin', [[['simulation', 'workers'], 0]], invalid('scenario.simulation.workers')],
    ['ams.replicas=1', 'langevin', [[['simulation', 'method'], 'ams'], [['simulation', 'ams'], { replicas: 1 }]], invalid('scenario.simulation.ams.replicas')],
    ['ams.kill=1e308', 'langevin', [[['simulation', 'method'], 'ams'], [['simulation', 'ams'], { kill: 1e308 }]], invalid('scenario.simulation.ams.kill'), okOrInvalid('scenario.simulation.ams.kill')],
    ['discrete-lr=5e-324', 'discrete', [[['dynamics', 'lr'], 5e-324]], invalid('scenario.dynamics.lr', MAXT), okOrInvalid(DYN)],
    ['discrete-lr=1e308', 'discrete', [[['dynamics', 'lr'], 1e308], [['simulation', 'maxTime'], 1e308]], anyOutcome(DYN, SIM)],
    ['discrete-batch=5e-324', 'discrete', [[['dynamics', 'batch'], 5e-324]], anyOutcome(DYN)],
    ['minibatch-examples=1e7', 'discrete', [[['dynamics', 'noise'], { kind: 'minibatch', examples: 1e7, covariance: { kind: 'hessian', floor: 1 } }]], OK],
    ['nd-minEigs=1e4-entries', 'nd', [[['landscape', 'minEigs'], Array(10_000).fill(1)]], invalid('scenario.landscape.minEigs')],
    ['nd-minEigs=1e308', 'nd', [[['landscape', 'minEigs'], [1e308, 1]]], anyOutcome('scenario.landscape.minEigs')],
    ['nd-minEigs=0', 'nd', [[['landscape', 'minEigs'], [0, 1]]], invalid('scenario.landscape.minEigs')],
  ];
}

const SIMULATE_ONLY = /^(trajectories|seed|chunk|stepsPerLaunch|workers|ams)/;

function extremeCases(b: Bases): ScenarioCase[] {
  const out = extremes().map(([name, base, edits, sim, theory, smoke]): ScenarioCase => {
    const content = edits.reduce<Json>((s, [p, v]) => withValue(s, p, v), b[base]);
    // settings that only simulate uses run simulate only; the run budget (dt, maxTime) runs both
    if (SIMULATE_ONLY.test(name)) return simOnly(`extreme/${name}`, json(content), sim, { smoke });
    return { ...both(`extreme/${name}`, json(content), sim, { smoke }), theory: theory ?? sim };
  });
  const raw: [string, Path, string, Expect][] = [
    ['temperature=-0', ['dynamics', 'temperature'], '-0', invalid('scenario.dynamics.temperature')],
    ['temperature=1e400', ['dynamics', 'temperature'], '1e400', invalid('scenario.dynamics.temperature')],
    ['start=-0', ['start'], '[-0]', OK],
    ['dt=-0', ['simulation', 'dt'], '-0', invalid('scenario.simulation.dt')],
    ['trajectories=2^53+1', ['simulation', 'trajectories'], '9007199254740993', invalid('scenario.simulation.trajectories')],
    ['seed=2^53+1', ['simulation', 'seed'], '9007199254740993', invalid('scenario.simulation.seed')],
    ['stepsPerLaunch=2^53+1', ['simulation', 'stepsPerLaunch'], '9007199254740993', invalid('scenario.simulation.stepsPerLaunch')],
    ['param=1e400', ['landscape', 'params', 'h'], '1e400', invalid('scenario.landscape.params.h')],
  ];
  for (const [name, path, text, e] of raw) out.push((SIMULATE_ONLY.test(name) ? simOnly : both)(`extreme/${name}`, rawValue(b.langevin, path, text), e));
  return out;
}

export function hostileCases(b: Bases): ScenarioCase[] {
  return [...expressionCases(b), ...nameCases(b), ...extremeCases(b)];
}
