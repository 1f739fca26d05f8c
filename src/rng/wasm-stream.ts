/**
 * CounterStream with its Philox4x32-10 blocks computed in WebAssembly (assembly/philox.ts: 64-bit integer
 * multiplies). Same stream, same API:
 * word w of trajectory i is lane (w mod 4) of Philox(ctr = (⌊w/4⌋ mod 2^32, ⌊w/2^64⌋…, i mod 2^32, ⌊i/2^32⌋), key),
 * normals by the same ziggurat on the same words, so every draw, and the saved word position, is bit-identical to
 * CounterStream's (test/rng/wasm-stream.test.ts checks it, tail draws and indices ≥ 2^32 included).
 *
 * Words are computed ahead in runs of groups (16 words each; SIMD, eight blocks per pass: ≈ 1.7 ns a word): two
 * groups after a seek, doubling up to 64 on sequential reads, so that a trajectory that stops after a few steps
 * wastes little.
 */
import { PHILOX_WASM_BASE64 } from './philox-wasm.gen.js';
import { ZIG_K, ZIG_W, zigguratSlow } from './ziggurat.js';
import { CounterStream } from './stream.js';

const TWO_32 = 4294967296;
const TWO_M32 = 1 / TWO_32;
const MAX_INDEX = Number.MAX_SAFE_INTEGER;
/** byte offset of the word buffer in each instance's memory, and its capacity in groups */
const BUF_BYTES = 1024;
const MAX_GROUPS = 64;

interface PhiloxExports {
  memory: WebAssembly.Memory;
  philoxGroupsSimd(out: number, groups: number, bLo: number, bHi: number, tLo: number, tHi: number, k0: number, k1: number): void;
}

let compiled: WebAssembly.Module | null = null;
function philoxModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(PHILOX_WASM_BASE64, 'base64'));
  return compiled;
}

/**
 * One instance per thread, shared by every stream: a stream's words are computed into the instance's scratch
 * buffer and copied into the stream's own (a copy costs ≈ 0.1 ns a word; an instance per stream would cost its
 * memory's allocation, which a rare-event solver, building a kernel per iteration, pays thousands of times).
 */
let shared: { fill: PhiloxExports['philoxGroupsSimd']; scratch: Int32Array } | null = null;
function philox(): NonNullable<typeof shared> {
  if (!shared) {
    const ex = new WebAssembly.Instance(philoxModule(), {}).exports as unknown as PhiloxExports;
    shared = { fill: ex.philoxGroupsSimd, scratch: new Int32Array(ex.memory.buffer, BUF_BYTES, MAX_GROUPS * 16) };
  }
  return shared;
}

/** Whether this JavaScript engine runs WebAssembly (Node 20 always does; a guard for embedders). */
export function wasmAvailable(): boolean {
  try { philoxModule(); return true; } catch { return false; }
}

function checkIndex(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > MAX_INDEX) {
    throw new RangeError(`CounterStream.seek: ${name} must be an integer in [0, 2^53), got ${v}`);
  }
}

/** What the simulation kernels use of a counter-based stream: CounterStream or WasmCounterStream. */
export type NoiseStream = Pick<CounterStream, 'seek' | 'trajectory' | 'word' | 'nextUint32' | 'nextUniform' | 'nextNormal'>;

/** The fastest exact stream for `key`: WebAssembly when the engine runs it, else CounterStream (same numbers). */
export function noiseStream(key: readonly [number, number]): NoiseStream {
  return wasmAvailable() ? new WasmCounterStream(key) : new CounterStream(key);
}

export class WasmCounterStream implements NoiseStream {
  private readonly k0: number;
  private readonly k1: number;
  private readonly fill: PhiloxExports['philoxGroupsSimd'];
  private readonly scratch: Int32Array;
  private readonly buf = new Int32Array(MAX_GROUPS * 16);
  private traj = 0;
  private tLo = 0;
  private tHi = 0;
  /** word index (in the trajectory's sequence) of buf[0] */
  private base = 0;
  /** next index into buf; `end` means buf is used up */
  private pos = 0;
  private end = 0;
  /** groups computed by the next refill */
  private run = 2;

  constructor(key: readonly [number, number]) {
    if (!Array.isArray(key) || key.length !== 2) throw new Error('CounterStream: key must be a pair of uint32');
    for (const k of key) {
      if (!Number.isInteger(k) || k < 0 || k >= TWO_32) throw new Error(`CounterStream: key words must be integers in [0, 2^32), got ${k}`);
    }
    this.k0 = key[0];
    this.k1 = key[1];
    const { fill, scratch } = philox();
    this.fill = fill;
    this.scratch = scratch;
  }

  /** Position the stream at 32-bit word `word` of trajectory `trajectory` (both integers < 2^53). */
  seek(trajectory: number, word: number): void {
    checkIndex('trajectory', trajectory);
    checkIndex('word', word);
    this.traj = trajectory;
    this.tLo = trajectory >>> 0;
    this.tHi = Math.floor(trajectory / TWO_32) >>> 0;
    const g = Math.floor(word / 16);
    this.base = g * 16;
    this.run = 2;
    this.compute();
    this.pos = word - this.base;
  }

  get trajectory(): number {
    return this.traj;
  }

  get word(): number {
    return this.base + this.pos;
  }

  /** groups starting at word `base` (a multiple of 16: block counter ≡ 0 mod 4) */
  private compute(): void {
    const b = this.base / 4;
    this.fill(BUF_BYTES, this.run, b >>> 0, Math.floor(b / TWO_32) >>> 0, this.tLo, this.tHi, this.k0, this.k1);
    this.end = this.run * 16;
    this.buf.set(this.end === this.buf.length ? this.scratch : this.scratch.subarray(0, this.end));
    this.pos = 0;
    if (this.run < MAX_GROUPS) this.run *= 2;
  }

  private refill(): void {
    this.base += this.end;
    this.compute();
  }

  nextUint32(): number {
    if (this.pos === this.end) this.refill();
    return this.buf[this.pos++] >>> 0;
  }

  /** Uniform in the open interval (0,1): (u + 0.5)·2^-32. */
  nextUniform(): number {
    if (this.pos === this.end) this.refill();
    return ((this.buf[this.pos++] >>> 0) + 0.5) * TWO_M32;
  }

  /** Standard normal via the ziggurat (ziggurat.ts) on the same words. */
  nextNormal(): number {
    if (this.pos === this.end) this.refill();
    const w = this.buf[this.pos++];
    const j = w & 0xff;
    const u = w >>> 8;
    if (u < ZIG_K[j]) return (u + 0.5) * ZIG_W[j];
    return zigguratSlow(w >>> 0, this);
  }
}
