/**
 * Test-only: the escape-time validation of a gpu.js backend against float64 `cpu` and the exact MFPT
 * (validate.ts compareRuns), on the two scenarios of issue 6 item 4.
 */
import { readFileSync } from 'node:fs';
import { compileScenario, type EscapeProblem } from '../../src/scenario/compile.js';
import { runEnsemble, type EnsembleRun } from '../../src/montecarlo/engine.js';
import { compareRuns, validationScenario, type Verdict } from '../../src/montecarlo/gpujs/validate.js';
import type { GpujsBackend } from '../../src/montecarlo/gpujs/gpu.js';

export const N_VALIDATE = 2000;

export const example = (name: string) => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));

/** langevin: Kramers' double well at T = 0.5 (exact MFPT 8.757); sgd: well-barrier with Hessian noise (19.590) */
export const SCENARIOS: Record<string, () => EscapeProblem> = {
  langevin: () => validationScenario(N_VALIDATE, 1),
  'sgd-hessian': () => compileScenario(example('well-barrier-sgd'), { trajectories: N_VALIDATE, seed: 1 }),
};

const references = new Map<string, Promise<EnsembleRun>>();
export function reference(name: string, c: EscapeProblem): Promise<EnsembleRun> {
  if (!references.has(name)) references.set(name, runEnsemble(c, { work: { first: 0, stride: 1, count: N_VALIDATE }, backend: 'cpu' }));
  return references.get(name)!;
}

export async function validateBackend(backend: GpujsBackend, name: string): Promise<Verdict> {
  const c = SCENARIOS[name]();
  const run = await runEnsemble(c, { work: { first: 0, stride: 1, count: N_VALIDATE }, backend });
  const v = compareRuns(c, backend, run, await reference(name, c));
  console.log(`${backend} ${name}: exact ${v.exact.toFixed(3)}, ${v.estimate.toFixed(3)} [${v.ci95[0].toFixed(3)}, ${v.ci95[1].toFixed(3)}], ` +
    `cpu ${v.reference.estimate.toFixed(3)} [${v.reference.ci95[0].toFixed(3)}, ${v.reference.ci95[1].toFixed(3)}], KS D ${v.ksD.toFixed(4)} p ${v.ksP.toPrecision(3)}, ` +
    `${(v.stepsPerSecond / 1e6).toFixed(2)}e6 steps/s`);
  return v;
}
