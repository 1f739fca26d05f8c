/**
 * Statistical validation of a backend against the float64 `cpu` engine and the exact MFPT (design.md §4:
 * every backend earns its place). Used by `escapelab backends --validate` (which caches the verdicts for
 * `auto`) and by the tests.
 *
 * Checks, each at a fixed seed: (1) the generator's uniforms are bit-identical to the host reference
 * (rng/f32gen.ts); (2) the exact MFPT lies inside the backend's 95% CI; (3) the two-sample Kolmogorov–Smirnov
 * test against a float64 `cpu` run of the same scenario (independent streams) gives p ≥ 1e-3;
 * (4) the two 95% CIs overlap.
 */
import { compileScenario, type EscapeProblem } from '../../scenario/compile.js';
import { theoryOfSystem } from '../../theory/scenario.js';
import { summarize } from '../summary.js';
import { ks2PValue, ks2Statistic } from '../../stats/kolmogorov.js';
import { EXITED } from '../state.js';
import { F32Stream, seedF32State } from '../../rng/f32gen.js';
import { createGpu, type GpujsBackend } from './gpu.js';
import { uniformsSource } from './source.js';
import type { EnsembleRun } from '../engine.js';
import type { Verdict } from './types.js';

export type { Verdict } from './types.js';

export function exitTimes(run: Pick<EnsembleRun, 'results'>): Float64Array {
  const r = run.results, out: number[] = [];
  for (let p = 0; p < r.status.length; p++) if (r.status[p] === EXITED) out.push(r.time[p]);
  return Float64Array.from(out);
}

/** Number of (trajectory, draw) pairs where the backend's uniforms differ from the host reference. */
export async function uniformMismatches(backend: GpujsBackend, trajectories = 256, draws = 64): Promise<number> {
  const key: [number, number] = [0x1234567, 0x89abcdef];
  const st = [0, 1, 2, 3].map(() => new Float32Array(trajectories));
  for (let i = 0; i < trajectories; i++) {
    const s = seedF32State(key, i);
    for (let j = 0; j < 4; j++) st[j][i] = s[j];
  }
  const gpu = createGpu(backend);
  try {
    const k = gpu.createKernel(uniformsSource(draws), { output: [draws, trajectories], precision: 'single', loopMaxIterations: draws + 1 });
    const out = (await k(...st)) as Float32Array[];
    let bad = 0;
    for (let i = 0; i < trajectories; i++) {
      const ref = F32Stream.forTrajectory(key, i);
      for (let c = 0; c < draws; c++) if (out[i][c] !== ref.nextUniform()) bad++;
    }
    k.destroy?.();
    return bad;
  } finally {
    void gpu.destroy();
  }
}


/**
 * Run `scenario` on `backend` and on float64 `cpu` (the caller passes both runs, made with the same seed and
 * trajectory count) and apply checks (2)–(4).
 */
export function compareRuns(c: EscapeProblem, backend: string, run: EnsembleRun, reference: EnsembleRun): Verdict {
  const exact = theoryOfSystem(c).mfpt.exact;
  if (exact === null) throw new Error(`validation needs a scenario with an exact MFPT (${c.name} has none)`);
  const s = summarize(c, run.results, run), r = summarize(c, reference.results, reference);
  if (!s.mfpt || !r.mfpt) throw new Error(`validation run of ${backend} gave no mean: ${s.error ?? r.error}`);
  const a = exitTimes(run), b = exitTimes(reference);
  const ksD = ks2Statistic(a, b), ksP = ks2PValue(ksD, a.length, b.length);
  const exactInside = s.mfpt.ci95[0] <= exact && exact <= s.mfpt.ci95[1];
  const overlap = s.mfpt.ci95[0] <= r.mfpt.ci95[1] && r.mfpt.ci95[0] <= s.mfpt.ci95[1];
  return {
    backend, scenario: c.name, exact, estimate: s.mfpt.estimate, ci95: s.mfpt.ci95,
    reference: { estimate: r.mfpt.estimate, ci95: r.mfpt.ci95 }, ksD, ksP, exactInside, overlap,
    passed: exactInside && overlap && ksP >= 1e-3 && s.blowups === 0,
    stepsPerSecond: s.stepsPerSecond,
  };
}

/** The scenario `escapelab backends --validate` uses: Kramers' double well at T = 0.5 (MFPT ≈ 6.4, fast). */
export function validationScenario(trajectories: number, seed: number | string = 'validate') {
  return compileScenario({
    name: 'validate-langevin',
    landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } },
    start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
    dynamics: { model: 'langevin', temperature: 0.5 },
    simulation: { trajectories, dt: 1e-3, maxTime: 1e4, seed },
  });
}
