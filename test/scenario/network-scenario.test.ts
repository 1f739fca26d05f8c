/**
 * Network scenarios (src/scenario/network-schema.ts, network.ts): defaults filled, every bad input refused with its
 * field before any work (no training for schema errors), the loss exit, the dataset noise's checks, the refusals of
 * SDE models and gpu.js backends, the rare-event defaults of a loss exit and the cost estimate.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario, compileSystem, parseScenario } from '../../src/scenario/compile.js';
import { restoreProblem } from '../../src/scenario/restore.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { estimateCost } from '../../src/scenario/cost.js';
import { isLevelExit, type LevelExit } from '../../src/dynamics/passage.js';
import { gpujsSupport } from '../../src/montecarlo/gpujs/support.js';
import { quadraticEscape } from '../../src/theory/quadratic-escape.js';
import { problems } from './refusals.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
type Json = Record<string, any>;
/** a small, quick network scenario: 3-2-1 on 64 teacher–student examples (11 parameters) */
const small = (): Json => ({
  name: 'small',
  landscape: { network: { data: { kind: 'teacher-student', inputs: 3, teacherHidden: 2, examples: 64, labelNoise: 0.3, seed: 5 }, hidden: [2], weightDecay: 0.01 } },
  start: 'minimum',
  exit: { loss: { above: 0.015 } },
  dynamics: { discrete: 'sgd', lr: 0.2, batch: 4, noise: { kind: 'dataset' } },
  simulation: { trajectories: 10, maxTime: 1000, seed: 1, backend: 'cpu' },
});
const example = (name: string): Json => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));
const fieldOf = (sc: unknown) => problems(sc)[0].field;

describe('network scenario: the schema', () => {
  it('fills the defaults: hidden [8], tanh, the loss by dataset, weight decay 0, init and train', () => {
    const sc = parseScenario({ ...small(), landscape: { network: { data: { kind: 'teacher-student' } } } }) as Json;
    expect(sc.landscape.network).toEqual({
      data: { kind: 'teacher-student', inputs: 4, teacherHidden: 4, examples: 128, labelNoise: 0.5, seed: 1 },
      hidden: [8], activation: 'tanh', loss: 'squared', weightDecay: 0, init: { seed: 1, scale: 1 }, scale: 1,
      train: { gradientTolerance: 1e-9, maxIterations: 1000 },
    });
    const iris = parseScenario({ ...small(), landscape: { network: { data: { kind: 'iris' } } } }) as Json;
    expect(iris.landscape.network.loss).toBe('cross-entropy');
    // the parsed scenario parses to itself (an echoed scenario is valid and unchanged)
    expect(parseScenario(iris)).toEqual(iris);
  });

  it('names each out-of-range field of the network block', () => {
    const bad: [(n: Json) => void, string][] = [
      [(n) => { n.hidden = []; }, 'scenario.landscape.network.hidden'],
      [(n) => { n.hidden = [4, 4, 4, 4]; }, 'scenario.landscape.network.hidden'],
      [(n) => { n.hidden = [0]; }, 'scenario.landscape.network.hidden[0]'],
      [(n) => { n.hidden = [257]; }, 'scenario.landscape.network.hidden[0]'],
      [(n) => { n.hidden = [2.5]; }, 'scenario.landscape.network.hidden[0]'],
      [(n) => { n.data.inputs = 0; }, 'scenario.landscape.network.data.inputs'],
      [(n) => { n.data.inputs = 65; }, 'scenario.landscape.network.data.inputs'],
      [(n) => { n.data.examples = 7; }, 'scenario.landscape.network.data.examples'],
      [(n) => { n.data.examples = 100_001; }, 'scenario.landscape.network.data.examples'],
      [(n) => { n.data.labelNoise = -0.1; }, 'scenario.landscape.network.data.labelNoise'],
      [(n) => { n.data.teacherHidden = 0; }, 'scenario.landscape.network.data.teacherHidden'],
      [(n) => { n.data.seed = -1; }, 'scenario.landscape.network.data.seed'],
      [(n) => { n.data.kind = 'mnist'; }, 'scenario.landscape.network.data.kind'],
      [(n) => { n.weightDecay = -1; }, 'scenario.landscape.network.weightDecay'],
      [(n) => { n.scale = 0; }, 'scenario.landscape.network.scale'],
      [(n) => { n.init = { scale: -1 }; }, 'scenario.landscape.network.init.scale'],
      [(n) => { n.activation = 'relu'; }, 'scenario.landscape.network.activation'],
      [(n) => { n.train = { gradientTolerance: 0 }; }, 'scenario.landscape.network.train.gradientTolerance'],
      [(n) => { n.train = { maxIterations: 0.5 }; }, 'scenario.landscape.network.train.maxIterations'],
      [(n) => { n.loss = 'cross-entropy'; }, 'scenario.landscape.network.loss'],
      [(n) => { n.data = { kind: 'iris' }; n.hidden = [256, 256, 256]; }, 'scenario.landscape.network.hidden'],
    ];
    for (const [edit, field] of bad) {
      const sc = small();
      edit(sc.landscape.network);
      expect(fieldOf(sc), JSON.stringify(sc.landscape.network)).toBe(field);
    }
    const big = small(); big.landscape.network = { data: { kind: 'iris' }, hidden: [256, 256, 256] };
    expect(problems(big)[0].message).toMatch(/has 133635 parameters; at most 5000/);
  });

  it('names unknown keys with the keys allowed there', () => {
    const sc = small(); sc.landscape.network.widths = [3];
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.landscape.network');
    expect(p.message).toMatch(/unknown key 'widths'; allowed keys: data, hidden, activation, loss, weightDecay, init, scale, train/);
    const d = small(); d.landscape.network.data.classes = 3;
    expect(problems(d)[0].message).toMatch(/allowed keys: kind, inputs, teacherHidden, examples, labelNoise, seed/);
  });

  it('the loss exit: one kind of exit, ΔL > 0, no above/below beside it', () => {
    const cases: [Json, RegExp][] = [
      [{ loss: { above: -0.1 } }, /expected number to be >0/],
      [{ loss: { above: 0.1 }, above: 1 }, /without 'above' or 'below' beside 'loss'/],
      [{ loss: { above: 0.1 }, var: 'b2_0' }, /exactly one of 'var'.*'expr'.*'loss'/],
      [{ loss: { below: 0.1 } }, /unknown key 'below'; allowed keys: above/],
    ];
    for (const [exit, msg] of cases) {
      const sc = small(); sc.exit = exit;
      const p = problems(sc);
      expect(p.map((x) => `${x.field}: ${x.message}`).join('\n')).toMatch(msg);
      expect(p[0].field.startsWith('scenario.exit')).toBe(true);
    }
  });
});

