/**
 * Regret theorems as checkable objects: the algorithm in the form analysed, the assumptions as predicates on
 * (problem, hyperparameters, run), and the bound as a function of the horizon T and of the run's constants.
 * Sources and how each statement was read are in docs/convergence.md; `status` says it here:
 *   verbatim   the statement was read in the paper's own text
 *   paraphrase read in a faithful third-party restatement, not the paper's words
 *   recalled   from memory of the paper, not read; a refutation then refutes the recollection first
 *   hypothesis no theorem exists; the claim is only "the average regret tends to 0" (tested as no linear regret)
 */
import type { Beta1Schedule, OnlineAlgorithm, OnlineHyper } from './algorithms.js';
import type { OnlineProblem } from './problems.js';
import type { HorizonRecord, RunRecord } from './run.js';

export type StatementStatus = 'verbatim' | 'paraphrase' | 'recalled' | 'hypothesis';

export interface Assumption {
  name: string;
  /** true when the case satisfies it; `run` is given for assumptions about the iterates (checked after the run) */
  holds(p: OnlineProblem, h: OnlineHyper, run?: RunRecord): boolean;
  /** only decidable after the run */
  onRun?: boolean;
}

export interface RegretTheorem {
  /** claim id (design.md §7 item 13) */
  id: string;
  /** paper, theorem */
  source: string;
  status: StatementStatus;
  statement: string;
  algorithm: OnlineAlgorithm;
  /** the β1,t schedules the theorem covers */
  beta1Schedules: Beta1Schedule[];
  /** ε values the theorem's algorithm uses */
  eps: number[];
  assumptions: Assumption[];
  /** the right-hand side at horizon T (null for a hypothesis without constants) */
  bound: ((h: OnlineHyper, run: RunRecord, at: HorizonRecord) => number) | null;
}

const gammaOf = (num: number, den: number) => (num === 0 ? 0 : den === 0 ? Infinity : num / den);

const A = {
  alphaSqrt: { name: 'α_t = α/√t', holds: (_p: OnlineProblem, h: OnlineHyper) => h.stepSchedule === 'sqrt' && h.alpha > 0 },
  beta2Open: { name: '0 < β2 < 1', holds: (_p: OnlineProblem, h: OnlineHyper) => h.beta2 > 0 && h.beta2 < 1 },
  beta1Below1: { name: '0 ≤ β1 < 1', holds: (_p: OnlineProblem, h: OnlineHyper) => h.beta1 >= 0 && h.beta1 < 1 },
  lambdaOpen: { name: '0 < λ < 1', holds: (_p: OnlineProblem, h: OnlineHyper) => h.lambda > 0 && h.lambda < 1 },
  /** Kingma & Ba: γ = β1²/√β2 < 1 */
  gammaKB: { name: 'γ = β1²/√β2 < 1', holds: (_p: OnlineProblem, h: OnlineHyper) => gammaOf(h.beta1 ** 2, Math.sqrt(h.beta2)) < 1 },
  /** Reddi et al., AdaMomentum: γ = β1/√β2 < 1 */
  gammaReddi: { name: 'γ = β1/√β2 < 1', holds: (_p: OnlineProblem, h: OnlineHyper) => gammaOf(h.beta1, Math.sqrt(h.beta2)) < 1 },
  /** bounded domain and gradients hold by construction (box, constants computed as sups over it) */
  bounded: { name: 'bounded F (D∞, D) and gradients (G∞, G) on F', holds: () => true },
  /** Kingma & Ba state their theorem with gradients ∇f_t: only differentiable slot families */
  differentiable: { name: 'f_t differentiable (linear, quadratic, logistic losses)', holds: (p: OnlineProblem) => p.slots.every((s) => s.kind === 'linear' || s.kind === 'quadratic' || s.kind === 'logistic') },
  vMonotone: { name: 'v_t ≤ v_{t+1} for all t (on the run)', onRun: true, holds: (_p: OnlineProblem, _h: OnlineHyper, r?: RunRecord) => r?.vMonotone === true },
} satisfies Record<string, Assumption>;

const log = Math.log;

