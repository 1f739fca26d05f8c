/**
 * The 1-D gpu.js kernels (source.ts: SDE with coefficient tables, or the discrete sgd/adam/invadam rules) as a
 * launch adapter: kernel output per trajectory [x, code, m, v] (m, v: the Adam-type moments, carried on the host).
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { UNIFORMS_PER_STEP } from '../../rng/f32gen.js';
import { coordinateExits } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';
import { createGpu, type GpuInstance, type GpuKernel, type GpujsBackend } from './gpu.js';
import { STATUS_OUT_OF_TABLE, discrete1DSource, sde1DSource } from './source.js';
import { discreteRule } from './rule.js';
import { tabulate1D } from './tables.js';
import type { LaunchAdapter } from './types.js';

export function adapter1D(
  c: EscapeProblem, backend: GpujsBackend, B: number, K: number, random?: 'f32' | 'gpujs-math-random',
): LaunchAdapter {
  const rule = c.discrete ? discreteRule(c) : null;
  const tabs = tabulate1D(c);
  const moments = rule !== null && rule.kind !== 'sgd';
  if (random === 'gpujs-math-random' && rule) throw new Error('internal: the Math.random variant is for the SDE kernel only');
  const exit = coordinateExits(c.passage.exit); // support.ts refused expression exits
  const source = rule
    ? discrete1DSource({ table: tabs.table, rule, exit, reflect: c.passage.reflect, K })
    : sde1DSource({ table: tabs.table, dt: c.dt, milstein: c.integrator === 'milstein', bridge: c.passage.bridge, exit, reflect: c.passage.reflect, K, random });
  const gpu: GpuInstance = createGpu(backend);
  const kernel: GpuKernel = gpu.createKernel(source, {
    output: [B], returnType: 'Array(4)', precision: 'single', loopMaxIterations: K + 1, tactic: 'precision',
  });
  const x = new Float32Array(B);
  const m = new Float32Array(B), v = new Float32Array(B), it = new Float32Array(B);
  return {
    perStep: UNIFORMS_PER_STEP,
    warnings: tabs.warnings,
    reset(count) {
      x.fill(0); m.fill(0); v.fill(0); it.fill(0);
      for (let i = 0; i < count; i++) x[i] = c.start[0];
    },
    launch(lim, g) {
      return Promise.resolve(kernel(...(rule ? [x, lim, ...g, m, v, it, ...tabs.columns] : [x, lim, ...g, ...tabs.columns])));
    },
    read(out, i, s: ChunkState) {
      const o = (out as Float32Array[])[i];
      x[i] = o[0]; s.x[i] = o[0];
      return o[1];
    },
    unexpected(status, out, i, s) {
      if (status !== STATUS_OUT_OF_TABLE) return;
      const o = (out as Float32Array[])[i];
      throw new Error(`trajectory ${s.traj[i]} left [${tabs.table.lo}, ${tabs.table.lo + tabs.table.cells / tabs.table.invh}], the interval on which the gpujs backends tabulate the coefficients (x = ${o[0]}); this should not happen between a wall and an exit: report it, and use backend cpu meanwhile`);
    },
    carry(out, i, taken) {
      if (!moments) return;
      const o = (out as Float32Array[])[i];
      m[i] = o[2]; v[i] = o[3]; it[i] += taken;
    },
    destroy() {
      kernel.destroy?.();
      void gpu.destroy();
    },
  };
}
