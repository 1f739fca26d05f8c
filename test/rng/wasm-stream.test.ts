/**
 * The WebAssembly Philox stream against the reference CounterStream (float64 Philox, stream.ts) and the
 * independent BigInt reference of philox-ref.ts: every word, uniform and normal (tail and wedge draws
 * included) and the saved word position agree bit for bit, for any key, trajectory and word offset < 2^53.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CounterStream } from '../../src/rng/stream.js';
import { WasmCounterStream } from '../../src/rng/wasm-stream.js';
import { ZIG_K } from '../../src/rng/ziggurat.js';
import { refWord } from './philox-ref.js';

const MAX = Number.MAX_SAFE_INTEGER;
const key = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const index = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2 ** 32 - 50, max: 2 ** 32 + 50 }), fc.integer({ min: 0, max: MAX - 5000 }));

describe('WasmCounterStream = CounterStream bit for bit', () => {
  it('raw words against the BigInt reference: any key, trajectory, word offset, across refills', () => {
    fc.assert(
      fc.property(key, index, index, fc.integer({ min: 1, max: 3000 }), (k, i, w, n) => {
        const s = new WasmCounterStream(k);
        s.seek(i, w);
        for (let m = 0; m < n; m += 97) { // spot-check every 97th word of a long read (the reference is slow)
          while (s.word < w + m) s.nextUint32();
          if (s.nextUint32() !== refWord(k, i, w + m)) return false;
        }
        return s.trajectory === i;
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('mixed normals, uniforms and words equal CounterStream and end at the same word', () => {
    fc.assert(
      fc.property(key, index, index, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4000 }), (k, i, w, ops) => {
        const a = new CounterStream(k), b = new WasmCounterStream(k);
        a.seek(i, w); b.seek(i, w);
        for (const op of ops) {
          const x = op < 7 ? [a.nextNormal(), b.nextNormal()] : op < 9 ? [a.nextUniform(), b.nextUniform()] : [a.nextUint32(), b.nextUint32()];
          if (!Object.is(x[0], x[1])) return false;
        }
        return a.word === b.word;
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('5e5 normals in a row from one trajectory (≈ 1.4e4 of them on the wedge or tail path) and a re-seek mid-run', () => {
    const k: [number, number] = [0x9e3779b9, 7];
    const a = new CounterStream(k), b = new WasmCounterStream(k);
    a.seek(2 ** 40 + 3, 5); b.seek(2 ** 40 + 3, 5);
    let slow = 0, same = true;
    for (let m = 0; m < 5e5; m++) {
      const w0 = a.word;
      const x = a.nextNormal();
      if (a.word - w0 > 1) slow++;
      else { a.seek(a.trajectory, w0); const wd = a.nextUint32(); if (((wd >>> 8) >= ZIG_K[wd & 0xff])) slow++; }
      if (!Object.is(x, b.nextNormal())) { same = false; break; }
      if (m === 250000) { a.seek(a.trajectory, a.word + 1); b.seek(b.trajectory, b.word + 1); }
    }
    expect(same).toBe(true);
    expect(a.word).toBe(b.word);
    // power: the slow path was exercised (its probability per normal is ≈ 2.8 %)
    expect(slow).toBeGreaterThan(1e4);
  });

  it('rejects what CounterStream rejects', () => {
    expect(() => new WasmCounterStream([2 ** 32, 0])).toThrow(/key words/);
    const s = new WasmCounterStream([1, 2]);
    expect(() => s.seek(-1, 0)).toThrow(/trajectory/);
    expect(() => s.seek(0, 2 ** 53)).toThrow(/word/);
  });
});
