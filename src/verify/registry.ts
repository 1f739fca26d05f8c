/** The claims registry (design.md §7): every claim `escapelab verify` runs, in report order. Ids are stable. */
import type { Claim } from './claim.js';
import { CONVERGENCE_CLAIMS } from './claims/convergence.js';
import { DISCRETE_CLAIMS } from './claims/discrete.js';
import { ESCAPE_CLAIMS } from './claims/escape.js';
import { INVARIANT_CLAIMS } from './claims/invariants.js';
import { REAL_OPTIMIZER_CLAIMS } from './claims/real-optimizers.js';

export const CLAIMS: Claim[] = [...ESCAPE_CLAIMS, ...DISCRETE_CLAIMS, ...REAL_OPTIMIZER_CLAIMS, ...INVARIANT_CLAIMS, ...CONVERGENCE_CLAIMS];

/** the claims with the given ids, in registry order; an unknown id is an error naming the known ones */
export function selectClaims(ids?: string[]): Claim[] {
  if (!ids || ids.length === 0) return CLAIMS;
  const known = new Set(CLAIMS.map((c) => c.id));
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) throw new Error(`--claims: unknown claim id${bad.length > 1 ? 's' : ''} ${bad.map((b) => `'${b}'`).join(', ')}; known ids: ${[...known].join(', ')}`);
  return CLAIMS.filter((c) => ids.includes(c.id));
}
