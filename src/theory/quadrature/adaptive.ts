/**
 * The globally adaptive bisection shared by `integrate` and `integrateLog` (the QUADPACK QAG strategy:
 * always bisect the interval with the largest error estimate until the total error meets the target).
 * Reference: Piessens, de Doncker-Kapenga, Überhuber, Kahaner, QUADPACK (Springer 1983), §2.2.
 *
 * Infinite limits are mapped onto finite parameter intervals:
 *     x = lo + t/(1−t), t ∈ [0, 1)   (dx/dt = 1/(1−t)²)      for [lo, ∞),
 *     x = hi − (1−t)/t, t ∈ (0, 1]   (dx/dt = 1/t²)          for (−∞, hi].
 * The two forms differ only in how one panel is evaluated (`evaluate`) and how the running value and
 * error are kept (`Tally`: plain sums, or log-space sums).
 */

const EPS = Number.EPSILON;

// ---------------------------------------------------------------------------------------------
// Mapping of (possibly infinite) segments onto finite parameter intervals.

export interface Segment {
  /** parameter interval */
  lo: number;
  hi: number;
  /** x(t) and log|dx/dt| */
  map: ((t: number) => number) | null;
  logJac: ((t: number) => number) | null;
}

export function buildSegments(a: number, b: number, breakpoints: readonly number[] | undefined, who: string): Segment[] {
  const pts = [a];
  for (const p of breakpoints ?? []) {
    if (!Number.isFinite(p)) throw new RangeError(`${who}: breakpoints must be finite, got ${p}`);
    if (p > a && p < b) pts.push(p);
  }
  pts.push(b);
  pts.sort((u, v) => u - v);
  if (pts.length === 2 && a === -Infinity && b === Infinity) pts.splice(1, 0, 0);
  const segs: Segment[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const lo = pts[i];
    const hi = pts[i + 1];
    if (!(hi > lo)) continue;
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      segs.push({ lo, hi, map: null, logJac: null });
    } else if (Number.isFinite(lo)) {
      // x = lo + t/(1−t), t ∈ [0,1), dx/dt = 1/(1−t)²
      segs.push({ lo: 0, hi: 1, map: (t) => lo + t / (1 - t), logJac: (t) => -2 * Math.log1p(-t) });
    } else if (Number.isFinite(hi)) {
      // x = hi − (1−t)/t, t ∈ (0,1], dx/dt = 1/t²
      segs.push({ lo: 0, hi: 1, map: (t) => hi - (1 - t) / t, logJac: (t) => -2 * Math.log(t) });
    } else {
      throw new RangeError(`${who}: (−∞, ∞) must be split by a finite breakpoint`);
    }
  }
  return segs;
}

// ---------------------------------------------------------------------------------------------
// Binary max-heap keyed by a number (error or log error).

export class MaxHeap<T> {
  private keys: number[] = [];
  private items: T[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, item: T): void {
    const k = this.keys;
    const it = this.items;
    let i = k.length;
    k.push(key);
    it.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] >= k[i]) break;
      [k[p], k[i]] = [k[i], k[p]];
      [it[p], it[i]] = [it[i], it[p]];
      i = p;
    }
  }
  pop(): T | undefined {
    const k = this.keys;
    const it = this.items;
    if (k.length === 0) return undefined;
    const top = it[0];
    const lk = k.pop()!;
    const li = it.pop()!;
    if (k.length > 0) {
      k[0] = lk;
      it[0] = li;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k.length && k[l] > k[m]) m = l;
        if (r < k.length && k[r] > k[m]) m = r;
        if (m === i) break;
        [k[m], k[i]] = [k[i], k[m]];
        [it[m], it[i]] = [it[i], it[m]];
        i = m;
      }
    }
    return top;
  }
  all(): T[] {
    return this.items;
  }
}

// ---------------------------------------------------------------------------------------------
// The adaptive loop.

/** One evaluated panel [a, b] of a segment (in the segment's parameter t). */
export interface Piece {
  a: number;
  b: number;
  seg: Segment;
}

/** The current partition: the pieces still on the heap, then those set aside as too narrow to split. */
export interface Partition<P> {
  /** number of pieces on the heap */
  readonly open: number;
  /** visits the heap's pieces (in heap order), then the set-aside ones (in order) */
  forEach(fn: (q: P) => void): void;
}

/** How one form keeps its running value and error. */
export interface Tally<P> {
  /** the first pieces, one per segment in segment order, have been put on the heap */
  start(first: readonly P[], all: Partition<P>): void;
  /** true while the error target is not met */
  unmet(): boolean;
  /** `parent` was replaced by its halves `l`, `r` (already on the heap) */
  split(parent: P, l: P, r: P, all: Partition<P>): void;
  /** re-sum over the final partition */
  finish(all: Partition<P>): void;
}

export interface AdaptiveRun {
  evaluations: number;
  /** number of pieces in the final partition */
  intervals: number;
  /** false when maxEval was reached or no piece could be split any more before the target */
  converged: boolean;
}

/** True when [a, b] cannot usefully be bisected in double precision. */
function tooNarrow(a: number, b: number): boolean {
  const m = 0.5 * (a + b);
  return !(m > a && m < b) || Math.abs(b - a) <= 1e3 * EPS * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
}

/**
 * Globally adaptive bisection: evaluate one 15-point piece per segment, then, while `tally.unmet()`,
 * pop the piece with the largest `key` and replace it by its two halves (30 new evaluations), within
 * `maxEval` evaluations. Pieces too narrow to halve are set aside (they still count in the totals).
 */
export function adaptiveBisection<P extends Piece>(
  segs: readonly Segment[],
  evaluate: (seg: Segment, a: number, b: number) => P,
  key: (p: P) => number,
  tally: Tally<P>,
  maxEval: number,
): AdaptiveRun {
  const heap = new MaxHeap<P>();
  const done: P[] = [];
  const all: Partition<P> = {
    get open() {
      return heap.size;
    },
    forEach(fn) {
      for (const q of heap.all()) fn(q);
      for (const q of done) fn(q);
    },
  };
  let evaluations = 0;
  const first: P[] = [];
  for (const s of segs) {
    const p = evaluate(s, s.lo, s.hi);
    evaluations += 15;
    first.push(p);
    heap.push(key(p), p);
  }
  tally.start(first, all);
  let converged = true;
  while (tally.unmet()) {
    if (evaluations + 30 > maxEval) {
      converged = false;
      break;
    }
    const p = heap.pop();
    if (!p) {
      converged = false;
      break;
    }
    if (tooNarrow(p.a, p.b)) {
      done.push(p);
      continue;
    }
    const m = 0.5 * (p.a + p.b);
    const l = evaluate(p.seg, p.a, m);
    const r = evaluate(p.seg, m, p.b);
    evaluations += 30;
    heap.push(key(l), l);
    heap.push(key(r), r);
    tally.split(p, l, r, all);
  }
  tally.finish(all);
  if (tally.unmet()) converged = false;
  return { evaluations, intervals: heap.size + done.length, converged };
}
