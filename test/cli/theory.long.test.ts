/**
 * `escapelab theory` end to end (design.md §6 keys) and its exact MFPT against an independent reference: the
 * drift and diffusion written out here from design.md §3 (not from src/dynamics), solved by the backward ODE
 * route (a different algorithm from the quadrature) with every kink of the coefficients as a grid node.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wellBarrierProfile } from '../../src/landscapes/builtins/index.js';
import { mfptBackwardODE } from '../../src/theory/mfpt1d/index.js';
import { escapelab } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'escapelab-theory-'));
const example = (name: string) => JSON.parse(readFileSync(`examples/${name}.json`, 'utf8'));

/** The fields of an example's `dynamics` block that `reference` reads (the examples are parsed JSON) */
interface ReferenceDynamics {
  model: string;
  lr: number;
  batch: number;
  noise: { floor: number };
  eps?: number;
  beta1?: number;
  beta2?: number;
  /** padam's and power's exponent (the others have none; `reference` reads it for those two only) */
  p: number;
  convention?: string;
}

/** design.md §3 on a 1-D landscape with Hessian noise C = |L''| + floor: A and 𝒟 (and 𝒟' for Hänggi) */
function reference(d: ReferenceDynamics, f: ReturnType<typeof wellBarrierProfile>) {
  const eta = d.lr, B = d.batch, floor = d.noise.floor, eps = d.eps ?? 1e-8;
  const b1 = d.beta1 ?? 0.9, b2 = d.beta2 ?? 0.999;
  const m = d.model === 'adamomentum' ? (1 - b1) / (1 + b1) : 1;
  const v0 = d.model === 'adamomentum' ? eps / (1 - b2) : 0;
  // P(v) and dP/dv
  const P = (v: number): [number, number] => {
    const s = Math.sqrt(v);
    switch (d.model) {
      case 'sgd': return [1, 0];
      case 'adam': return [1 / (s + eps), -1 / (2 * s * (s + eps) ** 2)];
      case 'invadam': return [s + eps, 1 / (2 * s)];
      case 'padam': return [(s + eps) ** (-2 * d.p), (-d.p * (s + eps) ** (-2 * d.p - 1)) / s];
      case 'power': return [v ** -d.p, -d.p * v ** (-d.p - 1)];
      case 'adamomentum': return [v ** -0.5, -0.5 * v ** -1.5];
    }
    throw new Error(d.model);
  };
  const coef = (x: number) => {
    const g = f.d1(x), h = f.d2(x), C = Math.abs(h) + floor, dC = Math.sign(h) * f.d3(x);
    const v = g * g + (m * C) / B + v0, dv = 2 * g * h + (m * dC) / B;
    const [p, dp] = P(v);
    const D = (eta / (2 * B)) * p * p * C;
    const dD = (eta / (2 * B)) * (2 * p * dp * dv * C + p * p * dC);
    return { A: -p * g + (d.convention === 'hanggi' ? dD : 0), D };
  };
  let lo = f.w1, hi = f.x2; // the zero K of L'' (kink of |L''|)
  for (let i = 0; i < 200; i++) { const c = 0.5 * (lo + hi); if (f.d2(c) > 0) lo = c; else hi = c; }
  return { drift: (x: number) => coef(x).A, diffusion: (x: number) => coef(x).D, breakpoints: [f.w1, 0.5 * (lo + hi), f.x2] };
}

const KEYS = ['mfpt', 'exponent', 'prefactor', 'convention', 'iterations'];

describe('escapelab theory --json: every model × both conventions', () => {
  for (const name of ['well-barrier-sgd', 'well-barrier-adam', 'well-barrier-invadam', 'well-barrier-padam', 'well-barrier-power', 'well-barrier-adamomentum']) {
    for (const convention of ['ito', 'hanggi']) {
      it(`${name} (${convention}): keys, iterations = time/η, exact MFPT = independent ODE reference to 1e-6`, async () => {
        const sc = example(name);
        sc.dynamics.convention = convention;
        delete sc.simulation; // theory needs none
        const file = join(tmp, `${name}-${convention}.json`);
        writeFileSync(file, JSON.stringify(sc));
        const r = await escapelab(['theory', '--scenario', file, '--json']);
        expect(r.code, r.stderr).toBe(0);
        const t = JSON.parse(r.stdout);
        for (const k of KEYS) expect(t).toHaveProperty(k);
        expect(t.convention).toBe(convention);
        expect(t.iterations.exact).toBeCloseTo(t.mfpt.exact / sc.dynamics.lr, 6);
        expect(t.iterations.asymptotic).toBeCloseTo(t.mfpt.asymptotic / sc.dynamics.lr, 6);
        expect(t.mfpt.asymptotic).toBeCloseTo(t.prefactor * Math.exp(t.exponent), 6);
        const f = wellBarrierProfile(sc.landscape.Ha, sc.landscape.Hb, sc.landscape.dL);
        const ode = mfptBackwardODE(reference(sc.dynamics, f), { start: 0, exit: sc.exit.above, reflect: sc.reflect.below }, { relTol: 1e-9 });
        const diff = Math.abs(t.mfpt.exact - ode.mfpt) / ode.mfpt;
        console.log(`${name}/${convention}: theory ${t.mfpt.exact} (±${t.exact.relError.toExponential(1)}), ODE ${ode.mfpt} (±${ode.relError.toExponential(1)}), rel. diff ${diff.toExponential(2)}`);
        expect(diff).toBeLessThanOrEqual(t.exact.relError + ode.relError);
        expect(diff).toBeLessThan(1e-6);
      });
    }
  }

  it('langevin: the quartic example (no iterations: Langevin has no η)', async () => {
    const r = await escapelab(['theory', '--scenario', 'examples/double-well-langevin.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.iterations).toEqual({ exact: null, asymptotic: null });
    expect(t.exponent).toBeCloseTo(1 / 0.25, 9); // ΔL/T
  });

  it('n-D: exact is null with the reason, the Eyring–Kramers value is given', async () => {
    const r = await escapelab(['theory', '--scenario', 'examples/eigen-saddle-3d-sgd.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.mfpt.exact).toBeNull();
    expect(t.exactReason).toMatch(/1-D/);
    expect(t.mfpt.asymptotic).toBeGreaterThan(0);
  });

  it('bad scenarios get the same field-naming errors as simulate (exit status 2)', async () => {
    const sc = example('well-barrier-adam');
    sc.dynamics.lr = -1;
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify(sc));
    const r = await escapelab(['theory', '--scenario', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario.dynamics.lr');
  });

  it('an exit before the barrier top: the asymptotic is null and says why', async () => {
    const sc = example('well-barrier-sgd');
    sc.exit.above = 0.5;
    const file = join(tmp, 'early-exit.json');
    writeFileSync(file, JSON.stringify(sc));
    const t = JSON.parse((await escapelab(['theory', '--scenario', file, '--json'])).stdout);
    expect(t.mfpt.exact).toBeGreaterThan(0);
    expect(t.mfpt.asymptotic).toBeNull();
    expect(t.asymptoticReason).toMatch(/barrier/);
  });
});
