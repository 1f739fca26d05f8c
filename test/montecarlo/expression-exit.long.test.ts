/**
 * Exit sets given as an expression of the state, { "expr": f, "above" | "below": c } (docs/scenarios.md), in the
 * float64 kernels: the exit test, the Brownian-bridge correction with σ_g² = ∇fᵀσσᵀ∇f (level-exit.ts), and the
 * refusals of the solvers that take coordinate exits only.
 *
 * 1. An expression exit equal to a coordinate ("x" above e) runs the same arithmetic as the coordinate exit, so
 *    the per-trajectory results (and the random numbers drawn) are bit-identical: 1-D with the bridge and with
 *    Milstein, n-D with diagonal and with full noise, a discrete optimizer, cpu and workers.
 * 2. A rotated problem: the decoupled 2-D quartic of ams.long.test.ts rotated by a Givens rotation, with the landscape
 *    written in the rotated variables and the exit x ≥ 0.5 as a linear expression of them. With isotropic additive
 *    noise the rotated chain is the unrotated one in law (and the bridge is exact for a linear f), so
 *    H0: the two exit-time samples come from one distribution whose mean is the 1-D quadrature (up to the chain's
 *    step bias, ≈ 0.5% at dt = 0.01 against a 2.2% standard error). Checks: two-sample z on the means |z| < 3,
 *    two-sample KS p ≥ 1e-3, and the exact MFPT within 3 standard errors of the rotated mean.
 * 3. The Ornstein–Uhlenbeck exit from a ball, L = (H/2)|θ|², 𝒟 = T·I, start 0, exit |θ|² ≥ R²: exact MFPT by radial
 *    quadrature (expression-problems.ts), checked against the closed form in 2-D. H0: the direct Monte Carlo mean
 *    estimates it; |z| < 3 with z = (mean − exact)/SE (the step bias at dt = 0.002 is ≈ 1%, against an SE of 1.3%).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { runEnsemble, resolveBackend } from '../../src/montecarlo/engine.js';
import { summarize } from '../../src/montecarlo/summary.js';
import { gpujsSupport } from '../../src/montecarlo/gpujs/support.js';
import { writeCache } from '../../src/montecarlo/gpujs/auto.js';
import { ks2PValue, ks2Statistic } from '../../src/stats/kolmogorov.js';
import type { TrajectoryResults } from '../../src/montecarlo/state.js';
import type { FieldError } from '../../src/field-error.js';
import { bytes } from '../helpers.js';
import { decoupled, ouBall, ouMfpt, ouMfpt2D, quartic, rotated } from './expression-problems.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = 64;
const run = async (sc: unknown, backend: 'cpu' | 'workers' = 'cpu', count = N) => {
  const c = compileScenario(sc);
  const r = await runEnsemble(c, { work: { first: 0, stride: 1, count }, backend });
  return { c, r, s: summarize(c, r.results, r) };
};
function same(a: TrajectoryResults, b: TrajectoryResults): void {
  for (const k of ['time', 'status', 'boundary', 'steps'] as const) expect(bytes(a[k]).equals(bytes(b[k]))).toBe(true);
}

describe('an expression exit equal to a coordinate exit gives bit-identical trajectories', () => {
  const valley = { expr: '(x^2-1)^2 + (y-0.3*x)^2', vars: ['x', 'y'] };
  const cases: [string, Record<string, unknown>, unknown][] = [
    ['1-D, bridge, two exits', {
      landscape: { expr: 'h*(x^2-1)^2', vars: ['x'], params: { h: 1 } }, start: [-1], reflect: { var: 'x', below: -2 },
      dynamics: { model: 'langevin', temperature: 0.5 }, simulation: { trajectories: N, dt: 0.01, maxTime: 3, seed: 'expr' },
    }, [{ var: 'x', above: 0 }, { var: 'x', below: -1.6 }]],
    ['1-D, Milstein, Hänggi adam', {
      landscape: { builtin: 'well-barrier', Ha: 2, Hb: 1, dL: 0.1 }, start: 'minimum',
      dynamics: { model: 'adam', lr: 0.1, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'hanggi' },
      simulation: { trajectories: N, dt: 0.01, maxTime: 20, seed: 5, integrator: 'milstein' },
    }, { var: 'x', above: 1.5 }],
    ['3-D, full (Hessian) noise', {
      landscape: { builtin: 'eigen-saddle', Ha: 2, Hb: 1, dL: 0.1, minEigs: [3, 4], saddleEigs: [2, 5] }, start: 'minimum',
      dynamics: { model: 'sgd', lr: 0.2, batch: 1, noise: { kind: 'hessian', floor: 0.05 }, convention: 'ito' },
      simulation: { trajectories: N, dt: 0.01, maxTime: 20, seed: 9 },
    }, [{ var: 'x1', above: 1.5 }, { var: 'x2', below: -1 }]],
    ['2-D, diagonal noise', {
      landscape: valley, start: [-1, -0.3], dynamics: { model: 'langevin', temperature: 0.3 },
      simulation: { trajectories: N, dt: 0.01, maxTime: 50, seed: 3 },
    }, { var: 'x', above: 0.3 }],
    ['2-D discrete sgd', {
      landscape: valley, start: [-1, -0.3], reflect: { var: 'y', below: -2 },
      dynamics: { discrete: 'sgd', lr: 0.05, batch: 1, noise: { kind: 'white', variance: 8 } }, simulation: { trajectories: N, maxTime: 50, seed: 3 },
    }, { var: 'x', above: 0.3 }],
  ];
  const asExpr = (b: { var: string; above?: number; below?: number }) => {
    const { var: v, ...rest } = b;
    return { expr: v, ...rest };
  };
  for (const [name, sc, exit] of cases) {
    it(name, async () => {
      const ref = await run({ ...sc, exit });
      // every exit an expression, and (several exits) only the last one
      const all = Array.isArray(exit) ? exit.map(asExpr) : asExpr(exit as { var: string });
      const last = Array.isArray(exit) ? [...exit.slice(0, -1), asExpr(exit[exit.length - 1])] : all;
      expect(ref.s.escaped).toBeGreaterThan(0);
      same(ref.r.results, (await run({ ...sc, exit: all })).r.results);
      same(ref.r.results, (await run({ ...sc, exit: last }, 'workers')).r.results);
    });
  }
});

describe('a rotated problem: the expression exit is the rotated coordinate (direct Monte Carlo, ΔΦ = 3)', () => {
  it('rotated and unrotated exit times agree with each other and with the 1-D quadrature', async () => {
    const T = 1 / 12, M = 2000;
    const exact = theoryOfSystem(compileScenario(quartic(T))).mfpt.exact!;
    const sim = { trajectories: M, maxTime: 1e6 };
    const rot = await run(rotated(2, T, sim), 'cpu', M);
    const plain = await run(decoupled(2, T, { ...sim, seed: 2 }), 'cpu', M);
    const [a, b] = [rot.s.mfpt!, plain.s.mfpt!];
    const z = (a.estimate - b.estimate) / Math.hypot(a.se, b.se);
    const ks = ks2PValue(ks2Statistic(rot.r.results.time, plain.r.results.time), M, M);
    console.log(`ΔΦ = 3, 2-D rotated ${a.estimate.toPrecision(5)} ± ${a.se.toPrecision(3)}, unrotated ${b.estimate.toPrecision(5)} ± ${b.se.toPrecision(3)}, ` +
      `exact ${exact.toPrecision(6)}, z = ${z.toFixed(2)}, KS p = ${ks.toFixed(3)}, ${(rot.r.seconds + plain.r.seconds).toFixed(1)} s`);
    expect(rot.s.censored + plain.s.censored).toBe(0);
    expect(Math.abs(z)).toBeLessThan(3);
    expect(ks).toBeGreaterThan(1e-3);
    expect(Math.abs(a.estimate - exact)).toBeLessThan(3 * a.se);
  });
});

describe('Ornstein–Uhlenbeck exit from a ball (exit |θ|² ≥ R² as an expression)', () => {
  it('the radial quadrature matches the 2-D closed form', () => {
    for (const [H, T, R] of [[1, 1 / 6, 1], [2, 0.1, 1.5], [1, 0.05, 1]]) {
      expect(Math.abs(ouMfpt(2, H, T, R) / ouMfpt2D(H, T, R) - 1)).toBeLessThan(1e-10);
    }
  });

  it.each([2, 3])('direct Monte Carlo in %i-D at H R²/(2T) = 3 estimates the exact MFPT', async (d) => {
    const sc = ouBall(d, 3, { trajectories: 4000, dt: 0.002, maxTime: 1e4, seed: 7 });
    const exact = ouMfpt(d, 1, sc.dynamics.temperature, 1);
    const { s, r } = await run(sc, 'cpu', 4000);
    const m = s.mfpt!, z = (m.estimate - exact) / m.se;
    console.log(`OU ball ${d}-D, barrier 3: direct ${m.estimate.toPrecision(5)} ± ${m.se.toPrecision(3)}, exact ${exact.toPrecision(6)}, z = ${z.toFixed(2)}, ${r.seconds.toFixed(1)} s`);
    expect(s.censored).toBe(0);
    expect(Math.abs(z)).toBeLessThan(3);
  });
});

describe('bad input is named before any work', () => {
  const ball = (exit: unknown, extra: Record<string, unknown> = {}) => ({ ...ouBall(2, 3, { trajectories: 10, dt: 0.01, maxTime: 10 }), exit, ...extra });
  const problem = (sc: unknown) => {
    try { compileScenario(sc); } catch (e) { return (e as FieldError).problems[0]; }
    throw new Error('no error');
  };
  it.each([
    ['unknown symbol', { expr: 'x^2 + q*y^2', above: 1 }, 'scenario.exit.expr', /unknown symbol "q"/],
    ['a param that is a variable', { expr: 'x^2 + q*y^2', above: 1, params: { x: 2 } }, 'scenario.exit.params.x', /also a variable/],
    ['unparsable', { expr: 'x^2 +* y', above: 1 }, 'scenario.exit.expr', /cannot parse/],
    ['not finite at the start', { expr: 'log(x)', above: 1 }, 'scenario.exit.expr', /not finite at the start/],
    ['the start inside', { expr: 'x^2 + y^2', below: 1 }, 'scenario.exit', /already in the exit set x\^2 \+ y\^2 ≤ 1/],
    ['the start inside, second of two', [{ var: 'x', above: 1 }, { expr: 'x^2 + y^2 + 1', above: 1 }], 'scenario.exit[1]', /already in the exit set/],
    ['both above and below', { expr: 'x^2 + y^2', above: 1, below: 2 }, 'scenario.exit', /exactly one of 'above' and 'below' \(got both\)/],
    ['both var and expr', { var: 'x', expr: 'x', above: 1 }, 'scenario.exit', /exactly one of 'var' .* and 'expr'/],
    ['an unknown key', [{ var: 'x', above: 1 }, { expr: 'x', abov: 1 }], 'scenario.exit[1]', /unknown key 'abov'; allowed keys: var, expr, params, above, below/],
  ])('%s', (_name, exit, field, message) => {
    const p = problem(ball(exit));
    expect(p.field).toBe(field);
    expect(p.message).toMatch(message);
  });

  it('the gpu.js backends refuse an expression exit, and auto chooses a CPU backend', async () => {
    const c = compileScenario(ball({ expr: 'x^2 + y^2', above: 1 }));
    expect(gpujsSupport(c)?.problems[0]).toMatchObject({ field: 'scenario.exit', message: expect.stringMatching(/coordinate exits .* only.*use cpu or workers/) });
    const mixed = compileScenario(ball([{ var: 'x', above: 2 }, { expr: 'x^2 + y^2', above: 1 }]));
    expect(gpujsSupport(mixed)?.field).toBe('scenario.exit[1]');
    await expect(runEnsemble(c, { work: { first: 0, stride: 1, count: 10 }, backend: 'gpujs-cpu' })).rejects.toThrow(/^scenario\.exit: the gpujs backends/);
    const dir = process.env.ESCAPELAB_CACHE_DIR;
    process.env.ESCAPELAB_CACHE_DIR = mkdtempSync(join(tmpdir(), 'escapelab-cache-'));
    try {
      writeCache([{ backend: 'cpu', passed: true, stepsPerSecond: 1e7 }, { backend: 'gpujs-cpu', passed: true, stepsPerSecond: 2e7 }]);
      expect(resolveBackend(c, 'auto', 10, 256)).toBe('cpu'); // the cache says gpujs-cpu is faster, but it does not take the exit
    } finally {
      process.env.ESCAPELAB_CACHE_DIR = dir;
    }
  });

  it('theory refuses the 1-D quadrature for an expression exit, naming scenario.exit', () => {
    const r = theoryOfSystem(compileScenario({ ...quartic(0.1), exit: { expr: 'x', above: 0.5 } }));
    expect(r.mfpt.exact).toBeNull();
    expect(r.exactReason).toMatch(/needs a coordinate exit .*scenario\.exit is an expression/);
    expect(r.asymptoticReason).toMatch(/scenario\.exit/);
  });
});
