/**
 * Schema-level cases of the reliability corpus: a wrong JSON type at every path of the three bases, missing
 * required keys, unknown keys (prototype names and typos) in every object, and prototype names as values of the
 * enumerated fields. Theory and simulate share the parser, so most of these run `simulate` only; the missing
 * `simulation` block (optional for theory) runs both.
 */
import {
  OK, bases, both, clone, dotted, invalid, json, pathsOf, put, simOnly, withValue,
  type BaseName, type Expect, type Json, type Path, type ScenarioCase,
} from './corpus-util.js';

type Bases = ReturnType<typeof bases>;

const SAMPLES: [string, Json][] = [['string', 'abc'], ['number', 7], ['bool', true], ['null', null], ['array', []], ['object', {}]];

function kindOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** replacements that are valid after all (a string seed, an empty list of reflecting walls) */
const VALID_REPLACEMENTS: Record<string, Expect> = {
  'scenario.simulation.seed=string': OK,
  'scenario.reflect=array': OK,
};

const simulateOnly = (name: string, content: () => string | Uint8Array, expect: Expect, smoke = false) => simOnly(name, content, expect, { smoke });

/** every path of every base (each dotted path once), with one of the JSON types it does not have (in turn) */
function typeCases(b: Bases): ScenarioCase[] {
  const out: ScenarioCase[] = [];
  const seen = new Set<string>();
  let k = 0;
  for (const base of ['langevin', 'discrete', 'nd'] as BaseName[]) {
    for (const { path, value } of pathsOf(b[base])) {
      const field = dotted(path);
      if (seen.has(field)) continue;
      seen.add(field);
      const wrong = SAMPLES.filter(([t]) => t !== kindOf(value));
      const [t, v] = wrong[k++ % wrong.length];
      const expect = VALID_REPLACEMENTS[`${field}=${t}`] ?? invalid(field);
      out.push(simulateOnly(`type/${base}/${field.slice('scenario.'.length)}=${t}`, json(withValue(b[base], path, v)), expect));
    }
  }
  return out;
}

