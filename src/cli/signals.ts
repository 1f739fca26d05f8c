/**
 * Interrupts of a long command (simulate, both methods): SIGINT (Ctrl-C), SIGTERM (a scheduler's preemption: Slurm,
 * Kubernetes) and SIGHUP (a closed terminal) all stop the run the same way. The first one aborts: the run stops
 * within a second, keeps what finished and writes it; the command then exits INTERRUPTED. A second one saves what
 * it can synchronously and quits at once.
 */

/** the exit status of an interrupted run, whichever the signal (docs/cli.md): its results are kept and resumable */
export const INTERRUPTED = 130;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** after the handlers are disposed of, a signal that comes late ends the process as interrupted, its output written */
const quitInterrupted = () => process.exit(INTERRUPTED);

export interface Interrupts {
  signal: AbortSignal;
  /** the first signal received, or null */
  received(): NodeJS.Signals | null;
  dispose(): void;
}

/**
 * Installs the handlers. `message(sig)` is printed at the first signal; `saveNow` runs at the second (best effort:
 * an error is ignored) before the process exits.
 */
export function onInterrupt(message: (sig: NodeJS.Signals) => string, saveNow: () => void): Interrupts {
  const abort = new AbortController();
  let first: NodeJS.Signals | null = null;
  const handler = (sig: NodeJS.Signals) => {
    // after a hang-up the terminal may be gone: a failed write must not end the save
    if (sig === 'SIGHUP') for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
    if (first !== null) {
      try { saveNow(); } catch { /* best effort: quitting now is what was asked */ }
      process.exit(INTERRUPTED);
    }
    first = sig;
    process.stderr.write(`\nescapelab: ${sig}: ${message(sig)} (a second signal quits at once)\n`);
    abort.abort();
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    signal: abort.signal,
    received: () => first,
    // Before any signal, the defaults come back. After one, the command has written its output and set its exit
    // status, and it ends here, once stdout and stderr are flushed: a natural exit would close the signal watchers
    // while tearing down, and a late signal (the second of a pair) would then kill the process by its default action,
    // losing the exit status. Until the exit, a late signal quits with INTERRUPTED.
    dispose: () => {
      for (const s of SIGNALS) process.off(s, handler);
      if (first === null) return;
      for (const s of SIGNALS) process.on(s, quitInterrupted);
      let pending = 2;
      const flushed = () => { if (--pending === 0) process.exit(process.exitCode ?? 0); };
      process.stdout.write('', flushed);
      process.stderr.write('', flushed);
    },
  };
}
