/**
 * The full-size verify protocol (issue 7; docs/claims.md, "Full-size run"), resumable and recorded into docs/:
 *   npx tsx sims/verify-full.mts [--claims id,id] [--out DIR]
 * 1. builds, then runs `escapelab verify --full --resume --out DIR` (default DIR = sims/out/verify-full): every
 *    Monte Carlo point with 20000 trajectories, every fast-check search with its full budget. Interrupted (Ctrl-C,
 *    a crash, the end of a session), it is simply run again: the claims already in DIR/report.json are kept.
 * 2. once the report is complete, records it: docs/data/report-full.json, docs/data/report-full.md (figure links
 *    into docs/figures/full/) and the figures, SVG + PNG with their index, in docs/figures/full/.
 * About 40 minutes on the 2-core VM (measured 2026-11-21; docs/claims.md has the per-claim times).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { plotsOf, reportMarkdown, type VerifyReport } from '../src/verify/report.js';
import { galleryMarkdown, writeFigures } from '../src/figures/index.js';

const { values } = parseArgs({ options: { claims: { type: 'string' }, out: { type: 'string', default: 'sims/out/verify-full' } } });
const out = values.out!;

const sh = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
};
if (sh('npm', ['run', '--silent', 'build']) !== 0) throw new Error('npm run build failed');
const verify = ['scripts/with-display.mjs', 'node', 'dist/cli/main.js', 'verify', '--full', '--resume', '--out', out, '--no-figures'];
if (values.claims) verify.push('--claims', values.claims);
const status = sh('node', verify);

const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as VerifyReport;
if (status !== 0 || !rep.complete) {
  console.error(`verify --full stopped (exit ${status}) after ${rep.claims.length} claims; run this script again to continue. Nothing recorded in docs/.`);
  process.exit(status || 1);
}
if (values.claims) {
  console.log(`only --claims ${values.claims} were run: the report stays in ${out}, docs/ is recorded from complete runs of every claim`);
  process.exit(0);
}
mkdirSync('docs/data', { recursive: true });
copyFileSync(join(out, 'report.json'), 'docs/data/report-full.json');
writeFileSync('docs/data/report-full.md', reportMarkdown(rep, '../figures/full'));
const plots = rep.claims.flatMap(plotsOf);
await writeFigures(plots, 'docs/figures/full');
writeFileSync('docs/figures/full/index.md', galleryMarkdown(plots, '.'));
console.log(`recorded: docs/data/report-full.{json,md}, ${plots.length} figures in docs/figures/full/`);