/** Kingma & Ba (2015), Theorem 4.1. */
const adamKingmaBa: RegretTheorem = {
  id: 'bound-adam-kingma-ba', source: 'Kingma & Ba 2015 (ICLR; arXiv 1412.6980v9), Theorem 4.1', status: 'verbatim',
  statement: 'R(T) ≤ D²/(2α(1−β1)) Σᵢ√(T v̂_{T,i}) + α(1+β1)G∞/((1−β1)√(1−β2)(1−γ)²) Σᵢ‖g_{1:T,i}‖₂ + Σᵢ D∞²G∞√(1−β2)/(2α(1−β1)(1−λ)²), γ = β1²/√β2',
  algorithm: 'adam', beta1Schedules: ['exp'], eps: [0],
  assumptions: [A.bounded, A.differentiable, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaKB],
  bound: (h, run, at) => {
    const { Ginf, D, Dinf } = run.constants;
    const d = run.final.length, b1 = h.beta1, b2 = h.beta2;
    const g = gammaOf(b1 * b1, Math.sqrt(b2));
    return (D * D / (2 * h.alpha * (1 - b1))) * Math.sqrt(at.t) * at.sumSqrtV
      + (h.alpha * (1 + b1) * Ginf / ((1 - b1) * Math.sqrt(1 - b2) * (1 - g) ** 2)) * at.sumGradNorms
      + d * Dinf * Dinf * Ginf * Math.sqrt(1 - b2) / (2 * h.alpha * (1 - b1) * (1 - h.lambda) ** 2);
  },
};

/** Reddi, Kale, Kumar (2018), Theorem 4 (AMSGrad), any β1,t ≤ β1. */
const amsgradReddi: RegretTheorem = {
  id: 'bound-amsgrad', source: 'Reddi, Kale & Kumar 2018 (ICLR), Theorem 4', status: 'verbatim',
  statement: 'R_T ≤ D∞²√T/(α(1−β1)) Σᵢ v̂_{T,i}^{1/2} + D∞²/(2(1−β1)) Σ_t Σᵢ β1t v̂_{t,i}^{1/2}/α_t + α√(1+log T)/((1−β1)²(1−γ)√(1−β2)) Σᵢ‖g_{1:T,i}‖₂, γ = β1/√β2, β1t ≤ β1',
  algorithm: 'amsgrad', beta1Schedules: ['constant', 'exp', 'inverse'], eps: [0],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaReddi],
  bound: (h, run, at) => amsgradTerms(h, run, at).reddi,
};

/** Reddi et al. (2018), Corollary 1 as printed: β1t = β1λ^{t−1}, middle term without the factors d and 1/α. */
const amsgradCorollary: RegretTheorem = {
  id: 'bound-amsgrad-corollary', source: 'Reddi, Kale & Kumar 2018 (ICLR), Corollary 1 (as printed)', status: 'verbatim',
  statement: 'β1t = β1λ^{t−1}: R_T ≤ D∞²√T/(α(1−β1)) Σᵢ v̂_{T,i}^{1/2} + β1D∞²G∞/(2(1−β1)(1−λ)²) + α√(1+log T)/((1−β1)²(1−γ)√(1−β2)) Σᵢ‖g_{1:T,i}‖₂',
  algorithm: 'amsgrad', beta1Schedules: ['exp'], eps: [0],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaReddi],
  bound: (h, run, at) => {
    const t = amsgradTerms(h, run, at);
    return t.first + (h.beta1 * run.constants.Dinf ** 2 * run.constants.Ginf) / (2 * (1 - h.beta1) * (1 - h.lambda) ** 2) + t.last;
  },
};

function amsgradTerms(h: OnlineHyper, run: RunRecord, at: HorizonRecord) {
  const { Dinf } = run.constants, b1 = h.beta1, b2 = h.beta2;
  const g = gammaOf(b1, Math.sqrt(b2));
  const first = (Dinf * Dinf * Math.sqrt(at.t) / (h.alpha * (1 - b1))) * at.sumSqrtV;
  const middle = (Dinf * Dinf / (2 * (1 - b1))) * at.betaSum;
  const last = (h.alpha * Math.sqrt(1 + log(at.t)) / ((1 - b1) ** 2 * (1 - g) * Math.sqrt(1 - b2))) * at.sumGradNorms;
  return { first, middle, last, reddi: first + middle + last };
}

/**
 * Phuong & Phong (2019), Theorem 4.1, the corrected AMSGrad bound, in the restatement of a Lean formalisation
 * (the paper's text could not be read): with t₀ the last round ≤ T at which √((t−1)v̂_{t−1,i})/(1−β1,t−1) ≤ √(t v̂_{t,i})/(1−β1,t)
 * fails for some i (Lemma 4.3, computed on the run),
 *   (i) β1,t = β1λ^{t−1}: R ≤ dD∞²G∞/(2α(1−β1))(Σ_{t≤t₀}√t + √T) + dD∞²G∞/(2α(1−β1)(1−λ)²) + last
 *   (ii) β1,t = β1/t:     R ≤ dD∞²G∞/(2α(1−β1))(Σ_{t≤t₀}√t + √T) + dD∞²G∞√T/(α(1−β1)) + last
 * with last = α√(1+ln T)/((1−β1)²√(1−β2)(1−γ)) Σᵢ‖g_{1:T,i}‖₂.
 */
