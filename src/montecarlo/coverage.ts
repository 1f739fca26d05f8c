/**
 * What a merge of shard files lacks, in words a user can act on: the files that are not finished (continue them with
 * --resume) and the shards that no file holds (run them with --shard i/n --out), for direct and AMS files alike.
 */
import type { WorkSet } from './work.js';

export interface ShardPart {
  name: string;
  work: WorkSet;
  /** items (trajectories or AMS runs) of its work set that the file holds */
  have: number;
}

const shardName = (w: WorkSet) => (w.stride > 1 ? `${w.first}/${w.stride}` : null);

function list(items: (number | string)[], count: number): string {
  return count > items.length ? `${items.join(', ')}, … (${count} in all)` : items.join(', ');
}

/** `merge: 3 of the 10 trajectories of the run are in no file (1, 4, 7)` */
export function missingHead(kind: 'trajectories', total: number, missing: number, firstMissing: number[]): string {
  return `merge: ${missing} of the ${total} ${kind} of the run ${missing === 1 ? 'is' : 'are'} in no file (${list(firstMissing, missing)}); a merge needs all of them:`;
}

/**
 * What to do about a merge whose files leave items out, line by line: each unfinished file with the command that
 * continues it, each absent shard with the one that computes it.
 */
export function missingHints(kind: 'trajectories' | 'AMS runs', total: number, parts: ShardPart[]): string[] {
  const lines: string[] = [];
  const method = kind === 'AMS runs' ? ' --method ams' : '';
  for (const p of parts) {
    if (p.have >= p.work.count) continue;
    const sh = shardName(p.work);
    lines.push(`  ${p.name}${sh ? ` (shard ${sh})` : ''} holds ${p.have} of its ${p.work.count}: continue it with \`escapelab simulate --scenario <scenario>${method}${sh ? ` --shard ${sh}` : ''} --resume ${p.name}\``);
  }
  const strides = new Set(parts.map((p) => p.work.stride));
  const n = parts[0]?.work.stride ?? 1;
  if (strides.size === 1 && n > 1) {
    const present = new Set(parts.map((p) => p.work.first));
    const absent = Array.from({ length: n }, (_, i) => i).filter((i) => !present.has(i) && i < total);
    for (const i of absent) lines.push(`  shard ${i}/${n} is missing: compute it with \`escapelab simulate --scenario <scenario>${method} --shard ${i}/${n} --out <file>\``);
  } else if (strides.size > 1 || parts.every((p) => p.have >= p.work.count)) {
    lines.push(`  the files' shards do not cover the run: compute the missing ${kind} with \`escapelab simulate --scenario <scenario>${method} --shard i/n --out <file>\` (the shards of one n), then merge every shard`);
  }
  lines.push('  then merge again with every file.');
  return lines;
}
