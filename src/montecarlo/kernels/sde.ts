/**
 * CPU kernels: advance every live trajectory of a chunk by up to K steps (one "launch"), in float64.
 * Each trajectory reads only its own counter-based noise stream, seeked to the word it had reached, so a
 * trajectory's path is the same for any chunking (design.md §4).
 */
import { noiseStream } from '../../rng/wasm-stream.js';
import type { ScalarSDE, VectorSDE } from '../../dynamics/models.js';
import { stepperOf, eulerMaruyamaND, maxDimension } from '../../dynamics/integrators.js';
import { BRIDGE_EXPONENT_CUTOFF, type Boundary } from '../../dynamics/passage.js';
import { ALIVE, BLOWUP, CENSORED, EXITED, LEVEL, RETURNED } from '../state.js';
import { inReturnSet, scoreRecord, scoreStep } from './splitting.js';
import { levelExits } from './level-exit.js';
import type { Kernel, KernelSpec } from './types.js';

export function scalarKernel(sde: ScalarSDE, spec: KernelSpec): Kernel {
  const { dt, maxSteps, passage } = spec;
  // the model's exact step specialised to its convention and the integrator (dynamics/specialised.ts)
  const stepper = stepperOf(sde, spec.integrator, dt);
  const sqdt = Math.sqrt(dt);
  const stream = noiseStream(spec.key);
  const exits = passage.exit, walls = passage.reflect, bridge = passage.bridge;
  const ne = exits.length, nw = walls.length;
  const task = spec.task, xs = new Float64Array(1), xsOld = new Float64Array(1);
  const lv = levelExits(exits, 1), levels = lv.of;
  return (s, K) => {
    let taken = 0;
    const rec = scoreRecord(s, task);
    for (let i = 0; i < s.count; i++) {
      if (s.status[i] !== ALIVE) continue;
      stream.seek(s.traj[i], s.word[i]);
      let x = s.x[i], k = s.steps[i];
      const kEnd = Math.min(k + K, maxSteps);
      let status = ALIVE, hit = -1;
      while (k < kEnd) {
        const xOld = x;
        x = stepper.step(x, sqdt * stream.nextNormal());
        k++;
        if (!Number.isFinite(x)) { status = BLOWUP; break; }
        for (let w = 0; w < nw; w++) {
          const b = walls[w];
          if (b.side * (x - b.level) > 0) x = 2 * b.level - x;
        }
        let reached = false;
        if (rec) { xs[0] = x; reached = scoreStep(rec, task!, i, 1, xs, k); }
        // the exit test of level-exit.ts hit1D, written out: as a call it costs a third of the Adam example's speed
        for (let e = 0; e < ne; e++) {
          const lb = levels[e];
          if (lb) { // an expression exit (level-exit.ts)
            xs[0] = x;
            const d1 = lv.distance(lb, xs);
            if (d1 <= 0) { status = EXITED; hit = e; break; }
            if (bridge) {
              xsOld[0] = xOld;
              const expo = lv.exponent1D(lb, xsOld, d1, stepper.d, dt);
              if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) { status = EXITED; hit = e; break; }
            }
            continue;
          }
          const b = exits[e] as Boundary;
          const d1 = b.side * (b.level - x);
          if (d1 <= 0) { status = EXITED; hit = e; break; }
          if (bridge) {
            // crossing probability exp(−2d₀d₁/(2𝒟·dt)) with 𝒟 at the old state (stepper.d after the step)
            const expo = (b.side * (b.level - xOld) * d1) / (stepper.d * dt);
            if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) { status = EXITED; hit = e; break; }
          }
        }
        if (status !== ALIVE) break;
        if (rec && inReturnSet(task!, xs)) { status = RETURNED; break; }
        if (reached) { status = LEVEL; break; }
      }
      taken += k - s.steps[i];
      s.x[i] = x; s.steps[i] = k; s.word[i] = stream.word;
      if (status === ALIVE && k >= maxSteps) status = CENSORED;
      s.status[i] = status; s.boundary[i] = hit;
    }
    return taken;
  };
}

