/**
 * The WebAssembly lane (assembly/lane.ts): the whole Euler–Maruyama step of a 1-D problem, Philox (SIMD) and the
 * ziggurat included, without leaving WebAssembly, four trajectories in lockstep (one exit, at most one wall; else
 * one at a time). It computes what the JavaScript kernel of the same problem computes, operation for operation and
 * from the same stream, so its results are bit-identical (test/montecarlo/lane.test.ts); createKernel chooses it
 * wherever it applies (laneApplies), for two kinds of problem:
 *  - exact: the quartic or tilted-quartic builtin, A = −(4·h·x·(x² − 1) + c), with additive noise — Langevin
 *    (𝒟 = T; its drift is −L′ in both conventions) or SGD with white gradient noise, Itô (𝒟 = ησ²/(2B)) — with
 *    coordinate exits, reflecting walls and the optional Brownian bridge (sde.ts scalarKernel's numbers);
 *  - simulation.coefficients "tabulated": any 1-D model with a table, one coordinate exit and at most one wall
 *    (tabulated.ts's numbers; states outside the table call the exact model through an import).
 * Rare-event tasks (a score, a return set) use the JavaScript kernels.
 */
import { LANE_WASM_BASE64 } from './lane-wasm.gen.js';
import { ZIG_K, ZIG_W, zigguratTables } from '../../rng/ziggurat.js';
import { BRIDGE_EXPONENT_CUTOFF, type Boundary } from '../../dynamics/passage.js';
import { tabulationInterval, type EscapeProblem } from '../../scenario/problem.js';
import type { ScalarSDE } from '../../dynamics/models.js';
import { coefficientTable, TABLE_CELLS } from './tabulated.js';

if (TABLE_CELLS > 4096) throw new Error('internal: the lane holds tables of at most 4096 cells');
import { ALIVE } from '../state.js';
import type { Kernel, SplittingTask } from './types.js';

/** byte offsets of assembly/lane.ts's memory layout */
const AT = { zigK: 1024, zigW: 2048, fx: 4096, exits: 5248, walls: 5504, exactA: 5888, traj: 32768, table: 196608 } as const;
const CAPACITY = 4096;
const MAX_BOUNDARIES = 16;

interface LaneExports {
  memory: WebAssembly.Memory;
  configure(h: number, c: number, dt: number, sqdt: number, amp: number, diff: number, cutoff: number, r: number, invR: number,
    k0: number, k1: number, nExit: number, nWall: number, bridge: number, maxSteps: number): void;
  configureTable(lo: number, invh: number, cells: number): void;
  advance(n: number, K: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** the lane's module, or null where this engine cannot compile it (no WebAssembly SIMD): then the JavaScript kernels run */
function laneModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try { compiled = new WebAssembly.Module(Buffer.from(LANE_WASM_BASE64, 'base64')); } catch { compiled = null; }
  }
  return compiled;
}

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

const tabulated = (p: EscapeProblem) => p.scenario.simulation.coefficients === 'tabulated';

/**
 * Whether the lane computes this problem's kernel (else the JavaScript kernels of sde.ts and tabulated.ts do):
 * exact, for the quartic builtins with additive noise; tabulated (tabulated.ts's path, bit for bit), for any 1-D
 * model with a table, one coordinate exit and at most one wall.
 */
export function laneApplies(p: EscapeProblem, task?: SplittingTask): boolean {
  if (task || p.discrete || p.dim !== 1 || p.integrator !== 'euler-maruyama' || p.passage.exit.length === 0) return false;
  if (!laneModule()) return false;
  if (!p.passage.exit.every((e) => 'side' in e && (e as Boundary).index === 0)) return false;
  if (tabulated(p)) return tabulationInterval(p.passage) !== null && p.passage.exit.length === 1 && p.passage.reflect.length <= 1;
  const L = p.landscape as { builtin?: string };
  return (L.builtin === 'quartic' || L.builtin === 'tilted-quartic') && constantDiffusion(p) !== null
    && p.passage.exit.length <= MAX_BOUNDARIES && p.passage.reflect.length <= MAX_BOUNDARIES;
}

/** an instance whose exactEval(x) writes the exact model's A(x), 𝒟(x) into its memory (tabulated fallback) */
function instantiate(sde: ScalarSDE): LaneExports {
  const mod = laneModule();
  if (!mod) throw new Error('internal: the WebAssembly lane does not compile here (laneApplies says so first)');
  let out: Float64Array | null = null;
  const exactEval = (x: number) => { sde.eval(x); out![0] = sde.a; out![1] = sde.d; };
  const inst = new WebAssembly.Instance(mod, { env: { log: Math.log, exp: Math.exp, exactEval, abort: () => { throw new Error('lane: abort'); } } });
  const ex = inst.exports as unknown as LaneExports;
  out = new Float64Array(ex.memory.buffer, AT.exactA, 2);
  return ex;
}

/** the ziggurat's tables and the problem's constants into a fresh instance */
function configured(p: EscapeProblem): LaneExports {
  const sde = p.model!.scalar();
  const ex = instantiate(sde);
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
  if (tabulated(p)) {
    const [lo, hi] = tabulationInterval(p.passage)!;
    const t = coefficientTable(sde, lo, hi);
    new Float64Array(buf, AT.table, t.coef.length).set(t.coef);
    ex.configureTable(t.lo, t.invh, t.cells);
  }
  const prm = (p.landscape as unknown as { params: Record<string, number> }).params;
  const d = tabulated(p) ? NaN : constantDiffusion(p)!; // tabulated: 𝒟 per step from the table
  ex.configure(prm?.h ?? NaN, prm?.c ?? 0, p.dt, Math.sqrt(p.dt), Math.sqrt(2 * d), d, BRIDGE_EXPONENT_CUTOFF, z.r, 1 / z.r,
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
