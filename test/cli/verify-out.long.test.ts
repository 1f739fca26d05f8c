/**
 * `escapelab verify` and its output folder, end to end on one fast claim: a folder holding an earlier run is refused
 * before any work (exit 2, naming --out), --force replaces the run and removes its figures, --resume removes the
 * figures the continued report no longer draws; an empty --claims is an error.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapelab } from '../helpers.js';

const CLAIM = 'bn-softmax-limits'; // an identity checked on 300 cases: well under a second, no figure

/** a gallery of an earlier run in `dir`/figures: figures 'old-a' and 'old-b', and a file escapelab did not write */
function staleGallery(dir: string): void {
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'figures', 'index.md'), '# Figures\n\n[![A](old-a.svg)](old-a.svg)\n\n[![B](old-b.svg)](old-b.svg)\n');
  for (const f of ['old-a.svg', 'old-a.png', 'old-b.svg', 'old-b.png', 'notes.txt']) writeFileSync(join(dir, 'figures', f), 'x');
}

describe('verify --out holding an earlier run', () => {
  it('is refused without --force or --resume: exit 2 naming --out, the earlier report untouched', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-out-'));
    expect((await escapelab(['verify', '--claims', CLAIM, '--out', out, '--no-figures'])).code).toBe(0);
    const before = readFileSync(join(out, 'report.json'), 'utf8');
    const r = await escapelab(['verify', '--claims', 'ndadam-invariants', '--out', out, '--no-figures']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: .* already holds the report of an earlier run \(report\.json, report\.md\); add --force to replace it/);
    expect(r.stderr).toContain('--resume to continue it');
    expect(r.stderr).not.toContain('ndadam-invariants …'); // refused before any claim ran
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(before);
  });

  it('--force replaces the report and removes the earlier figures (only those escapelab wrote)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-force-'));
    writeFileSync(join(out, 'report.json'), JSON.stringify({ tool: 'escapelab verify', size: 'quick', claims: [] }));
    writeFileSync(join(out, 'report.md'), '# an earlier run');
    staleGallery(out);
    const r = await escapelab(['verify', '--claims', CLAIM, '--out', out, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`--force: removed the earlier run in ${out} (7 files)`);
    expect(readdirSync(join(out, 'figures'))).toEqual(['notes.txt']);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(rep.claims.map((c: { id: string }) => c.id)).toEqual([CLAIM]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`## \`${CLAIM}\``);
  });

  it('--resume continues the report and removes the figures it no longer draws', async () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-resume-figs-'));
    expect((await escapelab(['verify', '--claims', CLAIM, '--out', out, '--no-figures'])).code).toBe(0);
    staleGallery(out);
    const r = await escapelab(['verify', '--claims', CLAIM, '--out', out, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${CLAIM}: HOLDS (kept from the previous report)`);
    expect(readdirSync(join(out, 'figures'))).toEqual(['notes.txt']);
  });

  it('--force and --resume together, and an --out that is a file, exit 2 before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-bad-out-'));
    const both = await escapelab(['verify', '--claims', CLAIM, '--out', dir, '--force', '--resume']);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('--force and --resume exclude each other') });
    writeFileSync(join(dir, 'plain'), '');
    const file = await escapelab(['verify', '--claims', CLAIM, '--out', join(dir, 'plain')]);
    expect(file).toMatchObject({ code: 2, stderr: expect.stringContaining('--out: ') });
    expect(file.stderr).toContain('is a file, not a folder');
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });
});

describe('verify --claims', () => {
  it('an empty or blank list exits 2 naming --claims and listing the known ids, running nothing', async () => {
    for (const v of ['', ' , ']) {
      const out = join(mkdtempSync(join(tmpdir(), 'verify-claims-')), 'out');
      const r = await escapelab(['verify', '--claims', v, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--claims: no claim id given .*known ids: kramers-langevin, .*bn-softmax-limits/);
      expect(existsSync(out)).toBe(false);
    }
  });
});
