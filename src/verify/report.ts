/** report.json and report.md of a verify run. */
import type { ClaimResult, RunSize } from './claim.js';
import type { Plot } from './plot.js';

export interface VerifyReport {
  tool: 'escapelab verify';
  size: RunSize;
  started: string;
  seconds: number;
  /** false while the run is in progress or when it was interrupted: the claims listed are those finished */
  complete: boolean;
  machine: { node: string; platform: string; cpus: number };
  claims: Array<ClaimResult & { seconds: number; protocol: string }>;
  /** with --resume: the claims taken unchanged from the previous report.json (their `seconds` are the old run's) */
  resumed?: string[];
  /** set when the figures could not be written (the report itself is complete) */
  figuresError?: string;
}

export function plotsOf(r: ClaimResult): Plot[] {
  const ev = r.evidence as { plots?: Plot[] } | null;
  return Array.isArray(ev?.plots) ? ev!.plots : [];
}

const num = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));
const ci = (c: [number, number] | null) => (c ? `[${num(c[0])}, ${num(c[1])}]` : '—');

export function reportTable(rep: VerifyReport): string {
  const rows = rep.claims.map((c) => `| \`${c.id}\` | ${c.verdict} | ${num(c.estimate)} | ${ci(c.ci95)} | ${num(c.theory)} | ${c.seconds.toFixed(1)} s |`);
  return ['| claim | verdict | estimate | 95% CI | theory | time |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

export function reportMarkdown(rep: VerifyReport, figuresDir = 'figures'): string {
  const count = (v: string) => rep.claims.filter((c) => c.verdict === v).length;
  const out = [
    `# escapelab verify — ${rep.size} run`, '',
    `${rep.started}, ${rep.seconds.toFixed(0)} s on ${rep.machine.cpus} cores (Node ${rep.machine.node}, ${rep.machine.platform})${rep.complete ? '' : ' — **incomplete run: only the claims below finished**'}.${rep.resumed?.length ? ` Resumed: ${rep.resumed.length} claim${rep.resumed.length === 1 ? '' : 's'} kept from the previous report (their times are those of the earlier run); total claim time ${rep.claims.reduce((a, c) => a + c.seconds, 0).toFixed(0)} s.` : ''}`,
    `${rep.claims.length} claims: ${count('CONFIRMED')} CONFIRMED, ${count('REFUTED')} REFUTED, ${count('INCONCLUSIVE')} INCONCLUSIVE.`, '',
    'Decision rule (issue 7): CONFIRMED when the theory value lies inside the 95% CI and the CI is narrower than the claim\'s precision; REFUTED when it lies outside; INCONCLUSIVE otherwise. Deterministic numbers (quadrature, exponent integrals) are held to a stated tolerance instead; fast-check searches count counterexamples. Each claim\'s rule line shows the numbers it was applied to.', '',
    reportTable(rep), '',
  ];
  for (const c of rep.claims) {
    out.push(`## \`${c.id}\` — ${c.verdict}`, '', `**Statement.** ${c.statement}`, '', `**Source.** ${c.source}`, '', `**Protocol (${rep.size}).** ${c.protocol}`, '',
      `**Statistic.** ${c.statistic}: estimate ${num(c.estimate)}, 95% CI ${ci(c.ci95)}, theory ${num(c.theory)}.`, '', `**Rule.** ${c.rule}`, '');
    for (const p of plotsOf(c)) out.push(`![${p.title}](${figuresDir}/${p.id}.svg)`, '');
  }
  return out.join('\n');
}