const amsgradCorrected: RegretTheorem = {
  id: 'bound-amsgrad-phuong-phong', source: 'Phuong & Phong 2019 (IEEE Access 7:61706; arXiv 1904.03590v4), Theorem 4.1', status: 'paraphrase',
  statement: 'corrected AMSGrad bound with the data-dependent t₀ of Lemma 4.3; β1,t = β1λ^{t−1} or β1/t',
  algorithm: 'amsgrad', beta1Schedules: ['exp', 'inverse'], eps: [0],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaReddi],
  bound: (h, run, at) => {
    const { Dinf, Ginf } = run.constants, d = run.final.length, b1 = h.beta1;
    const t0 = at.t0;
    let s = 0;
    for (let t = 1; t <= t0; t++) s += Math.sqrt(t);
    const c = (d * Dinf * Dinf * Ginf) / (2 * h.alpha * (1 - b1));
    const mid = h.beta1Schedule === 'inverse' ? 2 * c * Math.sqrt(at.t) : c / (1 - h.lambda) ** 2;
    return c * (s + Math.sqrt(at.t)) + mid + amsgradTerms(h, run, at).last;
  },
};

/**
 * Alacaoglu, Malitsky, Mertikopoulos & Cevher (2020), AMSGrad with a constant β1 — RECALLED, not read: the
 * looser of the two forms we remember, γ = β1²/β2 < 1:
 *   R(T) ≤ D∞²√T/(2α(1−β1)) Σᵢ v̂_{T,i}^{1/2} + α√(1+log T)/((1−β1)²√((1−β2)(1−γ))) Σᵢ‖g_{1:T,i}‖₂
 */
const amsgradConstantBeta: RegretTheorem = {
  id: 'bound-amsgrad-constant-beta1', source: 'Alacaoglu, Malitsky, Mertikopoulos & Cevher 2020 (ICML), regret of AMSGrad with constant β1', status: 'recalled',
  statement: 'constant β1: R(T) ≤ D∞²√T/(2α(1−β1)) Σᵢ v̂_{T,i}^{1/2} + α√(1+log T)/((1−β1)²√((1−β2)(1−γ))) Σᵢ‖g_{1:T,i}‖₂, γ = β1²/β2',
  algorithm: 'amsgrad', beta1Schedules: ['constant'], eps: [0],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open,
    { name: 'γ = β1²/β2 < 1', holds: (_p, h) => gammaOf(h.beta1 ** 2, h.beta2) < 1 }],
  bound: (h, run, at) => {
    const { Dinf } = run.constants, b1 = h.beta1, b2 = h.beta2, g = gammaOf(b1 * b1, b2);
    return (Dinf * Dinf * Math.sqrt(at.t) / (2 * h.alpha * (1 - b1))) * at.sumSqrtV
      + (h.alpha * Math.sqrt(1 + log(at.t)) / ((1 - b1) ** 2 * Math.sqrt((1 - b2) * (1 - g)))) * at.sumGradNorms;
  },
};

/** Wang et al. (ICDM 2023, AdaM³ supplement §VIII), Theorem 4. */
const adamomentumTheorem4: RegretTheorem = {
  id: 'bound-adamomentum', source: 'Wang et al. 2023 (ICDM, AdaM³ supplement §VIII), Theorem 4', status: 'verbatim',
  statement: 'R(T) ≤ D∞²√T/(2α(1−β1)) Σᵢ√v_{T,i} + D∞²/(2(1−β1)) Σ_t Σᵢ β1,t√v_{t,i}/α_t + α√(1+log T)/((1−β1)³(1−γ)√(1−β2)) Σᵢ‖g_{1:T,i}‖₂, γ = β1/√β2, v_t ≤ v_{t+1}',
  // ε ∈ {0.1, 1} as well: a large ε makes v grow every round, the case the monotone-v assumption describes
  algorithm: 'adamomentum', beta1Schedules: ['constant', 'exp-t', 'inverse'], eps: [0, 1e-8, 1e-2, 0.1, 1],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaReddi, A.vMonotone],
  bound: (h, run, at) => {
    const { Dinf } = run.constants, b1 = h.beta1, b2 = h.beta2, g = gammaOf(b1, Math.sqrt(b2));
    return (Dinf * Dinf * Math.sqrt(at.t) / (2 * h.alpha * (1 - b1))) * at.sumSqrtV
      + (Dinf * Dinf / (2 * (1 - b1))) * at.betaSum
      + (h.alpha * Math.sqrt(1 + log(at.t)) / ((1 - b1) ** 3 * (1 - g) * Math.sqrt(1 - b2))) * at.sumGradNorms;
  },
};

