/**
 * Kernel for the real discrete optimizers (design.md §3, issue 4): per iteration k,
 *   g_k = ∇L(θ_k) − (one batch of gradient noise, gradient-noise.ts; Gaussian: C(θ_k)^{1/2} ξ_k / √B with
 *         ξ_k ~ N(0, I) from the trajectory's own counter-based stream), or the noise's own whole gradient (a
 *         network's real minibatch: the mean of B per-example gradients, without ∇L),
 *   θ_{k+1} = optimizer step(θ_k, g_k),
 * with reflecting walls (the position is mirrored; the optimizer's moments are left as they are) and escape
 * counted at the first iterate in the exit set. One step per iteration: the time of iterate k is k·η.
 * The sign of the noise term is a convention (ξ is symmetric); with −, discrete SGD's θ_{k+1} = θ_k − η∇L +
 * η C^{1/2}ξ/√B is exactly the Euler–Maruyama step of the SGD SDE (dt = η) driven by the same ξ, which the
 * tests use to couple the two paths.
 * The optimizer state of each live trajectory lives in the kernel between launches (a block of trajectories
 * runs to completion on one kernel, montecarlo/backends/cpu.ts). A chunk with a memory (state.ts withMemory) hands
 * it over instead: a trajectory starts from the packed state there when set, and its state is written back after
 * every launch (rare-event solvers clone (θ, state) and pass trajectories between kernels).
 */
import { noiseStream } from '../../rng/wasm-stream.js';
import type { Landscape } from '../../landscapes/types.js';
import type { GradientNoise } from './gradient-noise.js';
import { packState, stateLength, unpackState, type Optimizer, type OptimizerState } from '../../optimizers/types.js';
import { ALIVE, BLOWUP, CENSORED, EXITED, LEVEL, RETURNED, type ChunkState } from '../state.js';
import { inReturnSet, scoreRecord, scoreStep } from './splitting.js';
import { exitHit } from './level-exit.js';
import type { DiscreteKernelSpec, Kernel } from './types.js';

export function discreteKernel(L: Landscape, noise: GradientNoise, makeOptimizer: () => Optimizer, spec: DiscreteKernelSpec): Kernel {
  const n = L.dim;
  const opt = makeOptimizer();
  const stream = noiseStream(spec.key);
  const { maxSteps, passage } = spec;
  const grad = new Float64Array(n);
  const gradientOf = noise.gradient
    ? noise.gradient
    : (p: Float64Array, g: Float64Array, stream: ReturnType<typeof noiseStream>) => { L.gradient(p, g); noise.apply(p, g, stream); };
  const states = new Map<number, { p: Float64Array; s: OptimizerState }>();
  const task = spec.task;
  let scratch: Float64Array | null = null;
  /** a trajectory this kernel has not seen: θ from the chunk, and its optimizer state from the chunk's memory if set, else fresh */
  const arrive = (c: ChunkState, i: number) => {
    const p = Float64Array.from(c.x.subarray(i * n, i * n + n));
    const mem = c.memory;
    if (!mem) return { p, s: opt.init(p) };
    const s = mem.set[i] ? opt.init(Float64Array.from(p)) : opt.init(p); // restored: init only as a template (ND-Adam's init normalises its argument)
    if (stateLength(s) !== mem.size) throw new RangeError(`discrete kernel: the chunk's memory holds ${mem.size} numbers per trajectory; ${opt.name} needs ${stateLength(s)}`);
    if (mem.set[i]) unpackState(mem.data, i * mem.size, s);
    if (scratch?.length !== mem.size) scratch = new Float64Array(mem.size);
    return { p, s };
  };
  return (c: ChunkState, K: number) => {
    let taken = 0;
    const rec = scoreRecord(c, task);
    for (let i = 0; i < c.count; i++) {
      if (c.status[i] !== ALIVE) continue;
      const traj = c.traj[i];
      let st = states.get(traj);
      if (!st) {
        st = arrive(c, i);
        states.set(traj, st);
      }
      const p = st.p, mem = c.memory;
      const memory = mem ? () => { packState(st!.s, scratch!, 0); return scratch!; } : undefined;
      stream.seek(traj, c.word[i]);
      let k = c.steps[i];
      const kEnd = Math.min(k + K, maxSteps);
      let status = ALIVE, hit = -1;
      while (k < kEnd) {
        gradientOf(p, grad, stream);
        opt.step(p, grad, st.s);
        k++;
        let finite = true;
        for (let j = 0; j < n; j++) if (!Number.isFinite(p[j])) finite = false;
        if (!finite) { status = BLOWUP; break; }
        for (const b of passage.reflect) if (b.side * (p[b.index] - b.level) > 0) p[b.index] = 2 * b.level - p[b.index];
        const reached = rec ? scoreStep(rec, task!, i, n, p, k, memory) : false;
        hit = exitHit(passage.exit, p); // coordinate and expression exits (level-exit.ts); no bridge for iterates
        if (hit >= 0) { status = EXITED; break; }
        if (rec && inReturnSet(task!, p)) { status = RETURNED; break; }
        if (reached) { status = LEVEL; break; }
      }
      taken += k - c.steps[i];
      c.x.set(p, i * n);
      c.steps[i] = k; c.word[i] = stream.word;
      if (status === ALIVE && k >= maxSteps) status = CENSORED;
      c.status[i] = status; c.boundary[i] = hit;
      if (mem) { packState(st.s, mem.data, i * mem.size); mem.set[i] = 1; }
      if (status !== ALIVE) states.delete(traj);
    }
    return taken;
  };
}
