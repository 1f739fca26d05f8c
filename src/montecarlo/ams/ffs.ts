/**
 * Forward flux sampling with fixed interfaces (Allen, Valeriani & ten Wolde, J. Phys.: Condens. Matter 21, 2009):
 * a second estimator of p = P(B before A | start on Σ), independent of AMS but on the same chain, for cross-checks.
 * Interfaces λ₁ < … < λ_m = 0 (B) evenly spaced in ξ above Σ; from the entrance points, `trials` trajectories per
 * interface start at states picked uniformly among the previous interface's arrivals (stream 'ffs-picks') and run
 * with fresh noise (stream 'ffs-trials' at (run, interface, trial)) until the score reaches λ_i or the trajectory
 * returns to A. p̂ = Π pᵢ with pᵢ = arrivals/trials; relVar(p̂) ≈ Σ (1 − pᵢ)/(pᵢ·trials) (binomial, correlations
 * between interfaces neglected). An arrival in B (also by the bridge) counts at every later interface.
 */
import { CounterStream } from '../../rng/stream.js';
import { EXITED, LEVEL, trackScore } from '../state.js';
import { MAX_SLOTS, chunkAt, runToEnd, streamAddress, type Chain } from './chain.js';

export interface FfsResult {
  p: number;
  relVar: number;
  perInterface: number[];
  steps: number;
}

/** `from`: entrance points (count·dim) and their chain state beyond θ (count·memorySize), e.g. a loop chain's (loops.ts) */
export function forwardFluxProbability(c: Chain, run: number, from: { entrances: Float64Array; memory: Float64Array }, o: { interfaces: number; trials: number }): FfsResult {
  if (!(o.trials >= 1 && o.trials <= MAX_SLOTS)) throw new RangeError(`forward flux sampling: trials must lie in [1, ${MAX_SLOTS}] (got ${o.trials})`);
  const dim = c.dim, size = c.memorySize, m = o.interfaces;
  let starts = from.entrances, memory = from.memory, inB = new Uint8Array(starts.length / dim);
  const picks = new CounterStream(c.pickKey);
  const perInterface: number[] = [];
  let steps = 0, relVar = 0, p = 1;
  for (let i = 1; i <= m; i++) {
    const lambda = c.ams.levelScore * (1 - i / m);
    const kernel = c.kernel('ffs', { returnSet: c.wellSet, score: c.score, target: lambda });
    const count = starts.length / dim;
    const x = new Float64Array(o.trials * dim), mem = new Float64Array(o.trials * size), fromB = new Uint8Array(o.trials);
    for (let t = 0; t < o.trials; t++) {
      picks.seek(streamAddress(run, i, t), 0);
      const k = Math.floor(picks.nextUniform() * count);
      x.set(starts.subarray(k * dim, (k + 1) * dim), t * dim);
      mem.set(memory.subarray(k * size, (k + 1) * size), t * size);
      fromB[t] = inB[k];
    }
    const s = trackScore(chunkAt(c, Array.from({ length: o.trials }, (_, t) => streamAddress(run, i, t)), x, mem), c.score);
    for (let t = 0; t < o.trials; t++) if (fromB[t]) s.status[t] = EXITED;
    steps += runToEnd(kernel, s, c.stepsPerLaunch);
    const arrived: number[] = [];
    for (let t = 0; t < o.trials; t++) if (s.status[t] === LEVEL || s.status[t] === EXITED) arrived.push(t);
    const pi = arrived.length / o.trials;
    perInterface.push(pi);
    if (pi === 0) return { p: 0, relVar: Infinity, perInterface, steps };
    p *= pi;
    relVar += (1 - pi) / (pi * o.trials);
    starts = new Float64Array(arrived.length * dim);
    memory = new Float64Array(arrived.length * size);
    inB = new Uint8Array(arrived.length);
    arrived.forEach((t, j) => {
      starts.set(s.x.subarray(t * dim, (t + 1) * dim), j * dim);
      if (s.memory) memory.set(s.memory.data.subarray(t * size, (t + 1) * size), j * size);
      inB[j] = s.status[t] === EXITED ? 1 : 0;
    });
  }
  return { p, relVar, perInterface, steps };
}
