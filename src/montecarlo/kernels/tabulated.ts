/**
 * simulation.coefficients "tabulated": the CPU kernel of a 1-D SDE model with its coefficients read from a table.
 * Euler–Maruyama (Kloeden & Platen 1992, §9.1) with A and σ = √(2𝒟) interpolated linearly between nodes:
 *
 *   x' = x + A_tab(x)·dt + σ_tab(x)·√dt·z,   f_tab(x) = f(x_k) + (x − x_k)/h·(f(x_{k+1}) − f(x_k))
 *
 * Interval: TABLE_CELLS cells of width h between the innermost wall or coordinate exit on each side
 * (scenario/problem.ts tabulationInterval). The coefficients are evaluated at the state a step starts from, and a
 * live state is inside the walls (after the reflection) and outside the exits, so the table covers every step
 * without a margin beyond the exit (the last step before an exit starts inside it).
 * Nodes: the exact model's values (ScalarSDE.eval: A with the Hänggi drift when chosen), so the tables agree with
 * the exact path at the nodes; between them |f − f_tab| ≤ h²/8·max|f″| (linear interpolation of a C² function),
 * one cell of smearing at a kink (e.g. |L″| in hessian noise).
 * Fallback: a state outside the table, a problem without a bounded interval, and a tabulated step that is not
 * finite are evaluated exactly (ScalarSDE.eval): the path is approximate inside the table, never wrong.
 * Bridge: the crossing probability exp(−d₀d₁/(𝒟·dt)) takes 𝒟 = σ_tab²/2 at the old state, the variance of the
 * step actually taken (no separate 𝒟 table).
 * Everything else is scalarKernel's (sde.ts): statuses, walls, exits, the rare-event task, the saved stream word
 * (LaneRunner). Speed: in the quiet band (quietBand) the wall and exit checks, which cannot act there, are skipped,
 * and without a task two trajectories advance in lockstep there (PairRunner), each on its own stream, so that one
 * step's dependency chain x → cell → coefficients → x' overlaps the other's; every path is LaneRunner's, bit for bit.
 */
import { noiseStream } from '../../rng/wasm-stream.js';
import type { ScalarSDE } from '../../dynamics/models.js';
import { BRIDGE_EXPONENT_CUTOFF, coordinateExits, isLevelExit, type Passage } from '../../dynamics/passage.js';
import { tabulationInterval } from '../../scenario/problem.js';
import { ALIVE, BLOWUP, CENSORED, EXITED, LEVEL, RETURNED, type ChunkState } from '../state.js';
import { inReturnSet, scoreRecord, scoreStep } from './splitting.js';
import { levelExits } from './level-exit.js';
import type { Kernel, KernelSpec } from './types.js';

export const TABLE_CELLS = 4096;

/** A, σ on a uniform grid, stored per cell k as [A_k, A_{k+1} − A_k, σ_k, σ_{k+1} − σ_k] (what a step reads, together). */
export interface CoefficientTable {
  lo: number;
  hi: number;
  cells: number;
  /** 1/h */
  invh: number;
  coef: Float64Array;
}

/** The table of the model on [lo, hi]: node values from the exact model (sde.eval). */
export function coefficientTable(sde: ScalarSDE, lo: number, hi: number, cells = TABLE_CELLS): CoefficientTable {
  const h = (hi - lo) / cells;
  const A = new Float64Array(cells + 1), S = new Float64Array(cells + 1);
  for (let k = 0; k <= cells; k++) {
    sde.eval(k === cells ? hi : lo + k * h);
    A[k] = sde.a; S[k] = Math.sqrt(2 * sde.d);
  }
  const coef = new Float64Array(4 * cells);
  for (let k = 0; k < cells; k++) {
    coef[4 * k] = A[k]; coef[4 * k + 1] = A[k + 1] - A[k];
    coef[4 * k + 2] = S[k]; coef[4 * k + 3] = S[k + 1] - S[k];
  }
  return { lo, hi, cells, invh: 1 / h, coef };
}

/** A_tab(x) (column 0) or σ_tab(x) (column 2); NaN outside the table (the kernel evaluates exactly there). */
export function interpolate(t: CoefficientTable, x: number, column: 0 | 2): number {
  const u = (x - t.lo) * t.invh;
  if (!(u >= 0 && u < t.cells)) return NaN;
  const j = 4 * Math.floor(u);
  return t.coef[j + column] + (u - Math.floor(u)) * t.coef[j + column + 1];
}

/** An empty table (every state outside: the exact path) for a problem without a bounded interval. */
const NO_TABLE: CoefficientTable = { lo: 0, hi: 0, cells: 0, invh: 0, coef: new Float64Array(4) };

/**
 * The quiet band [lo', hi'] of a table: a step that starts and ends in it meets no wall (inside all of them), enters
 * no exit (d ≥ δ > 0) and draws no bridge uniform: d₀d₁/(𝒟·dt) ≥ δ²/(𝒟max·dt) > BRIDGE_EXPONENT_CUTOFF with
 * δ = √(cutoff·𝒟max·dt)·(1 + 1e-9) (passage.ts), 𝒟max = max σ²/2 over the nodes (σ_tab lies between its nodes). It
 * keeps one cell inside the table, so 𝒟 there is the table's. The kernel skips those checks in it: same results.
 * Empty (lo' > hi') without a table or with an expression exit (no coordinate distance to bound).
 */
