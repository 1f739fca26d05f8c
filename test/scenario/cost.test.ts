/**
 * The step bound of a trajectory (compile.ts, a named error) and the cost estimate before a run (cost.ts): its
 * numbers from the exponential law, its warnings and refusals, the force option, and that it never throws.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileScenario, compileSystem, MAX_STEPS_PER_TRAJECTORY } from '../../src/scenario/compile.js';
import { estimateCost, NOMINAL_STEPS_PER_SECOND, REFUSE_TOTAL_STEPS } from '../../src/scenario/cost.js';
import type { EscapeProblem } from '../../src/scenario/problem.js';
import { problems } from './refusals.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
const example = (name: string): Record<string, any> => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));


describe('steps per trajectory: a named error before any work', () => {
  it('dt = 1e-300 (maxTime/dt = 1e305)', () => {
    const sc = example('double-well-langevin'); sc.simulation.dt = 1e-300;
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.simulation.maxTime');
    expect(p.message).toMatch(/^maxTime\/dt = 1\.00e\+305 steps per trajectory; at most 1e\+15 are allowed/);
    expect(p.message).toMatch(/at this maxTime, dt ≥ 1\.00e-10$/);
  });

  it('maxTime 1e308 with dt 1e-308 (the ratio overflows to Infinity)', () => {
    const sc = example('double-well-langevin'); sc.simulation.dt = 1e-308; sc.simulation.maxTime = 1e308;
    expect(problems(sc)[0].message).toMatch(/^maxTime\/dt = Infinity steps per trajectory/);
  });

  it('a discrete optimizer: maxTime/lr iterations', () => {
    const sc = example('well-barrier-discrete-sgd'); sc.dynamics.lr = 1e-12; sc.simulation.maxTime = 1e6;
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.simulation.maxTime');
    expect(p.message).toMatch(/^maxTime\/lr \(scenario\.dynamics\.lr = 1e-12\) = 1\.00e\+18 iterations per trajectory; .* raise lr: at this maxTime, lr ≥ 1\.00e-9$/);
  });

  it('theory refuses the same run budget (the simulation block is validated when present)', () => {
    const sc = example('double-well-langevin'); sc.simulation.dt = 1e-300;
    expect(() => compileSystem(sc)).toThrow(/scenario\.simulation\.maxTime: maxTime\/dt = 1\.00e\+305 steps/);
  });

  it('at the bound it is accepted; method "ams" (which does not censor) is not bounded', () => {
    const sc = example('double-well-langevin'); sc.simulation.dt = 1; sc.simulation.maxTime = MAX_STEPS_PER_TRAJECTORY;
    expect(compileScenario(sc).maxSteps).toBe(MAX_STEPS_PER_TRAJECTORY);
    const ams = example('quartic-rare-ams'); ams.simulation.maxTime = 1e300;
    expect(() => compileScenario(ams)).not.toThrow();
  });
});

describe('estimateCost', () => {
  it('known MFPT: the exponential law, in steps', () => {
    const p = compileScenario(example('double-well-langevin'), { trajectories: 1000 });
    const c = estimateCost(p, { cores: 2 });
    expect(c.mfptSource).toBe('exact');
    const tau = c.mfpt!, M = p.scenario.simulation.maxTime;
    expect(tau).toBeGreaterThan(60);
    expect(c.stepsPerTrajectoryMax).toBeCloseTo(M / p.dt, 6);
    expect(c.expectedSteps! / ((tau * -Math.expm1(-M / tau)) / p.dt)).toBeCloseTo(1, 12);
    expect(c.expectedCensoredFraction).toBe(Math.exp(-M / tau));
    expect(c.totalStepsExpected).toBeCloseTo(1000 * c.expectedSteps!, 3);
    expect(c.stepsPerSecond).toBe(2 * NOMINAL_STEPS_PER_SECOND.oneD);
    expect(c.warnings).toEqual([]);
    expect(c.refusal).toBeUndefined();
  });

  it('the old eigen-saddle parameters: warns loudly (hours, and 96% censored)', () => {
    const sc = example('eigen-saddle-3d-sgd');
    sc.dynamics.noise.floor = 0.05; sc.simulation.maxTime = 1e5;
    const c = estimateCost(compileScenario(sc), { cores: 2 });
    expect(c.mfptSource).toBe('asymptotic');
    expect(c.expectedCensoredFraction!).toBeGreaterThan(0.95);
    expect(c.warnings.join('\n')).toMatch(/predicted to take about 6\.\d h/);
    expect(c.warnings.join('\n')).toMatch(/about 96% of the trajectories will be censored/);
    expect(c.refusal).toBeUndefined();
  });

  it('the new eigen-saddle example: minutes, nothing censored, no warning', () => {
    const c = estimateCost(compileScenario(example('eigen-saddle-3d-sgd')), { cores: 2 });
    expect(c.expectedCensoredFraction!).toBeLessThan(1e-6);
    expect(c.secondsExpected).toBeLessThan(600);
    expect(c.warnings).toEqual([]);
  });

  it('refuses an expected total above 1e13 steps, and runs it forced with the reason as a warning', () => {
    const dw = example('double-well-langevin') as { simulation: Record<string, unknown> };
    // 1e8 trajectories (the schema's limit) × 6.6e5 expected steps (MFPT 65.9 at dt 1e-4) ≈ 6.6e13
    const p = compileScenario({ ...dw, simulation: { ...dw.simulation, dt: 1e-4 } }, { trajectories: 1e8 });
    const c = estimateCost(p);
    expect(c.totalStepsExpected).toBeGreaterThan(REFUSE_TOTAL_STEPS);
    expect(c.refusal).toMatch(/steps are expected in all, more than 1e\+13/);
    const forced = estimateCost(p, { force: true });
    expect(forced.refusal).toBeUndefined();
    expect(forced.warnings[0]).toMatch(/^forced past the cost limit: /);
  });

  it('unknown MFPT: refuses a trajectory that may take more than 1e12 steps, warns on the worst case', () => {
    const sc = { landscape: { expr: '(x^2-1)^2 + y^2', vars: ['x', 'y'] }, start: [-1, 0], exit: { var: 'x', above: 0.5 },
      dynamics: { model: 'langevin', temperature: 0.2 }, simulation: { trajectories: 10, dt: 1e-3, maxTime: 1e10, backend: 'cpu' } };
    const c = estimateCost(compileScenario(sc));
    expect(c.mfpt).toBeNull();
    expect(c.expectedSteps).toBeNull();
    expect(c.refusal).toMatch(/one trajectory may take \(maxTime\/dt\) 1\.00e\+13 steps, more than 1e\+12/);
    const shorter = estimateCost(compileScenario({ ...sc, simulation: { ...sc.simulation, maxTime: 1e6 } }));
    expect(shorter.refusal).toBeUndefined();
    expect(shorter.warnings[0]).toMatch(/may take up to 2\.8 h if few trajectories escape/);
  });

  it('method ams: no estimate and no refusal', () => {
    const c = estimateCost(compileScenario(example('quartic-rare-ams')));
    expect(c.refusal).toBeUndefined();
    expect(c.basis).toMatch(/^method ams: not estimated/);
  });

  it('never throws: a theory that fails leaves τ unknown', () => {
    const p = compileScenario(example('double-well-langevin'));
    const broken = { ...p, model: { ...p.model!, coefficients1D: () => { throw new Error('boom'); } } } as EscapeProblem;
    const c = estimateCost(broken);
    expect(c.mfpt).toBeNull();
    expect(c.expectedCensoredFraction).toBeNull();
    expect(Number.isFinite(c.totalStepsExpected)).toBe(true);
  });
});
