// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs; not part of the TypeScript build).
//
// An exact WebAssembly lane for 1-D additive-noise SDEs with a polynomial drift (kernels/lane.ts):
//   dX = −L′(X) dt + √(2𝒟) dW,  L′(x) = 4·h·x·(x² − 1) + c   (the quartic and tilted-quartic builtins),
// Euler–Maruyama  x′ = x + A·dt + √(2𝒟)·(√dt·z), with reflecting walls, coordinate exits and the Brownian-bridge
// crossing test, and z from the trajectory's own Philox4x32-10 stream through the ziggurat of rng/ziggurat.ts.
// Every floating-point operation is the one the JavaScript kernel (kernels/sde.ts, dynamics/integrators.ts,
// landscapes/builtins/helpers.ts) performs, in the same order, and log/exp are the JavaScript engine's own
// (imported), so the paths are bit-identical to the `cpu` engine's (test/montecarlo/lane.test.ts).
import { philoxGroupsSimd } from '../../../rng/assembly/philox';

// @ts-ignore: decorator
@external("env", "log")
declare function jsLog(x: f64): f64;
// @ts-ignore: decorator
@external("env", "exp")
declare function jsExp(x: f64): f64;
// the exact model at x (ScalarSDE.eval), for a tabulated problem's states outside the table: A, 𝒟 → EXACT_A, EXACT_D
// @ts-ignore: decorator
@external("env", "exactEval")
declare function exactEval(x: f64): void;

// Memory layout (bytes), written by the JavaScript side (kernels/lane.ts).
const ZIG_K: usize = 1024;        // i32[256]
const ZIG_W: usize = 2048;        // f64[256]
const FX: usize = 4096;           // f64[129]: layer heights f(X_i), f(X_0) := f(r)
const EXITS: usize = 5248;        // (side f64, level f64)[≤ 16]
const WALLS: usize = 5504;        // (side f64, level f64)[≤ 16]
const EXACT_A: usize = 5888;      // f64: A(x) written by the imported exactEval(x)
const EXACT_D: usize = 5896;      // f64: 𝒟(x) written by the imported exactEval(x)
const LANES: i32 = 4;             // trajectories advanced in lockstep (independent dependency chains)
const WORDS: usize = 8192;        // u32[LANES][16·MAX_GROUPS]: each lane's Philox words
const MAX_GROUPS: i32 = 64;
const LANE_WORDS: usize = 4096;   // bytes of one lane's word buffer
const TRAJ: usize = 32768;        // per-trajectory arrays of the launch, n ≤ 4096 each
const WORD: usize = TRAJ + 8 * 4096;
const XS: usize = WORD + 8 * 4096;
const STEPS: usize = XS + 8 * 4096;
const STATUS: usize = STEPS + 8 * 4096;  // i32
const HIT: usize = STATUS + 4 * 4096;    // i32
const TABLE: usize = HIT + 4 * 4096;     // f64[4·cells]: per cell [A_k, A_{k+1} − A_k, σ_k, σ_{k+1} − σ_k] (tabulated.ts)

const TWO_M32: f64 = 1.0 / 4294967296.0;
const TWO_32: f64 = 4294967296.0;
const ALIVE: i32 = 0, EXITED: i32 = 1, CENSORED: i32 = 2, BLOWUP: i32 = 3;
/** a lane's stop code when its trajectory used up this launch's steps (it stays ALIVE) */
const LAUNCH_END: i32 = -1;

// problem constants (configure)
let h: f64 = 0, c: f64 = 0, dt: f64 = 0, sqdt: f64 = 0, amp: f64 = 0, diff: f64 = 0, cutoff: f64 = 0;
let r: f64 = 0, invR: f64 = 0;
let k0: u32 = 0, k1: u32 = 0, nExit: i32 = 0, nWall: i32 = 0, bridge: bool = false, maxSteps: f64 = 0;

// a tabulated problem (simulation.coefficients "tabulated", kernels/tabulated.ts): the table's lower end, 1/h, cells
let tab: bool = false, tLo: f64 = 0, tInvh: f64 = 0, tCells: f64 = 0;

