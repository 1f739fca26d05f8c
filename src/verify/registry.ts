/** The claims registry (design.md §7): every claim `escapelab verify` runs, in report order. Ids are stable. */
import type { Claim } from './claim.js';
import { CONVERGENCE_CLAIMS } from './claims/convergence.js';
import { DISCRETE_CLAIMS } from './claims/discrete.js';
import { ESCAPE_CLAIMS } from './claims/escape.js';
import { INVARIANT_CLAIMS } from './claims/invariants.js';
import { NETWORK_CLAIMS } from './claims/networks.js';
import { REAL_OPTIMIZER_CLAIMS } from './claims/real-optimizers.js';

export const CLAIMS: Claim[] = [...ESCAPE_CLAIMS, ...DISCRETE_CLAIMS, ...REAL_OPTIMIZER_CLAIMS, ...NETWORK_CLAIMS, ...INVARIANT_CLAIMS, ...CONVERGENCE_CLAIMS];

/**
 * The ids of a `--claims` value (comma-separated, blanks around them ignored); undefined (the option not given)
 * means every claim. A value with no id at all ('', ' ', ',') is an error naming --claims and the known ids.
 */
export function parseClaimIds(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new Error(`--claims: no claim id given (got '${value}'); give comma-separated ids, or leave --claims out to run every claim; known ids: ${CLAIMS.map((c) => c.id).join(', ')}`);
  return ids;
}

/**
 * The claims with the given ids, in registry order; undefined means every claim. An empty list or an unknown id is
 * an error naming the known ones.
 */
export function selectClaims(ids?: string[]): Claim[] {
  if (!ids) return CLAIMS;
  const known = new Set(CLAIMS.map((c) => c.id));
  if (ids.length === 0) throw new Error(`--claims: no claim id given; known ids: ${[...known].join(', ')}`);
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) throw new Error(`--claims: unknown claim id${bad.length > 1 ? 's' : ''} ${bad.map((b) => `'${b}'`).join(', ')}; known ids: ${[...known].join(', ')}`);
  return CLAIMS.filter((c) => ids.includes(c.id));
}
