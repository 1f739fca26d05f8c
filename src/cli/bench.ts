/**
 * `escapelab bench` (`npm run bench`): workload W1 on every backend present and on the external baselines
 * (c-philox: C on escapelab's own stream, the fair anchor; c-ziggurat: C with xoshiro256++; NumPy), further
 * speed rows from the examples, the AMS solver, and the network module (examples/s, issue 19), as steps/s and as
 * ratios (design.md §8). `--only` runs a subset of rows. Timings are measured, never asserted; a row that cannot run here says why.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { benchBackend } from '../bench/w1.js';
import { runCBaseline, runNumpyBaseline } from '../bench/baselines.js';
import { runCPhiloxBaseline } from '../bench/c-philox.js';
import { benchAdamExample, benchAdamTabulated, benchEigenSaddle3d } from '../bench/examples.js';
import { benchAms, type AmsFigure } from '../bench/ams.js';
import { benchNetwork, type NetworkFigure } from '../bench/network.js';
import { missingBaseLines, ratioBases, ratiosOf, type Base, type RatioKey } from '../bench/ratios.js';
import { fmt } from './common.js';
import { GPUJS_BACKENDS, unavailableReason, type GpujsBackend } from '../montecarlo/gpujs/gpu.js';

interface Measured { impl: string; steps: number; stepsPerSecond: number; meanExitTime: number; trajectories: number; escaped?: number; note?: string }
interface Unavailable { impl: string; unavailable: string }
type Row = Measured | Unavailable;
type Group = 'w1' | 'examples' | 'ams' | 'network';
interface RowSpec { name: string; group: Group; run: () => Promise<Row | AmsFigure | NetworkFigure> }

const gpujs = (b: GpujsBackend, n: number, discrete = false) => async (): Promise<Row> => {
  const why = await unavailableReason(b);
  return why ? { impl: (discrete ? 'discrete-sgd/' : '') + b, unavailable: why } : benchBackend(b, n, { discrete });
};

/** Every row, in run order; `name` is what `--only` selects. */
function rowSpecs(n: number): RowSpec[] {
  const base = { trajectories: n, maxSteps: 1e7, seed: 1 };
  const w1 = (name: string, run: () => Promise<Row>): RowSpec => ({ name, group: 'w1', run });
  return [
    w1('cpu', () => benchBackend('cpu', n)),
    w1('c-philox', () => runCPhiloxBaseline(base)),
    w1('workers', () => benchBackend('workers', n)),
    w1('cpu+bridge', () => benchBackend('cpu', n, { bridge: true })),
    w1('discrete-sgd/cpu', () => benchBackend('cpu', n, { discrete: true })),
    // float32 gpu.js backends (docs/engine.md), each where it can run here; the reason otherwise
    ...GPUJS_BACKENDS.map((b) => w1(b, gpujs(b, n))),
    w1('discrete-sgd/gpujs-webasm', gpujs('gpujs-webasm', n, true)),
    w1('c-ziggurat', () => runCBaseline(base)),
    w1('numpy', () => runNumpyBaseline(base)),
    { name: 'adam-example', group: 'examples', run: benchAdamExample },
    { name: 'adam-example-tabulated', group: 'examples', run: benchAdamTabulated },
    { name: 'eigen-saddle-3d', group: 'examples', run: benchEigenSaddle3d },
    { name: 'ams-20', group: 'ams', run: () => benchAms(20) },
    { name: 'ams-40', group: 'ams', run: () => benchAms(40) },
    { name: 'network-iris', group: 'network', run: () => benchNetwork('iris') },
    { name: 'network-teacher', group: 'network', run: () => benchNetwork('teacher') },
  ];
}

/** The rows `--only` names (comma-separated), all by default; an unknown name is an error listing the names. */
export function selectRows(specs: RowSpec[], only?: string): RowSpec[] {
  if (only === undefined) return specs;
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((x) => !specs.some((s) => s.name === x));
  if (unknown.length || names.length === 0) {
    throw new Error(`--only: unknown row(s) ${unknown.join(', ') || '(none given)'}; rows: ${specs.map((s) => s.name).join(', ')}`);
  }
  return specs.filter((s) => names.includes(s.name));
}

