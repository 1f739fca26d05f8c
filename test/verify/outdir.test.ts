/** The verify output folder: default names, the refusal of an earlier run, --force's clean-up, --claims parsing. */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkVerifyOut, clearEarlierRun, defaultOut } from '../../src/verify/outdir.js';
import { CLAIMS, parseClaimIds, selectClaims } from '../../src/verify/registry.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'verify-outdir-'));

/** an earlier run's folder: report.json listing plot 'a', a gallery linking 'a' and 'b', a stale 'c' and a user file */
function earlierRun(): string {
  const out = tmp();
  mkdirSync(join(out, 'figures'));
  const plot = (id: string) => ({ id, title: id, x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', style: 'line', points: [{ x: 0, y: 0 }] }] });
  writeFileSync(join(out, 'report.json'), JSON.stringify({ tool: 'escapelab verify', size: 'quick', claims: [{ id: 'k', details: { plots: [plot('a'), plot('c')] } }] }));
  writeFileSync(join(out, 'report.md'), '# old');
  writeFileSync(join(out, 'figures', 'index.md'), '# Figures\n\n[![a](a.svg)](a.svg)\n\n[![b](b.svg)](b.svg)\n');
  for (const f of ['a.svg', 'a.png', 'b.svg', 'b.png', 'c.svg', 'c.png', 'notes.txt']) writeFileSync(join(out, 'figures', f), 'x');
  writeFileSync(join(out, 'mine.txt'), 'keep');
  return out;
}

describe('defaultOut', () => {
  it('names the whole registry by size, and a subset by its ids, so that a subset never lands in the full run\'s folder', () => {
    const all = CLAIMS.map((c) => c.id);
    expect(defaultOut('quick', all)).toBe('escapelab-verify-quick');
    expect(defaultOut('full', all)).toBe('escapelab-verify-full');
    expect(defaultOut('quick', ['bound-adam-kingma-ba'])).toBe('escapelab-verify-quick-bound-adam-kingma-ba');
    expect(defaultOut('quick', ['bn-softmax-limits', 'ndadam-invariants'])).toBe('escapelab-verify-quick-bn-softmax-limits+ndadam-invariants');
    expect(defaultOut('full', all.slice(0, 5))).toBe('escapelab-verify-full-5-claims');
  });
});

describe('checkVerifyOut', () => {
  it('refuses a folder with an earlier report unless --force or --resume, naming --out and the ways on', () => {
    const out = earlierRun();
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: true })).toThrow(/^--out: .* already holds the report of an earlier run \(report\.json, report\.md, figures\/index\.md\); add --force to replace it .*--resume to continue it, or give another --out$/);
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: false })).toThrow(/name another folder with --out/);
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: true, force: true })).not.toThrow();
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: true, resume: true })).not.toThrow();
    expect(() => checkVerifyOut(out, { size: 'full', outGiven: true, resume: true })).toThrow(/--resume: .* is a --quick run/);
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: true, resume: true, force: true })).toThrow(/--force and --resume exclude each other/);
  });

  it('accepts a new or empty folder (creating it), or one holding only other files', () => {
    const base = tmp();
    const fresh = join(base, 'a', 'b');
    checkVerifyOut(fresh, { size: 'quick', outGiven: true });
    expect(readdirSync(fresh)).toEqual([]); // created, and the write probe removed
    writeFileSync(join(base, 'other.txt'), '');
    expect(() => checkVerifyOut(base, { size: 'quick', outGiven: true })).not.toThrow();
  });

  it('refuses an --out that is a file or cannot be written, before any work', () => {
    const base = tmp();
    writeFileSync(join(base, 'file'), '');
    expect(() => checkVerifyOut(join(base, 'file'), { size: 'quick', outGiven: true })).toThrow(/^--out: .*file is a file, not a folder/);
    expect(() => checkVerifyOut(join(base, 'file', 'sub'), { size: 'quick', outGiven: true })).toThrow(/^--out: cannot write into/);
    if (process.getuid?.() !== 0) { // root writes anyway
      const ro = join(base, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      expect(() => checkVerifyOut(ro, { size: 'quick', outGiven: true })).toThrow(/^--out: cannot write into/);
    }
  });
});

describe('clearEarlierRun (--force)', () => {
  it('removes the report and the figures escapelab drew (gallery links and report plots), and nothing else', () => {
    const out = earlierRun();
    const removed = clearEarlierRun(out);
    expect(removed.map((f) => f.slice(out.length + 1)).sort()).toEqual(
      ['figures/a.png', 'figures/a.svg', 'figures/b.png', 'figures/b.svg', 'figures/c.png', 'figures/c.svg', 'figures/index.md', 'report.json', 'report.md'].sort(),
    );
    expect(readdirSync(out).sort()).toEqual(['figures', 'mine.txt']);
    expect(readdirSync(join(out, 'figures'))).toEqual(['notes.txt']);
    expect(() => checkVerifyOut(out, { size: 'quick', outGiven: true })).not.toThrow();
  });

  it('removes an emptied figures folder', () => {
    const out = earlierRun();
    unlinkSync(join(out, 'figures', 'notes.txt'));
    clearEarlierRun(out);
    expect(existsSync(join(out, 'figures'))).toBe(false);
  });
});

describe('--claims', () => {
  it('an empty or blank list is an error naming --claims and the known ids; no option means every claim', () => {
    for (const v of ['', ' ', ',', ' , ,']) expect(() => parseClaimIds(v)).toThrow(/^--claims: no claim id given .*known ids: kramers-langevin, /);
    expect(parseClaimIds(undefined)).toBeUndefined();
    expect(selectClaims(parseClaimIds(undefined))).toHaveLength(CLAIMS.length);
    expect(parseClaimIds(' bn-softmax-limits , ndadam-invariants,')).toEqual(['bn-softmax-limits', 'ndadam-invariants']);
    expect(() => selectClaims([])).toThrow(/^--claims: no claim id given/);
  });
});
