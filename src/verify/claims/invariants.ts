/**
 * Deterministic invariants (design.md §7 item 12), checked as fast-check properties: evidence `identity`
 * (HOLDS / FAILS); the verdict counts violating cases as the convergence claims do (Clopper–Pearson on the
 * violation rate).
 */
import fc from 'fast-check';
import { ndadam } from '../../optimizers/ndadam.js';
import { gradientRatios } from '../../optimizers/bn-softmax.js';
import type { Claim, RunSize } from '../claim.js';
import { propertyMeasurement } from './convergence.js';

const RUNS: Record<RunSize, number> = { quick: 300, full: 5000 };
const PRECISION: Record<RunSize, number> = { quick: 0.02, full: 0.002 };

/**
 * ND-Adam, paper form (Algorithm 1): after every step ‖w_i‖ = 1; v(w_i) is one scalar ≥ 0 per vector, equal to
 * the recursion of ‖g_t‖² with g_t = ḡ − (ḡ·w)w (which is orthogonal to w); and w_t is the normalised
 * w_{t−1} − α m̂_t/(√v̂_t + ε), with m̂ from the tangent gradients (all written out here, independently).
 */
export const ndadamInvariants: Claim = {
  id: 'ndadam-invariants',
  source: 'Zhang, Ma, Li & Wu, ND-Adam (arXiv 1709.04546), Algorithm 1, Eqs. 9, 12, 13 (sources.md §6 item 10)',
  statement: 'ND-Adam keeps ‖w_i‖ = 1, uses one scalar v ≥ 0 per vector built from the tangent gradient g ⟂ w, and moves along −m̂ before renormalising',
  evidence: 'identity', attribution: 'paper',
  protocol: { quick: `${RUNS.quick} random gradient sequences (vectors of size 2–6, 1–4 vectors, up to 40 steps)`, full: `${RUNS.full} sequences` },
  async run(size) {
    let covered = 0;
    const details = fc.check(fc.property(
      fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (k, nv, steps, seed) => {
        covered++;
        let u = seed;
        const rnd = () => { u = (Math.imul(u, 1664525) + 1013904223) >>> 0; return u / 2 ** 32 - 0.5; };
        const lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const opt = ndadam({ vectorSize: k, form: 'paper', lr, beta1: b1, beta2: b2, eps });
        const w = Float64Array.from({ length: k * nv }, rnd);
        const s = opt.init(w);
        const m = new Float64Array(k * nv), v = new Float64Array(nv);
        for (let t = 1; t <= steps; t++) {
          const g = Float64Array.from({ length: k * nv }, () => 3 * rnd());
          const prev = Float64Array.from(w);
          opt.step(w, g, s);
          for (let q = 0; q < nv; q++) {
            const o = q * k;
            let dot = 0, n2 = 0, g2 = 0, tw = 0;
            for (let j = 0; j < k; j++) dot += g[o + j] * prev[o + j];
            const gt = Array.from({ length: k }, (_, j) => g[o + j] - dot * prev[o + j]);
            for (let j = 0; j < k; j++) { tw += gt[j] * prev[o + j]; g2 += gt[j] ** 2; m[o + j] = b1 * m[o + j] + (1 - b1) * gt[j]; }
            v[q] = b2 * v[q] + (1 - b2) * g2;
            if (Math.abs(tw) > 1e-12 * Math.sqrt(g2 + 1)) return false;                // g ⟂ w
            const vs = (s.v as Float64Array)[q];
            if (!(vs >= 0) || Math.abs(vs - v[q]) > 1e-12 * (v[q] + 1e-300)) return false; // one scalar, the ‖g‖² recursion
            const scale = lr / (Math.sqrt(v[q] / (1 - b2 ** t)) + eps) / (1 - b1 ** t);
            const bar = Array.from({ length: k }, (_, j) => prev[o + j] - scale * m[o + j]);
            const nb = Math.hypot(...bar);
            for (let j = 0; j < k; j++) {
              n2 += w[o + j] ** 2;
              if (Math.abs(w[o + j] - bar[j] / nb) > 1e-12) return false;               // w_t = normalise(w − α m̂/(√v̂+ε))
            }
            if (Math.abs(n2 - 1) > 1e-12) return false;                                  // ‖w‖ = 1
          }
        }
        return true;
      }), { numRuns: RUNS[size], seed: 7 });
    return propertyMeasurement(details, covered, PRECISION[size], 'cases with an invariant broken (tolerance 1e-12)');
  },
};

/** BN-Softmax gradient-ratio limits (ND-Adam §4, Eqs. 20–22), on random distinct logits and class counts. */
export const bnSoftmaxLimits: Claim = {
  id: 'bn-softmax-limits',
  source: 'Zhang, Ma, Li & Wu, ND-Adam (arXiv 1709.04546), §4, Eqs. 20–22 (sources.md §6 item 11)',
  statement: 'The logit-gradient ratio |∂L/∂z_c̄ / ∂L/∂z_ĉ| → 1/(|C|−1) as the logit scale η → 0, and → 1 (largest non-target) / 0 (the others) as η → ∞',
  evidence: 'identity', attribution: 'paper',
  protocol: { quick: `${RUNS.quick} random logit vectors (|C| = 2–100), η = 10⁻⁶ and η = 50/(smallest logit gap)`, full: `${RUNS.full} vectors` },
  async run(size) {
    let covered = 0;
    const details = fc.check(fc.property(
      fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 100 }), fc.nat(),
      (zi, tpick) => {
        covered++;
        const z = zi.map((x) => x / 100), C = z.length, target = tpick % C;
        const small = gradientRatios(z, target, 1e-6);
        for (let i = 0; i < C; i++) if (i !== target && Math.abs(small[i] * (C - 1) - 1) > 1e-4) return false;
        const sorted = [...z].sort((a, b) => a - b);
        let gap = Infinity;
        for (let i = 1; i < C; i++) gap = Math.min(gap, sorted[i] - sorted[i - 1]);
        const big = gradientRatios(z, target, 50 / gap);
        let top = -1;
        for (let i = 0; i < C; i++) if (i !== target && (top < 0 || z[i] > z[top])) top = i;
        for (let i = 0; i < C; i++) {
          if (i === target) continue;
          if (i === top ? Math.abs(big[i] - 1) > 1e-6 : big[i] > 1e-6) return false;
        }
        return true;
      }), { numRuns: RUNS[size], seed: 8 });
    return propertyMeasurement(details, covered, PRECISION[size], 'logit vectors violating a limit (tolerances 1e-4 at η = 10⁻⁶, 1e-6 at η = 50/gap)');
  },
};

export const INVARIANT_CLAIMS: Claim[] = [ndadamInvariants, bnSoftmaxLimits];
