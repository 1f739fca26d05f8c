// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs, which first expands the `// @define`, `// @each`
// and `// @expand` blocks below; not part of the TypeScript build).
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
// Four lanes (trajectories advanced in lockstep, independent dependency chains): the `@each L=0,1,2,3` blocks below.
const WORDS: usize = 8192;        // u32[4][16·MAX_GROUPS]: each lane's Philox words
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

// The step of one lane, written once and expanded per lane by scripts/build-wasm.mjs (`// @expand STEP L=…`, `$L` →
// the lane): a lane's state (x$L, rem$L: steps left in this launch, pos$L/end$L: its word buffer) must live in locals
// of one function for the lanes' dependency chains to overlap, and AssemblyScript has no way to pass locals by reference.
// The constants and scratch locals the step reads (one set per function).
// @define LOCALS
  const hh = h, cc = c, ddt = dt, sq = sqdt, am = amp;
  const eSide = load<f64>(EXITS), eLevel = load<f64>(EXITS, 8);
  const wSide = nWall == 1 ? load<f64>(WALLS) : 0.0, wLevel = nWall == 1 ? load<f64>(WALLS, 8) : 0.0;
  let w: u32 = 0, j: u32 = 0, u: u32 = 0, z: f64 = 0, xOld: f64 = 0, d1: f64 = 0, expo: f64 = 0, num: f64 = 0;
  // the tabulated step's cell, weight, A, σ, 𝒟 (the bridge's, at the old state) and increment; 𝒟 is fixed otherwise
  let uu: f64 = 0, cell: i32 = 0, ff: f64 = 0, at: usize = 0, av: f64 = 0, sg: f64 = 0, dd: f64 = diff, dW: f64 = 0;
  const tabulated = tab, bridged = bridge, cut = cutoff;
  // a threshold above cutoff·𝒟·dt whatever the rounding (a relative margin of 1e-15 ≫ 2^-52)
  const thr = cutoff * (diff * ddt) * (1 + 1e-15);
// @enddefine
// @define STEP
        // ── lane $L: one step (sde.ts scalarKernel's loop body, one exit and at most one wall) ──
        if (pos$L == end$L) { store<f64>(L_BASE + $L*8, load<f64>(L_BASE + $L*8) + <f64>pos$L); compute($L); pos$L = 0; end$L = load<i32>(L_END + $L*4); }
        w = load<u32>(WORDS + $L * LANE_WORDS + (<usize>pos$L << 2)); pos$L++;
        j = w & 0xff; u = w >>> 8;
        if (<i32>u < load<i32>(ZIG_K + (<usize>j << 2))) z = (<f64>u + 0.5) * load<f64>(ZIG_W + (<usize>j << 3));
        else { store<i32>(L_POS + $L*4, pos$L); z = normalSlow($L, w); pos$L = load<i32>(L_POS + $L*4); end$L = load<i32>(L_END + $L*4); }
        xOld = x$L;
        if (tabulated) {
          // tabulated.ts laneRunner: x′ = x + A_tab(x)·dt + σ_tab(x)·dW, exact outside the table or if not finite
          uu = (xOld - tLo) * tInvh;
          if (uu >= 0 && uu < tCells) {
            cell = <i32>uu; ff = uu - <f64>cell; at = TABLE + (<usize>cell << 5);
            av = load<f64>(at) + ff * load<f64>(at, 8); sg = load<f64>(at, 16) + ff * load<f64>(at, 24); dd = 0.5 * sg * sg;
          } else { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); }
          dW = sq * z;
          x$L = xOld + av * ddt + sg * dW;
          if (!isFinite<f64>(x$L)) { exactEval(xOld); av = load<f64>(EXACT_A); dd = load<f64>(EXACT_D); sg = Math.sqrt(2 * dd); x$L = xOld + av * ddt + sg * dW; }
        } else x$L = x$L + -(4 * hh * x$L * (x$L * x$L - 1) + cc) * ddt + am * (sq * z);
        rem$L--;
        if (!isFinite<f64>(x$L)) st$L = BLOWUP;
        else {
          if (wSide * (x$L - wLevel) > 0) x$L = 2 * wLevel - x$L;
          d1 = eSide * (eLevel - x$L);
          if (d1 <= 0) st$L = EXITED;
          else if (bridged) {
            num = eSide * (eLevel - xOld) * d1;
            // num ≥ thr ⇒ num/(𝒟·dt) > cutoff: skips the division far from the exit, same decision (see thr)
            if ((tabulated ? cut * (dd * ddt) * (1 + 1e-15) : thr) > num && num / (dd * ddt) < cut) {
              expo = num / (dd * ddt);
              if (pos$L == end$L) { store<f64>(L_BASE + $L*8, load<f64>(L_BASE + $L*8) + <f64>pos$L); compute($L); pos$L = 0; end$L = load<i32>(L_END + $L*4); }
              w = load<u32>(WORDS + $L * LANE_WORDS + (<usize>pos$L << 2)); pos$L++;
              if ((<f64>w + 0.5) * TWO_M32 < jsExp(-expo)) st$L = EXITED;
            }
          }
          if (st$L == 0 && rem$L == 0) st$L = LAUNCH_END;
        }
