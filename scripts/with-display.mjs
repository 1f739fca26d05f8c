#!/usr/bin/env node
/**
 * Runs a command with an X display, which the gpujs-headlessgl backend (the `gl` addon) needs: as is when
 * DISPLAY is set (or not on Linux), else under `xvfb-run -a` (a virtual display). Without xvfb-run it runs the
 * command anyway and says what to install; the headlessgl tests are then skipped with the same advice, or fail
 * where ESCAPELAB_REQUIRE_GL=1 (CI). Usage: node scripts/with-display.mjs <command> [args…]   (used by `npm test`)
 */
import { spawnSync } from 'node:child_process';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  process.stderr.write('usage: node scripts/with-display.mjs <command> [args…]\n');
  process.exit(2);
}
const hasXvfb = () => spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
let run = [cmd, ...args];
if (process.platform === 'linux' && !process.env.DISPLAY) {
  if (hasXvfb()) run = ['xvfb-run', '-a', ...run];
  else {
    process.stderr.write('with-display: DISPLAY is unset and xvfb-run is missing, so the gpujs-headlessgl tests cannot run ' +
      '(skipped, or failed under ESCAPELAB_REQUIRE_GL=1): apt-get install -y xvfb libxi-dev libx11-dev libxext-dev pkg-config, ' +
      'then `npm run build:gl`\n');
  }
}
const r = spawnSync(run[0], run.slice(1), { stdio: 'inherit' });
if (r.error) { process.stderr.write(`with-display: ${r.error.message}\n`); process.exit(1); }
process.exit(r.status ?? 1);
