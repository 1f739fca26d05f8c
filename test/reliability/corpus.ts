/**
 * The reliability corpus (docs/cli.md "Reliability suite"): scenario files that are malformed, hostile or
 * extreme, each with what `escapelab theory` and `escapelab simulate` must do with it. The cases are generated
 * from three valid bases (the double-well Langevin example, the discrete-SGD example, the 3-D eigen-saddle
 * example) by corpus-schema.ts (types, missing and unknown keys, prototype keys), corpus-hostile.ts
 * (expressions, names, extreme numbers) and corpus-files.ts (sizes, nesting, non-JSON files). CLI misuses are
 * in misuse.ts; expectations and helpers in corpus-util.ts.
 */
import { OK, bases, both, json, type ScenarioCase } from './corpus-util.js';
import { schemaCases } from './corpus-schema.js';
import { hostileCases } from './corpus-hostile.js';
import { fileCases } from './corpus-files.js';

export * from './corpus-util.js';

/** The whole scenario corpus; `names` are unique. */
export function scenarioCases(): ScenarioCase[] {
  const b = bases();
  const cases: ScenarioCase[] = [
    both('base/langevin', json(b.langevin), OK, { smoke: true }),
    both('base/discrete', json(b.discrete), OK),
    both('base/nd', json(b.nd), OK),
    ...schemaCases(b),
    ...hostileCases(b),
    ...fileCases(b),
  ];
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate reliability case ${c.name}`);
    seen.add(c.name);
  }
  return cases;
}