// @enddefine

/**
 * The common case (one exit, at most one wall, any bridge setting) with four trajectories advanced in lockstep:
 * each step is a chain of about 25 dependent floating-point cycles, and independent chains fill the gaps. Each
 * lane's state lives in locals; a lane whose trajectory stops hands it back (retire) and takes the next one. When
 * no trajectory is left to take, the lanes still running finish one after another (soloLane).
 */
function advanceLanes(n: i32, K: f64): f64 {
  next = 0; count = n;
  // @expand LOCALS _=_
  let taken: f64 = 0;
  let all = true;
  // @each L=0,1,2,3
  let x$L: f64 = 0, rem$L: i32 = 0, pos$L: i32 = 0, end$L: i32 = 0, on$L = start($L, K);
  all = all && on$L;
  if (on$L) { x$L = load<f64>(L_X + $L*8); rem$L = <i32>(load<f64>(L_KEND + $L*8) - load<f64>(L_K + $L*8)); pos$L = load<i32>(L_POS + $L*4); end$L = load<i32>(L_END + $L*4); }
  // @endeach
  while (all) {
    // @each L=0,1,2,3
    let st$L = 0;
    // @endeach
    do {
      // @expand STEP L=0,1,2,3
    } while (st0 == 0 && st1 == 0 && st2 == 0 && st3 == 0);
    // @each L=0,1,2,3
    if (st$L != 0) {
      store<f64>(L_X + $L*8, x$L); store<f64>(L_K + $L*8, load<f64>(L_KEND + $L*8) - <f64>rem$L); store<i32>(L_POS + $L*4, pos$L);
      taken += load<f64>(L_K + $L*8) - load<f64>(L_K0 + $L*8);
      retire($L, st$L == LAUNCH_END ? ALIVE : st$L, st$L == EXITED ? 0 : -1);
      on$L = start($L, K);
      if (on$L) { x$L = load<f64>(L_X + $L*8); rem$L = <i32>(load<f64>(L_KEND + $L*8) - load<f64>(L_K + $L*8)); pos$L = load<i32>(L_POS + $L*4); end$L = load<i32>(L_END + $L*4); } else all = false;
    }
    // @endeach
  }
  // @each L=0,1,2,3
  if (on$L) { store<f64>(L_X + $L*8, x$L); store<f64>(L_K + $L*8, load<f64>(L_KEND + $L*8) - <f64>rem$L); store<i32>(L_POS + $L*4, pos$L); }
  // @endeach
  // @each L=0,1,2,3
  if (on$L) taken += soloLane($L);
  // @endeach
  return taken;
}

/** runs lane l's trajectory (state in the lane's memory) to the end of its launch, retires it; returns its steps */
function soloLane(l: usize): f64 {
  // @expand LOCALS _=_
  let xl = load<f64>(L_X + l*8), reml = <i32>(load<f64>(L_KEND + l*8) - load<f64>(L_K + l*8));
  let posl = load<i32>(L_POS + l*4), endl = load<i32>(L_END + l*4);
  let stl = 0;
  do {
    // @expand STEP L=l
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