/** Switches to the tabulated drift and noise (the table is at TABLE); used only by advanceLanes. */
export function configureTable(lo: f64, invh: f64, cells: f64): void {
  tab = true; tLo = lo; tInvh = invh; tCells = cells;
}

/** amp = √(2𝒟), diff = 𝒟 (the bridge's variance rate), cutoff = BRIDGE_EXPONENT_CUTOFF */
export function configure(h_: f64, c_: f64, dt_: f64, sqdt_: f64, amp_: f64, diff_: f64, cutoff_: f64, r_: f64, invR_: f64,
  k0_: u32, k1_: u32, nExit_: i32, nWall_: i32, bridge_: i32, maxSteps_: f64): void {
  h = h_; c = c_; dt = dt_; sqdt = sqdt_; amp = amp_; diff = diff_; cutoff = cutoff_; r = r_; invR = invR_;
  k0 = k0_; k1 = k1_; nExit = nExit_; nWall = nWall_; bridge = bridge_ != 0; maxSteps = maxSteps_;
}

// Per-lane state: the trajectory's stream (word index of the buffer's start, read position, end, next run
// length, counter words) and its path (position in the launch arrays, x, step, last step of this launch).
const L_BASE: usize = 512, L_TLO: usize = 544, L_THI: usize = 560, L_POS: usize = 576, L_END: usize = 592, L_RUN: usize = 608;
const L_I: usize = 624, L_X: usize = 640, L_K: usize = 672, L_KEND: usize = 704, L_K0: usize = 736;

/** computes the lane's next run of groups of words from its word `base` (a multiple of 16) */
function compute(l: usize): void {
  const base = load<f64>(L_BASE + (l << 3));
  const run = load<i32>(L_RUN + (l << 2));
  const b = base / 4;
  const bHi = Math.floor(b / TWO_32);
  philoxGroupsSimd(WORDS + l * LANE_WORDS, run, <u32><u64>(b - bHi * TWO_32), <u32><u64>bHi,
    load<u32>(L_TLO + (l << 2)), load<u32>(L_THI + (l << 2)), k0, k1);
  store<i32>(L_END + (l << 2), run << 4);
  store<i32>(L_POS + (l << 2), 0);
  if (run < MAX_GROUPS) store<i32>(L_RUN + (l << 2), run << 1);
}

function seek(l: usize, traj: f64, word: f64): void {
  const hi = Math.floor(traj / TWO_32);
  store<u32>(L_TLO + (l << 2), <u32><u64>(traj - hi * TWO_32));
  store<u32>(L_THI + (l << 2), <u32><u64>hi);
  const base = Math.floor(word / 16) * 16;
  store<f64>(L_BASE + (l << 3), base);
  store<i32>(L_RUN + (l << 2), 2);
  compute(l);
  store<i32>(L_POS + (l << 2), <i32>(word - base));
}

// @ts-ignore: decorator
@inline function nextWord(l: usize): u32 {
  let pos = load<i32>(L_POS + (l << 2));
  if (pos == load<i32>(L_END + (l << 2))) {
    store<f64>(L_BASE + (l << 3), load<f64>(L_BASE + (l << 3)) + <f64>pos);
    compute(l);
    pos = 0;
  }
  store<i32>(L_POS + (l << 2), pos + 1);
  return load<u32>(WORDS + l * LANE_WORDS + (<usize>pos << 2));
}

function uniform(l: usize): f64 {
  return (<f64>nextWord(l) + 0.5) * TWO_M32;
}

