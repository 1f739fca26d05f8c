/**
 * Selectivity-exponent claims (design.md §7 items 3–8), decided by simulation (issue 16): k is measured from
 * rare-event (AMS) escape times on quadratic wells in the derivation's regime (verify/selectivity.ts) with the
 * prefactor-free two-stage fit (stats/selectivity.ts), against the claimed k and against its rivals (controls that
 * show the test has power). Beside it, two other routes: the same fit on the exact ln τ of the same points
 * (quadrature), and k from the model's exponent integral on well-barrier landscapes with H_b ≫ H_a. The AMS points
 * against their exact ln τ are `check` parts, members of the run's Holm family.
 */
import { adamomentumFactor } from '../../theory/exponents.js';
import type { Attribution, Claim, ClaimPart, RunSize } from '../claim.js';
import { wellBarrier } from '../measure.js';
import { measureSelectivity, slopeRatio, type SelectivityMeasurement } from '../selectivity.js';
import { measureBatchLaw, type BatchLaw } from '../batch-law.js';
import { decideDeterministic } from '../verdict.js';
import type { Plot } from '../plot.js';
import { kParts, part, testPart, theoryOf } from './common.js';

/**
 * k from the model's exponent integral ΔΦ(H_a) of `escapelab theory` as −ln(ΔΦ(2)/ΔΦ(1))/ln 2 on a well-barrier
 * whose H_b ≫ H_a puts (nearly) the whole barrier on the well side (s → 1 in sources.md §1.4) and whose small ΔL
 * keeps (L′)² small against C/B: the regime in which sources.md §7 derives k = 1 − p. Computed on IDEAL[0] and the
 * more ideal IDEAL[1]; the estimate is the latter, ± their difference (the distance from the limit).
 */
const IDEAL = [{ Hb: 100, dL: 0.05, floor: 0.001 }, { Hb: 400, dL: 0.0125, floor: 0.00025 }];

function exponentScenario(Ha: number, dynamics: Record<string, unknown>, land: { Hb: number; dL: number; floor: number }) {
  return wellBarrier({ Ha, Hb: land.Hb, dL: land.dL, dynamics: { batch: 1, noise: { kind: 'hessian', floor: land.floor }, convention: 'ito', ...dynamics } });
}

export function selectivityOf(dynamics: Record<string, unknown>): { k: number; interval: [number, number]; kByLandscape: number[] } {
  const kOf = (land: (typeof IDEAL)[number]) => {
    const dPhi = [1, 2].map((Ha) => theoryOf(exponentScenario(Ha, dynamics, land)).exponent!);
    return -Math.log(dPhi[1] / dPhi[0]) / Math.log(2);
  };
  const a = kOf(IDEAL[0]), b = kOf(IDEAL[1]);
  const half = Math.max(Math.abs(b - a), 1e-9);
  return { k: b, interval: [b - half, b + half], kByLandscape: [a, b] };
}

/** a model whose k is claimed; `rivals` are the other exponents its data must reject (the controls) */
interface ExponentCase { label: string; dynamics: Record<string, unknown>; kPaper: number; rivals: number[]; quick?: boolean; /** also test the law in B (verify/batch-law.ts) */ batchLaw?: boolean }

/** the half-width asked of k's 95% CI before agreement counts as CONFIRMED */
const K_PRECISION: Record<RunSize, number> = { quick: 0.15, full: 0.1 };
/** the half-width asked of AdaMomentum's exponent ratio */
const RATIO_PRECISION: Record<RunSize, number> = { quick: 0.02, full: 0.01 };
/** the half-width asked of the batch law's ratio b·η₀/S */
const BATCH_PRECISION: Record<RunSize, number> = { quick: 0.1, full: 0.05 };

/** the model on the quadratic wells of verify/selectivity.ts: C = H exactly (Hessian noise, floor 0) unless it has its own noise */
const onQuadratic = (d: Record<string, unknown>) => {
  const { lr: _lr, ...rest } = d;
  return { noise: { kind: 'hessian', floor: 0 }, ...rest };
};

interface ExponentRow { label: string; kPaper: number; rivals: number[]; sim: SelectivityMeasurement; integral: ReturnType<typeof selectivityOf> }