export function quietBand(t: CoefficientTable, passage: Passage, dt: number): [number, number] {
  if (t.cells === 0 || passage.exit.some(isLevelExit)) return [Infinity, -Infinity];
  let smax = 0;
  for (let k = 0; k < t.cells; k++) smax = Math.max(smax, t.coef[4 * k + 2], t.coef[4 * k + 2] + t.coef[4 * k + 3]);
  const h = (t.hi - t.lo) / t.cells;
  const delta = passage.bridge ? Math.max(h, Math.sqrt(BRIDGE_EXPONENT_CUTOFF * 0.5 * smax * smax * dt) * (1 + 1e-9)) : h;
  let lo = t.lo + h, hi = t.hi - h;
  for (const b of coordinateExits(passage.exit)) {
    if (b.side > 0) hi = Math.min(hi, b.level - delta);
    else lo = Math.max(lo, b.level + delta);
  }
  return [lo, hi];
}

/** What the runners of one kernel share. */
interface Setup {
  sde: ScalarSDE;
  spec: KernelSpec;
  table: CoefficientTable;
  /** the quiet band [lo, hi] (quietBand) */
  band: [number, number];
}

/**
 * Advance trajectory i up to step kEnd: scalarKernel's loop (sde.ts) with the tabulated step. With `toBand` it
 * stops after a step that ends in the quiet band (the pair scheduler then takes the trajectory back).
 */
type LaneRunner = (s: ChunkState, i: number, kEnd: number, toBand: boolean, rec: ChunkState['score']) => void;

function laneRunner({ sde, spec, table, band }: Setup): LaneRunner {
  const { dt, maxSteps, passage, task } = spec;
  const { lo, invh, cells, coef } = table;
  const [bLo, bHi] = band;
  const sqdt = Math.sqrt(dt);
  const stream = noiseStream(spec.key);
  const exits = passage.exit, walls = passage.reflect, bridge = passage.bridge;
  const nw = walls.length;
  const xs = new Float64Array(1);
  const lv = levelExits(exits, 1);
  return (s, i, kEnd, toBand, rec) => {
    stream.seek(s.traj[i], s.word[i]);
    let x = s.x[i], k = s.steps[i];
    let status = ALIVE, hit = -1, inBand = x >= bLo && x <= bHi;
    while (k < kEnd) {
      const xOld = x, dW = sqdt * stream.nextNormal();
      const u = (x - lo) * invh;
      let a: number, sg: number, d: number; // A, σ, 𝒟 = σ²/2 (for the bridge) at the old state
      if (u >= 0 && u < cells) {
        const c = u | 0, f = u - c, j = 4 * c;
        a = coef[j] + f * coef[j + 1]; sg = coef[j + 2] + f * coef[j + 3]; d = 0.5 * sg * sg;
      } else { sde.eval(x); a = sde.a; d = sde.d; sg = Math.sqrt(2 * d); }
      x = xOld + a * dt + sg * dW;
      k++;
      // a step from and to the quiet band meets no wall, exit or bridge draw (quietBand): only a task has work
      const quiet = inBand && x >= bLo && x <= bHi;
      if (quiet && !rec) { if (toBand) break; continue; }
      if (!quiet) {
        if (!Number.isFinite(x)) { sde.eval(xOld); a = sde.a; d = sde.d; sg = Math.sqrt(2 * d); x = xOld + a * dt + sg * dW; }
        if (!Number.isFinite(x)) { status = BLOWUP; break; }
        for (let w = 0; w < nw; w++) {
          const b = walls[w];
          if (b.side * (x - b.level) > 0) x = 2 * b.level - x;
        }
        inBand = x >= bLo && x <= bHi;
      }
      let reached = false;
      if (rec) { xs[0] = x; reached = scoreStep(rec, task!, i, 1, xs, k); }
      if (!quiet) { hit = lv.hit1D(x, xOld, d, dt, bridge, stream); if (hit >= 0) status = EXITED; }
      if (status !== ALIVE) break;
      if (rec && inReturnSet(task!, xs)) { status = RETURNED; break; }
      if (reached) { status = LEVEL; break; }
      if (toBand && inBand) break;
    }
    s.x[i] = x; s.steps[i] = k; s.word[i] = stream.word;
    if (status === ALIVE && k >= maxSteps) status = CENSORED;
    s.status[i] = status; s.boundary[i] = hit;
  };
}

/**
 * Advance trajectories a and b in lockstep, each on its own stream, while both steps start and end in the quiet
 * band (no task): the latency of one step's chain x → cell → coefficients → x' hides the other's. A step that
 * leaves the band is not taken (its stream word is kept, so LaneRunner redraws the same normal and does the checks):
 * each path is LaneRunner's, bit for bit. Returns the lanes whose next step left the band (bit 0: a, bit 1: b).
 */
type PairRunner = (s: ChunkState, a: number, b: number, kEndA: number, kEndB: number) => number;

