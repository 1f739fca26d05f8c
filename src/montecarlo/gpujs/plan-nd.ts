/**
 * What the n-D gpu.js kernel (source-nd.ts) takes — expression landscapes, white noise, Itô or a constant 𝒟,
 * 2 ≤ n ≤ 8, no discrete optimizers — as kernel pieces, and its float32 guard.
 */
import type { EscapeProblem } from '../../scenario/problem.js';
import { MODEL_DEFAULTS, preconditioner, type ModelSpec } from '../../dynamics/models.js';
import { lit } from './source.js';
import { MAX_DIM, gradientStatements, type NDModelCode } from './source-nd.js';
import { MIN_INCREMENT_ULPS, float32Ulp } from './tables.js';
import { unsupported } from './rule.js';

const bad = unsupported;

/** The kernel pieces of an n-D scenario, or a ScenarioError naming the field that rules the gpujs backends out. */
export function planND(c: EscapeProblem): { gradient: string; model: NDModelCode } {
  const n = c.dim;
  if (n > MAX_DIM) throw bad('scenario.landscape', `the gpujs backends run n-D scenarios up to n = ${MAX_DIM} (this one has ${n})`);
  if (c.discrete) throw bad('scenario.dynamics.discrete', 'the gpujs backends run discrete optimizers in 1-D only');
  const source = (c.landscape as { source?: { gradient?: string } }).source?.gradient;
  if (!source) throw bad('scenario.landscape', 'in n-D the gpujs kernels evaluate the gradient of an expression landscape ({ "expr": ... }), not a built-in');
  const spec = c.model!.spec as ModelSpec;
  if (spec.model === 'langevin') {
    return { gradient: gradientStatements(source, n), model: { P: null, momentFactor: 0, momentFloor: 0, q: 0, sigmaScale: Math.sqrt(2 * spec.temperature) } };
  }
  if (spec.noise.kind !== 'white') throw bad('scenario.dynamics.noise.kind', `in n-D the gpujs kernels take 'white' noise (got '${spec.noise.kind}')`);
  if (spec.convention === 'hanggi' && spec.model !== 'sgd') throw bad('scenario.dynamics.convention', `in n-D the gpujs kernels take 'ito' for ${spec.model} (the Hänggi drift needs ∇·𝒟)`);
  const eps = spec.eps ?? MODEL_DEFAULTS.eps, p = spec.p ?? 0;
  const P: Record<string, string | null> = {
    sgd: null,
    adam: `1.0 / (Math.sqrt(v) + ${lit(eps)})`,
    invadam: `Math.sqrt(v) + ${lit(eps)}`,
    padam: `Math.pow(Math.sqrt(v) + ${lit(eps)}, ${lit(-2 * p)})`,
    power: `Math.pow(v, ${lit(-p)})`,
    adamomentum: '1.0 / Math.sqrt(v)',
  };
  const pre = preconditioner(spec);
  const sigma = Math.sqrt(spec.noise.variance);
  return {
    gradient: gradientStatements(source, n),
    model: { P: P[spec.model], momentFactor: pre.momentFactor, momentFloor: pre.momentFloor, q: spec.noise.variance / spec.batch, sigmaScale: Math.sqrt(spec.lr / spec.batch) * sigma },
  };
}

/**
 * The float32 guard in n-D: the noise increments σᵢ·√dt at the start (the diffusion there, as the drift vanishes at
 * a minimum) against the ulp of the largest |level| of the start, walls and exits (tables.ts's threshold).
 */
export function guardND(c: EscapeProblem): string[] {
  const spec = c.model!.spec as ModelSpec;
  const g = new Float64Array(c.dim);
  c.landscape.gradient(c.start, g);
  let smallest = Infinity;
  if (spec.model === 'langevin') smallest = Math.sqrt(2 * spec.temperature * c.dt);
  else {
    const pre = preconditioner(spec), d = new Float64Array(1);
    const variance = spec.noise.kind === 'white' ? spec.noise.variance : 0;
    for (let i = 0; i < c.dim; i++) {
      const P = pre.P(g[i] * g[i] + pre.momentFactor * variance / spec.batch + pre.momentFloor, d);
      smallest = Math.min(smallest, Math.sqrt((spec.lr / spec.batch) * variance * c.dt) * P);
    }
  }
  const X = Math.max(...c.start.map(Math.abs), ...[...c.passage.exit, ...c.passage.reflect].map((b) => Math.abs(b.level)));
  const ulp = float32Ulp(X);
  return smallest > 0 && smallest < MIN_INCREMENT_ULPS * ulp
    ? [`float32: the noise increment per step at the start, ${smallest.toPrecision(3)}, is ${(smallest / ulp).toPrecision(3)} ulps of the float32 state ` +
      `(|x| ≤ ${X}); below ${MIN_INCREMENT_ULPS} ulps rounding distorts each step by more than 0.2%: use a larger dt or a float64 backend (cpu, workers)`]
    : [];
}
