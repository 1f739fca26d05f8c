/**
 * The kernel interface of the rare-event solver (kernels/types.ts SplittingTask): run given states until the exit
 * set or a return set is hit, and report the running maximum of a score with the state where it was reached.
 *
 * Null hypothesis of each test: a kernel with the task follows exactly the path of the same kernel without it
 * (the task draws no random numbers), stops at the first step whose state enters the return set (status
 * RETURNED) unless that step exits, and its maximum is the maximum of the score over the states it visited.
 * The second route, written out here, steps the plain kernel one step per launch, records every state, tests
 * the return set and the target level, and takes the maximum (and the sequence of new maxima) itself. Equality is exact (the same float operations on the same stream).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { createKernel, type SplittingTask } from '../../src/montecarlo/kernels/index.js';
import { ALIVE, EXITED, LEVEL, RETURNED, newChunk, trackScore } from '../../src/montecarlo/state.js';

const COUNT = 48;

const SGD_2D = {
  landscape: { expr: '(x^2-1)^2 + 2*(y - 0.3*x)^2', vars: ['x', 'y'] }, start: [-1, -0.3],
  exit: { var: 'x', above: 0.5 },
  dynamics: { model: 'sgd', lr: 0.2, batch: 1, noise: { kind: 'hessian', floor: 0.5 }, convention: 'ito' },
  simulation: { trajectories: COUNT, dt: 0.005, maxTime: 200, seed: 'splitting' },
};

const problems: Record<string, { scenario: Record<string, unknown>; returnLevel: number; target?: number; score: (x: ArrayLike<number>) => number; starts: (i: number) => number[] }> = {
  'langevin 1-D, bridge on': {
    scenario: {
      landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } }, start: [-1],
      exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
      dynamics: { model: 'langevin', temperature: 0.4 },
      simulation: { trajectories: COUNT, dt: 0.005, maxTime: 200, seed: 'splitting' },
    },
    returnLevel: -1.1, score: (x: ArrayLike<number>) => x[0],
    starts: (i: number) => [-1.05 + (1.3 * i) / COUNT],
  },
  'sgd 2-D, Hessian noise': {
    scenario: SGD_2D,
    returnLevel: -1.1, score: (x: ArrayLike<number>) => x[0] + 0.5 * x[1],
    starts: (i: number) => [-1.05 + (1.3 * i) / COUNT, -0.3],
  },
  'sgd 2-D, target level': {
    scenario: SGD_2D,
    returnLevel: -1.1, target: -0.6, score: (x: ArrayLike<number>) => x[0] + 0.5 * x[1],
    starts: (i: number) => [-1.05 + (0.4 * i) / COUNT, -0.3],
  },
  'discrete adam 1-D': {
    scenario: {
      landscape: { builtin: 'well-barrier', Ha: 2, Hb: 1, dL: 0.5 }, start: 'minimum',
      exit: { var: 'x', above: 2.23 }, reflect: { var: 'x', below: -2 },
      dynamics: { discrete: 'adam', lr: 0.05, batch: 1, noise: { kind: 'hessian', floor: 1 } },
      simulation: { trajectories: COUNT, maxTime: 500, seed: 'splitting' },
    },
    returnLevel: -0.3, score: (x: ArrayLike<number>) => x[0],
    starts: (i: number) => [-0.25 + (2.3 * i) / COUNT],
  },
};

describe('rare-event task of the CPU kernels: return set and running score maximum', () => {
  for (const [name, t] of Object.entries(problems)) {
    it(name, () => {
      const p = compileScenario(t.scenario);
      const n = p.dim;
      const records: number[][] = Array.from({ length: COUNT }, () => []);
      const task: SplittingTask = {
        returnSet: [{ index: 0, level: t.returnLevel, side: -1 }], score: t.score, target: t.target,
        onRecord: (i, value) => { records[i].push(value); },
      };
      const idx = Array.from({ length: COUNT }, (_, i) => i);
      const starts = Float64Array.from(idx.flatMap(t.starts));

      // route 1: the task in the kernel, long launches
      const a = trackScore(newChunk(idx, n, starts), t.score);
      const withTask = createKernel(p, task);
      for (let launch = 0; launch < 10_000 && a.status.some((s) => s === ALIVE); launch++) withTask(a, 997);

      // route 2: the plain kernel one step per launch; the return set and the maximum kept here
      const b = newChunk(idx, n, starts);
      const plain = createKernel(p);
      const status = new Uint8Array(COUNT), max = new Float64Array(COUNT), at = Float64Array.from(starts);
      const maxima: number[][] = Array.from({ length: COUNT }, () => []);
      for (let i = 0; i < COUNT; i++) max[i] = t.score(starts.subarray(i * n, i * n + n));
      for (let i = 0; i < COUNT; i++) {
        const one = newChunk([i], n, starts.subarray(i * n, i * n + n));
        for (;;) {
          plain(one, 1);
          const v = t.score(one.x);
          if (v > max[i]) { max[i] = v; at.set(one.x, i * n); maxima[i].push(v); }
          if (one.status[0] !== ALIVE) { status[i] = one.status[0]; break; }
          if (one.x[0] <= t.returnLevel) { status[i] = RETURNED; break; }
          if (t.target !== undefined && v >= t.target) { status[i] = LEVEL; break; }
        }
        b.steps[i] = one.steps[0];
        b.x.set(one.x, i * n);
      }

      expect(Array.from(a.status)).toEqual(Array.from(status));
      expect(Array.from(a.steps)).toEqual(Array.from(b.steps));
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.score!.max)).toEqual(Array.from(max));
      expect(Array.from(a.score!.at)).toEqual(Array.from(at));
      expect(records).toEqual(maxima);
      // power: both outcomes occur, and the maximum moved for some trajectories
      const returned = status.filter((s) => s === RETURNED).length, exited = status.filter((s) => s === EXITED).length;
      const level = status.filter((s) => s === LEVEL).length;
      console.log(`${name}: ${returned} returned, ${exited} exited, ${level} reached the target of ${COUNT}`);
      expect(returned).toBeGreaterThan(0);
      expect(t.target === undefined ? exited : level).toBeGreaterThan(0);
      expect(max.some((m, i) => m > t.score(starts.subarray(i * n, i * n + n)))).toBe(true);
    });
  }

  it('a task without the chunk\'s score record is refused', () => {
    const p = compileScenario(problems['langevin 1-D, bridge on'].scenario);
    const k = createKernel(p, { returnSet: [], score: (x) => x[0] });
    expect(() => k(newChunk([0], 1, [-1]), 10)).toThrow(/trackScore/);
  });
});
