/**
 * Scenario JSON → a validated Scenario (zod schema, defaults filled in), with command-line overrides of the
 * simulation block applied first. Unknown keys are named together with the keys allowed there.
 */
import { amsSchema, exitEntrySchema, datasetNoiseSchema, discreteDynamicsSchema, discreteScenarioSchema, lossExitSchema, minibatchNoiseSchema, dynamicsSchema, noiseSchema, scenarioSchema, simulationSchema, type Scenario } from './schema.js';
import { ScenarioError, fromZod } from './errors.js';
import { rejectForbiddenKeys } from './own-keys.js';
import { networkAllowedKeys } from './network-schema.js';

/** Command-line overrides of the scenario's simulation block. */
export interface SimulationOverrides {
  trajectories?: number;
  seed?: number | string;
  backend?: string;
  dt?: number;
  maxTime?: number;
  integrator?: string;
  bridge?: boolean;
  method?: string;
}

function keysOf(schema: unknown): string[] | undefined {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : undefined;
}

function allowedKeys(input: unknown) {
  return (path: readonly PropertyKey[]): string[] | undefined => {
    const p = path.join('.');
    if (p === '') return keysOf(scenarioSchema);
    if (p === 'simulation') return keysOf(simulationSchema);
    if (p === 'simulation.ams') return keysOf(amsSchema);
    if (p === 'simulation.ams.score') return ['expr', 'params'];
    if (/^exit(\.\d+)?$/.test(p)) return keysOf(exitEntrySchema);
    if (/^exit(\.\d+)?\.loss$/.test(p)) return keysOf(lossExitSchema);
    if (p.startsWith('landscape.network')) return networkAllowedKeys(p, input);
    const dyn = (input as { dynamics?: { model?: unknown; discrete?: unknown; noise?: { kind?: unknown } } })?.dynamics;
    if (p === 'dynamics' && dyn?.discrete !== undefined) return keysOf(discreteDynamicsSchema);
    if (p === 'dynamics') {
      const opt = dynamicsSchema.options.find((o) => o.shape.model.value === dyn?.model);
      return opt ? keysOf(opt) : undefined;
    }
    if (p === 'dynamics.noise' && dyn?.noise?.kind === 'minibatch') return keysOf(minibatchNoiseSchema);
    if (p === 'dynamics.noise' && dyn?.noise?.kind === 'dataset') return keysOf(datasetNoiseSchema);
    if (p === 'dynamics.noise') {
      const opt = noiseSchema.options.find((o) => o.shape.kind.value === dyn?.noise?.kind);
      return opt ? keysOf(opt) : undefined;
    }
    return undefined;
  };
}

export function parseScenario(input: unknown, overrides: SimulationOverrides = {}): Scenario {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError([{ field: 'scenario', message: 'must be a JSON object' }]);
  }
  rejectForbiddenKeys(input);
  const merged = { ...(input as Record<string, unknown>) };
  const sim = { ...((merged.simulation as Record<string, unknown>) ?? {}) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) sim[k] = v;
  if (merged.simulation !== undefined || Object.keys(sim).length) merged.simulation = sim;
  const dyn = merged.dynamics as { discrete?: unknown } | undefined;
  const discrete = typeof dyn === 'object' && dyn !== null && 'discrete' in dyn;
  const r = (discrete ? discreteScenarioSchema : scenarioSchema).safeParse(merged);
  if (!r.success) throw fromZod(r.error, merged, allowedKeys(merged));
  return r.data;
}
