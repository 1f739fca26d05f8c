/**
 * The registry holds every claim id of design.md §7 (ids are stable API), and `escapelab verify` runs a
 * selection end to end: report.json with the documented keys, report.md, the table, and clear errors.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIMS, selectClaims } from '../../src/verify/registry.js';
import { failedRow, rowOf, runClaim } from '../../src/verify/row.js';
import { applyFamily } from '../../src/verify/family.js';
import { escapelab } from '../helpers.js';


const DESIGN_IDS = [
  'kramers-langevin', 'convention-prefactor', 'sgd-exponential-flat', 'white-noise-polynomial', 'adam-sqrt-sharpness',
  'invadam-escapes-sharp', 'padam-interpolates', 'adamomentum-exponent', 'discrete-matches-sde', 'dualadam-phases',
  'mori-power-law', 'ndadam-invariants', 'bn-softmax-limits', 'bound-amsgrad', 'bound-padam', 'bound-adamomentum',
  'invariants-adamomentum', 'bound-adam-kingma-ba', 'bound-invadam', 'bound-dualadam',
];

/**
 * What decides each claim and who states it (docs/claims.md, "Evidence and attribution"). The exponent claims are
 * decided by rare-event simulation; the toolkit's derivations and hypotheses are not the papers'.
 */
const EVIDENCE: Record<string, [string, string]> = {
  'nn-noise-covariance': ['simulation', 'paper'], 'nn-escape-sharpness': ['simulation', 'paper'],
  'nn-escape-batch-lr': ['simulation', 'paper'], 'nn-optimizer-selectivity': ['simulation', 'derived'],
  'kramers-langevin': ['quadrature', 'paper'], 'convention-prefactor': ['simulation', 'derived'],
  'sgd-exponential-flat': ['simulation', 'paper'], 'white-noise-polynomial': ['simulation', 'paper'],
  'adam-sqrt-sharpness': ['simulation', 'paper'], 'invadam-escapes-sharp': ['simulation', 'derived'],
  'padam-interpolates': ['simulation', 'derived'], 'adamomentum-exponent': ['simulation', 'derived'],
  'mori-power-law': ['quadrature', 'paper'], 'discrete-matches-sde': ['simulation', 'derived'],
  'dualadam-phases': ['simulation', 'derived'], 'ndadam-invariants': ['identity', 'paper'],
  'bn-softmax-limits': ['identity', 'paper'], 'bound-adam-kingma-ba': ['search', 'paper'], 'bound-amsgrad': ['search', 'paper'],
  'bound-amsgrad-corollary': ['search', 'paper'], 'bound-amsgrad-phuong-phong': ['search', 'paper'],
  'bound-amsgrad-constant-beta1': ['search', 'paper'], 'bound-adamomentum': ['search', 'paper'],
  'bound-adamomentum-corollary': ['search', 'paper'], 'bound-padam': ['search', 'toolkit'], 'bound-invadam': ['search', 'toolkit'],
  'bound-dualadam': ['search', 'toolkit'], 'invariants-adamomentum': ['identity', 'paper'],
  'discrete-exponent-sgd': ['simulation', 'paper'], 'discrete-exponent-adam': ['simulation', 'paper'],
  'discrete-exponent-invadam': ['simulation', 'derived'], 'rotated-minima-exponent': ['simulation', 'derived'],
};