/** the parts of one case: k by simulation (decides), the controls (decide), AMS vs exact and the exponent integral (checks) */
function caseParts(c: ExponentCase, r: ExponentRow, size: RunSize): ClaimPart[] {
  const k = r.sim.fit.k, ci = k.ci95;
  // the claimed k against the simulated one: a member of the run's Holm family like every simulated-vs-stated comparison
  // (with about ten such k tests in a full run, per-test 5% would refute a true exponent in ~40% of runs)
  const parts = kParts(c.label, k, c.kPaper, c.rivals, K_PRECISION[size]);
  // the route check: k by AMS against k by the same estimator on the exact ln τ of the same points. (The chains' ln τ
  // run a few % low at ΔΦ ≈ 30: Euler–Maruyama/Milstein inflate the stationary variance by 1/(1 − rate·dt/2), so ln τ
  // drops by about ΔΦ·rate·dt/2; with dt = 1% of 1/rate at every h that factor is the same at every h and cancels
  // in k. The pooled ratio is in `measured`.)
  const kx = r.sim.exact.k.value;
  parts.push(testPart(`${c.label}: k by AMS vs k on the exact ln τ of the same points`, 'check', {
    estimate: k.value, ci95: ci, theory: kx, z: (k.value - kx) / k.se, precision: K_PRECISION[size],
  }));
  const d = decideDeterministic(c.kPaper, r.integral.k, 0.05);
  parts.push(part(`${c.label}: k from the exponent integral (H_b ≫ H_a)`, 'quadrature', 'check', { verdict: d.verdict, rule: `k = ${r.integral.kByLandscape.map((v) => v.toFixed(4)).join(' → ')} as the landscape approaches the limit: ${d.rule}` }));
  return parts;
}

/** the law in B at h = 2: b·η₀/S against 1 (decides, a Holm family member) */
async function batchParts(c: ExponentCase, r: ExponentRow, size: RunSize, parts: ClaimPart[]): Promise<BatchLaw> {
  const b = await measureBatchLaw(onQuadratic(c.dynamics), r.sim, size, 2);
  parts.push(testPart(`${c.label}: ln τ linear in B with the slope b = S/η₀ (B ∈ {${b.points.map((q) => q.batch).join(', ')}}, h = 2; exact ${b.ratio.exact.toFixed(3)})`, 'decides', {
    estimate: b.ratio.estimate, ci95: b.ratio.ci95, theory: 1, z: Math.log(b.ratio.estimate) / b.ratio.seLog, precision: BATCH_PRECISION[size],
  }));
  return b;
}

interface ExponentSpec { id: string; source: string; statement: string; attribution: Attribution; derivedFrom?: string; cases: ExponentCase[] }

function exponentClaim(spec: ExponentSpec): Claim {
  const { id } = spec;
  const batchNote = (bs: string, prec: number) => spec.cases.some((c) => c.batchLaw)
    ? `; the law in B: AMS ln τ at B ∈ ${bs}, h = 2 and the first level's η₀, the slope b = d ln τ/dB against S/η₀ (half-width ≤ ${prec})` : '';
  return {
    id, source: spec.source, statement: spec.statement, evidence: 'simulation', attribution: spec.attribution,
    ...(spec.derivedFrom ? { derivedFrom: spec.derivedFrom } : {}),
    protocol: {
      quick: `k by simulation: AMS escape times (R = 10 runs of n = 100) on quadratic wells h·θ²/2 left at ΔL = 0.01 (C = H), h ∈ {0.5, 2}, η at exact ln τ = 8 and 16 per h; two-stage fit ln τ = a + S/η, ln S = c − k ln h; CONFIRMED when the claimed k lies in the 95% CI of half-width ≤ 0.15 and every rival k lies outside it${batchNote('{1, 2}', 0.1)}`,
      full: `the same with R = 20, h ∈ {0.5, 1, 2, 4} and ln τ = 8, 15, 22, 30 per h; half-width ≤ 0.1${batchNote('{1, 1.5, 2, …, 4}', 0.05)}`,
    },
    async run(size) {
      const cases = spec.cases.filter((c) => size === 'full' || c.quick !== false);
      const rows: ExponentRow[] = [];
      const parts: ClaimPart[] = [];
      let batch: BatchLaw | undefined;
      for (const c of cases) {
        const row = { label: c.label, kPaper: c.kPaper, rivals: c.rivals, sim: await measureSelectivity(onQuadratic(c.dynamics), size), integral: selectivityOf(c.dynamics) };
        rows.push(row);
        parts.push(...caseParts(c, row, size));
        if (c.batchLaw) batch = await batchParts(c, row, size, parts);
      }
      const main = rows[0];
      return {
        statistic: 'selectivity exponent k by rare-event simulation (AMS): ln τ = a + S/η per curvature h, then ln S = c − k ln h',
        estimate: main.sim.fit.k.value, ci95: main.sim.fit.k.ci95, theory: main.kPaper, parts,
        measured: { ...measuredOf(main), ...(batch ? { batchLaw: { h: batch.h, eta: batch.eta, batches: batch.points.map((q) => q.batch), slope: batch.slope, ratio: batch.ratio } } : {}) },
        details: { cases: rows.map((r) => ({ ...r, measured: measuredOf(r) })), ...(batch ? { batchLaw: batch } : {}), plots: exponentPlots(id, rows) },
      };
    },
  };
}