/** the ziggurat's rare path (rng/ziggurat.ts zigguratSlow), word w failed the fast test */
function normalSlow(l: usize, w: u32): f64 {
  for (;;) {
    const j = w & 0xff;
    const u = w >>> 8;
    if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) return (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
    const i = j & 0x7f;
    if (i == 0) {
      let xi: f64, eta: f64;
      do {
        xi = -jsLog((<f64>nextWord(l) + 0.5) * TWO_M32) * invR;
        eta = -jsLog((<f64>nextWord(l) + 0.5) * TWO_M32);
      } while (eta + eta < xi * xi);
      return (j & 0x80) != 0 ? -(r + xi) : r + xi;
    }
    const x = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
    const f0 = load<f64>(FX + (<usize>i << 3)), f1 = load<f64>(FX + (<usize>(i + 1) << 3));
    const y = f0 + (<f64>nextWord(l) + 0.5) * TWO_M32 * (f1 - f0);
    if (y < jsExp(-0.5 * x * x)) return x;
    w = nextWord(l);
  }
  return 0; // not reached
}

// @ts-ignore: decorator
@inline function normal(l: usize): f64 {
  const w = nextWord(l);
  const j = w & 0xff;
  const u = w >>> 8;
  if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) return (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
  return normalSlow(l, w);
}

/** exit index hit by the step xOld → x, or −1 (grid test, then the bridge when enabled) */
function exitHit(l: usize, xOld: f64, x: f64): i32 {
  for (let e = 0; e < nExit; e++) {
    const side = load<f64>(EXITS + (<usize>e << 4)), level = load<f64>(EXITS + (<usize>e << 4), 8);
    const d1 = side * (level - x);
    if (d1 <= 0) return e;
    if (bridge) {
      // crossing probability exp(−2d₀d₁/(2𝒟·dt))
      const expo = (side * (level - xOld) * d1) / (diff * dt);
      if (expo < cutoff && uniform(l) < jsExp(-expo)) return e;
    }
  }
  return -1;
}

/** writes lane l's trajectory back to the launch arrays with its final status */
function retire(l: usize, status: i32, hit: i32): void {
  const i = <usize>load<i32>(L_I + (l << 2));
  const k = load<f64>(L_K + (l << 3));
  store<f64>(XS + (i << 3), load<f64>(L_X + (l << 3)));
  store<f64>(STEPS + (i << 3), k);
  store<f64>(WORD + (i << 3), load<f64>(L_BASE + (l << 3)) + <f64>load<i32>(L_POS + (l << 2)));
  if (status == ALIVE && k >= maxSteps) status = CENSORED;
  store<i32>(STATUS + (i << 2), status);
  store<i32>(HIT + (i << 2), hit);
  store<i32>(L_I + (l << 2), -1);
}

let next: i32 = 0, count: i32 = 0;

/** puts the next live trajectory of the launch into lane l; false when there is none (the lane stays idle) */
function admit(l: usize, K: f64): bool {
  while (next < count && load<i32>(STATUS + (<usize>next << 2)) != ALIVE) next++;
  if (next >= count) return false;
  const i = <usize>next;
  next++;
  store<i32>(L_I + (l << 2), <i32>i);
  seek(l, load<f64>(TRAJ + (i << 3)), load<f64>(WORD + (i << 3)));
  const k = load<f64>(STEPS + (i << 3));
  store<f64>(L_X + (l << 3), load<f64>(XS + (i << 3)));
  store<f64>(L_K + (l << 3), k);
  store<f64>(L_K0 + (l << 3), k);
  store<f64>(L_KEND + (l << 3), Math.min(k + K, maxSteps));
  return true;
}

/**
 * Advances trajectories 0…n−1 of the launch arrays by up to K steps each (status ALIVE only), exactly as
 * kernels/sde.ts scalarKernel does; returns the number of steps taken. One trajectory at a time, its state and
 * the problem's constants in locals (any number of exits and walls).
 */