/** removing a key: required ones are named, optional ones (with defaults) still run */
function missingCases(b: Bases): ScenarioCase[] {
  const list: [BaseName, Path, Expect][] = [
    ['langevin', ['landscape'], invalid('scenario.landscape')],
    ['langevin', ['landscape', 'expr'], invalid('scenario.landscape.expr')],
    ['langevin', ['landscape', 'vars'], invalid('scenario.landscape.vars')],
    ['langevin', ['landscape', 'params'], invalid('scenario.landscape.expr', 'scenario.landscape.params')],
    ['langevin', ['start'], invalid('scenario.start')],
    ['langevin', ['exit'], invalid('scenario.exit')],
    ['langevin', ['exit', 'var'], invalid('scenario.exit.var')],
    ['langevin', ['exit', 'above'], invalid('scenario.exit.above')],
    ['langevin', ['reflect'], OK],
    ['langevin', ['name'], OK],
    ['langevin', ['description'], OK],
    ['langevin', ['dynamics'], invalid('scenario.dynamics')],
    ['langevin', ['dynamics', 'model'], invalid('scenario.dynamics.model')],
    ['langevin', ['dynamics', 'temperature'], invalid('scenario.dynamics.temperature')],
    ['langevin', ['simulation', 'trajectories'], invalid('scenario.simulation.trajectories')],
    ['langevin', ['simulation', 'dt'], invalid('scenario.simulation.dt')],
    ['langevin', ['simulation', 'maxTime'], invalid('scenario.simulation.maxTime')],
    ['langevin', ['simulation', 'seed'], OK],
    ['langevin', ['simulation', 'backend'], OK],
    ['discrete', ['landscape', 'builtin'], invalid('scenario.landscape.builtin', 'scenario.landscape.expr')],
    ['discrete', ['dynamics', 'discrete'], invalid('scenario.dynamics.discrete', 'scenario.dynamics.model')],
    ['discrete', ['dynamics', 'lr'], invalid('scenario.dynamics.lr')],
    ['discrete', ['dynamics', 'batch'], invalid('scenario.dynamics.batch')],
    ['discrete', ['dynamics', 'noise'], invalid('scenario.dynamics.noise')],
    ['discrete', ['dynamics', 'noise', 'kind'], invalid('scenario.dynamics.noise.kind')],
    ['discrete', ['dynamics', 'noise', 'floor'], OK],
    ['nd', ['dynamics', 'convention'], invalid('scenario.dynamics.convention')],
    ['nd', ['dynamics', 'lr'], invalid('scenario.dynamics.lr')],
  ];
  const out = list.map(([base, path, e]) => simulateOnly(`missing/${base}/${dotted(path).slice(9)}`, json(withValue(b[base], path, undefined)), e));
  // the simulation block is optional for theory only
  out.push({ ...both('missing/langevin/simulation', json(withValue(b.langevin, ['simulation'], undefined)), invalid('scenario.simulation')), theory: OK });
  return out;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** an own key named `key` in the object at `path` (an own `__proto__` key, as JSON.parse makes one) */
function withKey(base: Json, path: Path, key: string, value: Json): () => string {
  const copy = clone(base);
  let o = copy as Record<string | number, Json>;
  for (const k of path) o = o[k] as Record<string | number, Json>;
  put(o, key, value);
  return json(copy);
}

/** unknown keys: prototype names and typos, in every object of the bases */
function unknownKeyCases(b: Bases): ScenarioCase[] {
  const objects: [BaseName, Path][] = [
    ['langevin', []], ['langevin', ['landscape']], ['langevin', ['exit']], ['langevin', ['reflect']],
    ['langevin', ['dynamics']], ['langevin', ['simulation']], ['discrete', ['landscape']], ['discrete', ['dynamics']],
    ['discrete', ['dynamics', 'noise']],
  ];
  const polluter: Json = { polluted: true, dt: 1e-300, toString: 1 };
  const out: ScenarioCase[] = [];
  for (const [base, path] of objects) {
    for (const key of PROTO_KEYS) {
      const name = `unknown-key/${base}/${dotted([...path, key]).slice(9) || key}`;
      const e = invalid(dotted([...path, key]));
      out.push(simulateOnly(name, withKey(b[base], path, key, key === '__proto__' ? polluter : 1), e, key === '__proto__' && path.length === 0));
    }
  }
  const ams = withValue(b.langevin, ['simulation', 'ams'], {});
  out.push(simulateOnly('unknown-key/langevin/simulation.ams.__proto__', withKey(ams, ['simulation', 'ams'], '__proto__', polluter), invalid('scenario.simulation.ams.__proto__')));
  const exits = withValue(b.langevin, ['exit'], [{ var: 'x', above: 0.5 }]);
  out.push(simulateOnly('unknown-key/langevin/exit[0].constructor', withKey(exits, ['exit', 0], 'constructor', 1), invalid('scenario.exit[0].constructor')));
  out.push(simulateOnly('unknown-key/langevin/simulation.trajectorys', withKey(b.langevin, ['simulation'], 'trajectorys', 5), invalid('scenario.simulation.trajectorys')));
  out.push(simulateOnly('unknown-key/discrete/landscape.hb', withKey(b.discrete, ['landscape'], 'hb', 1), invalid('scenario.landscape.hb')));
  out.push(both('unknown-key/langevin/__proto__-both', withKey(b.langevin, [], '__proto__', polluter), invalid('scenario.__proto__')));
  return out;
}

/** prototype names (and typos of them) as the values of the enumerated fields */
function protoValueCases(b: Bases): ScenarioCase[] {
  const list: [BaseName, Path, string][] = [
    ['langevin', ['dynamics', 'model'], '__proto__'], ['langevin', ['dynamics', 'model'], 'constructor'],
    ['langevin', ['dynamics', 'model'], 'toString'], ['discrete', ['dynamics', 'discrete'], 'constructor'],
    ['discrete', ['dynamics', 'discrete'], '__proto__'], ['discrete', ['landscape', 'builtin'], '__proto__'],
    ['discrete', ['landscape', 'builtin'], 'constructor'], ['discrete', ['landscape', 'builtin'], 'hasOwnProperty'],
    ['discrete', ['dynamics', 'noise', 'kind'], 'constructor'], ['discrete', ['dynamics', 'form'], '__proto__'],
    ['langevin', ['simulation', 'backend'], 'toString'], ['langevin', ['simulation', 'integrator'], 'valueOf'],
    ['langevin', ['simulation', 'coefficients'], 'constructor'], ['langevin', ['simulation', 'method'], '__proto__'],
    ['langevin', ['exit', 'var'], 'constructor'], ['langevin', ['reflect', 'var'], 'toString'],
    ['langevin', ['dynamics', 'convention'], 'prototype'],
  ];
  return list.map(([base, path, v]) => simulateOnly(`proto-value/${base}/${dotted(path).slice(9)}=${v}`, json(withValue(b[base], path, v)), invalid(dotted(path))));
}

export function schemaCases(b: Bases): ScenarioCase[] {
  return [...typeCases(b), ...missingCases(b), ...unknownKeyCases(b), ...protoValueCases(b)];
}
