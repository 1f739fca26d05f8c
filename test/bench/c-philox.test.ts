import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cPhiloxNormals, hexFloat, runCPhiloxBaseline, w1NoiseKey } from '../../src/bench/c-philox.js';
import { benchBackend } from '../../src/bench/w1.js';
import { isBaselineResult } from '../../src/bench/baselines.js';
import { CounterStream } from '../../src/rng/stream.js';
import { streamKey } from '../../src/rng/seed.js';
import { ZIGGURAT_R } from '../../src/rng/ziggurat.js';
import { selectRows } from '../../src/cli/bench.js';

const hasGcc = (() => {
  try { execFileSync('gcc', ['-dumpfullversion'], { stdio: 'ignore' }); return true; } catch { return false; }
})();

describe('hexFloat', () => {
  it('writes exact C hex-float literals', () => {
    expect(hexFloat(1)).toBe('0x1.0000000000000p+0');
    expect(hexFloat(-0.5)).toBe('-0x1.0000000000000p-1');
    expect(hexFloat(0.1)).toBe('0x1.999999999999ap-4');
    expect(hexFloat(5e-324)).toBe('0x0.0000000000001p-1022');
    expect(hexFloat(-0)).toBe('-0x0p+0');
  });
});

describe('bench --only', () => {
  it('keeps the named rows, rejects unknown names', () => {
    const specs = ['cpu', 'c-philox', 'numpy'].map((name) => ({ name, group: 'w1' as const, run: async () => ({ impl: name, unavailable: '' }) }));
    expect(selectRows(specs, 'numpy, cpu').map((s) => s.name)).toEqual(['cpu', 'numpy']);
    expect(() => selectRows(specs, 'cpu,nope')).toThrow(/unknown row\(s\) nope; rows: cpu, c-philox, numpy/);
  });
});

describe.skipIf(!hasGcc)('c-philox baseline (sims/bench/baselines/w1_philox.c; skipped: gcc not found)', () => {
  it('draws CounterStream\'s normals: fast path and wedge bit for bit, tail within 1 ulp (libm log), same words', async () => {
    const key = streamKey(7, 'noise');
    for (const traj of [0, 5, 2 ** 32 + 3]) {
      const c = await cPhiloxNormals(key, traj, 100_000);
      if ('unavailable' in c) throw new Error(c.unavailable);
      const s = new CounterStream(key);
      s.seek(traj, 0);
      let tails = 0, off = 0;
      for (let i = 0; i < c.normals.length; i++) {
        const z = s.nextNormal();
        if (Math.abs(z) > ZIGGURAT_R) {
          tails++;
          if (!Object.is(z, c.normals[i])) off++;
          expect(Math.abs(c.normals[i] - z)).toBeLessThanOrEqual(Math.abs(z) * 2 ** -52);
        } else if (!Object.is(z, c.normals[i])) {
          throw new Error(`trajectory ${traj}, normal ${i}: C ${c.normals[i]} vs CounterStream ${z}`);
        }
      }
      expect(c.normals.length).toBe(100_000);
      expect(tails).toBeGreaterThan(20); // the tail path ran
      expect(off).toBeLessThan(tails / 10);
      expect(c.words).toBe(s.word); // wedge/tail restarts drew the same words
    }
  });

  it('W1: the same steps and mean exit time as the cpu backend', async () => {
    const [cpu, c] = [await benchBackend('cpu', 200), await runCPhiloxBaseline({ trajectories: 200, maxSteps: 1e7, seed: 1 })];
    if (!isBaselineResult(c)) throw new Error(c.unavailable);
    expect(w1NoiseKey(1)).toEqual(streamKey(1, 'noise'));
    expect(c.impl).toBe('c-philox');
    expect(c.steps).toBe(cpu.steps);
    expect(c.escaped).toBe(200);
    expect(c.meanExitTime).toBe(cpu.meanExitTime);
  });
});
