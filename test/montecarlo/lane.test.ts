/**
 * The WebAssembly lane (kernels/lane.ts) against the JavaScript scalar kernel (kernels/sde.ts) on the same
 * problems: every trajectory's position, step count, stream word, status and exit index must agree bit for bit,
 * launch by launch (null hypothesis: the two compute the same function; any difference fails).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { laneApplies, laneKernel } from '../../src/montecarlo/kernels/lane.js';
import { scalarKernel } from '../../src/montecarlo/kernels/sde.js';
import { createKernel } from '../../src/montecarlo/kernels/index.js';
import { tabulatedKernel } from '../../src/montecarlo/kernels/tabulated.js';
import { readFileSync } from 'node:fs';
import { newChunk, ALIVE, type ChunkState } from '../../src/montecarlo/state.js';
import type { EscapeProblem } from '../../src/scenario/problem.js';

const spec = (c: EscapeProblem) => ({ maxSteps: c.maxSteps, passage: c.passage, key: c.keys.noise, dt: c.dt, integrator: c.integrator });
/** the JavaScript kernel of the same problem: sde.ts's exact one, or tabulated.ts's */
const jsKernel = (c: EscapeProblem) => c.scenario.simulation.coefficients === 'tabulated'
  ? tabulatedKernel(c.model!.scalar(), spec(c)) : scalarKernel(c.model!.scalar(), spec(c));

function scenario(over: Record<string, unknown> = {}, sim: Record<string, unknown> = {}) {
  return {
    name: 'lane', landscape: { builtin: 'quartic', h: 1 }, start: [-1], exit: { var: 'x', above: 0.5 },
    dynamics: { model: 'langevin', temperature: 0.3 },
    ...over,
    simulation: { trajectories: 64, dt: 2e-3, maxTime: 60, seed: 5, backend: 'cpu', ...sim },
  };
}

/** runs both kernels launch by launch (K steps) on the same chunk and compares after every launch */
function compare(c: EscapeProblem, indices: number[], K: number): { exited: number; censored: number; launches: number } {
  const a = newChunk(indices, 1, c.start), b = newChunk(indices, 1, c.start);
  const ka = laneKernel(c), kb = jsKernel(c);
  let launches = 0;
  const alive = (s: ChunkState) => s.status.some((v) => v === ALIVE);
  while (alive(b)) {
    const ta = ka(a, K), tb = kb(b, K);
    launches++;
    expect(ta).toBe(tb);
    for (let i = 0; i < indices.length; i++) {
      const same = Object.is(a.x[i], b.x[i]) && a.steps[i] === b.steps[i] && a.word[i] === b.word[i]
        && a.status[i] === b.status[i] && a.boundary[i] === b.boundary[i];
      if (!same) throw new Error(`trajectory ${indices[i]} differs after launch ${launches}: lane (${a.x[i]}, ${a.steps[i]}, ${a.word[i]}, ${a.status[i]}) js (${b.x[i]}, ${b.steps[i]}, ${b.word[i]}, ${b.status[i]})`);
    }
  }
  return { exited: b.status.filter((v) => v === 1).length, censored: b.status.filter((v) => v === 2).length, launches };
}

const idx = (n: number, first = 0) => Array.from({ length: n }, (_, i) => first + i);

describe('WebAssembly lane = JavaScript scalar kernel, bit for bit', () => {
  it('Langevin on the quartic: grid exit, several launches, exits and censoring both occur', () => {
    const c = compileScenario(scenario({ reflect: { var: 'x', below: -1.6 } }));
    expect(laneApplies(c)).toBe(true);
    const r = compare(c, idx(64), 997);
    expect(r.exited).toBeGreaterThan(5);
    expect(r.censored).toBeGreaterThan(5);
    expect(r.launches).toBeGreaterThan(5);
  });

  it('with the Brownian bridge (uniforms interleaved with normals) and trajectory indices beyond 2^32', () => {
    const c = compileScenario(scenario({}, { bridge: true }));
    expect(laneApplies(c)).toBe(true);
    expect(compare(c, idx(48, 2 ** 32 - 20), 4096).exited).toBeGreaterThan(5);
  });

  it('tilted quartic, two exits, two walls, Hänggi convention, a step size that reaches the walls', () => {
    const c = compileScenario(scenario({
      landscape: { builtin: 'tilted-quartic', h: 1, c: 0.3 },
      exit: [{ var: 'x', above: 0.4 }, { var: 'x', below: -1.9 }],
      reflect: [{ var: 'x', below: -2.2 }, { var: 'x', above: 3 }],
      dynamics: { model: 'langevin', temperature: 0.5, convention: 'hanggi' },
    }, { dt: 0.01, bridge: true }));
    expect(laneApplies(c)).toBe(true);
    const r = compare(c, idx(64, 1000), 300);
    expect(r.exited).toBeGreaterThan(20);
  });

  it('SGD with white gradient noise (Itô), 𝒟 = ησ²/(2B) = 0.3', () => {
    const c = compileScenario(scenario({
      dynamics: { model: 'sgd', lr: 0.1, batch: 2, noise: { kind: 'white', variance: 12 }, convention: 'ito' },
    }, { bridge: true }));
    expect(laneApplies(c)).toBe(true);
    expect(compare(c, idx(64), 2048).exited).toBeGreaterThan(5);
  });

  const adam = JSON.parse(readFileSync(new URL('../../examples/well-barrier-adam.json', import.meta.url), 'utf8'));
  for (const [label, dyn, sim] of [
    ['Adam example, Itô', {}, {}],
    ['Adam example with the bridge', {}, { bridge: true }],
    ['InvAdam, Hänggi, a step that reaches the wall', { model: 'invadam', convention: 'hanggi', lr: 1.2 }, { dt: 0.02, bridge: true }],
  ] as const) {
    it(`simulation.coefficients "tabulated" = tabulated.ts's kernel: ${label}`, () => {
      const c = compileScenario({
        ...adam, dynamics: { ...adam.dynamics, ...dyn },
        simulation: { ...adam.simulation, trajectories: 40, maxTime: 40, backend: 'cpu', coefficients: 'tabulated', ...sim },
      });
      expect(laneApplies(c)).toBe(true);
      expect(compare(c, idx(40), 1500).exited).toBeGreaterThan(5);
    });
  }

  it('createKernel picks the lane only where it applies', () => {
    expect(laneApplies(compileScenario(scenario({ dynamics: { model: 'sgd', lr: 0.1, batch: 1, noise: { kind: 'hessian', floor: 1 }, convention: 'ito' } })))).toBe(false);
    expect(laneApplies(compileScenario(scenario({ landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } } })))).toBe(false);
    expect(laneApplies(compileScenario(scenario({}, { integrator: 'milstein' })))).toBe(false);
    // tabulated with two exits: tabulated.ts's kernel
    expect(laneApplies(compileScenario(scenario({ exit: [{ var: 'x', above: 0.5 }, { var: 'x', below: -2 }] }, { coefficients: 'tabulated' })))).toBe(false);
    const c = compileScenario(scenario());
    expect(laneApplies(c, { returnSet: [], score: (x) => x[0] })).toBe(false);
    // the kernel createKernel returns gives the lane's numbers
    const a = newChunk(idx(8), 1, c.start), b = newChunk(idx(8), 1, c.start);
    createKernel(c)(a, 500); laneKernel(c)(b, 500);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
  });
});
