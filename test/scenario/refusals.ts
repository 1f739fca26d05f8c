/** The refusal of a scenario that a compiler must refuse (a ScenarioError), for the validation tests. */
import { expect } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { ScenarioError } from '../../src/scenario/errors.js';

/** the ScenarioError that `compile(sc)` throws (a test failure if it accepts sc or throws anything else) */
export function refused(compile: (sc: unknown) => unknown, sc: unknown): ScenarioError {
  try {
    compile(sc);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('scenario was accepted');
}

/** the problems of a scenario compileScenario must refuse */
export const problems = (sc: unknown): { field: string; message: string }[] => refused(compileScenario, sc).problems;
