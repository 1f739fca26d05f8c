/**
 * Whether the gpu.js backends take a problem, decided from the problem alone (no tabulation, no kernel): the
 * engine's `auto` choice and the runner ask the same question. The answer is null or the FieldError that names
 * the field ruling them out.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { FieldError } from '../../field-error.js';
import { isLevelExit } from '../../dynamics/passage.js';
import { ScenarioError } from '../../scenario/errors.js';
import { discreteRule } from './rule.js';
import { checkGaussianNoise, interval } from './tables.js';
import { planND } from './plan-nd.js';

/** the most exit boundaries a gpu.js kernel checks per step */
export const GPUJS_MAX_EXITS = 3;

function check(c: EscapeProblem): void {
  if (c.scenario.simulation.coefficients === 'tabulated') {
    throw new ScenarioError([{ field: 'scenario.simulation.coefficients', message: "'tabulated' is a float64 CPU path (cpu, workers); the gpujs backends tabulate in float32 on their own" }]);
  }
  const level = c.passage.exit.findIndex(isLevelExit);
  if (level >= 0) {
    const field = c.passage.exit.length > 1 ? `scenario.exit[${level}]` : 'scenario.exit';
    throw new ScenarioError([{ field, message: 'the gpujs backends check coordinate exits { "var", "above" | "below" } only, not an expression exit; use cpu or workers' }]);
  }
  if (c.passage.exit.length > GPUJS_MAX_EXITS) {
    throw new ScenarioError([{ field: 'scenario.exit', message: `the gpujs backends handle at most ${GPUJS_MAX_EXITS} exit boundaries (got ${c.passage.exit.length}); use cpu or workers` }]);
  }
  if (c.dim > 1) { planND(c); return; }
  if (c.discrete) discreteRule(c);
  interval(c);
  checkGaussianNoise(c);
}

/** null when the gpu.js backends take this problem, else why not. */
export function gpujsSupport(c: EscapeProblem): FieldError | null {
  try {
    check(c);
    return null;
  } catch (e) {
    if (e instanceof FieldError) return e;
    throw e;
  }
}