/** the `measured` object of report.json for one case */
function measuredOf(r: ExponentRow) {
  const f = r.sim.fit.k;
  return {
    k: f.value, ci95: f.ci95, se: f.se, chi2: f.chi2, dof: f.dof, deltaPhiMax: r.sim.deltaPhiMax, claimedK: r.kPaper, rivals: r.rivals,
    kQuadratureSamePoints: r.sim.exact.k.value, kExponentIntegral: r.integral.k, points: r.sim.points.length, seconds: r.sim.seconds,
    lnTauAmsMinusExact: lnTauOffset(r.sim),
  };
}

/** mean of ln τ_AMS − ln τ_exact over the points (weights 1/se²) with its standard error: the chain's own step bias plus noise */
function lnTauOffset(m: SelectivityMeasurement): { mean: number; se: number; perPoint: number[] } {
  let W = 0, sum = 0;
  for (const q of m.points) { const w = 1 / q.se ** 2; W += w; sum += w * (q.lnTau - q.exactLnTau); }
  return { mean: sum / W, se: 1 / Math.sqrt(W), perPoint: m.points.map((q) => q.lnTau - q.exactLnTau) };
}

export function exponentPlots(id: string, rows: Pick<ExponentRow, 'label' | 'kPaper' | 'sim'>[]): Plot[] {
  const main = rows[0];
  const hs = [...new Set(main.sim.points.map((q) => q.h))];
  return [{
    id: `${id}-log-tau`, title: `${id}: ln τ against 1/η per curvature h (${main.label})`,
    x: { label: '1/η' }, y: { label: 'ln τ (AMS, 95% CI)' },
    series: hs.flatMap((h) => {
      const pts = main.sim.points.filter((q) => q.h === h);
      const slope = main.sim.fit.slopes.find((s) => s.h === h)!;
      const xs = pts.map((q) => 1 / q.eta), xm = xs.reduce((a, b) => a + b, 0) / xs.length, ym = pts.reduce((a, q) => a + q.lnTau, 0) / pts.length;
      return [
        { name: `h = ${h}`, style: 'points' as const, points: pts.map((q) => ({ x: 1 / q.eta, y: q.lnTau, lo: q.lnTau - 1.96 * q.se, hi: q.lnTau + 1.96 * q.se })) },
        { name: `h = ${h}: slope S = ${slope.value.toPrecision(3)}`, style: 'dashed' as const, points: xs.map((x) => ({ x, y: ym + slope.value * (x - xm) })) },
      ];
    }).slice(0, 8),
    note: 'points: AMS estimates of ln τ with 95% CIs; dashed: through the points\' mean with the fitted slope S = d ln τ/d(1/η)',
  }, {
    id: `${id}-k`, title: `${id}: selectivity exponent k by simulation against the claimed k`,
    x: { label: 'case' }, y: { label: 'selectivity exponent k' },
    series: [
      { name: 'k by simulation (95% CI)', style: 'points', points: rows.map((r, i) => ({ x: i + 1, y: r.sim.fit.k.value, lo: r.sim.fit.k.ci95[0], hi: r.sim.fit.k.ci95[1] })) },
      { name: 'claimed k', style: 'dashed', points: rows.map((r, i) => ({ x: i + 1, y: r.kPaper })) },
    ],
    note: rows.map((r, i) => `${i + 1}: ${r.label}`).join('; '),
  }];
}

