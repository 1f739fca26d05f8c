/**
 * File-level cases of the reliability corpus: encodings (BOM, UTF-16, invalid UTF-8, lone surrogates), files
 * that are not JSON or not a JSON object, deep nesting, huge arrays and huge strings (the error must not echo
 * them back whole: judge.ts bounds stderr). Every case runs `theory` and `simulate`.
 */
import {
  OK, bases, both, invalid, okOrInvalid, rawValue, simOnly, withValue,
  type Expect, type Json, type Path, type ScenarioCase,
} from './corpus-util.js';

type Bases = ReturnType<typeof bases>;

const MB = 1 << 20;
const NOT_JSON = invalid('JSON');
const NOT_OBJECT = invalid('object');

function encodingCases(b: Bases): ScenarioCase[] {
  const text = JSON.stringify(b.langevin, null, 2);
  /** the base with `bytes` spliced into the string value at `path` */
  const withBytes = (path: Path, bytes: number[]) => () => {
    const s = JSON.stringify(withValue(b.langevin, path, '@@BYTES@@'));
    const [pre, post] = s.split('@@BYTES@@');
    return new Uint8Array(Buffer.concat([Buffer.from(pre), Buffer.from(bytes), Buffer.from(post)]));
  };
  const utf16 = () => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return [
    both('file/bom-utf8', () => `\uFEFF${text}`, OK, { smoke: 'both' }),
    both('file/utf16le-with-bom', utf16, okOrInvalid('JSON', 'UTF-16', 'UTF16', 'encoding')),
    simOnly('file/crlf-and-tabs', () => text.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t'), OK),
    both('file/invalid-utf8-in-name', withBytes(['name'], [0xff, 0xfe, 0xc3]), okOrInvalid('scenario.name', 'UTF-8', 'utf-8', 'utf8')),
    both('file/invalid-utf8-in-expr', withBytes(['landscape', 'expr'], [0xc3, 0x28]), invalid('scenario.landscape.expr', 'UTF-8', 'utf-8', 'utf8')),
    both('file/lone-surrogate-in-name', rawValue(b.langevin, ['name'], '"\\ud800"'), OK),
    both('file/lone-surrogate-in-expr', rawValue(b.langevin, ['landscape', 'expr'], '"h*(x^2-1)^2 + \\ud800"'), invalid('scenario.landscape.expr')),
    simOnly('file/binary-garbage', () => Uint8Array.from({ length: 4096 }, (_, i) => (i < 2 ? [0x1f, 0x8b][i] : (Math.imul(i, 2654435761) >>> 13) & 0xff)), NOT_JSON),
    simOnly('file/nul-bytes', () => new Uint8Array(4096), invalid('JSON', 'UTF-8')),
  ];
}

function syntaxCases(b: Bases): ScenarioCase[] {
  const text = JSON.stringify(b.langevin, null, 2);
  return [
    both('file/empty', () => '', invalid('JSON', 'empty')),
    simOnly('file/whitespace-only', () => ' \n\t\n ', invalid('JSON', 'empty')),
    simOnly('file/top-level-null', () => 'null', NOT_OBJECT),
    simOnly('file/top-level-array', () => '[]', NOT_OBJECT),
    simOnly('file/top-level-array-of-scenario', () => `[${text}]`, NOT_OBJECT),
    simOnly('file/top-level-number', () => '42', NOT_OBJECT),
    simOnly('file/top-level-string', () => '"examples/double-well-langevin.json"', NOT_OBJECT),
    simOnly('file/top-level-true', () => 'true', NOT_OBJECT),
    simOnly('file/trailing-comma', () => text.replace(/\n}$/, ',\n}'), NOT_JSON),
    simOnly('file/single-quotes', () => text.replace(/"/g, "'"), NOT_JSON),
    simOnly('file/comments', () => `// a scenario\n${text}`, NOT_JSON),
    simOnly('file/nan-literal', () => text.replace('"temperature": 0.25', '"temperature": NaN'), NOT_JSON),
    simOnly('file/truncated', () => text.slice(0, Math.floor(text.length / 2)), NOT_JSON),
    simOnly('file/two-objects', () => `${text}\n${text}`, NOT_JSON),
    simOnly('file/yaml', () => 'name: double-well\nlandscape:\n  expr: h*(x^2-1)^2\n', NOT_JSON),
    simOnly('file/js-module', () => `export default ${text};\n`, NOT_JSON),
    simOnly('file/duplicate-keys', () => text.replace('"dynamics": {', '"dynamics": {"model": "sgd", '), okOrInvalid('scenario.dynamics')),
  ];
}

const nest = (n: number, open: string, close: string, inner: string) => () => open.repeat(n) + inner + close.repeat(n);

function nestingCases(b: Bases): ScenarioCase[] {
  const L = b.langevin;
  return [
    simOnly('nesting/start-1e4-arrays', rawValue(L, ['start'], nest(10_000, '[', ']', '-1')), invalid('scenario.start')),
    simOnly('nesting/exit-1e4-arrays', rawValue(L, ['exit'], nest(10_000, '[', ']', '{"var":"x","above":0.5}')), invalid('scenario.exit')),
    simOnly('nesting/unknown-key-1e4-objects', rawValue(L, ['junk'], nest(10_000, '{"a":', '}', '1')), invalid('scenario.junk')),
    simOnly('nesting/params-1e4-objects', rawValue(L, ['landscape', 'params', 'h'], nest(10_000, '{"h":', '}', '1')), invalid('scenario.landscape.params.h')),
    both('nesting/start-1e6-arrays', rawValue(L, ['start'], nest(1_000_000, '[', ']', '-1')), invalid('scenario.start', 'JSON', 'deep', 'nest')),
    simOnly('nesting/unknown-key-1e6-objects', rawValue(L, ['junk'], nest(1_000_000, '{"a":', '}', '1')), invalid('scenario.junk', 'JSON', 'deep', 'nest')),
  ];
}

const list = (n: number, f: (i: number) => Json) => Array.from({ length: n }, (_, i) => f(i));
/** built when the case runs, not when the corpus is listed */
const later = (f: () => Json) => () => JSON.stringify(f());

function hugeArrayCases(b: Bases): ScenarioCase[] {
  const L = b.langevin;
  const params = (): Json => Object.fromEntries([['h', 1], ...Array.from({ length: 100_000 }, (_, i) => [`p${i}`, i])]) as Json;
  return [
    simOnly('huge-array/start-1e6', later(() => withValue(L, ['start'], list(1e6, () => -1))), invalid('scenario.start')),
    simOnly('huge-array/exit-1e5', later(() => withValue(L, ['exit'], list(1e5, () => ({ var: 'x', above: 0.5 })))), okOrInvalid('scenario.exit')),
    simOnly('huge-array/reflect-1e5', later(() => withValue(L, ['reflect'], list(1e5, () => ({ var: 'x', below: -4 })))), okOrInvalid('scenario.reflect')),
    both('huge-array/vars-1e5', later(() => withValue(L, ['landscape', 'vars'], list(1e5, (i) => `x${i}`))), invalid('scenario.landscape.vars', 'scenario.landscape.expr', 'scenario.start')),
    both('huge-array/params-1e5', later(() => withValue(L, ['landscape', 'params'], params())), okOrInvalid('scenario.landscape.params')),
    simOnly('huge-array/unknown-key-1e6', later(() => withValue(L, ['junk'], list(1e6, (i) => i))), invalid('scenario.junk')),
    simOnly('huge-array/minEigs-1e6', later(() => withValue(b.nd, ['landscape', 'minEigs'], list(1e6, () => 1))), invalid('scenario.landscape.minEigs')),
  ];
}

/** [name, path, size in MB, character, expectation, smoke] */
function hugeStrings(): [string, Path, number, string, Expect, boolean?][] {
  return [
    ['name-50MB', ['name'], 50, 'n', OK],
    ['description-50MB', ['description'], 50, 'd', OK],
    ['expr-symbol-50MB', ['landscape', 'expr'], 50, 'x', invalid('scenario.landscape.expr')],
    ['expr-symbol-5MB', ['landscape', 'expr'], 5, 'q', invalid('scenario.landscape.expr'), true],
    ['model-50MB', ['dynamics', 'model'], 50, 'm', invalid('scenario.dynamics.model')],
    ['backend-5MB', ['simulation', 'backend'], 5, 'b', invalid('scenario.simulation.backend')],
    ['exit-var-5MB', ['exit', 'var'], 5, 'v', invalid('scenario.exit.var')],
    ['unknown-key-value-50MB', ['junk'], 50, 'j', invalid('scenario.junk')],
    ['seed-5MB', ['simulation', 'seed'], 5, 's', okOrInvalid('scenario.simulation.seed')],
    ['var-name-5MB', ['landscape', 'vars', 0], 5, 'y', invalid('scenario.landscape.vars', 'scenario.landscape.expr')],
  ];
}

function hugeStringCases(b: Bases): ScenarioCase[] {
  const out = hugeStrings().map(([name, path, mb, ch, e, smoke]) =>
    (/^(name|expr)/.test(name) ? both : simOnly)(`huge-string/${name}`, rawValue(b.langevin, path, () => `"${ch.repeat(mb * MB)}"`), e, { smoke }));
  const key = () => {
    const s = JSON.stringify(b.langevin);
    return `{"${'k'.repeat(5 * MB)}": 1, ${s.slice(1)}`;
  };
  out.push(simOnly('huge-string/unknown-key-name-5MB', key, invalid('unknown')));
  const sum = () => `"h*(x^2-1)^2${' + 0*x'.repeat(MB)}"`;
  out.push(both('huge-string/expr-sum-6MB', rawValue(b.langevin, ['landscape', 'expr'], sum), okOrInvalid('scenario.landscape.expr')));
  return out;
}

export function fileCases(b: Bases): ScenarioCase[] {
  return [...encodingCases(b), ...syntaxCases(b), ...nestingCases(b), ...hugeArrayCases(b), ...hugeStringCases(b)];
}
