/**
 * Runs claims one after another (each Monte Carlo measurement uses every core through the engine's `auto`
 * backend), writes report.json after every claim — an interrupted or failing run keeps what it finished — and
 * at the end report.md and the figures. With `resume`, the claims already in a previous report.json of the same
 * size are kept as they are and only the others run (a long `--full` run can be continued after Ctrl-C).
 * Each save applies the multiplicity rule (family.ts) to the Monte Carlo-vs-exact comparisons of every claim in the
 * report, kept ones included, and decides the rows again: a verdict is final once the report is complete.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Claim, ClaimResult, RunSize } from './claim.js';
import { applyFamily } from './family.js';
import { plotsOf, reportMarkdown, type VerifyReport } from './report.js';
import { failedRow, runClaim } from './row.js';

export interface VerifyOptions {
  size: RunSize;
  claims: Claim[];
  out: string;
  onStart?: (c: Claim, index: number) => void;
  onDone?: (r: VerifyReport['claims'][number], index: number, resumed?: boolean) => void;
  signal?: AbortSignal;
  /** write SVG/PNG figures (default true) */
  figures?: boolean;
  /** keep the claims already measured in `out`/report.json (same size; failed measurements are run again) */
  resume?: boolean;
}

/** a row of this report format (evidence, attribution, parts), measured (not a failed measurement) */
const keepable = (c: Partial<ClaimResult>) => typeof c.evidence === 'string' && typeof c.attribution === 'string' && Array.isArray(c.parts) && (c.estimate !== null || c.details !== null);

/**
 * The finished claims of a previous run in `out` that can be kept: same size, this report format, and not a
 * failed measurement (a row of an older format is measured again).
 * A missing report.json means nothing to keep; one of the other size, or unreadable, is an error (before any work).
 */
export function previousClaims(out: string, size: RunSize): Map<string, VerifyReport['claims'][number]> {
  const file = join(out, 'report.json');
  const kept = new Map<string, VerifyReport['claims'][number]>();
  if (!existsSync(file)) return kept;
  let prev: VerifyReport;
  try {
    prev = JSON.parse(readFileSync(file, 'utf8')) as VerifyReport;
  } catch (e) {
    throw new Error(`--resume: ${file} is not a readable verify report (${(e as Error).message})`);
  }
  if (prev?.tool !== 'escapelab verify' || !Array.isArray(prev.claims)) throw new Error(`--resume: ${file} is not a verify report (no tool "escapelab verify" and claims[])`);
  if (prev.size !== size) throw new Error(`--resume: ${file} is a --${prev.size} run; it cannot be continued as --${size} (use another --out)`);
  for (const c of prev.claims) if (keepable(c)) kept.set(c.id, c);
  return kept;
}

/**
 * The figures of the report into `out`/figures, with index.md. The figures of an earlier gallery there that this
 * report does not draw (a resumed report can hold other claims) are removed first, so the folder shows one run.
 * A figure that cannot be drawn is an error of the run (`figuresError`), but the report is already written.
 */
async function drawFigures(rep: VerifyReport, out: string, save: () => void): Promise<void> {
  const plots = rep.claims.flatMap(plotsOf);
  const dir = join(out, 'figures');
  const { writeFigures, galleryMarkdown, removeGallery } = await import('../figures/index.js');
  try {
    removeGallery(dir, [], plots.map((p) => p.id));
    if (!plots.length) return;
    await writeFigures(plots, dir);
    writeFileSync(join(dir, 'index.md'), galleryMarkdown(plots, '.'));
  } catch (e) {
    rep.figuresError = e instanceof Error ? e.message : String(e);
    save();
  }
}

export async function runVerify(o: VerifyOptions): Promise<VerifyReport> {
  const kept = o.resume ? previousClaims(o.out, o.size) : new Map<string, VerifyReport['claims'][number]>();
  mkdirSync(o.out, { recursive: true });
  const t0 = performance.now();
  const rep: VerifyReport = {
    tool: 'escapelab verify', size: o.size, started: new Date().toISOString(), seconds: 0, complete: false,
    machine: { node: process.versions.node, platform: `${process.platform}-${process.arch}`, cpus: availableParallelism() },
    claims: [],
  };
  if (o.resume) rep.resumed = o.claims.filter((c) => kept.has(c.id)).map((c) => c.id);
  const save = () => {
    rep.family = applyFamily(rep.claims);
    rep.seconds = (performance.now() - t0) / 1000;
    writeFileSync(join(o.out, 'report.json'), JSON.stringify(rep, null, 1));
  };
  for (let i = 0; i < o.claims.length; i++) {
    if (o.signal?.aborted) break;
    const c = o.claims[i];
    const old = kept.get(c.id);
    if (old) {
      rep.claims.push(old);
      save();
      o.onDone?.(old, i, true);
      continue;
    }
    o.onStart?.(c, i);
    const s0 = performance.now();
    let r: ClaimResult;
    try {
      r = await runClaim(c, o.size);
    } catch (e) {
      // a claim that cannot be measured is reported as such, with the reason; the other claims still run
      r = failedRow(c, e);
    }
    const row = { ...r, seconds: (performance.now() - s0) / 1000, protocol: c.protocol[o.size] };
    rep.claims.push(row);
    save();
    o.onDone?.(row, i);
  }
  rep.complete = rep.claims.length === o.claims.length;
  save();
  writeFileSync(join(o.out, 'report.md'), reportMarkdown(rep));
  if (o.figures !== false) await drawFigures(rep, o.out, save);
  return rep;
}
