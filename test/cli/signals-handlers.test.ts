/**
 * The signal handlers of src/cli/signals.ts, in process: the first signal aborts, a second one saves and quits with
 * INTERRUPTED, and a signal that arrives after the command disposed of its handlers (its output already written)
 * still quits with INTERRUPTED rather than by the signal's default action. The last case is a race in the
 * end-to-end test (signals.long.test.ts: the second signal 20 ms after the first); here it is deterministic.
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

  it('after a signal, dispose leaves handlers that exit INTERRUPTED (not the default death by the signal)', () => {
    const codes = recordExit();
    const h = onInterrupt(() => 'stopping', () => {});
    process.emit('SIGTERM', 'SIGTERM');
    h.dispose();
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length + 1);
    expect(() => process.emit('SIGINT', 'SIGINT')).toThrow('exit');
    expect(codes).toEqual([INTERRUPTED]);
  });

  it('without a signal, dispose restores the listeners there were before', () => {
    recordExit();
    const h = onInterrupt(() => 'stopping', () => {});
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length + 1);
    h.dispose();
    for (const s of SIGNALS) expect(process.listenerCount(s), s).toBe(before.get(s)!.length);
  });
});
