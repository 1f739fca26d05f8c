/**
 * Runs blocks of trajectories of a compiled 1-D scenario on a gpu.js backend: K steps per launch, state
 * (x, generator, optimizer moments) carried between launches on the host, exit times with the same
 * estimator inputs as the float64 backends (backends/cpu.ts toResults: (k − ½)·dt for an SDE, k·η for an
 * optimizer). Trajectory i's generator is seeded from the Philox stream (seed, 'float32') at i and advanced by
 * exactly 3 draws per step, so results depend on neither block size nor launch length.
 */
import type { CompiledScenario } from '../../scenario/compile.js';
import { ScenarioError } from '../../scenario/errors.js';
import { isDiscrete } from '../../scenario/schema.js';
import { createOptimizer } from '../../optimizers/index.js';
import { streamKey } from '../../rng/seed.js';
import { F32_COMPONENTS, UNIFORMS_PER_STEP, powmod, seedF32State } from '../../rng/f32gen.js';
import { toResults, type BlockResult } from '../backends/cpu.js';
import { ALIVE, CENSORED, EXITED, type ChunkState } from '../state.js';
import { indexAt, type WorkSet } from '../work.js';
import { createGpu, type GpuInstance, type GpuKernel, type GpujsBackend } from './gpu.js';
import { MAX_STEPS_PER_LAUNCH, STATUS_OUT_OF_TABLE, discrete1DSource, sde1DSource, type DiscreteRule } from './source.js';
import { tabulate1D } from './tables.js';
import { createNDRunner, planND } from './runner-nd.js';

export interface GpuRunner {
  backend: GpujsBackend;
  /** advice from the tabulation (float32 guard) */
  warnings: string[];
  runBlock(work: WorkSet, begin: number, end: number): Promise<BlockResult>;
  destroy(): void;
}

/** The discrete rules the kernels implement; anything else is an error naming the field. */
function discreteRule(c: CompiledScenario): DiscreteRule {
  const d = c.scenario.dynamics;
  if (!isDiscrete(d)) throw new Error('internal: not a discrete scenario');
  const bad = (field: string, msg: string) => new ScenarioError([{ field: `scenario.dynamics.${field}`, message: `${msg}; use backend cpu or workers` }]);
  if (!['sgd', 'adam', 'invadam'].includes(d.discrete)) throw bad('discrete', `the gpujs backends run 'sgd', 'adam' and 'invadam' (got '${d.discrete}')`);
  const h = createOptimizer(d.discrete, { lr: d.lr, ...Object.fromEntries(Object.entries(d).filter(([k, v]) => v !== undefined && ['beta1', 'beta2', 'eps', 'weightDecay', 'momentum', 'dampening', 'nesterov', 'amsgrad', 'form'].includes(k))) }).hyper as Record<string, unknown>;
  if ((h.weightDecay ?? 0) !== 0) throw bad('weightDecay', 'the gpujs kernels have no weight decay (allowed: 0)');
  if ((h.momentum ?? 0) !== 0) throw bad('momentum', 'the gpujs sgd kernel has no momentum (allowed: 0)');
  if (h.amsgrad === true) throw bad('amsgrad', 'the gpujs adam kernel has no amsgrad (allowed: false)');
  if (d.discrete === 'sgd') return { kind: 'sgd', lr: d.lr };
  return { kind: d.discrete as 'adam' | 'invadam', lr: d.lr, beta1: h.beta1 as number, beta2: h.beta2 as number, eps: h.eps as number };
}

/**
 * What a gpu.js run of this scenario needs (coefficient tables, the discrete rule), or a ScenarioError naming
 * the field that rules the gpujs backends out.
 */
export function planGpuRun(c: CompiledScenario) {
  if (c.passage.exit.length > 3) {
    throw new ScenarioError([{ field: 'scenario.exit', message: `the gpujs backends handle at most 3 exit boundaries (got ${c.passage.exit.length}); use cpu or workers` }]);
  }
  if (c.dim > 1) { planND(c); return null; }
  const rule = c.discrete !== null ? discreteRule(c) : null;
  return { tabs: tabulate1D(c), rule };
}