describe('network scenario: the compiled problem', () => {
  it('starts at the trained minimum and exits when the full-batch loss exceeds the start\'s by ΔL', () => {
    const p = compileScenario(small());
    const net = p.network!;
    expect(p.start).toEqual(Array.from(net.minimum.phi));
    expect(p.dim).toBe(11);
    expect(p.landscape.vars.slice(0, 2)).toEqual(['W1_0_0', 'W1_0_1']);
    const e = p.passage.exit[0] as LevelExit;
    expect(isLevelExit(e)).toBe(true);
    expect([e.expr, e.level, e.side]).toEqual(['loss − loss(start)', 0.015, 1]);
    const x = p.start.map((v, i) => v + (i === 3 ? 0.2 : 0));
    expect(e.f.value(x)).toBe(net.net.loss(x) - net.minimum.loss);
    expect(e.f.value(p.start)).toBe(0);
    expect(p.discrete!.dataset).toBe(net.net);
    expect(p.discrete!.covariance).toBeNull();
    expect(p.model).toBeNull();
  });

  it('a loss exit works on any landscape: the excess over the start', () => {
    const sc = { landscape: { expr: 'x^2 + 2*y^2', vars: ['x', 'y'] }, start: [0.1, 0], exit: { loss: { above: 0.5 } }, dynamics: { model: 'langevin', temperature: 0.1 } };
    const e = compileSystem(sc).passage.exit[0] as LevelExit;
    expect(e.f.value([1, 0.5])).toBeCloseTo(1 + 0.5 - 0.01, 14);
  });

  it('dataset noise needs a network, and a batch of whole examples in [1, N − 1]', () => {
    const sde = example('eigen-saddle-3d-sgd');
    const { model: _m, convention: _c, ...dyn } = sde.dynamics;
    sde.dynamics = { ...dyn, discrete: 'sgd', noise: { kind: 'dataset' } };
    delete sde.simulation.dt;
    expect(problems(sde)[0]).toMatchObject({ field: 'scenario.dynamics.noise.kind', message: expect.stringMatching(/needs a network landscape/) });
    for (const batch of [64, 2.5]) {
      const sc = small(); sc.dynamics.batch = batch;
      expect(problems(sc)[0]).toMatchObject({ field: 'scenario.dynamics.batch', message: expect.stringMatching(/integer in \[1, 63\]/) });
    }
    const ok = small(); ok.dynamics.batch = 63;
    expect(() => compileScenario(ok)).not.toThrow();
  });

  it('refuses an SDE model on a network, naming scenario.dynamics', () => {
    const sc = small(); sc.dynamics = { model: 'sgd', lr: 0.1, batch: 4, noise: { kind: 'hessian', floor: 0 }, convention: 'ito' };
    sc.simulation.dt = 0.1;
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.dynamics');
    expect(p.message).toMatch(/network landscapes run the real discrete optimizers with real minibatches/);
  });

  it('an explicit start must have one number per parameter', () => {
    const sc = small(); sc.start = [0, 0, 0];
    expect(problems(sc)[0]).toMatchObject({ field: 'scenario.start', message: expect.stringMatching(/has 3 coordinates; the landscape has 11/) });
  });

  it('the gpu.js backends refuse a network problem (auto never picks them); the cost estimate does not fail', () => {
    const p = compileScenario(small());
    expect(gpujsSupport(p)?.problems[0].field).toBe('scenario.exit');
    const coord = small(); coord.exit = { var: 'b2_0', above: 5 };
    // a coordinate exit: refused for the size (11 > 8) or, below it, for the discrete optimizer in n-D
    expect(gpujsSupport(compileScenario(coord))?.problems[0].field).toMatch(/^scenario\.(landscape|dynamics\.discrete)$/);
    const cost = estimateCost(p);
    expect(cost.mfpt).toBeNull();
    expect(cost.totalStepsExpected).toBe(10 * p.maxSteps);
    expect(cost.refusal).toBeUndefined();
  });
});

