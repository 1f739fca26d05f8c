/** report.json and report.md of a verify run. */
import type { ClaimResult, Evidence, RunSize } from './claim.js';
import type { FamilyReport } from './family.js';
import type { Plot } from './plot.js';

export interface VerifyReport {
  tool: 'escapelab verify';
  size: RunSize;
  started: string;
  seconds: number;
  /** false while the run is in progress or when it was interrupted: the claims listed are those finished */
  complete: boolean;
  machine: { node: string; platform: string; cpus: number };
  /** the multiplicity rule over the Monte Carlo-vs-exact comparisons of the claims listed (verify/family.ts) */
  family?: FamilyReport;
  claims: Array<ClaimResult & { seconds: number; protocol: string }>;
  /** with --resume: the claims taken unchanged from the previous report.json (their `seconds` are the old run's) */
  resumed?: string[];
  /** set when the figures could not be written (the report itself is complete) */
  figuresError?: string;
}

type Row = VerifyReport['claims'][number];

export function plotsOf(r: ClaimResult): Plot[] {
  const d = r.details as { plots?: Plot[] } | null;
  return Array.isArray(d?.plots) ? d!.plots : [];
}

const num = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));
const ci = (c: [number, number] | null | undefined) => (c ? `[${num(c[0])}, ${num(c[1])}]` : '—');

/** the report's sections: which evidence each holds, its heading and its interval column */
const SECTIONS: Array<{ evidence: Evidence[]; title: string; interval: string; estimate: string; cell: (c: Row) => string }> = [
  { evidence: ['simulation', 'search'], title: 'Decided by simulation or counterexample search (CONFIRMED / REFUTED / INCONCLUSIVE)', estimate: 'estimate', interval: '95% CI', cell: (c) => ci(c.ci95) },
  { evidence: ['quadrature'], title: 'Derived from the model\'s own integrals by quadrature (DERIVED / NOT DERIVED / INCONCLUSIVE): not an experiment', estimate: 'value', interval: 'range (not a confidence interval)', cell: (c) => ci(c.range?.bounds) },
  { evidence: ['identity'], title: 'Identities checked on generated cases (HOLDS / FAILS / INCONCLUSIVE)', estimate: 'violation rate', interval: '95% CI (Clopper–Pearson)', cell: (c) => ci(c.ci95) },
];

/** one Markdown table per kind of evidence (empty kinds left out) */
export function reportTable(rep: VerifyReport): string {
  const out: string[] = [];
  for (const s of SECTIONS) {
    const rows = rep.claims.filter((c) => s.evidence.includes(c.evidence));
    if (!rows.length) continue;
    out.push(`### ${s.title}`, '', `| claim | evidence | attribution | verdict | ${s.estimate} | ${s.interval} | theory | time |`, '|---|---|---|---|---|---|---|---|',
      ...rows.map((c) => `| \`${c.id}\` | ${c.evidence} | ${c.attribution} | ${c.verdict} | ${num(c.estimate)} | ${s.cell(c)} | ${num(c.theory)} | ${c.seconds.toFixed(1)} s |`), '');
  }
  return out.join('\n').trimEnd();
}

/** "3 CONFIRMED, 1 REFUTED" per section */
export function verdictCounts(rep: VerifyReport): string {
  return SECTIONS.map((s) => {
    const rows = rep.claims.filter((c) => s.evidence.includes(c.evidence));
    const by = new Map<string, number>();
    for (const c of rows) by.set(c.verdict, (by.get(c.verdict) ?? 0) + 1);
    return rows.length ? `${s.evidence.join('/')}: ${[...by].map(([v, n]) => `${n} ${v}`).join(', ')}` : '';
  }).filter(Boolean).join('; ');
}

const ATTRIBUTION: Record<ClaimResult['attribution'], (c: ClaimResult) => string> = {
  paper: () => 'paper: the cited paper states it.',
  derived: (c) => `derived: this toolkit's derivation from ${c.derivedFrom}; not a statement of the paper.`,
  toolkit: () => 'toolkit: a hypothesis this toolkit tests; the paper does not state it, and a verdict on it is not a verdict on the paper.',
};

