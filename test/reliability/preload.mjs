/**
 * Preloaded into every CLI run of the reliability suite (`node --import <this> …`, run.ts): on exit, writes the
 * process's peak resident set size in kB (process.resourceUsage().maxRSS) and its CPU time in ms, as JSON
 * `{ "maxRSS", "cpuMs" }`, to the file named by $ESCAPELAB_RSS_FILE. A process killed by a signal or a V8 abort writes nothing; run.ts then has the peak it
 * sampled from /proc.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.ESCAPELAB_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      writeFileSync(file, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
    } catch {
      // the measurement is best effort: never change how the command ends
    }
  });
}