export function createGpuRunner(
  c: CompiledScenario, backend: GpujsBackend,
  opts: { stepsPerLaunch: number; blockSize: number; random?: 'f32' | 'gpujs-math-random' },
): GpuRunner {
  if (c.dim > 1) {
    if (opts.random === 'gpujs-math-random') throw new Error('internal: the Math.random variant is 1-D only');
    return createNDRunner(c, backend, opts);
  }
  const sim = c.scenario.simulation;
  const K = Math.min(opts.stepsPerLaunch, MAX_STEPS_PER_LAUNCH);
  const B = opts.blockSize;
  const { tabs, rule } = planGpuRun(c)!;
  const discrete = rule !== null;
  const moments = rule !== null && rule.kind !== 'sgd';
  const source = discrete
    ? discrete1DSource({ table: tabs.table, rule: rule!, exit: c.passage.exit, reflect: c.passage.reflect, K })
    : sde1DSource({ table: tabs.table, dt: c.dt, milstein: sim.integrator === 'milstein', bridge: c.passage.bridge, exit: c.passage.exit, reflect: c.passage.reflect, K, random: opts.random });
  if (opts.random === 'gpujs-math-random' && discrete) throw new Error('internal: the Math.random variant is for the SDE kernel only');
  const gpu: GpuInstance = createGpu(backend);
  const kernel: GpuKernel = gpu.createKernel(source, {
    output: [B], returnType: 'Array(4)', precision: 'single', loopMaxIterations: K + 1, tactic: 'precision',
  });
  const key = streamKey(sim.seed, 'float32');
  const x = new Float32Array(B), lim = new Float32Array(B);
  const g = [0, 1, 2, 3].map(() => new Float32Array(B));
  const m = new Float32Array(B), v = new Float32Array(B), it = new Float32Array(B);
  // aⱼ^(3·taken) mod mⱼ, by the number of steps taken (almost always K)
  const jumps = new Map<number, number[]>();
  const jump = (taken: number) => {
    let j = jumps.get(taken);
    if (!j) { j = F32_COMPONENTS.map((cp) => powmod(cp.a, UNIFORMS_PER_STEP * taken, cp.m)); jumps.set(taken, j); }
    return j;
  };
  const seedBuf = new Float64Array(4);

  return {
    backend,
    warnings: tabs.warnings,
    async runBlock(work, begin, end) {
      const count = end - begin;
      if (count > B) throw new Error(`internal: block of ${count} > kernel size ${B}`);
      const s: ChunkState = {
        count, dim: 1, traj: new Float64Array(count), x: new Float64Array(count), steps: new Float64Array(count),
        word: new Float64Array(count), status: new Uint8Array(count), boundary: new Int16Array(count).fill(-1),
      };
      x.fill(0); lim.fill(0); m.fill(0); v.fill(0); it.fill(0);
      for (let i = 0; i < count; i++) {
        s.traj[i] = indexAt(work, begin + i);
        x[i] = c.start[0];
        seedF32State(key, s.traj[i], seedBuf);
        for (let j = 0; j < 4; j++) g[j][i] = seedBuf[j];
      }
      let alive = count, steps = 0;
      while (alive > 0) {
        for (let i = 0; i < count; i++) lim[i] = s.status[i] === ALIVE ? Math.min(K, c.maxSteps - s.steps[i]) : 0;
        const args = discrete ? [x, lim, ...g, m, v, it, ...tabs.columns] : [x, lim, ...g, ...tabs.columns];
        const out = (await kernel(...args)) as Float32Array[];
        for (let i = 0; i < count; i++) {
          if (s.status[i] !== ALIVE) continue;
          const o = out[i];
          const code = o[1];
          const status = code % 4, hit = (Math.floor(code / 4) % 4) - 1, taken = Math.floor(code / 16);
          if (status === STATUS_OUT_OF_TABLE) {
            throw new Error(`trajectory ${s.traj[i]} left [${tabs.table.lo}, ${tabs.table.lo + tabs.table.cells / tabs.table.invh}], the interval on which the gpujs backends tabulate the coefficients (x = ${o[0]}); this should not happen between a wall and an exit: report it, and use backend cpu meanwhile`);
          }
          x[i] = o[0]; s.x[i] = o[0];
          s.steps[i] += taken; steps += taken;
          if (status === EXITED) { s.status[i] = EXITED; s.boundary[i] = hit; alive--; continue; }
          if (s.steps[i] >= c.maxSteps) { s.status[i] = CENSORED; alive--; continue; }
          if (taken !== lim[i]) throw new Error(`internal: kernel took ${taken} of ${lim[i]} steps without an exit`);
          const jm = jump(taken);
          for (let j = 0; j < 4; j++) g[j][i] = (g[j][i] * jm[j]) % F32_COMPONENTS[j].m;
          if (moments) { m[i] = o[2]; v[i] = o[3]; it[i] += taken; }
        }
      }
      return { begin, end, results: toResults(s, c.dt, discrete ? 0 : 0.5), steps };
    },
    destroy() {
      kernel.destroy?.();
      void gpu.destroy();
    },
  };
}
