/**
 * Our optimizers against the official implementations themselves, run in PyTorch (float64) on fixed gradient
 * sequences and recorded as fixtures (data produced by the official code, not by ours):
 *  - fixtures/torch-optim.json: torch.optim SGD (momentum, dampening, Nesterov, weight decay), Adam, AdamW,
 *    Adam(amsgrad), by `python3 sims/reference/torch_optim.py`;
 *  - fixtures/official-optim.json: the authors' DualAdam, Padam, AdaM3 (rectify=False), Adai and AdaBound classes,
 *    by `python3 sims/reference/official_optim.py <folder with the official files>`.
 * Both recorded with torch 2.13.0+cpu.
 * Tolerance: float64 round-off only. PyTorch and we order some operations differently (e.g. its lerp for m), so
 * each coordinate may differ by a few ulps of the quantities along the path; we allow 1e-12 of the path length
 * Σ|Δθ| + |θ₀|, i.e. ~10³ ulps, far below what any difference in the rule would leave.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createOptimizer, type Hyper } from '../../src/optimizers/index.js';

interface Case { name: string; torch?: string; official?: string; kwargs: Record<string, unknown>; hyper: Hyper; theta0: number[]; grads: number[][]; trajectory: number[][] }
const load = (f: string) => JSON.parse(readFileSync(`test/optimizers/fixtures/${f}`, 'utf8')) as { torch: string; cases: Case[] };

for (const [file, label] of [['torch-optim.json', 'torch.optim'], ['official-optim.json', "the authors' classes"]] as const) {
 const fixture = load(file);
 describe(`${label} (torch ${fixture.torch}) trajectories`, () => {
  for (const c of fixture.cases) {
    it(`${c.name} ${JSON.stringify(c.hyper)} vs ${c.torch ? `torch.optim.${c.torch}` : c.official}(${JSON.stringify(c.kwargs)}), dim ${c.theta0.length}, ${c.grads.length} steps`, () => {
      const opt = createOptimizer(c.name, c.hyper);
      const p = Float64Array.from(c.theta0);
      const s = opt.init(p);
      let path = c.theta0.reduce((a, x) => a + Math.abs(x), 0);
      let prev = c.theta0;
      let worst = 0;
      c.grads.forEach((g, k) => {
        opt.step(p, Float64Array.from(g), s);
        const ref = c.trajectory[k];
        path += ref.reduce((a, x, i) => a + Math.abs(x - prev[i]), 0);
        prev = ref;
        for (let i = 0; i < ref.length; i++) {
          worst = Math.max(worst, Math.abs(p[i] - ref[i]) / (1 + path));
          expect(Math.abs(p[i] - ref[i]), `step ${k + 1}, coordinate ${i}`).toBeLessThanOrEqual(1e-12 * (1 + path));
        }
      });
      console.log(`${c.name} vs ${c.torch ?? c.official}: max |Δθ|/(1 + path) = ${worst.toExponential(2)}`);
    });
  }
 });
}
