/**
 * One run of generalized adaptive multilevel splitting (Bréhier, Gazeau, Goudenège, Lelièvre & Rousset, Ann. Appl.
 * Probab. 26, 2016) for p = P(B before A | start on Σ):
 *   n replicas from the run's entrance points, each simulated until A ∪ B; S_i = running maximum of ξ (+∞ in B).
 *   Repeat: Z = k-th smallest S; stop when Z = +∞; kill every replica with S_i ≤ Z (ties included), weight
 *   ×= 1 − K/n (log space); if all n die the run returns p̂ = 0. Each killed slot takes a survivor chosen
 *   uniformly (stream 'ams-parents' at (run, iteration, slot)), copies its path up to its first state with ξ > Z
 *   (a record: a new running maximum) and goes on from there with fresh noise (stream 'ams-replicas' at
 *   (run, iteration, slot)) until A ∪ B. A record in B is absorbed: a clone that branches there is already in B
 *   (with the Brownian-bridge test the arrival in B can lie between steps).
 *   p̂ = e^{log weight}·(replicas in B)/n; reactive time = mean steps from Σ to B of the replicas in B.
 */
import { CounterStream } from '../../rng/stream.js';
import { EXITED, trackScore } from '../state.js';
import { chunkAt, runToEnd, streamAddress, type Chain } from './chain.js';

const NO_MEMORY = new Float64Array(0);

/**
 * a new running maximum of a replica's score: value, state θ and the rest of the chain's state (a discrete
 * optimizer's packed state, else empty), steps since its entrance point; absorbed: in B
 */
interface Rec { v: number; x: Float64Array; mem: Float64Array; steps: number; absorbed: boolean }

export interface RunResult {
  /** 0 for an extinct run */
  p: number;
  /** mean steps Σ → B of the replicas in B (NaN when extinct) */
  reactive: number;
  iterations: number;
  steps: number;
}

/** The replicas of a run: their records, levels and whether they ended in B. */
class Replicas {
  readonly records: Rec[][];
  readonly level: Float64Array;
  readonly inB: Uint8Array;
  readonly end: Float64Array;
  steps = 0;

  constructor(private readonly c: Chain, private readonly run: number, n: number) {
    this.records = Array.from({ length: n }, () => []);
    this.level = new Float64Array(n);
    this.inB = new Uint8Array(n);
    this.end = new Float64Array(n);
  }

  /** simulate slots from their last record (at the given steps) until A ∪ B, at iteration `iteration` */
  simulate(slots: number[], iteration: number): void {
    const { c } = this, dim = c.dim, size = c.memorySize;
    const starts = new Float64Array(slots.length * dim), memory = new Float64Array(slots.length * size);
    slots.forEach((slot, i) => {
      const last = this.records[slot][this.records[slot].length - 1];
      starts.set(last.x, i * dim);
      memory.set(last.mem, i * size);
    });
    const s = chunkAt(c, slots.map((slot) => streamAddress(this.run, iteration, slot)), starts, memory);
    slots.forEach((slot, i) => { s.steps[i] = this.records[slot][this.records[slot].length - 1].steps; });
    trackScore(s, c.score);
    const kernel = c.kernel('replicas', {
      returnSet: c.wellSet, score: c.score,
      onRecord: (i, v, x, k, mem) => {
        this.records[slots[i]].push({ v: v >= 0 ? Infinity : v, x: Float64Array.from(x), mem: mem ? Float64Array.from(mem) : NO_MEMORY, steps: k, absorbed: v >= 0 });
      },
    });
    this.steps += runToEnd(kernel, s, c.stepsPerLaunch);
    slots.forEach((slot, i) => {
      const recs = this.records[slot];
      const last = recs[recs.length - 1];
      if (s.status[i] === EXITED && !last.absorbed) {
        // the chain's state after this step is (θ, absorbed): if the step's end state was already recorded with its
        // finite score (a bridge crossing below the exit level), that record becomes the absorbed one, so that a
        // clone branching at it is copied as in B rather than restarted
        if (last.steps === s.steps[i]) recs.pop();
        const mem = s.memory ? s.memory.data.slice(i * size, (i + 1) * size) : NO_MEMORY;
        recs.push({ v: Infinity, x: Float64Array.from(s.x.subarray(i * dim, (i + 1) * dim)), mem, steps: s.steps[i], absorbed: true });
      }
      this.settle(slot, s.status[i] === EXITED, s.steps[i]);
    });
  }

  settle(slot: number, inB: boolean, end: number): void {
    const recs = this.records[slot];
    this.level[slot] = recs[recs.length - 1].v;
    this.inB[slot] = inB ? 1 : 0;
    this.end[slot] = end;
  }
}

/** `entrances`: n entrance points (n·dim) and their chain state beyond θ (n·memorySize; loops.ts) */
export function amsRun(c: Chain, run: number, entrances: { entrances: Float64Array; memory: Float64Array }): RunResult {
  const { replicas: n, kill: k } = c.ams, dim = c.dim, size = c.memorySize;
  const reps = new Replicas(c, run, n);
  for (let j = 0; j < n; j++) {
    const x = entrances.entrances.slice(j * dim, (j + 1) * dim), mem = entrances.memory.slice(j * size, (j + 1) * size);
    reps.records[j].push({ v: c.score(x), x, mem, steps: 0, absorbed: false });
  }
  reps.simulate(Array.from({ length: n }, (_, j) => j), 0);
  const parents = new CounterStream(c.parentKey);
  let logWeight = 0, iteration = 0;
  for (;;) {
    const Z = Float64Array.from(reps.level).sort()[k - 1];
    if (Z === Infinity) break;
    const killed: number[] = [], survivors: number[] = [];
    for (let j = 0; j < n; j++) (reps.level[j] <= Z ? killed : survivors).push(j);
    if (survivors.length === 0) return { p: 0, reactive: NaN, iterations: iteration, steps: reps.steps };
    logWeight += Math.log1p(-killed.length / n);
    iteration++;
    const branches = killed.map((j) => {
      parents.seek(streamAddress(run, iteration, j), 0);
      const parent = survivors[Math.floor(parents.nextUniform() * survivors.length)];
      const recs = reps.records[parent];
      return { j, prefix: recs.slice(0, recs.findIndex((r) => r.v > Z) + 1) };
    });
    const restart: number[] = [];
    for (const { j, prefix } of branches) {
      reps.records[j] = prefix;
      const last = prefix[prefix.length - 1];
      if (last.absorbed) reps.settle(j, true, last.steps);
      else restart.push(j);
    }
    if (restart.length) reps.simulate(restart, iteration);
  }
  let inB = 0, reactive = 0;
  for (let j = 0; j < n; j++) if (reps.inB[j]) { inB++; reactive += reps.end[j]; }
  return { p: Math.exp(logWeight) * (inB / n), reactive: reactive / inB, iterations: iteration, steps: reps.steps };
}
