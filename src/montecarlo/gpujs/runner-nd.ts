/**
 * n-D runs on the gpu.js backends (source-nd.ts): what they take (expression landscapes, white noise, Itô or
 * a constant 𝒟, 2 ≤ n ≤ 8) and the launch loop, with the same state handling as the 1-D runner.
 */
import type { CompiledScenario } from '../../scenario/compile.js';
import { ScenarioError } from '../../scenario/errors.js';
import { isDiscrete } from '../../scenario/schema.js';
import { MODEL_DEFAULTS, preconditioner, type ModelSpec } from '../../dynamics/models.js';
import { streamKey } from '../../rng/seed.js';
import { F32_COMPONENTS, powmod, seedF32State } from '../../rng/f32gen.js';
import { toResults } from '../backends/cpu.js';
import { ALIVE, BLOWUP, CENSORED, EXITED, type ChunkState } from '../state.js';
import { indexAt } from '../work.js';
import { createGpu, type GpujsBackend } from './gpu.js';
import { MAX_STEPS_PER_LAUNCH, lit } from './source.js';
import { MAX_DIM, gradientStatements, sdeNDSource, type NDModelCode } from './source-nd.js';
import { MIN_INCREMENT_ULPS, float32Ulp } from './tables.js';
import type { GpuRunner } from './runner.js';

const bad = (field: string, message: string) => new ScenarioError([{ field, message: `${message}; use backend cpu or workers` }]);

/** The kernel pieces of an n-D scenario, or a ScenarioError naming the field that rules the gpujs backends out. */
export function planND(c: CompiledScenario): { gradient: string; model: NDModelCode } {
  const n = c.dim;
  if (n > MAX_DIM) throw bad('scenario.landscape', `the gpujs backends run n-D scenarios up to n = ${MAX_DIM} (this one has ${n})`);
  if (isDiscrete(c.scenario.dynamics)) throw bad('scenario.dynamics.discrete', 'the gpujs backends run discrete optimizers in 1-D only');
  const source = (c.landscape as { source?: { gradient?: string } }).source?.gradient;
  if (!source) throw bad('scenario.landscape', 'in n-D the gpujs kernels evaluate the gradient of an expression landscape ({ "expr": ... }), not a built-in');
  const spec = c.model!.spec as ModelSpec;
  if (spec.model === 'langevin') {
    return { gradient: gradientStatements(source, n), model: { P: null, momentFactor: 0, momentFloor: 0, q: 0, sigmaScale: Math.sqrt(2 * spec.temperature) } };
  }
  if (spec.noise.kind !== 'white') throw bad('scenario.dynamics.noise.kind', `in n-D the gpujs kernels take 'white' noise (got '${spec.noise.kind}')`);
  if (spec.convention === 'hanggi' && spec.model !== 'sgd') throw bad('scenario.dynamics.convention', `in n-D the gpujs kernels take 'ito' for ${spec.model} (the Hänggi drift needs ∇·𝒟)`);
  const eps = spec.eps ?? MODEL_DEFAULTS.eps, p = spec.p ?? 0;
  const P: Record<string, string | null> = {
    sgd: null,
    adam: `1.0 / (Math.sqrt(v) + ${lit(eps)})`,
    invadam: `Math.sqrt(v) + ${lit(eps)}`,
    padam: `Math.pow(Math.sqrt(v) + ${lit(eps)}, ${lit(-2 * p)})`,
    power: `Math.pow(v, ${lit(-p)})`,
    adamomentum: '1.0 / Math.sqrt(v)',
  };
  const pre = preconditioner(spec);
  const sigma = Math.sqrt(spec.noise.variance);
  return {
    gradient: gradientStatements(source, n),
    model: { P: P[spec.model], momentFactor: pre.momentFactor, momentFloor: pre.momentFloor, q: spec.noise.variance / spec.batch, sigmaScale: Math.sqrt(spec.lr / spec.batch) * sigma },
  };
}

/**
 * The float32 guard in n-D: the noise increments σᵢ·√dt at the start (the diffusion there, as the drift vanishes at
 * a minimum) against the ulp of the largest |level| of the start, walls and exits (tables.ts's threshold).
 */