function advanceGeneral(n: i32, K: f64): f64 {
  let taken: f64 = 0;
  const hh = h, cc = c, ddt = dt, sq = sqdt, am = amp;
  const simple = nExit == 1 && nWall <= 1 && !bridge;
  const eSide = load<f64>(EXITS), eLevel = load<f64>(EXITS, 8);
  const wSide = nWall == 1 ? load<f64>(WALLS) : 0.0, wLevel = nWall == 1 ? load<f64>(WALLS, 8) : 0.0;
  const l: usize = 0;
  const words = WORDS;
  for (let i = 0; i < n; i++) {
    const o8 = <usize>i << 3, o4 = <usize>i << 2;
    if (load<i32>(STATUS + o4) != ALIVE) continue;
    seek(l, load<f64>(TRAJ + o8), load<f64>(WORD + o8));
    let pos = load<i32>(L_POS), end = load<i32>(L_END);
    let x = load<f64>(XS + o8), k = load<f64>(STEPS + o8);
    const kStart = k;
    const kEnd = Math.min(k + K, maxSteps);
    let status = ALIVE, hit = -1;
    while (k < kEnd) {
      if (pos == end) {
        store<f64>(L_BASE, load<f64>(L_BASE) + <f64>pos);
        compute(l);
        pos = 0; end = load<i32>(L_END);
      }
      const w = load<u32>(words + (<usize>pos << 2));
      pos++;
      const j = w & 0xff, u = w >>> 8;
      let z: f64;
      if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
      else {
        store<i32>(L_POS, pos);
        z = normalSlow(l, w);
        pos = load<i32>(L_POS); end = load<i32>(L_END);
      }
      const xOld = x;
      const a = -(4 * hh * x * (x * x - 1) + cc);
      x = x + a * ddt + am * (sq * z);
      k++;
      if (!isFinite<f64>(x)) { status = BLOWUP; break; }
      if (simple) {
        if (wSide * (x - wLevel) > 0) x = 2 * wLevel - x;
        if (eSide * (eLevel - x) <= 0) { status = EXITED; hit = 0; break; }
        continue;
      }
      for (let m = 0; m < nWall; m++) {
        const side = load<f64>(WALLS + (<usize>m << 4)), level = load<f64>(WALLS + (<usize>m << 4), 8);
        if (side * (x - level) > 0) x = 2 * level - x;
      }
      store<i32>(L_POS, pos);
      hit = exitHit(l, xOld, x);
      pos = load<i32>(L_POS); end = load<i32>(L_END);
      if (hit >= 0) { status = EXITED; break; }
    }
    taken += k - kStart;
    store<f64>(XS + o8, x); store<f64>(STEPS + o8, k); store<f64>(WORD + o8, load<f64>(L_BASE) + <f64>pos);
    if (status == ALIVE && k >= maxSteps) status = CENSORED;
    store<i32>(STATUS + o4, status); store<i32>(HIT + o4, hit);
  }
  return taken;
}

/**
 * The common case (one exit, at most one wall, any bridge setting) with LANES trajectories advanced in lockstep:
 * each step is a chain of about 25 dependent floating-point cycles, and independent chains fill the gaps. Each
 * lane's state lives in locals; a lane whose trajectory stops hands it back (retire) and takes the next one. When
 * no trajectory is left to take, the lanes still running finish one after another (soloLane).
 */
