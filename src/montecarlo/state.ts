/**
 * A chunk of trajectories as flat typed arrays (struct-of-arrays): the state that survives between kernel
 * launches. Everything a trajectory needs to resume is here, so results do not depend on how the work is
 * cut into chunks or launches (design.md §4). The gpu.js backends reuse this layout.
 */
export const ALIVE = 0, EXITED = 1, CENSORED = 2, BLOWUP = 3, RETURNED = 4, LEVEL = 5;
export type Status = typeof ALIVE | typeof EXITED | typeof CENSORED | typeof BLOWUP | typeof RETURNED | typeof LEVEL;
/**
 * Statuses of a rare-event task (kernels/types.ts SplittingTask): RETURNED entered the return set before the exit
 * set; LEVEL raised the score to the task's target level.
 */
export const STATUS_NAMES = ['alive', 'exited', 'censored', 'blowup', 'returned', 'reached-level'] as const;

/** status value of a position that was not simulated (interrupted or skipped run) */
export const NOT_RUN = 255;

export interface ChunkState {
  count: number;
  dim: number;
  /** global trajectory indices (the RNG stream address) */
  traj: Float64Array;
  /** positions, count·dim */
  x: Float64Array;
  /** steps taken so far (exact integers in float64); exit time = steps·dt */
  steps: Float64Array;
  /** 32-bit words consumed from the trajectory's noise stream */
  word: Float64Array;
  status: Uint8Array;
  /** index of the exit boundary that was hit, −1 if none */
  boundary: Int16Array;
  /** with a rare-event task: the running maximum of its score and the state where it was reached (trackScore) */
  score?: { max: Float64Array; at: Float64Array };
  /**
   * The rest of a chain's state beyond θ, for solvers that clone or hand over trajectories (withMemory): a discrete
   * optimizer's packed state (optimizers/types.ts packState), `size` numbers per trajectory; `set[i]` = 0 means
   * fresh (the optimizer's init at x). Without it a discrete kernel keeps the state to itself.
   */
  memory?: { size: number; data: Float64Array; set: Uint8Array };
}

/**
 * A chunk of fresh trajectories (no steps taken, stream words 0) at `start`: one state of `dim` coordinates for
 * all of them, or count·dim coordinates, one state each (given states, e.g. the branch points of a splitting run).
 */
export function newChunk(indices: ArrayLike<number>, dim: number, start: ArrayLike<number>): ChunkState {
  const count = indices.length;
  const s: ChunkState = {
    count, dim,
    traj: Float64Array.from(indices),
    x: new Float64Array(count * dim),
    steps: new Float64Array(count),
    word: new Float64Array(count),
    status: new Uint8Array(count),
    boundary: new Int16Array(count).fill(-1),
  };
  if (start.length === dim) for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) s.x[i * dim + j] = start[j];
  else if (start.length === count * dim) s.x.set(start);
  else throw new RangeError(`newChunk: start has ${start.length} coordinates; give ${dim} (one state) or ${count * dim} (one per trajectory)`);
  return s;
}

/** Start tracking `score`'s running maximum on a chunk: the maximum is the score of each current state. */
export function trackScore(s: ChunkState, score: (x: ArrayLike<number>) => number): ChunkState {
  const max = new Float64Array(s.count), at = Float64Array.from(s.x);
  for (let i = 0; i < s.count; i++) max[i] = score(s.x.subarray(i * s.dim, (i + 1) * s.dim));
  s.score = { max, at };
  return s;
}

/** Give a chunk a memory of `size` numbers per trajectory: fresh, or copied from count·size numbers (all set). */
export function withMemory(s: ChunkState, size: number, from?: Float64Array): ChunkState {
  const data = new Float64Array(s.count * size), set = new Uint8Array(s.count);
  if (from) {
    if (from.length !== data.length) throw new RangeError(`withMemory: ${from.length} numbers for ${s.count} trajectories of ${size}`);
    data.set(from);
    set.fill(1);
  }
  s.memory = { size, data, set };
  return s;
}

/** Per-trajectory outcome of a run, in the order of `index`. */
export interface TrajectoryResults {
  index: Float64Array;
  /** exit time (status exited), censoring time (censored), or time of blow-up */
  time: Float64Array;
  steps: Float64Array;
  status: Uint8Array;
  boundary: Int16Array;
}

export function emptyResults(n: number): TrajectoryResults {
  return {
    index: new Float64Array(n), time: new Float64Array(n), steps: new Float64Array(n),
    status: new Uint8Array(n), boundary: new Int16Array(n),
  };
}