export function guardND(c: CompiledScenario): string[] {
  const spec = c.model!.spec as ModelSpec;
  const g = new Float64Array(c.dim);
  c.landscape.gradient(c.start, g);
  let smallest = Infinity;
  if (spec.model === 'langevin') smallest = Math.sqrt(2 * spec.temperature * c.dt);
  else {
    const pre = preconditioner(spec), d = new Float64Array(1);
    const variance = spec.noise.kind === 'white' ? spec.noise.variance : 0;
    for (let i = 0; i < c.dim; i++) {
      const P = pre.P(g[i] * g[i] + pre.momentFactor * variance / spec.batch + pre.momentFloor, d);
      smallest = Math.min(smallest, Math.sqrt((spec.lr / spec.batch) * variance * c.dt) * P);
    }
  }
  const X = Math.max(...c.start.map(Math.abs), ...[...c.passage.exit, ...c.passage.reflect].map((b) => Math.abs(b.level)));
  const ulp = float32Ulp(X);
  return smallest > 0 && smallest < MIN_INCREMENT_ULPS * ulp
    ? [`float32: the noise increment per step at the start, ${smallest.toPrecision(3)}, is ${(smallest / ulp).toPrecision(3)} ulps of the float32 state ` +
      `(|x| ≤ ${X}); below ${MIN_INCREMENT_ULPS} ulps rounding distorts each step by more than 0.2%: use a larger dt or a float64 backend (cpu, workers)`]
    : [];
}

export function createNDRunner(c: CompiledScenario, backend: GpujsBackend, opts: { stepsPerLaunch: number; blockSize: number }): GpuRunner {
  const n = c.dim, B = opts.blockSize, R = Math.ceil((n + 1) / 4);
  const K = Math.min(opts.stepsPerLaunch, MAX_STEPS_PER_LAUNCH);
  const { gradient, model } = planND(c);
  const source = sdeNDSource({ n, gradient, model, dt: c.dt, bridge: c.passage.bridge, exit: c.passage.exit, reflect: c.passage.reflect, K });
  const gpu = createGpu(backend) as ReturnType<typeof createGpu> & { addFunction(src: string): void };
  // helpers of the generated gradient code (landscapes/compile.ts HELPERS)
  gpu.addFunction('function sq(t) { return t * t; }');
  gpu.addFunction('function cube(t) { return t * t * t; }');
  const kernel = gpu.createKernel(source, { output: [R, B], returnType: 'Array(4)', precision: 'single', loopMaxIterations: K + 1, tactic: 'precision' });
  const key = streamKey(c.scenario.simulation.seed, 'float32');
  const perStep = 2 * n + 1;
  const x = new Float32Array(B * n), lim = new Float32Array(B);
  const g = [0, 1, 2, 3].map(() => new Float32Array(B));
  const jumps = new Map<number, number[]>();
  const seedBuf = new Float64Array(4);
  const value = (cells: Float32Array[], k: number) => cells[k >> 2][k & 3];
  return {
    backend,
    warnings: guardND(c),
    async runBlock(work, begin, end) {
      const count = end - begin;
      const s: ChunkState = {
        count, dim: n, traj: new Float64Array(count), x: new Float64Array(count * n), steps: new Float64Array(count),
        word: new Float64Array(count), status: new Uint8Array(count), boundary: new Int16Array(count).fill(-1),
      };
      x.fill(0); lim.fill(0);
      for (let i = 0; i < count; i++) {
        s.traj[i] = indexAt(work, begin + i);
        for (let j = 0; j < n; j++) x[i * n + j] = c.start[j];
        seedF32State(key, s.traj[i], seedBuf);
        for (let j = 0; j < 4; j++) g[j][i] = seedBuf[j];
      }
      let alive = count, steps = 0;
      while (alive > 0) {
        for (let i = 0; i < count; i++) lim[i] = s.status[i] === ALIVE ? Math.min(K, c.maxSteps - s.steps[i]) : 0;
        const out = (await kernel(x, lim, ...g)) as Float32Array[][];
        for (let i = 0; i < count; i++) {
          if (s.status[i] !== ALIVE) continue;
          const code = value(out[i], n);
          const status = code % 4, hit = (Math.floor(code / 4) % 4) - 1, taken = Math.floor(code / 16);
          for (let j = 0; j < n; j++) { x[i * n + j] = value(out[i], j); s.x[i * n + j] = x[i * n + j]; }
          s.steps[i] += taken; steps += taken;
          if (status === EXITED || status === BLOWUP) { s.status[i] = status; s.boundary[i] = status === EXITED ? hit : -1; alive--; continue; }
          if (s.steps[i] >= c.maxSteps) { s.status[i] = CENSORED; alive--; continue; }
          let jm = jumps.get(taken);
          if (!jm) { jm = F32_COMPONENTS.map((cp) => powmod(cp.a, perStep * taken, cp.m)); jumps.set(taken, jm); }
          for (let j = 0; j < 4; j++) g[j][i] = (g[j][i] * jm[j]) % F32_COMPONENTS[j].m;
        }
      }
      return { begin, end, results: toResults(s, c.dt, 0.5), steps };
    },
    destroy() {
      kernel.destroy?.();
      void gpu.destroy();
    },
  };
}