function advanceLanes(n: i32, K: f64): f64 {
  next = 0; count = n;
  const hh = h, cc = c, ddt = dt, sq = sqdt, am = amp;
  const eSide = load<f64>(EXITS), eLevel = load<f64>(EXITS, 8);
  const wSide = nWall == 1 ? load<f64>(WALLS) : 0.0, wLevel = nWall == 1 ? load<f64>(WALLS, 8) : 0.0;
  let w: u32 = 0, j: u32 = 0, u: u32 = 0, z: f64 = 0, xOld: f64 = 0, d1: f64 = 0, expo: f64 = 0, num: f64 = 0;
  // the tabulated step's cell, weight, A, σ, 𝒟 (the bridge's, at the old state) and increment; 𝒟 is fixed otherwise
  let uu: f64 = 0, cell: i32 = 0, ff: f64 = 0, at: usize = 0, av: f64 = 0, sg: f64 = 0, dd: f64 = diff, dW: f64 = 0;
  const tabulated = tab, bridged = bridge, cut = cutoff;
  // a threshold above cutoff·𝒟·dt whatever the rounding (a relative margin of 1e-15 ≫ 2^-52)
  const thr = cutoff * (diff * ddt) * (1 + 1e-15);
  let taken: f64 = 0;
  let all = true;
  let x0: f64 = 0, rem0: i32 = 0, pos0: i32 = 0, end0: i32 = 0, on0 = start(0, K);
  all = all && on0;
  if (on0) { x0 = load<f64>(L_X + 0*8); rem0 = <i32>(load<f64>(L_KEND + 0*8) - load<f64>(L_K + 0*8)); pos0 = load<i32>(L_POS + 0*4); end0 = load<i32>(L_END + 0*4); }
  let x1: f64 = 0, rem1: i32 = 0, pos1: i32 = 0, end1: i32 = 0, on1 = start(1, K);
  all = all && on1;
  if (on1) { x1 = load<f64>(L_X + 1*8); rem1 = <i32>(load<f64>(L_KEND + 1*8) - load<f64>(L_K + 1*8)); pos1 = load<i32>(L_POS + 1*4); end1 = load<i32>(L_END + 1*4); }
  let x2: f64 = 0, rem2: i32 = 0, pos2: i32 = 0, end2: i32 = 0, on2 = start(2, K);
  all = all && on2;
  if (on2) { x2 = load<f64>(L_X + 2*8); rem2 = <i32>(load<f64>(L_KEND + 2*8) - load<f64>(L_K + 2*8)); pos2 = load<i32>(L_POS + 2*4); end2 = load<i32>(L_END + 2*4); }
  let x3: f64 = 0, rem3: i32 = 0, pos3: i32 = 0, end3: i32 = 0, on3 = start(3, K);
  all = all && on3;
  if (on3) { x3 = load<f64>(L_X + 3*8); rem3 = <i32>(load<f64>(L_KEND + 3*8) - load<f64>(L_K + 3*8)); pos3 = load<i32>(L_POS + 3*4); end3 = load<i32>(L_END + 3*4); }
  while (all) {
    let st0 = 0;
    let st1 = 0;
    let st2 = 0;
    let st3 = 0;
    do {
        // ── lane 0: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (pos0 == end0) { store<f64>(L_BASE + 0*8, load<f64>(L_BASE + 0*8) + <f64>pos0); compute(0); pos0 = 0; end0 = load<i32>(L_END + 0*4); }
        w = load<u32>(WORDS + 0 * LANE_WORDS + (<usize>pos0 << 2)); pos0++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + 0*4, pos0); z = normalSlow(0, w); pos0 = load<i32>(L_POS + 0*4); end0 = load<i32>(L_END + 0*4); }
        xOld = x0;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          x0 = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(x0)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); x0 = xOld + av * ddt + sg * dW; }
        } else x0 = x0 + -(4 * hh * x0 * (x0 * x0 - 1) + cc) * ddt + am * (sq * z);
        rem0--;
        if (!isFinite<f64>(x0)) st0 = BLOWUP;
        else {
          if (wSide * (x0 - wLevel) > 0) x0 = 2 * wLevel - x0;
          d1 = eSide * (eLevel - x0);
          if (d1 <= 0) st0 = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (pos0 == end0) { store<f64>(L_BASE + 0*8, load<f64>(L_BASE + 0*8) + <f64>pos0); compute(0); pos0 = 0; end0 = load<i32>(L_END + 0*4); }
              w = load<u32>(WORDS + 0 * LANE_WORDS + (<usize>pos0 << 2)); pos0++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) st0 = EXITED;
            }
          }
          if (st0 == 0 && rem0 == 0) st0 = LAUNCH_END;
        }
        // ── lane 1: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (pos1 == end1) { store<f64>(L_BASE + 1*8, load<f64>(L_BASE + 1*8) + <f64>pos1); compute(1); pos1 = 0; end1 = load<i32>(L_END + 1*4); }
        w = load<u32>(WORDS + 1 * LANE_WORDS + (<usize>pos1 << 2)); pos1++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + 1*4, pos1); z = normalSlow(1, w); pos1 = load<i32>(L_POS + 1*4); end1 = load<i32>(L_END + 1*4); }
        xOld = x1;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          x1 = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(x1)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); x1 = xOld + av * ddt + sg * dW; }
        } else x1 = x1 + -(4 * hh * x1 * (x1 * x1 - 1) + cc) * ddt + am * (sq * z);
        rem1--;
        if (!isFinite<f64>(x1)) st1 = BLOWUP;
        else {
          if (wSide * (x1 - wLevel) > 0) x1 = 2 * wLevel - x1;
          d1 = eSide * (eLevel - x1);
          if (d1 <= 0) st1 = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (pos1 == end1) { store<f64>(L_BASE + 1*8, load<f64>(L_BASE + 1*8) + <f64>pos1); compute(1); pos1 = 0; end1 = load<i32>(L_END + 1*4); }
              w = load<u32>(WORDS + 1 * LANE_WORDS + (<usize>pos1 << 2)); pos1++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) st1 = EXITED;
            }
          }
          if (st1 == 0 && rem1 == 0) st1 = LAUNCH_END;
        }
        // ── lane 2: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (pos2 == end2) { store<f64>(L_BASE + 2*8, load<f64>(L_BASE + 2*8) + <f64>pos2); compute(2); pos2 = 0; end2 = load<i32>(L_END + 2*4); }
        w = load<u32>(WORDS + 2 * LANE_WORDS + (<usize>pos2 << 2)); pos2++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + 2*4, pos2); z = normalSlow(2, w); pos2 = load<i32>(L_POS + 2*4); end2 = load<i32>(L_END + 2*4); }
        xOld = x2;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          x2 = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(x2)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); x2 = xOld + av * ddt + sg * dW; }
        } else x2 = x2 + -(4 * hh * x2 * (x2 * x2 - 1) + cc) * ddt + am * (sq * z);
        rem2--;
        if (!isFinite<f64>(x2)) st2 = BLOWUP;
        else {
          if (wSide * (x2 - wLevel) > 0) x2 = 2 * wLevel - x2;
          d1 = eSide * (eLevel - x2);
          if (d1 <= 0) st2 = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (pos2 == end2) { store<f64>(L_BASE + 2*8, load<f64>(L_BASE + 2*8) + <f64>pos2); compute(2); pos2 = 0; end2 = load<i32>(L_END + 2*4); }
              w = load<u32>(WORDS + 2 * LANE_WORDS + (<usize>pos2 << 2)); pos2++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) st2 = EXITED;
            }
          }
          if (st2 == 0 && rem2 == 0) st2 = LAUNCH_END;
        }
        // ── lane 3: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (pos3 == end3) { store<f64>(L_BASE + 3*8, load<f64>(L_BASE + 3*8) + <f64>pos3); compute(3); pos3 = 0; end3 = load<i32>(L_END + 3*4); }
        w = load<u32>(WORDS + 3 * LANE_WORDS + (<usize>pos3 << 2)); pos3++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + 3*4, pos3); z = normalSlow(3, w); pos3 = load<i32>(L_POS + 3*4); end3 = load<i32>(L_END + 3*4); }
        xOld = x3;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          x3 = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(x3)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); x3 = xOld + av * ddt + sg * dW; }
        } else x3 = x3 + -(4 * hh * x3 * (x3 * x3 - 1) + cc) * ddt + am * (sq * z);
        rem3--;
        if (!isFinite<f64>(x3)) st3 = BLOWUP;
        else {
          if (wSide * (x3 - wLevel) > 0) x3 = 2 * wLevel - x3;
          d1 = eSide * (eLevel - x3);
          if (d1 <= 0) st3 = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (pos3 == end3) { store<f64>(L_BASE + 3*8, load<f64>(L_BASE + 3*8) + <f64>pos3); compute(3); pos3 = 0; end3 = load<i32>(L_END + 3*4); }
              w = load<u32>(WORDS + 3 * LANE_WORDS + (<usize>pos3 << 2)); pos3++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) st3 = EXITED;
            }
          }
          if (st3 == 0 && rem3 == 0) st3 = LAUNCH_END;
        }
    } while (st0 == 0 && st1 == 0 && st2 == 0 && st3 == 0);
    if (st0 != 0) {
      store<f64>(L_X + 0*8, x0); store<f64>(L_K + 0*8, load<f64>(L_KEND + 0*8) - <f64>rem0); store<i32>(L_POS + 0*4, pos0);
      taken += load<f64>(L_K + 0*8) - load<f64>(L_K0 + 0*8);
      retire(0, st0 == LAUNCH_END ? ALIVE : st0, st0 == EXITED ? 0 : -1);
      on0 = start(0, K);
      if (on0) { x0 = load<f64>(L_X + 0*8); rem0 = <i32>(load<f64>(L_KEND + 0*8) - load<f64>(L_K + 0*8)); pos0 = load<i32>(L_POS + 0*4); end0 = load<i32>(L_END + 0*4); } else all = false;
    }
    if (st1 != 0) {
      store<f64>(L_X + 1*8, x1); store<f64>(L_K + 1*8, load<f64>(L_KEND + 1*8) - <f64>rem1); store<i32>(L_POS + 1*4, pos1);
      taken += load<f64>(L_K + 1*8) - load<f64>(L_K0 + 1*8);
      retire(1, st1 == LAUNCH_END ? ALIVE : st1, st1 == EXITED ? 0 : -1);
      on1 = start(1, K);
      if (on1) { x1 = load<f64>(L_X + 1*8); rem1 = <i32>(load<f64>(L_KEND + 1*8) - load<f64>(L_K + 1*8)); pos1 = load<i32>(L_POS + 1*4); end1 = load<i32>(L_END + 1*4); } else all = false;
    }
    if (st2 != 0) {
      store<f64>(L_X + 2*8, x2); store<f64>(L_K + 2*8, load<f64>(L_KEND + 2*8) - <f64>rem2); store<i32>(L_POS + 2*4, pos2);
      taken += load<f64>(L_K + 2*8) - load<f64>(L_K0 + 2*8);
      retire(2, st2 == LAUNCH_END ? ALIVE : st2, st2 == EXITED ? 0 : -1);
      on2 = start(2, K);
      if (on2) { x2 = load<f64>(L_X + 2*8); rem2 = <i32>(load<f64>(L_KEND + 2*8) - load<f64>(L_K + 2*8)); pos2 = load<i32>(L_POS + 2*4); end2 = load<i32>(L_END + 2*4); } else all = false;
    }
    if (st3 != 0) {
      store<f64>(L_X + 3*8, x3); store<f64>(L_K + 3*8, load<f64>(L_KEND + 3*8) - <f64>rem3); store<i32>(L_POS + 3*4, pos3);
      taken += load<f64>(L_K + 3*8) - load<f64>(L_K0 + 3*8);
      retire(3, st3 == LAUNCH_END ? ALIVE : st3, st3 == EXITED ? 0 : -1);
      on3 = start(3, K);
      if (on3) { x3 = load<f64>(L_X + 3*8); rem3 = <i32>(load<f64>(L_KEND + 3*8) - load<f64>(L_K + 3*8)); pos3 = load<i32>(L_POS + 3*4); end3 = load<i32>(L_END + 3*4); } else all = false;
    }
  }
  if (on0) { store<f64>(L_X + 0*8, x0); store<f64>(L_K + 0*8, load<f64>(L_KEND + 0*8) - <f64>rem0); store<i32>(L_POS + 0*4, pos0); }
  if (on1) { store<f64>(L_X + 1*8, x1); store<f64>(L_K + 1*8, load<f64>(L_KEND + 1*8) - <f64>rem1); store<i32>(L_POS + 1*4, pos1); }
  if (on2) { store<f64>(L_X + 2*8, x2); store<f64>(L_K + 2*8, load<f64>(L_KEND + 2*8) - <f64>rem2); store<i32>(L_POS + 2*4, pos2); }
  if (on3) { store<f64>(L_X + 3*8, x3); store<f64>(L_K + 3*8, load<f64>(L_KEND + 3*8) - <f64>rem3); store<i32>(L_POS + 3*4, pos3); }
  if (on0) taken += soloLane(0);
  if (on1) taken += soloLane(1);
  if (on2) taken += soloLane(2);
  if (on3) taken += soloLane(3);
  return taken;
}

