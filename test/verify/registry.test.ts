/**
 * The registry holds every claim id of design.md §7 (ids are stable API), and `escapelab verify` runs a
 * selection end to end: report.json with the documented keys, report.md, the table, and clear errors.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIMS, selectClaims } from '../../src/verify/registry.js';
import { escapelab } from '../helpers.js';


const DESIGN_IDS = [
  'kramers-langevin', 'convention-prefactor', 'sgd-exponential-flat', 'white-noise-polynomial', 'adam-sqrt-sharpness',
  'invadam-escapes-sharp', 'padam-interpolates', 'adamomentum-exponent', 'discrete-matches-sde', 'dualadam-phases',
  'mori-power-law', 'ndadam-invariants', 'bn-softmax-limits', 'bound-amsgrad', 'bound-padam', 'bound-adamomentum',
  'invariants-adamomentum', 'bound-adam-kingma-ba', 'bound-invadam', 'bound-dualadam',
];

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
      for (const k of ['id', 'source', 'statement', 'statistic', 'estimate', 'ci95', 'theory', 'verdict']) expect(c).toHaveProperty(k);
      expect(['CONFIRMED', 'REFUTED', 'INCONCLUSIVE']).toContain(c.verdict);
    }
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(rep.complete).toBe(true);
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
    expect(r.stderr).toContain('bn-softmax-limits: CONFIRMED (kept from the previous report)');
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
    writeFileSync(join(out, 'report.json'), '{ not json');
    expect(await escapelab(['verify', '--resume', '--claims', 'bn-softmax-limits', '--out', out])).toMatchObject({ code: 2, stderr: expect.stringContaining('--resume:') });
  });
});
