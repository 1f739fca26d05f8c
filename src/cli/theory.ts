/** `escapelab theory`: exact and asymptotic mean escape times of a scenario (design.md §6). */
import { compileSystem, networkReportOf } from '../scenario/compile.js';
import { isDiscrete } from '../scenario/schema.js';
import { theoryOfSystem, type TheoryReport } from '../theory/scenario.js';
import { MIN_NORMAL, fail, fmt, fmtFromLog, readJsonFile } from './common.js';
import { formatNetwork } from './theory-network.js';

export function theoryCommand(opts: { scenario: string; json?: boolean }): void {
  let report: TheoryReport;
  try {
    const system = compileSystem(readJsonFile(opts.scenario));
    report = theoryOfSystem(system);
    if (isDiscrete(system.scenario.dynamics)) report.sdeLimitOf = system.scenario.dynamics.discrete;
    const network = networkReportOf(system);
    if (network) report.network = network;
  } catch (e) {
    fail(e);
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  process.stdout.write(formatTheory(report));
}

/** τ, or e^{log τ} from its log when τ overflows or underflows a double (common.ts fmtFromLog: never a garbled mantissa) */
function time(t: number | null, logT: number | null): string {
  if (t === null || logT === null) return '—';
  if (Number.isFinite(t) && t >= MIN_NORMAL) return fmt(t);
  return fmtFromLog(logT);
}

export function formatTheory(r: TheoryReport): string {
  const lines: string[] = [];
  if (r.network && r.model === 'none') {
    // real minibatches: no SDE model; the network part is the theory
    lines.push(`scenario ${r.name}: the discrete optimizer ${r.sdeLimitOf ?? ''} on a network, ${r.dim}-D (no SDE model: the quadratic approximation at the trained minimum)`);
    return [...lines, ...formatNetwork(r.network)].join('\n') + '\n';
  }
  lines.push(`scenario ${r.name}: model ${r.model}, convention ${r.convention}, ${r.dim}-D${r.lr !== null ? `, η = ${r.lr}` : ''}`);
  if (r.sdeLimitOf) lines.push(`  (the SDE limit η → 0 of the discrete optimizer ${r.sdeLimitOf}; simulate gives the discrete answer)`);
  const it = (t: number | null, logT: number | null) => (r.lr === null || t === null || logT === null ? '' : `   (${time(t / r.lr, logT - Math.log(r.lr))} iterations)`);
  lines.push(`  exact MFPT       ${time(r.mfpt.exact, r.logMfpt.exact)}${it(r.mfpt.exact, r.logMfpt.exact)}`);
  if (r.exact) lines.push(`                   relative error ≤ ${r.exact.relError.toExponential(1)}, ${r.exact.panels} panels, ${r.exact.milliseconds.toFixed(1)} ms`);
  if (r.exactReason) lines.push(`                   not computed: ${r.exactReason}`);
  lines.push(`  asymptotic       ${time(r.mfpt.asymptotic, r.logMfpt.asymptotic)}${it(r.mfpt.asymptotic, r.logMfpt.asymptotic)}`);
  if (r.asymptotic) {
    const a = r.asymptotic;
    lines.push(`                   = prefactor ${fmt(a.prefactor)} × e^ΔΦ, ΔΦ = ${fmt(a.exponent)}`);
    lines.push(`                   minimum (${a.minimum.map(fmt).join(', ')}), saddle (${a.saddle.map(fmt).join(', ')}), λ₊ = ${fmt(a.unstableRate)}`);
    if (a.itoFactor !== 1) lines.push(`                   Itô factor e^ΔΓ = ${fmt(a.itoFactor)}`);
    if (a.boundaryFactor !== 1) lines.push(`                   exit/wall truncation factor ${fmt(a.boundaryFactor)}`);
    for (const n of a.notes) lines.push(`                   note: ${n}`);
  }
  if (r.asymptoticReason) lines.push(`                   not computed: ${r.asymptoticReason}`);
  if (r.ratio !== null) lines.push(`  exact/asymptotic ${r.ratio.toFixed(6)}`);
  if (r.correction) lines.push(`                   note: ${r.correction.note}`);
  lines.push(`  selectivity      k = ${r.selectivity.k ?? '—'}${r.selectivity.p !== null ? ` (p = ${r.selectivity.p})` : ''}: ${r.selectivity.note}`);
  if (r.network) lines.push(...formatNetwork(r.network));
  return lines.join('\n') + '\n';
}
