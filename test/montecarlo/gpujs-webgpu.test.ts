/**
 * gpujs-webgpu: the same checks as the other gpu.js backends where a WebGPU adapter exists. Where none exists
 * the tests are skipped and the reason is printed (the only permitted skip, issue 6 item 3).
 */
import { describe, expect, it } from 'vitest';
import { unavailableReason } from '../../src/montecarlo/gpujs/gpu.js';
import { uniformMismatches } from '../../src/montecarlo/gpujs/validate.js';
import { validateBackend } from './gpujs-helpers.js';

const why = await unavailableReason('gpujs-webgpu');
if (why) console.log(`gpujs-webgpu tests not run: ${why}`);

describe.skipIf(why !== null)('gpujs-webgpu', () => {
  it('draws uniforms bit-identical to the host reference', async () => {
    expect(await uniformMismatches('gpujs-webgpu')).toBe(0);
  });
  for (const name of ['langevin', 'sgd-hessian']) {
    it(`${name}: validated against float64 cpu and the exact MFPT`, async () => {
      const v = await validateBackend('gpujs-webgpu', name);
      expect(v.exactInside && v.overlap && v.ksP >= 1e-3).toBe(true);
    });
  }
});
