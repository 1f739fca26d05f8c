/** The verdict rules of `verify` (issue 7). */
import { describe, expect, it } from 'vitest';
import { decide, decideDeterministic } from '../../src/verify/verdict.js';

describe('decision rules', () => {
  it('issue 7: inside and narrow → CONFIRMED, outside → REFUTED, inside but wide → INCONCLUSIVE', () => {
    expect(decide(1, [0.95, 1.05], 0.1).verdict).toBe('CONFIRMED');
    expect(decide(1, [1.01, 1.05], 0.1).verdict).toBe('REFUTED');
    expect(decide(1, [0.5, 1.5], 0.1).verdict).toBe('INCONCLUSIVE');
    expect(decideDeterministic(0.5, 0.52, 0.05).verdict).toBe('CONFIRMED');
    expect(decideDeterministic(0.5, 0.56, 0.05).verdict).toBe('REFUTED');
  });
});
