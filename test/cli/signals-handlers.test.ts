/**
 * The signal handlers of src/cli/signals.ts, in process: the first signal aborts, a second one saves and quits with
 * INTERRUPTED, and after the command disposed of its handlers (its output written) the process ends explicitly once
 * stdout and stderr are flushed, a late signal meanwhile quitting with INTERRUPTED. A natural exit instead closed the
 * signal watchers while tearing down, and the second signal of signals.long.test.ts (20 ms after the first) then
 * killed the process by its default action (exit status null, 2 of 3 runs here); here the order is deterministic.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INTERRUPTED, onInterrupt } from '../../src/cli/signals.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));

afterEach(() => {
  vi.restoreAllMocks();
  for (const s of SIGNALS) {
    process.removeAllListeners(s);
    for (const l of before.get(s)!) process.on(s, l);
  }
});

/** process.exit replaced by a recorder that throws, so that the code after it does not run */
function recordExit(): number[] {
  const codes: number[] = [];
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => { codes.push(code ?? 0); throw new Error('exit'); }) as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return codes;
}

describe('onInterrupt', () => {
  it('the first signal aborts without exiting; a second saves, then exits INTERRUPTED', () => {
    const codes = recordExit();
    let saved = 0;
    const h = onInterrupt(() => 'stopping', () => { saved++; });
    process.emit('SIGTERM', 'SIGTERM');
    expect(h.signal.aborted).toBe(true);
    expect(h.received()).toBe('SIGTERM');
    expect(codes).toEqual([]);
    expect(() => process.emit('SIGINT', 'SIGINT')).toThrow('exit');
    expect(saved).toBe(1);
    expect(codes).toEqual([INTERRUPTED]);
    h.dispose();
  });

  it('after a signal, dispose ends the process with its exit status once stdout and stderr are flushed, and a late signal meanwhile exits INTERRUPTED', () => {
    const codes = recordExit();
    const h = onInterrupt(() => 'stopping', () => {});
    process.emit('SIGTERM', 'SIGTERM');
    // the flush callbacks are held, as a slow pipe would: the process has not exited yet
    const held: (() => void)[] = [];
    const hold = ((_chunk: unknown, cb?: () => void) => { if (cb) held.push(cb); return true; }) as never;
    vi.spyOn(process.stdout, 'write').mockImplementation(hold);
    vi.spyOn(process.stderr, 'write').mockImplementation(hold);
    h.dispose();
    expect(codes).toEqual([]);
    expect(held).toHaveLength(2);
    // a late signal before the exit (the case a natural exit lost: death by the signal's default action)
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length + 1);
    expect(() => process.emit('SIGINT', 'SIGINT')).toThrow('exit');
    expect(codes).toEqual([INTERRUPTED]);
    // the flush completes: the command's own exit status
    const saved = process.exitCode;
    process.exitCode = INTERRUPTED;
    try {
      held[0]();
      expect(() => held[1]()).toThrow('exit');
    } finally {
      process.exitCode = saved;
    }
    expect(codes).toEqual([INTERRUPTED, INTERRUPTED]);
  });

  it('without a signal, dispose restores the listeners there were before', () => {
    recordExit();
    const h = onInterrupt(() => 'stopping', () => {});
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length + 1);
    h.dispose();
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length);
  });
});
