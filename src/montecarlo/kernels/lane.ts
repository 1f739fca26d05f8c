/**
 * The exact WebAssembly lane (assembly/lane.ts) for the commonest 1-D problem: additive noise and the quartic or
 * tilted-quartic builtin drift, A = −(4·h·x·(x² − 1) + c), integrated by Euler–Maruyama with coordinate exits,
 * reflecting walls and the optional Brownian bridge. It computes what scalarKernel (sde.ts) computes, operation
 * for operation and from the same stream, so its results are bit-identical to the JavaScript kernel's
 * (test/montecarlo/lane.test.ts); it is chosen automatically where it applies (laneApplies) and is about 2×
 * faster per step, because the whole step, Philox included, runs without leaving WebAssembly.
 *
 * Additive noise: Langevin (𝒟 = T; its drift is −L′ in both conventions) and SGD with white gradient noise in
 * the Itô convention (𝒟 = ησ²/(2B), constant). Rare-event tasks (a score, a return set) use the JavaScript kernels.
 */
import { LANE_WASM_BASE64 } from './lane-wasm.gen.js';
import { ZIG_K, ZIG_W, zigguratTables } from '../../rng/ziggurat.js';
import { BRIDGE_EXPONENT_CUTOFF, type Boundary } from '../../dynamics/passage.js';
import type { EscapeProblem } from '../../scenario/problem.js';
import { ALIVE } from '../state.js';
import type { Kernel, SplittingTask } from './types.js';

/** byte offsets of assembly/lane.ts's memory layout */
const AT = { zigK: 1024, zigW: 2048, fx: 4096, exits: 5248, walls: 5504, traj: 32768 } as const;
const CAPACITY = 4096;
const MAX_BOUNDARIES = 16;

interface LaneExports {
  memory: WebAssembly.Memory;
  configure(h: number, c: number, dt: number, sqdt: number, amp: number, diff: number, cutoff: number, r: number, invR: number,
    k0: number, k1: number, nExit: number, nWall: number, bridge: number, maxSteps: number): void;
  advance(n: number, K: number): number;
}

let compiled: WebAssembly.Module | null = null;

/** 𝒟 of an additive-noise 1-D problem the lane runs, else null */
function constantDiffusion(p: EscapeProblem): number | null {
  const spec = p.model?.spec;
  if (!spec) return null;
  if (spec.model === 'langevin') return spec.temperature;
  if (spec.model === 'sgd' && spec.convention === 'ito' && spec.noise.kind === 'white') {
    return 0.5 * spec.lr * (spec.noise.variance / spec.batch); // sde: 𝒟 = ½η·q, q = C/B (models.ts scalarSDE)
  }
  return null;
}

/** Whether the lane computes this problem's kernel (else the JavaScript kernels of sde.ts do). */
export function laneApplies(p: EscapeProblem, task?: SplittingTask): boolean {
  const L = p.landscape as { builtin?: string };
  return !task && !p.discrete && p.dim === 1 && p.integrator === 'euler-maruyama'
    && (L.builtin === 'quartic' || L.builtin === 'tilted-quartic')
    && constantDiffusion(p) !== null
    && p.passage.exit.length <= MAX_BOUNDARIES && p.passage.reflect.length <= MAX_BOUNDARIES
    && p.passage.exit.every((e) => 'side' in e && (e as Boundary).index === 0)
    && p.passage.exit.length > 0;
}

function instantiate(): LaneExports {
  compiled ??= new WebAssembly.Module(Buffer.from(LANE_WASM_BASE64, 'base64'));
  const inst = new WebAssembly.Instance(compiled, { env: { log: Math.log, exp: Math.exp, abort: () => { throw new Error('lane: abort'); } } });
  return inst.exports as unknown as LaneExports;
}

/** the ziggurat's tables and the problem's constants into a fresh instance */
function configured(p: EscapeProblem): LaneExports {
  const ex = instantiate();
  const buf = ex.memory.buffer;
  new Int32Array(buf, AT.zigK, 256).set(ZIG_K);
  new Float64Array(buf, AT.zigW, 256).set(ZIG_W);
  const z = zigguratTables();
  new Float64Array(buf, AT.fx, 129).set(z.fx);
  const put = (at: number, bs: readonly Boundary[]) => {
    const v = new Float64Array(buf, at, 2 * MAX_BOUNDARIES);
    bs.forEach((b, i) => { v[2 * i] = b.side; v[2 * i + 1] = b.level; });
  };
  put(AT.exits, p.passage.exit as Boundary[]);
  put(AT.walls, p.passage.reflect);
  const prm = (p.landscape as unknown as { params: Record<string, number> }).params;
  const d = constantDiffusion(p)!;
  ex.configure(prm.h, prm.c ?? 0, p.dt, Math.sqrt(p.dt), Math.sqrt(2 * d), d, BRIDGE_EXPONENT_CUTOFF, z.r, 1 / z.r,
    p.keys.noise[0], p.keys.noise[1], p.passage.exit.length, p.passage.reflect.length, p.passage.bridge ? 1 : 0, p.maxSteps);
  return ex;
}

/** A kernel for a problem laneApplies to: copies the live trajectories in, advances them, copies them back. */
export function laneKernel(p: EscapeProblem): Kernel {
  const ex = configured(p);
  const buf = ex.memory.buffer;
  const traj = new Float64Array(buf, AT.traj, CAPACITY), word = new Float64Array(buf, AT.traj + 8 * CAPACITY, CAPACITY);
  const xs = new Float64Array(buf, AT.traj + 16 * CAPACITY, CAPACITY), steps = new Float64Array(buf, AT.traj + 24 * CAPACITY, CAPACITY);
  const status = new Int32Array(buf, AT.traj + 32 * CAPACITY, CAPACITY), hit = new Int32Array(buf, AT.traj + 36 * CAPACITY, CAPACITY);
  const at = new Int32Array(CAPACITY);
  return (s, K) => {
    let taken = 0;
    for (let i0 = 0; i0 < s.count;) {
      let n = 0;
      for (; i0 < s.count && n < CAPACITY; i0++) {
        if (s.status[i0] !== ALIVE) continue;
        at[n] = i0; traj[n] = s.traj[i0]; word[n] = s.word[i0]; xs[n] = s.x[i0]; steps[n] = s.steps[i0]; status[n] = ALIVE;
        n++;
      }
      if (n === 0) break;
      taken += ex.advance(n, K);
      for (let m = 0; m < n; m++) {
        const i = at[m];
        s.x[i] = xs[m]; s.steps[i] = steps[m]; s.word[i] = word[m]; s.status[i] = status[m]; s.boundary[i] = hit[m];
      }
    }
    return taken;
  };
}
