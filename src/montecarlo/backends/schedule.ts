/**
 * Guided self-scheduling of a run's pending positions over its threads (the main thread and the workers): every
 * thread claims its next block from one shared counter (Atomics on a SharedArrayBuffer, so a worker never waits
 * for the main thread), and blocks shrink as the work runs out (a share of what is left, at most `max`, at least
 * `min`) so that all threads finish close together. Block size never changes results: each trajectory depends
 * only on its own stream, and results are placed by position.
 */
import { NOT_RUN } from '../state.js';

export interface Schedule {
  /** [0]: pending positions claimed so far, counted in the order of `spans`; shared by every thread of a run */
  claimed: Int32Array;
  /** the pending positions as spans [begin, end), flattened: b0, e0, b1, e1, … */
  spans: Int32Array;
  /** pending positions before each span */
  before: Int32Array;
  total: number;
  threads: number;
  max: number;
  min: number;
}

/** The size of the next block with `remaining` positions left: 1/(2·threads) of them, within [min, max]. */
export function guidedSize(remaining: number, threads: number, max: number, min: number): number {
  const share = Math.ceil(remaining / (2 * threads));
  return Math.max(1, Math.min(remaining, max, Math.max(min, share)));
}

/** How many blocks a run of `total` positions is cut into (stops counting at `limit`). */
export function countBlocks(total: number, threads: number, max: number, min: number, limit = Infinity): number {
  let n = 0;
  for (let left = total; left > 0 && n < limit; n++) left -= guidedSize(left, threads, max, min);
  return n;
}

/** The maximal runs of positions not yet simulated (status NOT_RUN), as flattened spans. */
export function pendingSpans(status: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let p = 0; p < status.length; p++) {
    if (status[p] !== NOT_RUN) continue;
    const begin = p;
    while (p < status.length && status[p] === NOT_RUN) p++;
    out.push(begin, p);
  }
  return Int32Array.from(out);
}

export function createSchedule(spans: Int32Array, threads: number, max: number, min: number): Schedule {
  const before = new Int32Array(spans.length / 2);
  let total = 0;
  for (let i = 0; i < before.length; i++) {
    before[i] = total;
    total += spans[2 * i + 1] - spans[2 * i];
  }
  const claimed = new Int32Array(new SharedArrayBuffer(4));
  return { claimed, spans, before, total, threads, max: Math.max(1, max), min: Math.max(1, Math.min(min, max)) };
}

/** the span holding the k-th pending position */
function spanOf(s: Schedule, k: number): number {
  let lo = 0, hi = s.before.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.before[mid] <= k) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * Claim the next block of consecutive positions [begin, end) (at most `max`; never across a span's end), or null
 * when the run is out of work or stopped. Safe to call from every thread at once.
 */
export function claim(s: Schedule, max = s.max): { begin: number; end: number } | null {
  for (;;) {
    const k = Atomics.load(s.claimed, 0);
    if (k >= s.total) return null;
    const i = spanOf(s, k);
    const spanLeft = s.spans[2 * i + 1] - s.spans[2 * i] - (k - s.before[i]);
    const size = Math.min(spanLeft, guidedSize(s.total - k, s.threads, Math.min(max, s.max), s.min));
    if (Atomics.compareExchange(s.claimed, 0, k, k + size) !== k) continue; // another thread claimed first
    const begin = s.spans[2 * i] + (k - s.before[i]);
    return { begin, end: begin + size };
  }
}

/** No thread gets a new block after this (abort, failure); blocks already claimed still finish. */
export function stopSchedule(s: Schedule): void {
  Atomics.store(s.claimed, 0, s.total);
}