/** Wang et al. (ICDM 2023), Corollary 2: β1,t = β1λᵗ, ‖∇f‖∞ ≤ G∞. */
const adamomentumCorollary2: RegretTheorem = {
  id: 'bound-adamomentum-corollary', source: 'Wang et al. 2023 (ICDM, AdaM³ supplement §VIII), Corollary 2', status: 'verbatim',
  statement: 'β1,t = β1λᵗ: R(T)/T ≤ dα√(1+log T)(G∞+√(ε/(1−β2)))/((1−β1)³(1−γ)√((1−β2)T)) + dD∞²(G∞+√(ε/(1−β2)))/(2α(1−β1)√T) + dD∞²G∞β1/(2α(1−β1)(1−λ)²T)',
  algorithm: 'adamomentum', beta1Schedules: ['exp-t'], eps: [0, 1e-8, 1e-2, 0.1, 1],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen, A.gammaReddi, A.vMonotone],
  bound: (h, run, at) => {
    const { Dinf, Ginf } = run.constants, d = run.final.length, b1 = h.beta1, b2 = h.beta2, T = at.t;
    const g = gammaOf(b1, Math.sqrt(b2)), Ge = Ginf + Math.sqrt(h.eps / (1 - b2));
    const perT = (d * h.alpha * Math.sqrt(1 + log(T)) * Ge) / ((1 - b1) ** 3 * (1 - g) * Math.sqrt((1 - b2) * T))
      + (d * Dinf * Dinf * Ge) / (2 * h.alpha * (1 - b1) * Math.sqrt(T))
      + (d * Dinf * Dinf * Ginf * b1) / (2 * h.alpha * (1 - b1) * (1 - h.lambda) ** 2 * T);
    return perT * T;
  },
};

const noRegretHypothesis = (id: string, algorithm: OnlineAlgorithm, source: string, statement: string): RegretTheorem => ({
  id, source, status: 'hypothesis', statement, algorithm,
  beta1Schedules: ['constant', 'exp'], eps: [0, 1e-8],
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen],
  bound: null,
});

/** Padam: sources.md §5.1's bound is for the nonconvex stochastic setting with constants M2, M3 not verified. */
const padam: RegretTheorem = {
  ...noRegretHypothesis('bound-padam', 'padam', 'Chen et al. (IJCAI 2020; arXiv 1806.06763), convergence theorem (sources.md §5.1; M2, M3 unverified)',
    'Padam (p ∈ (0, ½], β1 < β2^{2p}) converges: E‖∇f‖² = O(√(d/T) + d/T) for nonconvex f; in online convex problems, the average regret → 0'),
  assumptions: [A.bounded, A.alphaSqrt, A.beta1Below1, A.beta2Open, A.lambdaOpen,
    { name: 'β1 < β2^{2p}', holds: (_p, h) => h.beta1 < h.beta2 ** (2 * h.p) }],
};

export const THEOREMS: RegretTheorem[] = [
  adamKingmaBa, amsgradReddi, amsgradCorollary, amsgradCorrected, amsgradConstantBeta,
  adamomentumTheorem4, adamomentumCorollary2, padam,
  noRegretHypothesis('bound-invadam', 'invadam', 'Shi, Chen, Jin & Zhou 2026 (arXiv 2603.07122): no regret theorem found; the Adam-type O(√T) hypothesis',
    'InvAdam with α_t = α/√t has sublinear regret (average regret → 0) on online convex problems'),
  noRegretHypothesis('bound-dualadam', 'dualadam', 'Shi, Chen, Jin & Zhou 2026 (arXiv 2603.07122): "ensuring convergence" (abstract); the Adam-type O(√T) hypothesis',
    'DualAdam with α_t = α/√t has sublinear regret (average regret → 0) on online convex problems'),
];

export function theorem(id: string): RegretTheorem {
  const t = THEOREMS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown theorem '${id}'; known: ${THEOREMS.map((x) => x.id).join(', ')}`);
  return t;
}
