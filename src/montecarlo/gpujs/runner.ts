/**
 * Runs blocks of trajectories of a problem on a gpu.js backend — one launch loop for the 1-D and n-D kernel
 * families (adapter-1d.ts, adapter-nd.ts): K steps per launch, state (x, generator, optimizer moments) carried
 * between launches on the host, exit times by the problem's exit-time rule (backends/cpu.ts toResults).
 * Trajectory i's generator is seeded from the Philox stream (seed, 'float32') at i and advanced by exactly
 * perStep draws per step, so results depend on neither block size nor launch length.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { F32_COMPONENTS, powmod, seedF32State } from '../../rng/f32gen.js';
import { toResults } from '../backends/cpu.js';
import { ALIVE, BLOWUP, CENSORED, EXITED, newChunk } from '../state.js';
import { indexAt, type WorkSet } from '../work.js';
import type { GpujsBackend } from './gpu.js';
import { MAX_STEPS_PER_LAUNCH } from './source.js';
import { gpujsSupport } from './support.js';
import { adapter1D } from './adapter-1d.js';
import { adapterND } from './adapter-nd.js';
import type { GpuRunner, LaunchAdapter } from './types.js';

export type { GpuRunner } from './types.js';

/** A kernel's code word: status + 4·(boundary + 1) + 16·taken (source.ts). */
function decode(code: number): { status: number; hit: number; taken: number } {
  return { status: code % 4, hit: (Math.floor(code / 4) % 4) - 1, taken: Math.floor(code / 16) };
}

export function createGpuRunner(
  c: EscapeProblem, backend: GpujsBackend,
  opts: { stepsPerLaunch: number; blockSize: number; random?: 'f32' | 'gpujs-math-random' },
): GpuRunner {
  const why = gpujsSupport(c);
  if (why) throw why;
  if (c.dim > 1 && opts.random === 'gpujs-math-random') throw new Error('internal: the Math.random variant is 1-D only');
  const K = Math.min(opts.stepsPerLaunch, MAX_STEPS_PER_LAUNCH);
  const B = opts.blockSize;
  const a: LaunchAdapter = c.dim > 1 ? adapterND(c, backend, B, K) : adapter1D(c, backend, B, K, opts.random);
  const lim = new Float32Array(B);
  const g = [0, 1, 2, 3].map(() => new Float32Array(B));
  // aⱼ^(perStep·taken) mod mⱼ, by the number of steps taken (almost always K)
  const jumps = new Map<number, number[]>();
  const jump = (taken: number) => {
    let j = jumps.get(taken);
    if (!j) { j = F32_COMPONENTS.map((cp) => powmod(cp.a, a.perStep * taken, cp.m)); jumps.set(taken, j); }
    return j;
  };
  const seedBuf = new Float64Array(4);

  return {
    backend,
    warnings: a.warnings,
    async runBlock(work: WorkSet, begin: number, end: number) {
      const count = end - begin;
      if (count > B) throw new Error(`internal: block of ${count} > kernel size ${B}`);
      const idx = Array.from({ length: count }, (_, i) => indexAt(work, begin + i));
      const s = newChunk(idx, c.dim, c.start);
      lim.fill(0);
      a.reset(count);
      for (let i = 0; i < count; i++) {
        seedF32State(c.keys.float32, s.traj[i], seedBuf);
        for (let j = 0; j < 4; j++) g[j][i] = seedBuf[j];
      }
      let alive = count, steps = 0;
      while (alive > 0) {
        for (let i = 0; i < count; i++) lim[i] = s.status[i] === ALIVE ? Math.min(K, c.maxSteps - s.steps[i]) : 0;
        const out = await a.launch(lim, g);
        for (let i = 0; i < count; i++) {
          if (s.status[i] !== ALIVE) continue;
          const code = a.read(out, i, s);
          const { status, hit, taken } = decode(code);
          a.unexpected?.(status, out, i, s);
          s.steps[i] += taken; steps += taken;
          if (status === EXITED || status === BLOWUP) { s.status[i] = status; s.boundary[i] = status === EXITED ? hit : -1; alive--; continue; }
          if (s.steps[i] >= c.maxSteps) { s.status[i] = CENSORED; alive--; continue; }
          if (taken !== lim[i]) throw new Error(`internal: kernel took ${taken} of ${lim[i]} steps without an exit`);
          const jm = jump(taken);
          for (let j = 0; j < 4; j++) g[j][i] = (g[j][i] * jm[j]) % F32_COMPONENTS[j].m;
          a.carry?.(out, i, taken);
        }
      }
      return { begin, end, results: toResults(s, c), steps };
    },
    destroy() {
      a.destroy();
    },
  };
}
