/**
 * restoreProblem (scenario/restore.ts, a worker thread's path, without zod) rebuilds from an already validated
 * scenario the same problem that compileScenario compiled: same keys, step, budget, passage, start and optimizer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, parseScenario, type EscapeProblem } from '../../src/scenario/compile.js';
import { restoreProblem } from '../../src/scenario/restore.js';
import { OPTIMIZER_HYPER_KEYS } from '../../src/scenario/schema.js';
import { NON_HYPER_KEYS } from '../../src/scenario/discrete.js';

const EXAMPLES = ['double-well-langevin', 'well-barrier-sgd', 'well-barrier-discrete-sgd', 'circle-double-well-ndadam', 'eigen-saddle-3d-sgd', 'quartic-rare-ams'];

const example = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

/** The data of a problem (its functions dropped), for a deep comparison. */
function shape(p: EscapeProblem) {
  return {
    keys: Object.keys(p), scenario: p.scenario, name: p.name, dim: p.dim, dt: p.dt, maxSteps: p.maxSteps, integrator: p.integrator,
    start: p.start, streamKeys: p.keys, exitOffset: p.exitOffset,
    passage: { bridge: p.passage.bridge, reflect: p.passage.reflect, exit: p.passage.exit.map((e) => ('f' in e ? { ...e, f: null } : e)) },
    model: p.model === null, discrete: p.discrete && { ...p.discrete, makeOptimizer: null, covariance: null, hyperKeys: Object.keys(p.discrete.hyper) },
    ams: p.ams === null,
  };
}

describe('restoreProblem', () => {
  it.each(EXAMPLES)('rebuilds the compiled problem of %s', (name) => {
    const compiled = compileScenario(example(name));
    const restored = restoreProblem(structuredClone(compiled.scenario));
    expect(restored.warnings).toEqual([]);
    expect(shape(restored)).toEqual(shape(compiled));
    if (compiled.discrete) expect(restored.discrete!.makeOptimizer().hyper).toEqual(compiled.discrete.makeOptimizer().hyper);
    if (compiled.ams) expect(Object.keys(restored.ams!)).toEqual(Object.keys(compiled.ams));
  });

  it("takes the optimizer's hyperparameters from the validated block in the schema's order (OPTIMIZER_HYPER_KEYS)", () => {
    const input = example('well-barrier-discrete-sgd') as { dynamics: Record<string, unknown> };
    const all = Object.fromEntries([...OPTIMIZER_HYPER_KEYS].reverse().map((k) => [k, k === 'form' ? 'code' : ['nesterov', 'amsgrad', 'decoupled'].includes(k) ? false : 0.5]));
    const parsed = parseScenario({ ...input, dynamics: { ...all, ...input.dynamics } });
    expect(Object.keys(parsed.dynamics).filter((k) => !NON_HYPER_KEYS.includes(k))).toEqual(OPTIMIZER_HYPER_KEYS);
  });
});
