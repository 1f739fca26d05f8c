/**
 * The n-D gpu.js kernel (source-nd.ts) as a launch adapter: R = ⌈(n + 1)/4⌉ cells of 4 floats per trajectory
 * hold [x₀ … x_{n−1}, code]; 2n + 1 uniforms per step.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { coordinateExits } from '../../dynamics/passage.js';
import type { ChunkState } from '../state.js';
import { createGpu, type GpujsBackend } from './gpu.js';
import { sdeNDSource } from './source-nd.js';
import { guardND, planND } from './plan-nd.js';
import type { LaunchAdapter } from './types.js';

export function adapterND(c: EscapeProblem, backend: GpujsBackend, B: number, K: number): LaunchAdapter {
  const n = c.dim, R = Math.ceil((n + 1) / 4);
  const { gradient, model } = planND(c);
  const source = sdeNDSource({ n, gradient, model, dt: c.dt, bridge: c.passage.bridge, exit: coordinateExits(c.passage.exit), reflect: c.passage.reflect, K });
  const gpu = createGpu(backend) as ReturnType<typeof createGpu> & { addFunction(src: string): void };
  // helpers of the generated gradient code (landscapes/compile.ts HELPERS)
  gpu.addFunction('function sq(t) { return t * t; }');
  gpu.addFunction('function cube(t) { return t * t * t; }');
  const kernel = gpu.createKernel(source, { output: [R, B], returnType: 'Array(4)', precision: 'single', loopMaxIterations: K + 1, tactic: 'precision' });
  const x = new Float32Array(B * n);
  const value = (cells: Float32Array[], k: number) => cells[k >> 2][k & 3];
  return {
    perStep: 2 * n + 1,
    warnings: guardND(c),
    reset(count) {
      x.fill(0);
      for (let i = 0; i < count; i++) for (let j = 0; j < n; j++) x[i * n + j] = c.start[j];
    },
    launch(lim, g) {
      return Promise.resolve(kernel(x, lim, ...g));
    },
    read(out, i, s: ChunkState) {
      const cells = (out as Float32Array[][])[i];
      for (let j = 0; j < n; j++) { x[i * n + j] = value(cells, j); s.x[i * n + j] = x[i * n + j]; }
      return value(cells, n);
    },
    destroy() {
      kernel.destroy?.();
      void gpu.destroy();
    },
  };
}