const ADAM = { model: 'adam', lr: 0.01, eps: 1e-8 };
const SGD_CASE: ExponentCase = { label: 'sgd', dynamics: { model: 'sgd', lr: 0.01 }, kPaper: 1, rivals: [0, 0.5] };
/** the InvAdam / power-law derivation (proofs/selectivity-exponent.md), the model that the derived claims start from */
const XIE_MODEL = 'the diffusion model of Xie, Sato & Sugiyama 2021 and Xie et al. 2022 (C = H/B, quasi-static v = C/B)';

export const sgdExponentialFlat = exponentClaim({
  id: 'sgd-exponential-flat', source: 'Xie, Sato & Sugiyama 2021 (ICLR), sources.md §2, §6 item 6 (design.md §7 item 3)', attribution: 'paper',
  statement: 'Xie et al. 2021: with SGD-like noise (C ≈ H/B) ln τ is linear in 1/H_a (k = 1), in B and in 1/η (ΔΦ ∝ B/η exactly in the SDE); flat minima are exponentially preferred',
  cases: [{ ...SGD_CASE, batchLaw: true }],
});
export const adamSqrtSharpness = exponentClaim({
  id: 'adam-sqrt-sharpness', source: 'Xie et al. 2022 (ICML, Adai), sources.md §3.2 (recalled; design.md §7 item 5)', attribution: 'paper',
  statement: 'Xie et al. 2022: ln τ_Adam ∝ H_a^{−1/2} (k = ½)', cases: [{ label: 'adam', dynamics: ADAM, kPaper: 0.5, rivals: [0, 1] }],
});
export const invadamEscapesSharp = exponentClaim({
  id: 'invadam-escapes-sharp', source: 'this toolkit\'s derivation, sources.md §1.4 and proofs/selectivity-exponent.md, from Shi, Chen, Jin & Zhou 2026 (InvAdam; its own exponent could not be read) (design.md §7 item 6)',
  attribution: 'derived', derivedFrom: `Shi, Chen, Jin & Zhou 2026 (InvAdam's preconditioner P = √v), in ${XIE_MODEL}`,
  statement: 'This toolkit derives from Shi et al. 2026\'s InvAdam, in Xie et al.\'s diffusion model, a selectivity exponent k = 3/2: it would leave sharp minima relatively faster than SGD (k = 1) and Adam (k = ½). The paper\'s own exponent is not known',
  cases: [{ label: 'invadam', dynamics: { model: 'invadam', lr: 0.01, eps: 1e-8 }, kPaper: 1.5, rivals: [1] }, { ...SGD_CASE, quick: false }, { label: 'adam', dynamics: ADAM, kPaper: 0.5, rivals: [0, 1], quick: false }],
});
export const padamInterpolates = exponentClaim({
  id: 'padam-interpolates', source: 'this toolkit\'s derivation, sources.md §7 and proofs/selectivity-exponent.md, from Chen & Gu (Padam) (design.md §7 item 7)',
  attribution: 'derived', derivedFrom: `Chen & Gu (Padam's preconditioner P = v^{−p}, taken without its AMSGrad max), in ${XIE_MODEL}`,
  statement: 'This toolkit derives from Padam\'s preconditioner family P = v^{−p} (Chen & Gu), taken without Padam\'s AMSGrad max and extended to p = −½ and 0 outside Padam\'s range (0, ½], the law k = 1 − p for p ∈ {−½, 0, ⅛, ¼, ½}',
  // p = ⅛ and ¼ (inside Padam's range) at both sizes; the ends −½, 0, ½ at full size
  cases: [0.125, 0.25, -0.5, 0, 0.5].map((p) => ({ label: `power p = ${p}`, dynamics: { model: 'power', lr: 0.01, p }, kPaper: 1 - p, rivals: [0.5, 1].filter((r) => Math.abs(r - (1 - p)) > 0.2), quick: p === 0.125 || p === 0.25 })),
});