const ratio = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(2) : '–');

/** a measured row with its ratio to every base row that ran (a base that did not gives no key: see `bases`) */
function withRatios(r: Row, bases: Record<RatioKey, Base>) {
  if ('unavailable' in r) return r;
  return { ...r, ...ratiosOf(r.stepsPerSecond, bases) } as Measured & Partial<Record<RatioKey, number>>;
}
type Ratioed = ReturnType<typeof withRatios>;

function w1Lines(rows: Ratioed[]): string[] {
  const lines = ['impl                        steps/s      ×cpu    ×workers  ×C(philox)  ×C(xoshiro)  ×NumPy  mean exit time'];
  for (const r of rows) {
    if ('unavailable' in r) { lines.push(`${r.impl.padEnd(26)}  unavailable: ${r.unavailable}`); continue; }
    lines.push(`${r.impl.padEnd(26)}  ${fmt(r.stepsPerSecond).padEnd(11)}  ${ratio(r.vsCpu).padEnd(6)}  ${ratio(r.vsWorkers).padEnd(8)}  ${ratio(r.vsCPhilox).padEnd(10)}  ${ratio(r.vsCXoshiro).padEnd(11)}  ${ratio(r.vsNumpy).padEnd(6)}  ${fmt(r.meanExitTime)}`);
  }
  return lines;
}

/** c-philox draws the cpu backend's noise: say whether the two ran the same trajectories. */
function sameStreamLine(rows: Row[]): string[] {
  const [cpu, c] = ['cpu', 'c-philox'].map((n) => rows.find((r) => r.impl === n));
  if (!cpu || !c || 'unavailable' in cpu || 'unavailable' in c) return [];
  const [s1, s2] = [cpu.steps, c.steps];
  const same = s1 === s2 && cpu.meanExitTime === c.meanExitTime;
  return [`c-philox vs cpu (same Philox stream): ${same ? 'identical' : 'DIFFERENT'} steps (${s1} / ${s2}) and mean exit time (${cpu.meanExitTime} / ${c.meanExitTime})`];
}

function exampleLines(rows: Ratioed[]): string[] {
  const lines = ['', 'examples (cpu)              steps/s      ×C(philox)  trajectories  escaped  mean exit time'];
  for (const r of rows) {
    if ('unavailable' in r) { lines.push(`${r.impl.padEnd(26)}  unavailable: ${r.unavailable}`); continue; }
    const note = r.note ? `  (${r.note})` : '';
    lines.push(`${r.impl.padEnd(26)}  ${fmt(r.stepsPerSecond).padEnd(11)}  ${ratio(r.vsCPhilox).padEnd(10)}  ${String(r.trajectories).padEnd(12)}  ${String(r.escaped).padEnd(7)}  ${fmt(r.meanExitTime)}${note}`);
  }
  return lines;
}

function amsLines(ams: (AmsFigure & { vsCPhilox?: number })[]): string[] {
  const lines = ['', 'AMS (quartic, dt 0.01)  steps      steps/s      ×C(philox)  relSE    W = steps·relSE²  estimate/exact  seconds  on'];
  for (const a of ams) {
    lines.push(`ΔΦ = ${String(a.dPhi).padEnd(19)} ${a.steps.toExponential(2).padEnd(10)} ${fmt(a.stepsPerSecond).padEnd(12)} ${ratio(a.vsCPhilox).padEnd(11)} ${a.relSE.toFixed(3).padEnd(8)} ${a.workNormalisedVariance.toExponential(2).padEnd(17)} ${(a.estimate / a.exact).toFixed(3).padEnd(15)} ${a.seconds.toFixed(1).padEnd(8)} ${a.backend}×${a.workers}`);
  }
  return lines;
}

