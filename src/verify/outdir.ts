/**
 * The output folder of `escapelab verify`: its default name, and the checks made before any work. A folder holds
 * one run: one that already holds an earlier run's report is refused unless the run continues it (--resume) or
 * replaces it (--force), and replacing it removes the earlier report and the figures escapelab drew for it (the
 * files its gallery links and the plots its report lists; nothing else in the folder), so that a folder never
 * mixes two runs.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GALLERY_FILE, ensureWritableFolder, removeGallery } from '../figures/files.js';
import type { RunSize } from './claim.js';
import { CLAIMS } from './registry.js';
import { plotsOf, type VerifyReport } from './report.js';
import { previousClaims } from './runner.js';

/** the files a run writes into its folder (figures/ holds the gallery) */
export const RUN_FILES = ['report.json', 'report.md', join('figures', GALLERY_FILE)] as const;
export const FIGURES_DIR = 'figures';

/** longest default folder name that lists the claims of a subset; beyond it the name gives their number */
const MAX_NAME = 96;

/**
 * `escapelab-verify-<size>` for the whole registry; for a subset, its ids after the size
 * (`escapelab-verify-quick-bound-adam-kingma-ba`, several joined by '+'), or their number when that is too long
 * (`escapelab-verify-quick-5-claims`). A subset thus never lands in the whole registry's folder.
 */
export function defaultOut(size: RunSize, ids: string[]): string {
  const base = `escapelab-verify-${size}`;
  const all = ids.length === CLAIMS.length && CLAIMS.every((c) => ids.includes(c.id));
  if (all) return base;
  const named = `${base}-${ids.join('+')}`;
  return named.length <= MAX_NAME ? named : `${base}-${ids.length}-claims`;
}

/** the files of an earlier run present in `out` */
export function earlierRunFiles(out: string): string[] {
  return RUN_FILES.map((f) => join(out, f)).filter((f) => existsSync(f));
}

/** the plot ids an earlier report.json lists (none when it is unreadable) */
function earlierPlotIds(out: string): string[] {
  try {
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Partial<VerifyReport>;
    return Array.isArray(rep.claims) ? rep.claims.flatMap((c) => plotsOf(c).map((p) => p.id)) : [];
  } catch {
    return [];
  }
}

export interface OutChoice { force?: boolean; resume?: boolean; size: RunSize; outGiven: boolean }

/**
 * The checks before any work, each an error naming the option: --force and --resume exclude each other; a folder
 * holding an earlier run needs one of them; a report to resume must be one (previousClaims); the folder must be
 * writable (it is created here).
 */
export function checkVerifyOut(out: string, o: OutChoice): void {
  if (o.force && o.resume) throw new Error('--force and --resume exclude each other: --resume continues the report in --out, --force replaces it');
  const earlier = earlierRunFiles(out);
  if (earlier.length && !o.force && !o.resume) {
    throw new Error(`--out: ${out} already holds the report of an earlier run (${earlier.map((f) => f.slice(out.length + 1)).join(', ')}); `
      + `add --force to replace it (its report and figures are removed first), --resume to continue it, or ${o.outGiven ? 'give another --out' : 'name another folder with --out'}`);
  }
  if (o.resume) previousClaims(out, o.size);
  ensureWritableFolder(out, '--out');
}

/** with --force: removes the earlier run's report.json, report.md and figures; returns the files removed */
export function clearEarlierRun(out: string): string[] {
  const plotIds = earlierPlotIds(out);
  const removed = ['report.json', 'report.md'].map((f) => join(out, f)).filter((f) => existsSync(f));
  for (const f of removed) unlinkSync(f);
  return [...removed, ...removeGallery(join(out, FIGURES_DIR), plotIds)];
}