// 4. white-noise-polynomial: the exponent does not depend on H_a at all (k = 0)
export const whiteNoisePolynomial = exponentClaim({
  id: 'white-noise-polynomial', source: 'Xie, Sato & Sugiyama 2021 (ICLR), sources.md §6 item 5 (design.md §7 item 4)', attribution: 'paper',
  statement: 'Xie et al. 2021: with white (state-independent) noise, H_a enters only the prefactor: k = 0',
  cases: [{ label: 'sgd, white noise', dynamics: { model: 'sgd', lr: 0.01, noise: { kind: 'white', variance: 1 } }, kPaper: 0, rivals: [0.5, 1] }],
});

// 8. adamomentum-exponent: ΔΦ_AdaM / ΔΦ_Adam = √((1−β1)/(1+β1))
/** the loss level of AdaMomentum's wells: its factor needs (L′)² ≪ (1−β1)/(1+β1)·C/B ≈ 0.053·C/B, and 2B·ΔL = 4e-4 */
const ADAMOMENTUM_DL = 0.0002;

// 8. adamomentum-exponent: ΔΦ_AdaM / ΔΦ_Adam = √((1−β1)/(1+β1)), measured as the ratio of the slopes S = d ln τ/d(1/η)
export const adamomentumExponent: Claim = {
  id: 'adamomentum-exponent',
  source: 'this toolkit\'s derivation, sources.md §7 and proofs/adamomentum-second-moment.md, from Wang et al. (AdaM³) (design.md §7 item 8)',
  evidence: 'simulation', attribution: 'derived', derivedFrom: `Wang et al. (AdaMomentum's second moment built from the momentum), in ${XIE_MODEL}`,
  statement: 'This toolkit derives from AdaMomentum\'s update rule (Wang et al.), in Xie et al.\'s diffusion model, that its barrier exponent is Adam\'s scaled by √((1−β1)/(1+β1)) (0.229 at β1 = 0.9), with the same k = ½',
  protocol: {
    quick: `the slopes S = d ln τ/d(1/η) of AdaMomentum and Adam by AMS on quadratic wells left at ΔL = ${ADAMOMENTUM_DL} (the protocol of the other exponent claims); their ratio pooled over h against the factor (half-width ≤ 0.02), and AdaMomentum's k against ½`,
    full: 'the same at the full size; half-width ≤ 0.01',
  },
  async run(size) {
    const beta1 = 0.9, target = adamomentumFactor(beta1);
    const am = await measureSelectivity({ model: 'adamomentum', beta1, beta2: 0.999, eps: 1e-16, noise: { kind: 'hessian', floor: 0 } }, size, 1, ADAMOMENTUM_DL);
    const adam = await measureSelectivity(onQuadratic(ADAM), size, 1, ADAMOMENTUM_DL);
    const r = slopeRatio(am.fit, adam.fit), exact = slopeRatio(am.exact, adam.exact);
    const row: ExponentRow = { label: 'adamomentum', kPaper: 0.5, rivals: [0, 1], sim: am, integral: selectivityOf({ model: 'adamomentum', lr: 0.01, beta1, beta2: 0.999, eps: 1e-16 }) };
    const parts: ClaimPart[] = [
      testPart('exponent ratio AdaMomentum/Adam by simulation', 'decides', {
        estimate: r.estimate, ci95: r.ci95, theory: target, z: Math.log(r.estimate / target) / r.seLog, precision: RATIO_PRECISION[size],
      }),
      ...caseParts({ label: 'adamomentum', dynamics: {}, kPaper: 0.5, rivals: [0, 1] }, row, size),
      part('the same ratio on the exact ln τ of the same points (quadrature)', 'quadrature', 'check', decideDeterministic(target, exact.estimate, 0.01)),
    ];
    return {
      statistic: `ratio of the slopes d ln τ/d(1/η) of AdaMomentum and Adam by rare-event simulation (pooled over h; ΔL = ${ADAMOMENTUM_DL})`,
      estimate: r.estimate, ci95: r.ci95, theory: target, parts,
      measured: { ratio: r.estimate, ratioCi95: r.ci95, perH: r.perH, ratioQuadratureSamePoints: exact.estimate, adamomentumK: measuredOf(row) },
      details: { ratio: r, exact, plots: exponentPlots('adamomentum-exponent', [row]) },
    };
  },
};

export const EXPONENT_CLAIMS: Claim[] = [sgdExponentialFlat, whiteNoisePolynomial, adamSqrtSharpness, invadamEscapesSharp, padamInterpolates, adamomentumExponent];
