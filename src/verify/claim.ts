/**
 * The shape of a claim in the registry (design.md §7) and of its result (the `claims[]` rows of
 * `escapelab verify --json`, issue 7). Verdicts come from measurements, never from the registry.
 */

/**
 * What decided a row:
 *   simulation  simulated escape times or optimizer runs
 *   quadrature  the model's own integrals (exact MFPT, exponent integral): a derivation, not an experiment
 *   search      a fast-check counterexample search
 *   identity    an algebraic or implementation identity, checked on generated cases
 */
export type Evidence = 'simulation' | 'quadrature' | 'search' | 'identity';
/** who states the claim: the paper; this toolkit's derivation from a paper's model (`derivedFrom` names it); or the toolkit */
export type Attribution = 'paper' | 'derived' | 'toolkit';

/**
 * Only simulation and search CONFIRM or REFUTE; quadrature gives DERIVED / NOT DERIVED, identities HOLDS / FAILS.
 * INCONCLUSIVE is shared: the evidence did not decide.
 */
export type Verdict = 'CONFIRMED' | 'REFUTED' | 'DERIVED' | 'NOT DERIVED' | 'HOLDS' | 'FAILS' | 'INCONCLUSIVE';
export type RunSize = 'quick' | 'full';

/**
 * A comparison of a simulated number with a stated or exact value (Monte Carlo vs exact, a simulated exponent vs
 * the claimed one): a member of the run's multiplicity family (Holm at family level 5%).
 * H₀: the theory value; z and the two-sided p from the estimate's normal (or log-normal) error.
 */
export interface FamilyTest {
  estimate: number;
  ci95: [number, number];
  theory: number;
  z: number;
  p: number;
  /** the half-width asked of the CI before agreement counts as CONFIRMED */
  precision: number;
  /** Holm's decision over the family of the whole report; set by the runner (verify/family.ts) */
  holm?: { m: number; rank: number; threshold: number; adjusted: number; rejected: boolean };
}

/** one part of a claim's decision */
export interface ClaimPart {
  name: string;
  evidence: Evidence;
  /** `decides`: a test of the statement; `check`: a route check (Monte Carlo vs quadrature) that can only make the row INCONCLUSIVE */
  role: 'decides' | 'check';
  verdict: Verdict;
  rule: string;
  test?: FamilyTest;
}

export interface ClaimResult {
  id: string;
  source: string;
  statement: string;
  evidence: Evidence;
  attribution: Attribution;
  /** the paper whose model the toolkit's derivation starts from (attribution `derived` only) */
  derivedFrom?: string;
  /** what was measured */
  statistic: string;
  estimate: number | null;
  /** a 95% confidence interval (sampling); null for deterministic numbers */
  ci95: [number, number] | null;
  /** the interval of a deterministic number, which is not a confidence interval (e.g. its change between landscapes) */
  range: { bounds: [number, number]; meaning: string } | null;
  theory: number | null;
  verdict: Verdict;
  /** the decision rule, applied to these numbers, in words */
  rule: string;
  parts: ClaimPart[];
  /**
   * what a simulation measured, for claims decided by one (the selectivity exponents: k, its 95% CI, its fit, the
   * largest ΔΦ reached, the other routes' values); absent otherwise
   */
  measured?: Record<string, unknown>;
  /** claim-specific details (counterexamples, curves, coverage, plots) for the report and the figures */
  details: unknown;
  /**
   * For a row with several deciding test parts (one per optimizer, say): `estimate`, `ci95` and `theory` show the
   * part that decided the verdict (`part`), chosen again whenever the row is decided (row.ts); `statistic` is
   * `base` with that part's name.
   */
  headline?: { base: string; part: string };
}

/** what a claim's run measures; the rest of the row comes from the Claim and the verdict rules */
export type ClaimMeasurement = Omit<ClaimResult, 'id' | 'source' | 'statement' | 'evidence' | 'attribution' | 'derivedFrom' | 'verdict' | 'rule' | 'range' | 'ci95' | 'headline'> & {
  ci95?: [number, number] | null;
  range?: ClaimResult['range'];
  /** the row shows the deciding part's numbers (ClaimResult.headline); this is the statistic's text without the part */
  headline?: string;
};

export interface Claim {
  id: string;
  source: string;
  statement: string;
  /** what decides the row (the evidence of its `decides` parts) */
  evidence: Evidence;
  attribution: Attribution;
  derivedFrom?: string;
  /** what is run at each size */
  protocol: Record<RunSize, string>;
  run(size: RunSize): Promise<ClaimMeasurement>;
}
