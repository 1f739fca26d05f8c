/**
 * Throughput of CounterStream — a measurement script, not a test. Run:
 *   npx tsx test/rng/bench-rng.ts
 * Reports million draws per second of process CPU time (user + system; less sensitive to
 * other processes on a shared machine than wall time) and of wall time, best of 6 timed
 * passes of 2·10^7 draws after 2 warm-up passes.
 */
import { makeStream } from '../../src/rng/index.js';

const PASS = 20_000_000;

function best(label: string, body: () => number): void {
  let sink = 0;
  let bestCpu = 0;
  let bestWall = 0;
  for (let rep = 0; rep < 8; rep++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink += body();
    const wall = Number(process.hrtime.bigint() - t0) * 1e-9;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) * 1e-6;
    if (rep >= 2) {
      bestCpu = Math.max(bestCpu, PASS / cpu);
      bestWall = Math.max(bestWall, PASS / wall);
    }
  }
  console.log(
    `${label.padEnd(9)} ${(bestCpu / 1e6).toFixed(1).padStart(6)} M/s (CPU time)  ${(bestWall / 1e6).toFixed(1).padStart(6)} M/s (wall)   [checksum ${sink.toFixed(3)}]`,
  );
}

const s = makeStream(12345, 'bench');
best('normals', () => {
  let acc = 0;
  for (let k = 0; k < PASS; k++) acc += s.nextNormal();
  return acc;
});
best('uniforms', () => {
  let acc = 0;
  for (let k = 0; k < PASS; k++) acc += s.nextUniform();
  return acc;
});
best('uint32', () => {
  let acc = 0;
  for (let k = 0; k < PASS; k++) acc ^= s.nextUint32();
  return acc;
});
