/** The 1-D C³ well + barrier family (closed form: helpers.ts wellBarrierProfile). */
import type { ScalarLandscape } from '../types.js';
import { scalarLandscape, wellBarrierProfile } from './helpers.js';
import { positive } from './params.js';
import type { BuiltinFamily, BuiltinParamInfo } from './types.js';

/** Ha, Hb, dL (shared with eigen-saddle, whose first coordinate is this profile) */
export const WELL_PARAMS: readonly BuiltinParamInfo[] = [
  positive('Ha', 'curvature L\'\'(a) at the minimum', 1),
  positive('Hb', 'curvature magnitude at the barrier top, L\'\'(b) = −Hb', 1),
  positive('dL', 'barrier height L(b) − L(a)', 1),
];

export const wellBarrier: BuiltinFamily = {
  name: 'well-barrier',
  description:
    '1-D C³ well + barrier with independently chosen minimum curvature Ha, barrier-top curvature −Hb and barrier dL; ' +
    'minimum at 0, L = ½Ha·x² for x ≤ w1, smoothstep blend of L\'\' to −Hb, L = dL − ½Hb(x−b)² beyond (exit past b).',
  dim: '1',
  params: WELL_PARAMS,
  create(p) {
    const Ha = p.num('Ha');
    const Hb = p.num('Hb');
    const dL = p.num('dL');
    const f = wellBarrierProfile(Ha, Hb, dL);
    const s: ScalarLandscape = { L: f.L, d1: f.d1, d2: f.d2, d3: f.d3 };
    return scalarLandscape('well-barrier', { Ha, Hb, dL }, s, { minimum: [0], saddle: [f.b], barrier: dL });
  },
};
