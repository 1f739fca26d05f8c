/**
 * Bad scenarios are refused before any work starts, with messages that name the key and the allowed range.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { runEnsemble } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { problems } from './refusals.js';

const good = () => ({
  name: 'ok',
  landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } },
  start: [-1],
  exit: { var: 'x', above: 0.5 },
  reflect: { var: 'x', below: -4 },
  dynamics: { model: 'sgd', lr: 0.1, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'ito' },
  simulation: { trajectories: 10, dt: 0.001, maxTime: 100, seed: 1, backend: 'cpu' },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario JSON that the tests edit freely
}) as Record<string, any>;


describe('scenario validation', () => {
  it('accepts the good scenario', () => {
    expect(() => compileScenario(good())).not.toThrow();
  });

  it('unknown model: names dynamics.model and lists the models', () => {
    const sc = good(); sc.dynamics.model = 'adagrad';
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.dynamics.model');
    for (const m of ['langevin', 'sgd', 'adam', 'invadam', 'padam', 'power', 'adamomentum']) expect(p.message).toContain(m);
  });

  it('negative dt: names simulation.dt, the bound and the value', () => {
    const sc = good(); sc.simulation.dt = -0.01;
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.simulation.dt');
    expect(p.message).toMatch(/>\s*0/);
    expect(p.message).toContain('-0.01');
  });

  it('exit on the wrong side of the start', () => {
    const sc = good(); sc.exit = { var: 'x', above: -2 };
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.exit');
    expect(p.message).toMatch(/already in the exit set/);
  });

  it('an expression that does not parse names landscape.expr', () => {
    const sc = good(); sc.landscape.expr = 'h*(x^2-1';
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.landscape.expr');
  });

  it('an unknown symbol in the expression is named', () => {
    const sc = good(); sc.landscape.expr = 'k*(x^2-1)^2';
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.landscape.expr');
    expect(p.message).toContain('k');
  });

  it('NaN-producing parameters are caught where the trajectory will go', () => {
    const sc = good(); sc.landscape = { expr: 'sqrt(h)*(x^2-1)^2', vars: ['x'], params: { h: -1 } };
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.landscape');
    expect(p.message).toMatch(/not finite/);
  });

  it('a noise covariance that goes negative is refused with the place', () => {
    const sc = good(); sc.dynamics.noise = { kind: 'expr', expr: 'x' };
    const [p] = problems(sc);
    expect(p.field).toMatch(/^scenario\.dynamics/);
    expect(p.message).toMatch(/x = /);
  });

  it('out-of-range optimizer parameters name the range', () => {
    const sc = good(); sc.dynamics = { model: 'padam', p: 0.7, lr: 0.1, batch: 1, noise: { kind: 'white', variance: 1 }, convention: 'ito' };
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.dynamics.p');
    expect(p.message).toMatch(/0\.5/);
  });

  it('unknown keys are named with the allowed ones; missing keys are named', () => {
    const sc = good(); sc.simulation.trajectorys = 5;
    const [p] = problems(sc);
    expect(p.field).toBe('scenario.simulation');
    expect(p.message).toContain("'trajectorys'");
    expect(p.message).toContain('trajectories');
    const sc2 = good(); delete sc2.dynamics.lr;
    const [q] = problems(sc2);
    expect(q.field).toBe('scenario.dynamics.lr');
    expect(q.message).toMatch(/missing/);
  });

  it('wrong convention, unknown variable, wrong start length', () => {
    const a = good(); a.dynamics.convention = 'stratonovich';
    expect(problems(a)[0].field).toBe('scenario.dynamics.convention');
    const b = good(); b.exit = { var: 'y', above: 1 };
    expect(problems(b)[0]).toMatchObject({ field: 'scenario.exit.var' });
    const c = good(); c.start = [-1, 0];
    expect(problems(c)[0].field).toBe('scenario.start');
  });

  it('milstein in n-D is refused naming the integrator', () => {
    const sc = good();
    sc.landscape = { expr: 'x^2 + y^2', vars: ['x', 'y'] }; sc.start = [0, 0];
    sc.simulation.integrator = 'milstein';
    expect(problems(sc)[0].field).toBe('scenario.simulation.integrator');
  });
});

describe('blow-ups are reported, never averaged', () => {
  it('trajectories whose state becomes NaN are counted with the reason, and no mean is given', async () => {
    // L = sqrt(x): the drift −1/(2√x) pushes the walker to x < 0, where ∇L is NaN.
    const c = compileScenario({
      landscape: { expr: 'sqrt(x)', vars: ['x'] }, start: [1], exit: { var: 'x', above: 5 },
      dynamics: { model: 'sgd', lr: 0.01, batch: 1, noise: { kind: 'white', variance: 1 }, convention: 'ito' },
      simulation: { trajectories: 20, dt: 0.01, maxTime: 50, seed: 1 },
    });
    const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: 20 }, backend: 'cpu' });
    const s = summarize(c, run.results, run);
    expect(s.blowups).toBeGreaterThan(0);
    expect(s.mfpt).toBeNull();
    expect(s.error).toMatch(/blew up/);
    expect(s.error).toMatch(/dt/);
  });
});
