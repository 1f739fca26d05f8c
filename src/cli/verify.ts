/** `escapelab verify`: every claim of the registry, a verdict each, report.md / report.json / figures (design.md §6). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Claim } from '../verify/claim.js';
import { checkVerifyOut, clearEarlierRun, defaultOut } from '../verify/outdir.js';
import { parseClaimIds, selectClaims } from '../verify/registry.js';
import { reportTable, verdictCounts } from '../verify/report.js';
import { runVerify } from '../verify/runner.js';
import { fail } from './common.js';

export interface VerifyCliOptions { quick?: boolean; full?: boolean; claims?: string; out?: string; json?: boolean; figures?: boolean; resume?: boolean; force?: boolean }

/** every check before any work (options, the output folder); with --force, the earlier run's files are removed */
function prepare(o: VerifyCliOptions): { claims: Claim[]; size: 'quick' | 'full'; out: string } {
  try {
    if (o.quick && o.full) throw new Error('--quick and --full exclude each other');
    const claims = selectClaims(parseClaimIds(o.claims));
    const size = o.full ? 'full' : 'quick';
    if (o.out !== undefined && o.out.trim() === '') throw new Error('--out: empty folder name; give a folder, or leave --out out for the default');
    const out = o.out ?? defaultOut(size, claims.map((c) => c.id));
    checkVerifyOut(out, { force: o.force, resume: o.resume, size, outGiven: o.out !== undefined });
    if (o.force) {
      const removed = clearEarlierRun(out);
      if (removed.length && !o.json) process.stderr.write(`escapelab: --force: removed the earlier run in ${out} (${removed.length} file${removed.length === 1 ? '' : 's'})\n`);
    }
    return { claims, size, out };
  } catch (e) {
    fail(e);
  }
}

export async function verifyCommand(o: VerifyCliOptions): Promise<void> {
  const { claims, size, out } = prepare(o);
  const abort = new AbortController();
  process.on('SIGINT', () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\nescapelab: interrupted; finishing the claim in progress, the report keeps the finished ones (Ctrl-C again to quit now)\n');
    abort.abort();
  });
  const bar = process.stderr.isTTY && !o.json
    ? new cliProgress.SingleBar({ format: 'verify [{bar}] {value}/{total} claims | {claim} | {duration_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(claims.length, 0, { claim: claims[0]?.id ?? '' });
  const rep = await runVerify({
    size, claims, out, signal: abort.signal, figures: o.figures !== false, resume: o.resume === true,
    onStart: (c, i) => { if (bar) bar.update(i, { claim: c.id }); else if (!o.json) process.stderr.write(`[${i + 1}/${claims.length}] ${c.id} …\n`); },
    onDone: (r, i, resumed) => {
      if (bar) bar.update(i + 1, { claim: r.id });
      else if (!o.json) process.stderr.write(`[${i + 1}/${claims.length}] ${r.id}: ${r.verdict} (${resumed ? 'kept from the previous report' : `${r.seconds.toFixed(1)} s`})\n`);
    },
  });
  bar?.stop();
  if (o.json) {
    process.stdout.write(JSON.stringify({
      size: rep.size, seconds: rep.seconds, complete: rep.complete, family: rep.family,
      claims: rep.claims.map(({ id, source, statement, evidence, attribution, derivedFrom, statistic, estimate, ci95, range, theory, verdict, rule, parts }) =>
        ({ id, source, statement, evidence, attribution, ...(derivedFrom ? { derivedFrom } : {}), statistic, estimate, ci95, range, theory, verdict, rule, parts })),
    }, null, 1) + '\n');
  } else {
    const fam = rep.family?.m ? `; ${rep.family.members.filter((m) => m.rejected).length} of ${rep.family.m} simulated-vs-stated comparisons rejected by Holm at family level ${rep.family.alpha}` : '';
    process.stdout.write(`${reportTable(rep)}\n\n${rep.claims.length} claims in ${rep.seconds.toFixed(0)} s (${verdictCounts(rep)}${fam}); report: ${out}/report.md, ${out}/report.json${existsSync(join(out, 'figures', 'index.md')) ? `, figures: ${out}/figures/` : ''}\n`);
  }
  if (rep.figuresError) {
    process.stderr.write(`escapelab: the figures could not be written: ${rep.figuresError}\n`);
    process.exitCode = 1;
  }
  if (!rep.complete) process.exitCode = 130;
}
