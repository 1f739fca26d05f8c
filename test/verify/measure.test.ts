/**
 * measureEscape: a point is a pure function of (label, scenario, options), so a repeated point is served from the
 * first measurement (the same numbers, as a copy), while another label draws another seed.
 */
import { describe, expect, it } from 'vitest';
import { MC_INTEGRATOR, measureEscape, wellBarrier } from '../../src/verify/measure.js';

const SC = wellBarrier({ Ha: 2, Hb: 1, dL: 0.1, dt: 1e-2, dynamics: { model: 'sgd', lr: 0.5, batch: 1, noise: { kind: 'hessian', floor: 1 }, convention: 'ito' } });

describe('measureEscape', () => {
  it('SDE points run with Milstein; discrete ones have no integrator', () => {
    expect((SC.simulation as Record<string, unknown>).integrator).toBe(MC_INTEGRATOR);
    const d = wellBarrier({ Ha: 2, Hb: 1, dL: 0.1, dynamics: { discrete: 'sgd', lr: 0.1, batch: 1, noise: { kind: 'white', variance: 1 } } });
    expect(d.simulation).not.toHaveProperty('integrator');
  });
  it('a repeated point gives the same numbers as a copy; another label another seed', async () => {
    const o = { trajectories: 200, seed: 5, backend: 'cpu' };
    const a = await measureEscape('point A', SC, o);
    a.mc.estimate = -1; // a claim that changes its copy does not change what others get
    const b = await measureEscape('point A', SC, o);
    expect(b.mc.estimate).toBeGreaterThan(0);
    const c = await measureEscape('point A', SC, o);
    expect(c).toEqual(b);
    expect(c).not.toBe(b);
    const other = await measureEscape('point B', SC, o);
    expect(other.mc.estimate).not.toBe(b.mc.estimate);
    expect(other.trajectories).toBe(200);
  });
});