/** the multiplicity section: the family, each member's own 95% decision and Holm's */
export function familyMarkdown(f: FamilyReport | undefined): string[] {
  if (!f || f.m === 0) return ['## Multiplicity', '', 'No Monte Carlo-vs-exact comparison in this run.', ''];
  return ['## Multiplicity: the Monte Carlo-vs-exact family', '',
    `${f.rule}. Each comparison's p-value is two-sided, from its z under H₀ (the exact value); Holm rejects H₍ᵢ₎ (i-th smallest p) while p₍ᵢ₎ ≤ α/(m − i + 1). A rejected comparison counts as a disagreement (REFUTED for a part that decides, INCONCLUSIVE for its row when it is a check); one outside its own 95% CI that Holm does not reject is not one.`, '',
    '| claim | comparison | estimate | 95% CI | theory | p | own 95% CI | Holm rank | threshold | adjusted p | family-wise decision |', '|---|---|---|---|---|---|---|---|---|---|---|',
    ...f.members.map((x) => `| \`${x.claim}\` | ${x.part} | ${num(x.estimate)} | ${ci(x.ci95)} | ${num(x.theory)} | ${num(x.p)} | ${x.own95} | ${x.rank} | ${num(x.threshold)} | ${num(x.adjusted)} | ${x.rejected ? '**rejected**' : x.own95 === 'outside' ? 'not rejected (outside its own 95% CI)' : 'not rejected'} |`), ''];
}

function claimMarkdown(c: Row, size: RunSize, figuresDir: string): string[] {
  const interval = c.range ? `range ${ci(c.range.bounds)} (${c.range.meaning})` : `95% CI ${ci(c.ci95)}`;
  const out = [`## \`${c.id}\` — ${c.verdict} (${c.evidence}; ${c.attribution})`, '', `**Statement.** ${c.statement}`, '', `**Source.** ${c.source}`, '',
    `**Attribution.** ${ATTRIBUTION[c.attribution](c)}`, '', `**Protocol (${size}).** ${c.protocol}`, '',
    `**Statistic.** ${c.statistic}: ${c.evidence === 'quadrature' ? 'value' : 'estimate'} ${num(c.estimate)}, ${interval}, theory ${num(c.theory)}.`, ''];
  if (c.parts.length) {
    out.push('| part | evidence | role | verdict | estimate | 95% CI | theory | p (family-wise) |', '|---|---|---|---|---|---|---|---|',
      ...c.parts.map((p) => `| ${p.name} | ${p.evidence} | ${p.role} | ${p.verdict} | ${num(p.test?.estimate ?? null)} | ${ci(p.test?.ci95)} | ${num(p.test?.theory ?? null)} | ${p.test ? `${num(p.test.p)}${p.test.holm ? ` (${p.test.holm.rejected ? 'rejected' : 'not rejected'})` : ''}` : '—'} |`), '');
  }
  out.push(`**Rule.** ${c.rule}`, '');
  for (const p of plotsOf(c)) out.push(`![${p.title}](${figuresDir}/${p.id}.svg)`, '');
  return out;
}

export function reportMarkdown(rep: VerifyReport, figuresDir = 'figures'): string {
  const out = [
    `# escapelab verify — ${rep.size} run`, '',
    `${rep.started}, ${rep.seconds.toFixed(0)} s on ${rep.machine.cpus} cores (Node ${rep.machine.node}, ${rep.machine.platform})${rep.complete ? '' : ' — **incomplete run: only the claims below finished**'}.${rep.resumed?.length ? ` Resumed: ${rep.resumed.length} claim${rep.resumed.length === 1 ? '' : 's'} kept from the previous report (their times are those of the earlier run); total claim time ${rep.claims.reduce((a, c) => a + c.seconds, 0).toFixed(0)} s.` : ''}`,
    `${rep.claims.length} claims: ${verdictCounts(rep)}.`, '',
    'Verdicts say what decided them (docs/claims.md, "Verdicts"). Simulation (escape times, optimizer runs) and counterexample search CONFIRM or REFUTE: CONFIRMED when the theory value lies inside the 95% CI and the CI is narrower than the claim\'s precision, REFUTED when it lies outside (for Monte Carlo-vs-exact comparisons: when Holm\'s family-wise rule rejects it), INCONCLUSIVE otherwise; a search REFUTES on a counterexample. Quadrature (the model\'s own integrals) is held to a stated tolerance and says DERIVED or NOT DERIVED; an identity checked on generated cases says HOLDS or FAILS. A Monte Carlo check of the model that disagrees with its quadrature makes the row INCONCLUSIVE. Attribution: paper (the paper states it), derived (this toolkit\'s derivation from a paper\'s model) or toolkit (a hypothesis of this toolkit). Each claim\'s rule line shows the numbers the rule was applied to.', '',
    reportTable(rep), '',
    ...familyMarkdown(rep.family),
  ];
  for (const c of rep.claims) out.push(...claimMarkdown(c, rep.size, figuresDir));
  return out.join('\n');
}
