import seedrandom from 'seedrandom';

/**
 * A user-facing seed. A number seed n is equivalent to the string String(n)
 * (so 42 and "42" select the same streams; -0 behaves as 0).
 */
export type Seed = number | string;

/**
 * Philox key (2 × uint32) for a (seed, purpose) pair, e.g. purpose "noise",
 * "init", "minibatch", "bootstrap". Derivation:
 *   prng = seedrandom(String(seed) + "\u0000" + purpose)   (ARC4 key schedule, seedrandom 3.x)
 *   key  = [prng.int32() >>> 0, prng.int32() >>> 0]
 * Pure string hashing, so it is identical across runs, machines and Node versions.
 * The purpose must not contain "\u0000", which makes (seed, purpose) ↦ string injective.
 */
export function streamKey(seed: Seed, purpose: string): [number, number] {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) {
      throw new Error(`rng seed must be a finite number or a string, got ${String(seed)}`);
    }
  } else if (typeof seed !== 'string') {
    throw new Error(`rng seed must be a finite number or a string, got ${typeof seed}`);
  }
  if (typeof purpose !== 'string') {
    throw new Error(`rng purpose must be a string, got ${typeof purpose}`);
  }
  if (purpose.includes('\u0000')) {
    throw new Error('rng purpose must not contain the NUL character');
  }
  const prng = seedrandom(String(seed) + '\u0000' + purpose);
  const k0 = prng.int32() >>> 0;
  const k1 = prng.int32() >>> 0;
  return [k0, k1];
}
