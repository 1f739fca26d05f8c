import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CounterStream, makeStream } from '../../src/rng/stream.js';
import { streamKey } from '../../src/rng/seed.js';
import { refWord } from './philox-ref.js';

const KEY: [number, number] = [0x01234567, 0x89abcdef];
const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1
const read = (s: CounterStream, n: number): number[] => Array.from({ length: n }, () => s.nextUint32());

describe('CounterStream: counter layout and seek', () => {
  it('word w of trajectory i is lane w%4 of Philox(ctr=(b lo, b hi, i lo, i hi)), b=⌊w/4⌋ — any i, w < 2^53', () => {
    const s = new CounterStream(KEY);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX - 40 }), fc.integer({ min: 1, max: 40 }), (i, w, n) => {
        s.seek(i, w);
        const got = read(s, n);
        for (let m = 0; m < n; m++) if (got[m] !== refWord(KEY, i, w + m)) return false;
        return s.word === w + n && s.trajectory === i;
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('explicit carries: block index across 2^32, trajectory across 2^32', () => {
    const s = new CounterStream(KEY);
    for (const [i, w] of [
      [0, 2 ** 34 - 6], // block 2^32 − 2 … 2^32 + 1
      [2 ** 32 - 1, 0],
      [2 ** 32, 0],
      [MAX, MAX - 12],
    ]) {
      s.seek(i, w);
      expect(read(s, 12)).toEqual(Array.from({ length: 12 }, (_, m) => refWord(KEY, i, w + m)));
    }
  });

  it('seek(i, w) then reads = reading from word 0 and dropping w words (bit-for-bit)', () => {
    const a = new CounterStream(KEY);
    const b = new CounterStream(KEY);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 50 }), (i, w, n) => {
        a.seek(i, 0);
        const full = read(a, w + n);
        b.seek(i, w);
        const tail = read(b, n);
        return tail.every((x, m) => x === full[w + m]);
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('resume: any mix of uint32/uniform/normal reads, saved `word` + seek reproduces the rest exactly', () => {
    const op = fc.constantFrom('u32', 'uni', 'nrm');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.array(op, { minLength: 1, maxLength: 200 }), fc.nat(199), (i, ops, cut) => {
        const s = makeStream('resume', 'noise');
        s.seek(i, 0);
        const vals: number[] = [];
        const words: number[] = [];
        const draw = (t: CounterStream, o: string): number => (o === 'u32' ? t.nextUint32() : o === 'uni' ? t.nextUniform() : t.nextNormal());
        for (const o of ops) {
          words.push(s.word);
          vals.push(draw(s, o));
        }
        const k = cut % ops.length;
        const r = makeStream('resume', 'noise');
        r.seek(i, words[k]);
        for (let m = k; m < ops.length; m++) {
          if (r.word !== words[m]) return false;
          if (!Object.is(draw(r, ops[m]), vals[m])) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('chunked reads across many seeks equal one long read', () => {
    const s = new CounterStream(KEY);
    s.seek(12345, 0);
    const straight = Array.from({ length: 5000 }, () => s.nextNormal());
    const chunked: number[] = [];
    let saved = 0;
    let chunk = 1;
    while (chunked.length < straight.length) {
      const t = new CounterStream(KEY);
      t.seek(12345, saved);
      for (let m = 0; m < chunk && chunked.length < straight.length; m++) chunked.push(t.nextNormal());
      saved = t.word;
      chunk = (chunk * 7 + 3) % 97; // irregular chunk sizes, including 0
    }
    expect(chunked).toEqual(straight);
  });

  it('nextUniform is (word + 0.5)·2^-32 of the same word, so it lies strictly inside (0,1)', () => {
    const s = makeStream(9, 'noise');
    const t = makeStream(9, 'noise');
    for (let m = 0; m < 1000; m++) expect(s.nextUniform()).toBe((t.nextUint32() + 0.5) * 2 ** -32);
    // extreme words map inside the open interval
    expect((0 + 0.5) * 2 ** -32).toBeGreaterThan(0);
    expect((0xffffffff + 0.5) * 2 ** -32).toBeLessThan(1);
  });

  it('rejects invalid positions and keys', () => {
    const s = new CounterStream(KEY);
    for (const bad of [-1, 0.5, NaN, Infinity, 2 ** 53]) {
      expect(() => s.seek(bad, 0)).toThrow(RangeError);
      expect(() => s.seek(0, bad)).toThrow(RangeError);
    }
    expect(() => new CounterStream([1, 2 ** 32] as [number, number])).toThrow();
    expect(() => new CounterStream([1.5, 0] as [number, number])).toThrow();
    expect(() => new CounterStream([1] as unknown as [number, number])).toThrow();
  });
});

describe('CounterStream: identity of streams', () => {
  it('the same (seed, purpose, i) gives identical sequences in independent objects', () => {
    const a = makeStream(2024, 'noise');
    const b = new CounterStream(streamKey(2024, 'noise'));
    a.seek(77, 0);
    b.seek(77, 0);
    expect(read(a, 256)).toEqual(read(b, 256));
  });

  it('different trajectories, purposes and seeds give different sequences', () => {
    // Under the null model of independent uniform words, two 8-word prefixes coincide with probability 2^-256.
    const prefix = (seed: number | string, purpose: string, i: number): string => {
      const s = makeStream(seed, purpose);
      s.seek(i, 0);
      return read(s, 8).join(',');
    };
    const seen = new Set<string>();
    for (const seed of [1, '1x', 'alpha']) {
      for (const purpose of ['noise', 'init', 'minibatch', 'bootstrap']) {
        for (const i of [0, 1, 2, 3, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, MAX]) {
          const p = prefix(seed, purpose, i);
          expect(seen.has(p)).toBe(false);
          seen.add(p);
        }
      }
    }
    expect(seen.size).toBe(3 * 4 * 8);
  });

  it('is pinned (regression): first words and normals of (42, "noise"), trajectory 3', () => {
    const s = makeStream(42, 'noise');
    s.seek(3, 0);
    expect(read(s, 4)).toEqual([0x9f1a51ed, 0xad73e5eb, 0xd75a3d91, 0x8dd93e15]);
    s.seek(3, 0);
    const z = Array.from({ length: 6 }, () => s.nextNormal());
    expect(z).toEqual([
      -0.5453170551208196, -0.6192568724992493, -1.9902199859316116, 1.2517361730039671, 0.5033438823086779,
      -0.5274546527815216,
    ]);
    expect(s.word).toBe(6);
  });
});
