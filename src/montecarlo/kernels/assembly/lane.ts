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

// Memory layout (bytes), written by the JavaScript side (kernels/lane.ts).
const ZIG_K: usize = 1024;        // i32[256]
const ZIG_W: usize = 2048;        // f64[256]
const FX: usize = 4096;           // f64[129]: layer heights f(X_i), f(X_0) := f(r)
const EXITS: usize = 5248;        // (side f64, level f64)[≤ 16]
const WALLS: usize = 5504;        // (side f64, level f64)[≤ 16]
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

const TWO_M32: f64 = 1.0 / 4294967296.0;
const TWO_32: f64 = 4294967296.0;
const ALIVE: i32 = 0, EXITED: i32 = 1, CENSORED: i32 = 2, BLOWUP: i32 = 3;

// problem constants (configure)
let h: f64 = 0, c: f64 = 0, dt: f64 = 0, sqdt: f64 = 0, amp: f64 = 0, diff: f64 = 0, cutoff: f64 = 0;
let r: f64 = 0, invR: f64 = 0;
let k0: u32 = 0, k1: u32 = 0, nExit: i32 = 0, nWall: i32 = 0, bridge: bool = false, maxSteps: f64 = 0;

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

/** one step of lane l (kernels/sde.ts scalarKernel's loop body); returns the status (ALIVE: go on) and sets hit */
let lastHit: i32 = -1;
// @ts-ignore: decorator
@inline function stepLane(l: usize): i32 {
  let x = load<f64>(L_X + (l << 3));
  const xOld = x;
  const a = -(4 * h * x * (x * x - 1) + c);
  x = x + a * dt + amp * (sqdt * normal(l));
  const k = load<f64>(L_K + (l << 3)) + 1;
  store<f64>(L_K + (l << 3), k);
  if (!isFinite<f64>(x)) { store<f64>(L_X + (l << 3), x); lastHit = -1; return BLOWUP; }
  for (let w = 0; w < nWall; w++) {
    const side = load<f64>(WALLS + (<usize>w << 4)), level = load<f64>(WALLS + (<usize>w << 4), 8);
    if (side * (x - level) > 0) x = 2 * level - x;
  }
  store<f64>(L_X + (l << 3), x);
  const hit = exitHit(l, xOld, x);
  lastHit = hit;
  if (hit >= 0) return EXITED;
  return k < load<f64>(L_KEND + (l << 3)) ? ALIVE : -1; // −1: this launch's steps are used up
}

/**
 * Advances trajectories 0…n−1 of the launch arrays by up to K steps each (status ALIVE only), exactly as
 * kernels/sde.ts scalarKernel does; returns the number of steps taken. One trajectory at a time, its state and
 * the problem's constants in locals; the common case of one exit and at most one wall is tested inline.
 */
export function advance(n: i32, K: f64): f64 {
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
