/**
 * What the escape-time claims share: sample sizes, the Monte Carlo-vs-exact check (a member of the run's Holm
 * family, verify/family.ts), the MC-vs-exact plot, and parts in the shape the verdict rules read.
 */
import { compileSystem } from '../../scenario/compile.js';
import { theoryOfSystem, type TheoryReport } from '../../theory/scenario.js';
import { logWithError } from '../../stats/index.js';
import type { ClaimPart, Evidence, FamilyTest, RunSize } from '../claim.js';
import type { EscapePoint } from '../measure.js';
import { decideTest, familyTest } from '../verdict.js';
import type { Plot } from '../plot.js';

export interface ClaimContext { size: RunSize; seed: number; backend?: string }

/** trajectories per Monte Carlo point, and the precision (half-width) asked of the pooled ratio MC/exact */
export const MC_SIZE: Record<RunSize, { trajectories: number; precision: number }> = {
  quick: { trajectories: 1000, precision: 0.1 },
  full: { trajectories: 20000, precision: 0.02 },
};

export const theoryOf = (sc: Record<string, unknown>): TheoryReport => theoryOfSystem(compileSystem(sc));

/** pooled ratio MC/exact over points (weighted mean of the log ratios), with its 95% CI and z against 1 */
export function pooledRatio(points: EscapePoint[], useIterations = false): { estimate: number; ci95: [number, number]; z: number; perPoint: Array<{ label: string; ratio: number; ci95: [number, number] }> } {
  const ys: number[] = [], ws: number[] = [];
  const perPoint = points.map((p) => {
    const mc = useIterations ? p.iterations! : p.mc;
    const exact = useIterations ? p.theory.iterations.exact! : p.theory.mfpt.exact!;
    const l = logWithError(mc.estimate, mc.ci95);
    ys.push(l.y - Math.log(exact)); ws.push(1 / l.sigma ** 2);
    return { label: p.label, ratio: mc.estimate / exact, ci95: [mc.ci95[0] / exact, mc.ci95[1] / exact] as [number, number] };
  });
  const W = ws.reduce((a, b) => a + b, 0), m = ys.reduce((a, y, i) => a + y * ws[i], 0) / W, s = 1 / Math.sqrt(W);
  return { estimate: Math.exp(m), ci95: [Math.exp(m - 1.96 * s), Math.exp(m + 1.96 * s)], z: m / s, perPoint };
}

/** a part from a statistic and its verdict rule (the rule of a test part is rewritten by the runner) */
export function part(name: string, evidence: Evidence, role: ClaimPart['role'], d: { verdict: ClaimPart['verdict']; rule: string }, test?: FamilyTest): ClaimPart {
  return { name, evidence, role, verdict: d.verdict, rule: d.rule, ...(test ? { test } : {}) };
}

/** a Monte Carlo-vs-exact comparison as a part: a member of the Holm family, decided by decideTest */
export function testPart(name: string, role: ClaimPart['role'], t: Omit<FamilyTest, 'p' | 'holm'>): ClaimPart {
  const test = familyTest(t);
  return part(name, 'simulation', role, decideTest(test), test);
}

/**
 * The Monte Carlo route against the quadrature route, pooled over a claim's points. It checks the measurement,
 * not the paper: when the two disagree the claim cannot be decided on these numbers, so this part is a `check`
 * (it can make the row INCONCLUSIVE, never decide it).
 */
export function mcCheck(points: EscapePoint[], size: RunSize, useIterations = false) {
  const r = pooledRatio(points, useIterations);
  return { ...r, part: testPart('Monte Carlo vs exact quadrature (pooled ratio MC/exact)', 'check', { estimate: r.estimate, ci95: r.ci95, theory: 1, z: r.z, precision: MC_SIZE[size].precision }) };
}

/** the MC-vs-exact plot of a claim's points */
export function ratioPlot(id: string, title: string, points: EscapePoint[], xOf: (p: EscapePoint) => number, xLabel: string, unit?: string): Plot {
  return {
    id: `${id}-mc-vs-exact`, title, x: { label: xLabel, unit }, y: { label: 'mean escape time', unit: 'time units', scale: 'log' },
    series: ([
      { name: 'Monte Carlo (95% CI)', style: 'points', points: points.map((p) => ({ x: xOf(p), y: p.mc.estimate, lo: p.mc.ci95[0], hi: p.mc.ci95[1] })) },
      { name: 'exact quadrature', style: 'line', points: points.map((p) => ({ x: xOf(p), y: p.theory.mfpt.exact! })) },
      { name: 'Kramers-type asymptotics', style: 'dashed', points: points.filter((p) => p.theory.mfpt.asymptotic !== null).map((p) => ({ x: xOf(p), y: p.theory.mfpt.asymptotic! })) },
    ] satisfies Plot['series']).filter((s) => s.points.length > 0),
  };
}

/**
 * A measured exponent k against its claimed value (decides, a Holm family member) and against each rival (decides:
 * the control that shows the test has power; a rival inside the CI makes the row INCONCLUSIVE).
 */
export function kParts(label: string, k: { value: number; se: number; ci95: [number, number] }, claimed: number, rivals: number[], precision: number): ClaimPart[] {
  const fmt = (v: number) => v.toFixed(3), ci = k.ci95;
  const parts = [testPart(`${label}: k by simulation`, 'decides', { estimate: k.value, ci95: ci, theory: claimed, z: (k.value - claimed) / k.se, precision })];
  for (const rival of rivals) {
    const rejected = rival < ci[0] || rival > ci[1];
    parts.push(part(`${label}: control, the rival k = ${rival}`, 'simulation', 'decides', {
      verdict: rejected ? 'CONFIRMED' : 'INCONCLUSIVE',
      rule: `k = ${fmt(k.value)} [${fmt(ci[0])}, ${fmt(ci[1])}] ${rejected ? 'excludes' : 'does not exclude'} the rival ${rival} → ${rejected ? 'the test has power here' : 'the data cannot tell the claim from its rival → INCONCLUSIVE'}`,
    }));
  }
  return parts;
}