describe('network scenario: rare-event defaults of a loss exit', () => {
  const ams = (edit: (sc: Json) => void = () => {}) => {
    const sc = small();
    sc.simulation = { ...sc.simulation, method: 'ams', ams: { replicas: 20, runs: 2 } };
    edit(sc);
    return sc;
  };

  it('A at the stationary mean excess E = ½tr(HΣ), Σ at min(E + 2s, (E + ΔL)/2), from the quadratic approximation', () => {
    const p = compileScenario(ams());
    const { net, minimum } = p.network!, n = p.dim;
    const H = new Float64Array(n * n);
    net.hessian(minimum.phi, H);
    // C from the per-example gradients, written out here
    const N = net.data.examples, g = new Float64Array(n), G: Float64Array[] = [], mean = new Float64Array(n);
    for (let j = 0; j < N; j++) { net.exampleGradient(minimum.phi, j, g); G.push(Float64Array.from(g)); for (let a = 0; a < n; a++) mean[a] += g[a] / N; }
    const C = new Float64Array(n * n);
    for (const r of G) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) C[a * n + b] += ((r[a] - mean[a]) * (r[b] - mean[b])) / N;
    const q = quadraticEscape({ H, C, n, lr: 0.2, batchEff: (4 * 63) / 60, dL: 0.015, optimizer: 'sgd', hyper: { lr: 0.2 } });
    const set = Math.min(q.meanExcess, 0.015 / 4);
    expect(p.ams!.setLevel).toBeCloseTo(set, 12);
    expect(p.ams!.sigmaLevel).toBeCloseTo(Math.min(q.meanExcess + 2 * q.excessSd, (set + 0.015) / 2), 12);
    expect(p.ams!.setLevel).toBeLessThan(p.ams!.sigmaLevel);
  });

  it('asks for set and level where the approximation does not apply: a start off the minimum, an optimizer it does not treat', () => {
    const off = ams((sc) => { sc.start = 'minimum'; });
    const p = compileScenario(off);
    const moved = ams((sc) => { sc.start = p.start.map((v, i) => v + (i === 0 ? 1e-3 : 0)); });
    expect(problems(moved)[0]).toMatchObject({ field: 'scenario.simulation.ams.set', message: expect.stringMatching(/give simulation.ams.set and level/) });
    const yogi = ams((sc) => { sc.dynamics.discrete = 'yogi'; });
    expect(problems(yogi)[0]).toMatchObject({ field: 'scenario.simulation.ams.set', message: expect.stringMatching(/'yogi' is not linearised/) });
    // the control: with set and level given, both compile
    for (const sc of [moved, yogi]) sc.simulation.ams = { ...sc.simulation.ams, set: 0.002, level: 0.006 };
    expect(compileScenario(moved).ams!.levelScore).toBeCloseTo(0.006 - 0.015, 15);
    expect(compileScenario(yogi).ams!.setLevel).toBe(0.002);
  });
});

describe('the examples', () => {
  it('network-teacher-student-sgd (AMS) and network-iris-sgd (direct) compile', () => {
    const a = compileScenario(example('network-teacher-student-sgd'));
    expect([a.dim, a.ams!.replicas, a.ams!.runs, a.discrete!.batch]).toEqual([25, 100, 20, 4]);
    const b = compileScenario(example('network-iris-sgd'));
    expect([b.dim, b.ams, b.network!.net.data.examples]).toEqual([131, null, 150]);
  });

  it('a worker\'s restoreProblem rebuilds the same network problem: minimum, exit, dataset and AMS levels', () => {
    const a = compileScenario(example('network-teacher-student-sgd'));
    const b = restoreProblem(structuredClone(a.scenario));
    expect(b.start).toEqual(a.start);
    expect(b.discrete!.dataset!.dim).toBe(25);
    expect([b.ams!.setLevel, b.ams!.sigmaLevel, b.ams!.setScore, b.ams!.levelScore]).toEqual([a.ams!.setLevel, a.ams!.sigmaLevel, a.ams!.setScore, a.ams!.levelScore]);
    const x = a.start.map((v, i) => v + 0.1 * Math.sin(i));
    expect(b.ams!.score(x)).toBe(a.ams!.score(x));
  });

  it('a ScenarioError for training that cannot reach the tolerance names the network block', () => {
    const sc = small(); sc.landscape.network.train = { gradientTolerance: 1e-300, maxIterations: 1 };
    let err: unknown;
    try { compileScenario(sc); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).problems[0].field).toBe('scenario.landscape.network');
  });
});
