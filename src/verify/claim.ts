/**
 * The shape of a claim in the registry (design.md §7) and of its result (the `claims[]` rows of
 * `escapelab verify --json`, issue 7). Verdicts come from measurements, never from the registry.
 */
export type Verdict = 'CONFIRMED' | 'REFUTED' | 'INCONCLUSIVE';
export type RunSize = 'quick' | 'full';

export interface ClaimResult {
  id: string;
  source: string;
  statement: string;
  /** what was measured */
  statistic: string;
  estimate: number | null;
  ci95: [number, number] | null;
  theory: number | null;
  verdict: Verdict;
  /** the decision rule, applied to these numbers, in words */
  rule: string;
  /** claim-specific details (counterexamples, curves, coverage) for the report and the figures */
  evidence: unknown;
}

/** what a claim's run measures; its id, source and statement come from the Claim itself */
export type ClaimMeasurement = Omit<ClaimResult, 'id' | 'source' | 'statement'>;

export interface Claim {
  id: string;
  source: string;
  statement: string;
  /** what is run at each size */
  protocol: Record<RunSize, string>;
  run(size: RunSize): Promise<ClaimMeasurement>;
}

/** a claim's result row: its measurement under its own id, source and statement */
export async function runClaim(c: Claim, size: RunSize): Promise<ClaimResult> {
  return { id: c.id, source: c.source, statement: c.statement, ...(await c.run(size)) };
}