function pairRunner({ spec, table, band }: Setup): PairRunner {
  const { dt } = spec;
  const { lo, invh, coef } = table;
  const [bLo, bHi] = band;
  const sqdt = Math.sqrt(dt);
  const sa = noiseStream(spec.key), sb = noiseStream(spec.key);
  return (s, a, b, kEndA, kEndB) => {
    sa.seek(s.traj[a], s.word[a]); sb.seek(s.traj[b], s.word[b]);
    let xa = s.x[a], ka = s.steps[a], wa = s.word[a], xb = s.x[b], kb = s.steps[b], wb = s.word[b], left = 0;
    while (ka < kEndA && kb < kEndB) {
      const dWa = sqdt * sa.nextNormal(), dWb = sqdt * sb.nextNormal();
      const ua = (xa - lo) * invh, ca = ua | 0, fa = ua - ca, ja = 4 * ca;
      const ub = (xb - lo) * invh, cb = ub | 0, fb = ub - cb, jb = 4 * cb;
      const ya = xa + (coef[ja] + fa * coef[ja + 1]) * dt + (coef[ja + 2] + fa * coef[ja + 3]) * dWa;
      const yb = xb + (coef[jb] + fb * coef[jb + 1]) * dt + (coef[jb + 2] + fb * coef[jb + 3]) * dWb;
      const qa = ya >= bLo && ya <= bHi, qb = yb >= bLo && yb <= bHi;
      if (qa) { xa = ya; ka++; wa = sa.word; }
      if (qb) { xb = yb; kb++; wb = sb.word; }
      if (!(qa && qb)) { left = (qa ? 0 : 1) | (qb ? 0 : 2); break; }
    }
    s.x[a] = xa; s.steps[a] = ka; s.word[a] = wa;
    s.x[b] = xb; s.steps[b] = kb; s.word[b] = wb;
    return left;
  };
}

export function tabulatedKernel(sde: ScalarSDE, spec: KernelSpec): Kernel {
  if (spec.integrator !== 'euler-maruyama') throw new Error(`internal: tabulated coefficients take euler-maruyama, not ${spec.integrator}`);
  const range = tabulationInterval(spec.passage);
  const table = range ? coefficientTable(sde, range[0], range[1]) : NO_TABLE;
  const t: Setup = { sde, spec, table, band: quietBand(table, spec.passage, spec.dt) };
  const lane = laneRunner(t), pair = pairRunner(t);
  return (s, K) => {
    const rec = scoreRecord(s, spec.task);
    if (!rec && t.band[0] <= t.band[1]) return runPairs(s, K, t, lane, pair);
    let taken = 0;
    for (let i = 0; i < s.count; i++) {
      if (s.status[i] !== ALIVE) continue;
      const k0 = s.steps[i];
      lane(s, i, Math.min(k0 + K, spec.maxSteps), false, rec);
      taken += s.steps[i] - k0;
    }
    return taken;
  };
}

/**
 * A launch without a task: the chunk's live trajectories two at a time, in lockstep (PairRunner) while both are in
 * the quiet band, each on its own (LaneRunner) until it is back in the band, alone when it has no partner left.
 */
function runPairs(s: ChunkState, K: number, t: Setup, lane: LaneRunner, pair: PairRunner): number {
  const [bLo, bHi] = t.band, maxSteps = t.spec.maxSteps;
  const at = [-1, -1], k0 = [0, 0], kEnd = [0, 0], solo = [false, false];
  let next = 0, taken = 0;
  const take = (l: number) => {
    while (next < s.count && s.status[next] !== ALIVE) next++;
    at[l] = next < s.count ? next++ : -1;
    if (at[l] >= 0) { k0[l] = s.steps[at[l]]; kEnd[l] = Math.min(k0[l] + K, maxSteps); solo[l] = false; }
  };
  const settle = (l: number) => { // a lane that stopped or used its launch gives way to the next trajectory
    const i = at[l];
    if (s.status[i] === ALIVE && s.steps[i] < kEnd[l]) return;
    if (s.status[i] === ALIVE) { s.boundary[i] = -1; if (s.steps[i] >= maxSteps) s.status[i] = CENSORED; }
    taken += s.steps[i] - k0[l];
    take(l);
  };
  take(0); take(1);
  while (at[0] >= 0 || at[1] >= 0) {
    for (let l = 0; l < 2; l++) {
      const i = at[l], partner = at[1 - l] >= 0;
      if (i < 0 || !(solo[l] || !partner || !(s.x[i] >= bLo && s.x[i] <= bHi))) continue;
      lane(s, i, kEnd[l], partner, undefined);
      solo[l] = false;
      settle(l);
    }
    const a = at[0], b = at[1];
    if (a < 0 || b < 0 || solo[0] || solo[1] || !(s.x[a] >= bLo && s.x[a] <= bHi && s.x[b] >= bLo && s.x[b] <= bHi)) continue;
    const left = pair(s, a, b, kEnd[0], kEnd[1]);
    solo[0] = (left & 1) !== 0; solo[1] = (left & 2) !== 0;
    settle(0); settle(1);
  }
  return taken;
}