export function vectorKernel(makeSde: () => VectorSDE, spec: KernelSpec): Kernel {
  const { dt, maxSteps, passage } = spec;
  const sde = makeSde();
  if (sde.dim > maxDimension(spec.integrator)) {
    throw new Error(`integrator '${spec.integrator}' is implemented up to ${maxDimension(spec.integrator)} dimension(s); use 'euler-maruyama' in ${sde.dim}-D`);
  }
  const n = sde.dim;
  const sqdt = Math.sqrt(dt);
  const stream = noiseStream(spec.key);
  const x = new Float64Array(n), xOld = new Float64Array(n), dW = new Float64Array(n);
  const drift = new Float64Array(n), sigma = new Float64Array(n * n);
  const exits = passage.exit, walls = passage.reflect, bridge = passage.bridge;
  const task = spec.task;
  const lv = levelExits(exits, n), levels = lv.of;
  return (s, K) => {
    let taken = 0;
    const rec = scoreRecord(s, task);
    for (let i = 0; i < s.count; i++) {
      if (s.status[i] !== ALIVE) continue;
      stream.seek(s.traj[i], s.word[i]);
      for (let j = 0; j < n; j++) x[j] = s.x[i * n + j];
      let k = s.steps[i];
      const kEnd = Math.min(k + K, maxSteps);
      let status = ALIVE, hit = -1;
      while (k < kEnd) {
        for (let j = 0; j < n; j++) { xOld[j] = x[j]; dW[j] = sqdt * stream.nextNormal(); }
        eulerMaruyamaND(sde, x, dt, dW, drift, sigma);
        k++;
        let finite = true;
        for (let j = 0; j < n; j++) if (!Number.isFinite(x[j])) finite = false;
        if (!finite) { status = BLOWUP; break; }
        for (let w = 0; w < walls.length; w++) {
          const b = walls[w];
          if (b.side * (x[b.index] - b.level) > 0) x[b.index] = 2 * b.level - x[b.index];
        }
        const reached = rec ? scoreStep(rec, task!, i, n, x, k) : false;
        for (let e = 0; e < exits.length; e++) {
          const lb = levels[e];
          if (lb) { // an expression exit (level-exit.ts): σ_g² = |σᵀ∇f|² at the old state
            const d1 = lv.distance(lb, x);
            if (d1 <= 0) { status = EXITED; hit = e; break; }
            if (bridge) {
              const expo = lv.exponent(lb, xOld, d1, sigma, sde.diagonalNoise, dt);
              if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) { status = EXITED; hit = e; break; }
            }
            continue;
          }
          const b = exits[e] as Boundary;
          const d1 = b.side * (b.level - x[b.index]);
          if (d1 <= 0) { status = EXITED; hit = e; break; }
          if (bridge) {
            // variance per unit time of coordinate j: (σσᵀ)_jj
            let v = 0;
            if (sde.diagonalNoise) v = sigma[b.index * n + b.index] ** 2;
            else for (let m = 0; m < n; m++) v += sigma[b.index * n + m] ** 2;
            const expo = (2 * b.side * (b.level - xOld[b.index]) * d1) / (v * dt);
            if (expo < BRIDGE_EXPONENT_CUTOFF && stream.nextUniform() < Math.exp(-expo)) { status = EXITED; hit = e; break; }
          }
        }
        if (status !== ALIVE) break;
        if (rec && inReturnSet(task!, x)) { status = RETURNED; break; }
        if (reached) { status = LEVEL; break; }
      }
      taken += k - s.steps[i];
      for (let j = 0; j < n; j++) s.x[i * n + j] = x[j];
      s.steps[i] = k; s.word[i] = stream.word;
      if (status === ALIVE && k >= maxSteps) status = CENSORED;
      s.status[i] = status; s.boundary[i] = hit;
    }
    return taken;
  };
}
