/** Checks a plot read from JSON against the contract (plot.ts); every problem names its field. */
import { z } from 'zod';
import { fieldPath } from '../scenario/errors.js';
import { SERIES_STYLES, type Plot } from './plot.js';
import { PALETTE } from './theme.js';

export interface PlotProblem {
  field: string;
  message: string;
}

export class PlotError extends Error {
  constructor(readonly problems: PlotProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'PlotError';
  }
}

/** a file stem that is safe on every file system and in a Markdown link */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

// zod 4's number() refuses NaN and ±Infinity (JSON turns both into null, also refused)
const axis = z.strictObject({
  label: z.string().min(1),
  unit: z.string().min(1).optional(),
  scale: z.enum(['linear', 'log']).optional(),
  domain: z.tuple([z.number(), z.number()]).optional(),
});
const point = z.strictObject({ x: z.number(), y: z.number(), lo: z.number().optional(), hi: z.number().optional() });
const series = z.strictObject({
  name: z.string().min(1),
  style: z.enum(SERIES_STYLES),
  points: z.array(point).min(1, 'needs at least one point'),
});
const plotShape = z.strictObject({
  id: z.string().regex(ID, 'must be a file stem: letters, digits, ".", "_", "-", not starting with a punctuation mark'),
  title: z.string().min(1),
  x: axis,
  y: axis,
  series: z.array(series).min(1, 'needs at least one series').max(PALETTE.length, `at most ${PALETTE.length} series (one colour each)`),
  note: z.string().optional(),
});

/** `where` plus the plot id when it has one: "plots[2] 'sgd-flat'" */
function rootName(input: unknown, where: string): string {
  const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `${where} '${id}'` : where;
}

/** the checks across fields: error-bar order, positivity on log axes, distinct legend entries */
function relations(p: Plot): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  for (const k of ['x', 'y'] as const) {
    const d = p[k].domain;
    if (d && !(d[0] < d[1])) out.push({ path: [k, 'domain'], message: `needs lo < hi (got [${d[0]}, ${d[1]}])` });
    else if (d && p[k].scale === 'log' && d[0] <= 0) out.push({ path: [k, 'domain', 0], message: `must be > 0 on a log axis (got ${d[0]})` });
  }
  p.series.forEach((s, i) => {
    if (seen.has(s.name)) out.push({ path: ['series', i, 'name'], message: `duplicate series name '${s.name}'` });
    seen.add(s.name);
    s.points.forEach((q, j) => {
      const at = ['series', i, 'points', j];
      if ((q.lo === undefined) !== (q.hi === undefined)) {
        out.push({ path: [...at, q.lo === undefined ? 'lo' : 'hi'], message: 'lo and hi must be given together' });
      } else if (q.lo !== undefined && q.hi !== undefined && !(q.lo <= q.y && q.y <= q.hi)) {
        out.push({ path: at, message: `needs lo ≤ y ≤ hi (got lo ${q.lo}, y ${q.y}, hi ${q.hi})` });
      }
      if (p.x.scale === 'log' && q.x <= 0) out.push({ path: [...at, 'x'], message: `must be > 0 on the log x axis (got ${q.x})` });
      if (p.y.scale === 'log') {
        if (q.y <= 0) out.push({ path: [...at, 'y'], message: `must be > 0 on the log y axis (got ${q.y})` });
        if (q.lo !== undefined && q.lo <= 0) out.push({ path: [...at, 'lo'], message: `must be > 0 on the log y axis (got ${q.lo})` });
      }
    });
  });
  return out;
}

/**
 * The plot, typed, or a PlotError listing every problem as "<where> '<id>'.series[0].points[3].y: …".
 * `where` names the plot in its file, e.g. 'claims[0].details.plots[1]'.
 */
export function validatePlot(input: unknown, where = 'plot'): Plot {
  const root = rootName(input, where);
  const parsed = plotShape.safeParse(input);
  if (!parsed.success) {
    throw new PlotError(parsed.error.issues.map((iss) => ({ field: fieldPath(iss.path, root), message: iss.message })));
  }
  const plot = parsed.data as Plot;
  const bad = relations(plot);
  if (bad.length > 0) throw new PlotError(bad.map((b) => ({ field: fieldPath(b.path, root), message: b.message })));
  return plot;
}

/** validate several plots and refuse two with the same id (they would write the same files) */
export function validatePlots(inputs: unknown[], where: (i: number) => string = (i) => `plots[${i}]`): Plot[] {
  const plots = inputs.map((p, i) => validatePlot(p, where(i)));
  const first = new Map<string, number>();
  plots.forEach((p, i) => {
    const j = first.get(p.id);
    if (j !== undefined) throw new PlotError([{ field: `${where(i)}.id`, message: `duplicate plot id '${p.id}' (also ${where(j)})` }]);
    first.set(p.id, i);
  });
  return plots;
}
