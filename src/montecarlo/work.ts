/**
 * Which trajectories a run simulates: indices first, first+stride, … (count of them). A shard i/n of a run
 * of N trajectories is {first: i, stride: n, count: ⌈(N−i)/n⌉}; shards merge exactly because trajectory
 * index = noise-stream address (design.md §4).
 */
export interface WorkSet {
  first: number;
  stride: number;
  count: number;
}

export function shardOf(total: number, shard?: { index: number; of: number }): WorkSet {
  if (!shard) return { first: 0, stride: 1, count: total };
  const { index, of } = shard;
  if (!Number.isInteger(of) || of < 1) throw new Error(`--shard: the shard count must be an integer ≥ 1 (got ${of})`);
  if (!Number.isInteger(index) || index < 0 || index >= of) throw new Error(`--shard: the shard index must be an integer in [0, ${of - 1}] (got ${index})`);
  return { first: index, stride: of, count: index < total ? Math.ceil((total - index) / of) : 0 };
}

export function parseShard(text: string): { index: number; of: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard: expected i/n with integers 0 ≤ i < n (got '${text}')`);
  return { index: Number(m[1]), of: Number(m[2]) };
}

export function indexAt(w: WorkSet, position: number): number {
  return w.first + position * w.stride;
}

/** Blocks of consecutive positions [begin, end) of at most `size` trajectories. */
export function blocks(w: WorkSet, size: number): { begin: number; end: number }[] {
  const out: { begin: number; end: number }[] = [];
  for (let b = 0; b < w.count; b += size) out.push({ begin: b, end: Math.min(w.count, b + size) });
  return out;
}