/** runs lane l's trajectory (state in the lane's memory) to the end of its launch, retires it; returns its steps */
function soloLane(l: usize): f64 {
  const hh = h, cc = c, ddt = dt, sq = sqdt, am = amp;
  const eSide = load<f64>(EXITS), eLevel = load<f64>(EXITS, 8);
  const wSide = nWall == 1 ? load<f64>(WALLS) : 0.0, wLevel = nWall == 1 ? load<f64>(WALLS, 8) : 0.0;
  let w: u32 = 0, j: u32 = 0, u: u32 = 0, z: f64 = 0, xOld: f64 = 0, d1: f64 = 0, expo: f64 = 0, num: f64 = 0;
  // the tabulated step's cell, weight, A, σ, 𝒟 (the bridge's, at the old state) and increment; 𝒟 is fixed otherwise
  let uu: f64 = 0, cell: i32 = 0, ff: f64 = 0, at: usize = 0, av: f64 = 0, sg: f64 = 0, dd: f64 = diff, dW: f64 = 0;
  const tabulated = tab, bridged = bridge, cut = cutoff;
  // a threshold above cutoff·𝒟·dt whatever the rounding (a relative margin of 1e-15 ≫ 2^-52)
  const thr = cutoff * (diff * ddt) * (1 + 1e-15);
  let xl = load<f64>(L_X + l*8), reml = <i32>(load<f64>(L_KEND + l*8) - load<f64>(L_K + l*8));
  let posl = load<i32>(L_POS + l*4), endl = load<i32>(L_END + l*4);
  let stl = 0;
  do {
        // ── lane l: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (posl == endl) { store<f64>(L_BASE + l*8, load<f64>(L_BASE + l*8) + <f64>posl); compute(l); posl = 0; endl = load<i32>(L_END + l*4); }
        w = load<u32>(WORDS + l * LANE_WORDS + (<usize>posl << 2)); posl++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + l*4, posl); z = normalSlow(l, w); posl = load<i32>(L_POS + l*4); endl = load<i32>(L_END + l*4); }
        xOld = xl;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          xl = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(xl)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); xl = xOld + av * ddt + sg * dW; }
        } else xl = xl + -(4 * hh * xl * (xl * xl - 1) + cc) * ddt + am * (sq * z);
        reml--;
        if (!isFinite<f64>(xl)) stl = BLOWUP;
        else {
          if (wSide * (xl - wLevel) > 0) xl = 2 * wLevel - xl;
          d1 = eSide * (eLevel - xl);
          if (d1 <= 0) stl = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (posl == endl) { store<f64>(L_BASE + l*8, load<f64>(L_BASE + l*8) + <f64>posl); compute(l); posl = 0; endl = load<i32>(L_END + l*4); }
              w = load<u32>(WORDS + l * LANE_WORDS + (<usize>posl << 2)); posl++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) stl = EXITED;
            }
          }
          if (stl == 0 && reml == 0) stl = LAUNCH_END;
        }
  } while (stl == 0);
  store<f64>(L_X + l*8, xl); store<f64>(L_K + l*8, load<f64>(L_KEND + l*8) - <f64>reml); store<i32>(L_POS + l*4, posl);
  const steps = load<f64>(L_K + l*8) - load<f64>(L_K0 + l*8);
  retire(l, stl == LAUNCH_END ? ALIVE : stl, stl == EXITED ? 0 : -1);
  return steps;
}

/** admits the next live trajectory that has steps left in this launch into lane l (others are handed back as they are) */
function start(l: usize, K: f64): bool {
  while (admit(l, K)) {
    if (load<f64>(L_K + (l << 3)) < load<f64>(L_KEND + (l << 3))) return true;
    retire(l, ALIVE, -1);
  }
  return false;
}

/** Advances the launch's live trajectories by up to K steps each; returns the number of steps taken. */
export function advance(n: i32, K: f64): f64 {
  return nExit == 1 && nWall <= 1 ? advanceLanes(n, K) : advanceGeneral(n, K);
}
