/**
 * The rare-event solver with expression exits and scores (scenario/ams-score.ts, docs/rare-events.md "Scores and
 * exit sets").
 *
 * Null hypothesis of each known-answer test: AMS is unbiased for the chain and the chain's step bias is small
 * against the interval, so the 95% CI (fixed seed) contains the exact MFPT.
 * - Rotated problems: the decoupled 2-D and 5-D quartics of ams.long.test.ts (ΔΦ = 15) rotated by a Givens rotation
 *   and a Householder reflection, exit = the rotated x coordinate as a linear expression, default score: the
 *   rotated chain is the unrotated one in law, so the exact value is the 1-D quadrature.
 * - The Ornstein–Uhlenbeck exit from a ball (L = |θ|²/2, 𝒟 = T·I, start 0, exit |θ|² ≥ 1, barrier 1/(2T) = 10)
 *   against the radial quadrature (expression-problems.ts); the score |θ|² has ∇ξ = 0 at the start, where the
 *   default march takes the top eigenvector of its Hessian; explicit set/level and a custom score x² + 2y² too.
 * - AMS only compares levels, so a strictly increasing change of score changes nothing: the coordinate exit x ≥ ½,
 *   the expression exit "x", "−x" below −½, and the scores "x" and "3x + 1" give bit-identical estimates.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compile.js';
import { theoryOfSystem } from '../../src/theory/scenario.js';
import { solveAms } from '../../src/montecarlo/ams/index.js';
import type { FieldError } from '../../src/field-error.js';
import { decoupled, ouBall, ouMfpt, quartic, rotated } from './expression-problems.js';

const inCi = (o: Awaited<ReturnType<typeof solveAms>>, exact: number, label: string) => {
  console.log(`${label}: AMS ${o.mfpt.estimate.toPrecision(5)} [${o.mfpt.ci95.map((v) => v.toPrecision(4)).join(', ')}], exact ${exact.toPrecision(6)}, ` +
    `ratio ${(o.mfpt.estimate / exact).toFixed(3)}, ${o.steps.loops + o.steps.ams} steps, ${o.seconds.toFixed(1)} s`);
  expect(o.mfpt.ci95[0]).toBeLessThanOrEqual(exact);
  expect(o.mfpt.ci95[1]).toBeGreaterThanOrEqual(exact);
  expect(o.estimate.extinct).toBe(0);
};

describe('AMS with an expression exit: rotated decoupled quartics (ΔΦ = 15) against the 1-D quadrature', () => {
  const T = 1 / 60;
  for (const n of [2, 5]) {
    it(`${n}-D, default score and levels`, async () => {
      const exact = theoryOfSystem(compileScenario(quartic(T))).mfpt.exact!;
      const p = compileScenario(rotated(n, T, { method: 'ams' }));
      // the default march runs along the rotated x axis: the levels of the unrotated problem, as values of x(w)
      const plain = compileScenario(decoupled(n, T, { method: 'ams' })).ams!;
      expect(p.ams!.setLevel).toBeCloseTo(plain.setLevel, 10);
      expect(p.ams!.sigmaLevel).toBeCloseTo(plain.sigmaLevel, 10);
      inCi(await solveAms(p), exact, `${n}-D rotated`);
    });
  }
});

describe('AMS: the Ornstein–Uhlenbeck exit from a ball, |θ|² ≥ 1 (barrier 10)', () => {
  const T = 1 / 20, sim = { method: 'ams', dt: 0.002 };
  it('2-D, default score |θ|² from the minimum (∇ξ = 0 there): A and Σ at |θ|² = T and 3T', async () => {
    const p = compileScenario(ouBall(2, 10, sim));
    // Φ = |θ|²/(2T) along any ray: it rises ½ at |θ|² = T and 1½ at 3T (to the march's grid, 1/400 of the way)
    expect(Math.abs(p.ams!.setLevel - T)).toBeLessThan(2e-3);
    expect(Math.abs(p.ams!.sigmaLevel - 3 * T)).toBeLessThan(2e-3);
    inCi(await solveAms(p), ouMfpt(2, 1, T, 1), 'OU ball 2-D, default levels');
  });

  it('3-D, explicit set and level (values of |θ|²)', async () => {
    const sc = ouBall(3, 10, { ...sim, ams: { set: 0.1, level: 0.2 } });
    const p = compileScenario(sc);
    expect([p.ams!.setLevel, p.ams!.sigmaLevel, p.ams!.setScore, p.ams!.levelScore]).toEqual([0.1, 0.2, 0.1 - 1, 0.2 - 1]);
    inCi(await solveAms(p), ouMfpt(3, 1, T, 1), 'OU ball 3-D, set 0.1, level 0.2');
  });

  it('2-D, an anisotropic custom score x² + 2y² (≥ 1 on the exit, so Σ still separates A from B)', async () => {
    const p = compileScenario(ouBall(2, 10, { ...sim, ams: { score: { expr: 'x^2 + 2*y^2' } } }));
    // the march runs along an eigenvector of the exit's Hessian 2I (an axis): the levels are T and 3T, or 2T and 6T
    const [a, b] = [p.ams!.setLevel / T, p.ams!.sigmaLevel / T];
    expect(Math.abs(a - 1) < 0.05 ? Math.abs(b - 3) : Math.abs(a - 2) + Math.abs(b - 6)).toBeLessThan(0.1);
    inCi(await solveAms(p), ouMfpt(2, 1, T, 1), 'OU ball 2-D, score x² + 2y²');
  });
});

describe('AMS is invariant under an increasing change of score', () => {
  it('coordinate exit, expression exits and custom scores give bit-identical estimates; cpu and workers too', async () => {
    const q = (exit: unknown, ams: Record<string, unknown> = {}, backend = 'cpu') =>
      ({ ...decoupled(2, 1 / 32, { method: 'ams', backend, ams: { replicas: 40, runs: 4, ...ams } }), exit, reflect: { var: 'x', below: -3 } });
    const ref = await solveAms(compileScenario(q({ var: 'x', above: 0.5 })));
    const variants: [string, unknown, Record<string, unknown>, string?][] = [
      ['expression x', { expr: 'x', above: 0.5 }, {}],
      ['expression −x below −½', { expr: '-x', below: -0.5 }, {}],
      ['score x', { expr: 'x', above: 0.5 }, { score: { expr: 'x' } }],
      ['score 3x + 1', { expr: 'x', above: 0.5 }, { score: { expr: '3*x + 1' } }],
      ['score 3x + 1 on 2 workers', { expr: 'x', above: 0.5 }, { score: { expr: '3*x + 1' } }, 'workers'],
    ];
    for (const [label, exit, ams, backend] of variants) {
      const o = await solveAms(compileScenario(q(exit, ams, backend)), backend ? { workers: 2 } : {});
      expect([label, o.mfpt, o.estimate, o.steps]).toEqual([label, ref.mfpt, ref.estimate, ref.steps]);
    }
  });
});

describe('AMS: bad scores and sets are named before any work', () => {
  const ball = (ams: Record<string, unknown>, exit: unknown = { expr: 'x^2 + y^2', above: 1 }) => ({ ...ouBall(2, 10, { method: 'ams', ams }), exit });
  const problem = (sc: unknown) => {
    try { compileScenario(sc); } catch (e) { return (e as FieldError).problems[0]; }
    throw new Error('no error');
  };
  it.each([
    ['a score that decreases toward the exit', ball({ score: { expr: '-(x^2 + y^2)' } }), 'scenario.simulation.ams.score', /must increase toward the exit/],
    ['a score with an unknown symbol', ball({ score: { expr: 'r^2' } }), 'scenario.simulation.ams.score.expr', /unknown symbol "r"/],
    ['a score with a coordinate exit', ball({ score: { expr: 'x' } }, { var: 'x', above: 1 }), 'scenario.simulation.ams.score', /needs an expression exit.*"expr": "x", "above": 1/],
    ['a score key that is not expr', ball({ score: { exp: 'x' } }), 'scenario.simulation.ams.score.expr', /missing/],
    ['set below the start', ball({ set: -0.5, level: 0.3 }), 'scenario.simulation.ams.set', /hold the start/],
    ['level beyond the exit', ball({ set: 0.1, level: 1.3 }), 'scenario.simulation.ams.level', /between the set A \(0\.1\) and the exit/],
    ['level of a custom score beyond the exit', ball({ score: { expr: 'sqrt(x^2 + y^2)' }, set: 0.2, level: 1.5 }), 'scenario.simulation.ams.level', /where the line from the start meets the exit \(1/],
    ['no direction of increase at the start', { ...ball({}), exit: { expr: 'x^3', above: 1 } }, 'scenario.simulation.ams', /give simulation\.ams\.set and level/],
    ['two exits', { ...ball({}), exit: [{ expr: 'x^2 + y^2', above: 1 }, { var: 'x', above: 2 }] }, 'scenario.exit', /one exit/],
  ])('%s', (_name, sc, field, message) => {
    const p = problem(sc);
    expect(p.field).toBe(field);
    expect(p.message).toMatch(message);
  });
});