describe('claims registry', () => {
  it('has every claim id of design.md §7, each once, with a source, a statement and both protocols', () => {
    const ids = CLAIMS.map((c) => c.id);
    for (const id of DESIGN_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CLAIMS) {
      expect(c.source.length).toBeGreaterThan(10);
      expect(c.statement.length).toBeGreaterThan(10);
      expect(c.protocol.quick.length).toBeGreaterThan(5);
      expect(c.protocol.full.length).toBeGreaterThan(5);
    }
  });
  it('every claim says what decides it and who states it; derived claims name the paper and say they are derived', () => {
    expect(Object.keys(EVIDENCE).sort()).toEqual(CLAIMS.map((c) => c.id).sort());
    for (const c of CLAIMS) {
      expect([c.evidence, c.attribution], c.id).toEqual(EVIDENCE[c.id]);
      expect(Boolean(c.derivedFrom), c.id).toBe(c.attribution === 'derived');
      if (c.attribution === 'derived') expect(c.statement, c.id).toMatch(/^(This toolkit|The SDE models this toolkit derives)/);
      if (c.attribution === 'toolkit') expect(c.statement, c.id).toMatch(/^A hypothesis this toolkit tests, not a theorem the paper states/);
      if (c.attribution === 'paper') expect(c.statement, c.id).not.toMatch(/this toolkit/i);
    }
  });
  it('every registered claim\'s row carries its evidence and attribution, also when its measurement fails', () => {
    for (const c of CLAIMS) {
      const row = failedRow(c, new Error('x'));
      expect(row, c.id).toMatchObject({ id: c.id, evidence: c.evidence, attribution: c.attribution, verdict: 'INCONCLUSIVE', ci95: null, range: null, details: null, parts: [] });
      expect(row.derivedFrom).toBe(c.derivedFrom);
    }
  });
  it('a quadrature row cannot carry a confidence interval', () => {
    const q = CLAIMS.find((c) => c.evidence === 'quadrature')!;
    expect(() => rowOf(q, { statistic: 's', estimate: 1, ci95: [0, 2], theory: 1, parts: [], details: null })).toThrow(/has no confidence interval/);
  });
  it('an unknown id is an error that lists the known ones', () => {
    expect(() => selectClaims(['kramers-langevin', 'no-such-claim'])).toThrow(/unknown claim id 'no-such-claim'; known ids: kramers-langevin/);
  });
});

