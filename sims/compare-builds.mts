/**
 * Bit-identity of two builds on the example scenarios (issue 17: "exact tiers bit-identical to today's results"):
 *   npx tsx sims/compare-builds.mts <distA> <distB> [trajectories]
 * e.g. the build of the commit before a change (git worktree add /tmp/old <rev> && cd /tmp/old && npx tsc -p
 * tsconfig.build.json) against this one (dist). Every examples/*.json runs on `cpu` in both builds with the given
 * number of trajectories (default 64) and maxTime capped at 200 (so that censoring, too, is compared); the
 * per-trajectory step counts, times, statuses and exit indices must agree exactly. Rare-event (AMS) examples compare
 * their estimate and step count. Prints one line per example and exits 1 on any difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distA, distB, nArg] = process.argv.slice(2);
if (!distA || !distB) throw new Error('usage: npx tsx sims/compare-builds.mts <distA> <distB> [trajectories]');
const n = Number(nArg ?? 64);

async function build(dist: string) {
  const at = (m: string) => import(pathToFileURL(resolve(dist, m)).href);
  return { compile: await at('scenario/compile.js'), engine: await at('montecarlo/engine.js'), ams: await at('montecarlo/ams/index.js') };
}

type Build = Awaited<ReturnType<typeof build>>;

async function fingerprint(b: Build, scenario: Record<string, unknown>): Promise<string> {
  const c = b.compile.compileScenario(scenario);
  if (c.ams) {
    const o = await b.ams.solveAms(c);
    return JSON.stringify([o.mfpt.estimate, o.steps.loops, o.steps.ams]);
  }
  const run = await b.engine.runEnsemble(c, { work: { first: 0, stride: 1, count: n }, backend: 'cpu' });
  const r = run.results;
  return JSON.stringify([Array.from(r.steps), Array.from(r.time), Array.from(r.status), Array.from(r.boundary)]);
}

const [A, B] = [await build(distA), await build(distB)];
const dir = resolve('examples');
let bad = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
  const s = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const sim = s.simulation as Record<string, unknown>;
  if (sim.method !== 'ams') s.simulation = { ...sim, trajectories: n, maxTime: Math.min(Number(sim.maxTime), 200), backend: 'cpu' };
  const t0 = performance.now();
  const [a, b] = [await fingerprint(A, s), await fingerprint(B, s)];
  const same = a === b;
  if (!same) bad++;
  console.log(`${same ? 'identical' : 'DIFFERENT'}  ${f}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exit(bad ? 1 : 0);
