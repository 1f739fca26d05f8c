/** The problems of a scenario that compileScenario must refuse (a ScenarioError), for the validation tests. */
import { expect } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { ScenarioError } from '../../src/scenario/errors.js';

export function problems(sc: unknown): { field: string; message: string }[] {
  try {
    compileScenario(sc);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  throw new Error('scenario was accepted');
}