function networkLines(nets: NetworkFigure[]): string[] {
  const lines = ['', 'network (1 core)                                      params  N    grad ex/s   batch ex/s  loss evals/s  loss ex/s   HVP ex/s    grad÷loss  HVP÷loss'];
  for (const f of nets) {
    lines.push(`${`${f.impl}: ${f.network}`.padEnd(53)} ${String(f.parameters).padEnd(7)} ${String(f.examples).padEnd(4)} ${fmt(f.gradientExamplesPerSecond).padEnd(11)} ${fmt(f.batchGradientExamplesPerSecond).padEnd(11)} ${fmt(f.lossEvalsPerSecond).padEnd(13)} ${fmt(f.lossExamplesPerSecond).padEnd(11)} ${fmt(f.hvpExamplesPerSecond).padEnd(11)} ${f.gradientOverLoss.toFixed(2).padEnd(10)} ${f.hvpOverLoss.toFixed(2)}`);
  }
  return lines;
}

export async function benchCommand(opts: { trajectories?: number; json?: boolean; only?: string }): Promise<void> {
  const n = opts.trajectories ?? 2000;
  const specs = selectRows(rowSpecs(n), opts.only);
  const log = (m: string) => { if (!opts.json) process.stderr.write(m + '\n'); };
  const load = loadavg().map((x) => x.toFixed(2));
  log(`W1 with ${n} trajectories (T = 0.25, dt = 1e-3, x0 = -1, exit x ≥ 0.5) on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load.join(' ')}`);
  const done: { spec: RowSpec; out: Row | AmsFigure | NetworkFigure }[] = [];
  for (const spec of specs) {
    log(`  running ${spec.name} …`);
    let out: Row | AmsFigure | NetworkFigure;
    try { out = await spec.run(); } catch (e) { out = { impl: spec.name, unavailable: `error: ${(e as Error).message.split('\n')[0]}` }; }
    done.push({ spec, out });
  }
  const of = (g: Group) => done.filter((d) => d.spec.group === g).map((d) => d.out);
  const rows = of('w1') as Row[], examples = of('examples') as Row[];
  // a base row that did not run gives no ratio column (never NaN); `bases` says why
  const bases = ratioBases(rows);
  const table = rows.map((r) => withRatios(r, bases)), extra = examples.map((r) => withRatios(r, bases));
  const ams = (of('ams') as (AmsFigure | Unavailable)[]).filter((a): a is AmsFigure => !('unavailable' in a))
    .map((a) => ({ ...a, ...('stepsPerSecond' in bases.vsCPhilox ? { vsCPhilox: a.stepsPerSecond / bases.vsCPhilox.stepsPerSecond } : {}) }));
  const networks = (of('network') as (NetworkFigure | Unavailable)[]).filter((f): f is NetworkFigure => !('unavailable' in f));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ workload: 'W1', trajectories: n, cores: availableParallelism(), cpu: cpus()[0]?.model, loadavg: loadavg(), bases, results: table, examples: extra, ams, networks }, null, 2) + '\n');
    return;
  }
  const shown: Partial<Record<RatioKey, string>> = table.length ? { vsCpu: '×cpu', vsWorkers: '×workers', vsCPhilox: '×C(philox)', vsCXoshiro: '×C(xoshiro)', vsNumpy: '×NumPy' } : extra.length || ams.length ? { vsCPhilox: '×C(philox)' } : {};
  const lines = [...(table.length ? w1Lines(table) : []), ...sameStreamLine(rows), ...(extra.length ? exampleLines(extra) : []), ...(ams.length ? amsLines(ams) : []), ...(networks.length ? networkLines(networks) : []), ...missingBaseLines(bases, shown)];
  for (const d of done) if ((d.spec.group === 'ams' || d.spec.group === 'network') && 'unavailable' in d.out) lines.push(`${d.spec.name}: unavailable: ${d.out.unavailable}`);
  process.stdout.write(lines.join('\n') + '\n');
}
