/** The `escapelab` command (design.md §6). */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { simulateCommand } from './simulate.js';
import { mergeCommand } from './merge.js';

function int(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1 (got '${v}')`);
    return n;
  };
}

/** the package's own version, read from the package.json beside dist/ (and src/ under tsx) */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const program = new Command();
program
  .name('escapelab')
  .description('Escape times of optimizer SDEs from minima: simulate, compute, verify.')
  .version(packageVersion(), '-V, --version', 'print the version of escapelab')
  .showHelpAfterError()
  // usage errors (unknown option, missing argument, bad value) exit 2 like every other invalid input (docs/cli.md);
  // --help and --version exit 0. Set before the commands are added, so that they inherit it.
  .exitOverride((e: CommanderError) => { process.exit(e.exitCode === 0 ? 0 : 2); });

program
  .command('simulate')
  .description('Monte Carlo mean escape time of a scenario, with a 95% CI')
  .requiredOption('--scenario <file>', 'scenario JSON file (docs/scenarios.md)')
  .option('--trajectories <n>', 'override simulation.trajectories', int('--trajectories'))
  .option('--seed <s>', 'override simulation.seed (integer or string)')
  .option('--backend <b>', 'override simulation.backend: auto | cpu | workers | gpujs-cpu | gpujs-webasm | gpujs-headlessgl | gpujs-webgpu')
  .option('--shard <i/n>', 'run only trajectories (AMS: runs) i, i+n, i+2n, … (merge shards with `escapelab merge`)')
  .option('--out <file>', 'write per-trajectory results (.json: mergeable and resumable; .csv: columns; AMS: the run records, .json); checkpointed during the run')
  .option('--resume <file>', 'continue an interrupted run from its --out JSON file (and keep writing it unless --out names another)')
  .option('--force', 'replace an existing --out file (without it, an existing file is refused before any work)')
  .option('--accept-cost', 'run even when the cost estimate refuses (predicted > 1e12 steps a trajectory or > 1e13 in all)')
  .option('--workers <n>', 'worker threads for the workers backend', int('--workers'))
  .option('--method <m>', 'override simulation.method: direct (Monte Carlo) | ams (rare-event splitting, docs/rare-events.md)')
  .option('--json', 'print the summary as JSON')
  .action(simulateCommand);

program
  .command('theory')
  .description('exact (1-D quadrature) and Kramers / Eyring–Kramers mean escape times of a scenario')
  .requiredOption('--scenario <file>', 'scenario JSON file (docs/scenarios.md; the simulation block is optional)')
  .option('--json', 'print the report as JSON')
  .action(async (o) => (await import('./theory.js')).theoryCommand(o));

program
  .command('merge')
  .description('merge shard outputs of one run (direct or AMS) into its summary (and a merged file)')
  .argument('<files...>', 'JSON files written by simulate --shard i/n --out')
  .option('--out <file>', 'write the merged per-trajectory file')
  .option('--force', 'replace an existing --out file')
  .option('--json', 'print the summary as JSON')
  .action(mergeCommand);

program
  .command('bench')
  .description('benchmark workload W1 on every backend and the C / NumPy baselines, examples and AMS')
  .option('--trajectories <n>', 'trajectories per backend', int('--trajectories'))
  .option('--only <rows>', 'comma-separated rows to run, e.g. cpu,workers,c-philox (default: all; ratios need their base rows)')
  .option('--json', 'print the results as JSON')
  .action(async (o) => (await import('./bench.js')).benchCommand(o));

program
  .command('backends')
  .description('list the backends present here; --validate checks each against float64 cpu and caches the verdicts for auto')
  .option('--validate', 'run the validation and write the cache')
  .option('--trajectories <n>', 'trajectories per validation run (default 2000)', int('--trajectories'))
  .option('--json', 'print the result as JSON')
  .action(async (o) => (await import('./backends.js')).backendsCommand(o));

program
  .command('verify')
  .description('run the claims registry: a verdict per published claim, report.md, report.json and figures')
  .option('--quick', 'CI-sized samples (the default; minutes on 2 cores)')
  .option('--full', 'the long protocol of every claim')
  .option('--claims <ids>', 'comma-separated claim ids (default: all)')
  .option('--out <dir>', 'output folder (default escapelab-verify-<size>)')
  .option('--resume', 'keep the claims already in <out>/report.json (same size) and run only the others')
  .option('--force', 'replace the report and figures of an earlier run in <out> (without it, they are refused before any work)')
  .option('--no-figures', 'skip the SVG/PNG figures')
  .option('--json', 'print the claims as JSON')
  .action(async (o) => (await import('./verify.js')).verifyCommand(o));

program
  .command('figures')
  .description('SVG + PNG of every plot in a verify report, and an index.md gallery')
  .option('--from <file>', 'verify report JSON with claims[].details.plots (default docs/data/report-quick.json)')
  .option('--out <dir>', 'output folder (default docs/figures)')
  .option('--force', 'replace the figures of an earlier run in <dir>')
  .action(async (o) => (await import('./figures.js')).figuresCommand(o));

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`escapelab: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