describe('escapelab verify (two fast claims, end to end)', () => {
  it('writes report.json / report.md and prints one JSON row per claim', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-'));
    const r = await escapelab(['verify', '--quick', '--claims', 'bn-softmax-limits,ndadam-invariants', '--out', out, '--json', '--no-figures']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.claims.map((c: { id: string }) => c.id)).toEqual(['ndadam-invariants', 'bn-softmax-limits']);
    for (const c of j.claims) {
      for (const k of ['id', 'source', 'statement', 'evidence', 'attribution', 'statistic', 'estimate', 'ci95', 'range', 'theory', 'verdict', 'rule', 'parts']) expect(c).toHaveProperty(k);
      expect(c).toMatchObject({ evidence: 'identity', attribution: 'paper', range: null });
      expect(['HOLDS', 'FAILS', 'INCONCLUSIVE']).toContain(c.verdict);
    }
    expect(j.family).toMatchObject({ alpha: 0.05, m: 0, members: [] });
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(rep.complete).toBe(true);
    expect(rep.family.m).toBe(0);
    for (const c of rep.claims) {
      expect(c.details).toMatchObject({ runs: 300 }); // the claim's details, renamed from `evidence`
      expect(typeof c.evidence).toBe('string');
    }
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('### Identities checked on generated cases');
    expect(existsSync(join(out, 'report.md'))).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## `bn-softmax-limits`');
  });
  it('bad options exit 2 with a message', async () => {
    expect(await escapelab(['verify', '--claims', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown claim id 'nope'") });
    expect(await escapelab(['verify', '--quick', '--full'])).toMatchObject({ code: 2, stderr: expect.stringContaining('exclude each other') });
  });
  it('--resume keeps the finished claims unchanged and runs only the others; a report of the other size is refused', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-resume-'));
    expect((await escapelab(['verify', '--quick', '--claims', 'bn-softmax-limits', '--out', out, '--no-figures'])).code).toBe(0);
    const first = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const r = await escapelab(['verify', '--quick', '--resume', '--claims', 'bn-softmax-limits,ndadam-invariants', '--out', out, '--no-figures']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('bn-softmax-limits: HOLDS (kept from the previous report)');
    const second = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(second.complete).toBe(true);
    expect(second.resumed).toEqual(['bn-softmax-limits']);
    // the kept row is the old one, byte for byte (its time included); the other claim was measured now
    expect(second.claims.find((c: { id: string }) => c.id === 'bn-softmax-limits')).toEqual(first.claims[0]);
    expect(second.claims.map((c: { id: string }) => c.id)).toEqual(['ndadam-invariants', 'bn-softmax-limits']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Resumed: 1 claim kept from the previous report');
    // a resumed report equals an uninterrupted one apart from the times
    const whole = mkdtempSync(join(tmpdir(), 'verify-whole-'));
    expect((await escapelab(['verify', '--quick', '--claims', 'bn-softmax-limits,ndadam-invariants', '--out', whole, '--no-figures'])).code).toBe(0);
    const untimed = (rep: { claims: Array<Record<string, unknown>> }) => rep.claims.map(({ seconds: _s, ...rest }) => rest);
    expect(untimed(second)).toEqual(untimed(JSON.parse(readFileSync(join(whole, 'report.json'), 'utf8'))));
    expect(await escapelab(['verify', '--full', '--resume', '--claims', 'bn-softmax-limits', '--out', out])).toMatchObject({ code: 2, stderr: expect.stringContaining('is a --quick run; it cannot be continued as --full') });
    // a row of the format before issue 16 (details under `evidence`) is measured again, not kept
    const old = { ...first, claims: first.claims.map(({ details, evidence: _e, attribution: _a, parts: _p, ...rest }: Record<string, unknown>) => ({ ...rest, evidence: details })) };
    writeFileSync(join(out, 'report.json'), JSON.stringify(old));
    const again = await escapelab(['verify', '--quick', '--resume', '--claims', 'bn-softmax-limits', '--out', out, '--no-figures']);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).resumed).toEqual([]);
    writeFileSync(join(out, 'report.json'), '{ not json');
    expect(await escapelab(['verify', '--resume', '--claims', 'bn-softmax-limits', '--out', out])).toMatchObject({ code: 2, stderr: expect.stringContaining('--resume:') });
  });
});

describe('an exponent claim decided by simulation, end to end (sgd-exponential-flat, quick)', () => {
  it('carries the measured k with its 95% CI and ΔΦ, the controls, and its two comparisons in the Holm family', async () => {
    const c = CLAIMS.find((x) => x.id === 'sgd-exponential-flat')!;
    const row = await runClaim(c, 'quick');
    const fam = applyFamily([row]);
    expect(row).toMatchObject({ evidence: 'simulation', attribution: 'paper', range: null });
    const m = row.measured as { k: number; ci95: [number, number]; deltaPhiMax: number; rivals: number[] };
    expect(row.ci95).toEqual(m.ci95);
    expect(m.ci95[0]).toBeLessThan(m.k);
    expect(m.deltaPhiMax).toBeGreaterThanOrEqual(10);
    expect(m.rivals).toEqual([0, 0.5]);
    expect(row.parts.map((p) => [p.evidence, p.role])).toEqual([
      ['simulation', 'decides'], ['simulation', 'decides'], ['simulation', 'decides'], ['simulation', 'check'], ['quadrature', 'check'], ['simulation', 'decides'],
    ]);
    // the simulated k against the claimed k (deciding), against k on the exact ln τ (a check), and the law in B (deciding)
    expect(fam.m).toBe(3);
    expect(fam.members.map((x) => x.claim)).toEqual(['sgd-exponential-flat', 'sgd-exponential-flat', 'sgd-exponential-flat']);
    const b = (row.measured as { batchLaw: { batches: number[]; ratio: { estimate: number; ci95: [number, number]; exact: number } } }).batchLaw;
    expect(b.batches).toEqual([1, 2]);
    expect(b.ratio.ci95[0]).toBeLessThan(b.ratio.estimate);
    expect(b.ratio.ci95[1]).toBeGreaterThan(b.ratio.estimate);
  });
});
