/**
 * Exact 1-D steps specialised per model, convention and integrator (what the CPU kernels run). A step performs
 * the same floating-point operations, in the same order, as ScalarSDE.eval (models.ts) followed by
 * eulerMaruyama1D / milstein1D (integrators.ts), so its states are bit-identical, but it computes only what its
 * combination uses:
 *
 *   Euler–Maruyama   X' = X + A·dt + √(2𝒟)·ΔW                    (Kloeden & Platen 1992, §9.1)
 *   Milstein         X' = X + A·dt + √(2𝒟)·ΔW + ½𝒟'(ΔW² − dt)    (ibid. §10.3; σσ' = 𝒟')
 *   A = −P·L' (Itô), −P·L' + 𝒟' (Hänggi);  𝒟 = (η/2)·P²·q,  q = c/B,  v = L'² + m·q + floor
 *   𝒟' = (η/2)·(2P·P'(v)·v'·q + P²·q'),  v' = 2L'L'' + m·q'   (models.ts, sources.md §4.3, §7)
 *
 * so an Itô Euler–Maruyama step needs L' and c only: not 𝒟', P'(v), c' or L''' (nor L'' unless c is the
 * hessian noise |L''| + floor, which then takes c from the step's own L''). Every quantity stays a local value:
 * passing L', L'' through a scratch array costs more here (a store and a load on the step's chain of dependent
 * operations) than the piece selection that a piecewise landscape repeats in d1 and d2.
 */
import type { ScalarLandscape } from '../landscapes/types.js';
import type { ScalarNoise } from '../noise/index.js';
import { preconditioner, type ModelSpec } from './preconditioner.js';

/** One step of a 1-D SDE as a single monomorphic method. */
export interface ScalarStepper {
  /** X' after one step from X with Brownian increment ΔW; leaves 𝒟(X) in `d` */
  step(x: number, dW: number): number;
  /** 𝒟 at the start of the last step (the first-passage bridge needs it) */
  d: number;
}

/** c(x) and c'(x) from L'' (h) and L''' (h3) at x: hessian noise reads them, other noise calls its own c, dc. */
interface NoiseTerms {
  /** c and c' read L'' and L''' (hessian noise) */
  usesH: boolean;
  c(x: number, h: number): number;
  dc(x: number, h: number, h3: number): number;
}

function noiseTerms(nz: ScalarNoise): NoiseTerms {
  const cv = nz.curvature;
  if (cv) return { usesH: true, c: (_x, h) => cv.c(h), dc: (_x, h, h3) => cv.dc(h, h3) };
  return { usesH: false, c: (x) => nz.c(x), dc: (x) => nz.dc(x) };
}

/** Langevin: A = −L', 𝒟 = T, 𝒟' = 0 (both conventions). */
function langevinStepper(T: number, sc: ScalarLandscape, dt: number, milstein: boolean): ScalarStepper {
  const s = Math.sqrt(2 * T), dd = 0;
  if (!milstein) return { d: T, step: (x, dW) => { const a = -sc.d1(x); return x + a * dt + s * dW; } };
  return { d: T, step: (x, dW) => { const a = -sc.d1(x); return x + a * dt + s * dW + 0.5 * dd * (dW * dW - dt); } };
}

interface Coefficients {
  eta: number;
  B: number;
  hanggi: boolean;
  sc: ScalarLandscape;
  nz: ScalarNoise;
}

/** SGD: P = 1, 𝒟 = (η/2)q, 𝒟' = (η/2)q'. */
function sgdStepper(k: Coefficients, dt: number, milstein: boolean): ScalarStepper {
  const { B, hanggi, sc } = k, he = 0.5 * k.eta;
  const nt = noiseTerms(k.nz), usesH = nt.usesH;
  if (!hanggi && !milstein) {
    return {
      d: NaN,
      step(x, dW) {
        const a = -sc.d1(x), d = he * (nt.c(x, usesH ? sc.d2(x) : 0) / B);
        this.d = d;
        return x + a * dt + Math.sqrt(2 * d) * dW;
      },
    };
  }
  return {
    d: NaN,
    step(x, dW) {
      const g = sc.d1(x), h = usesH ? sc.d2(x) : 0, h3 = usesH ? sc.d3(x) : 0;
      const d = he * (nt.c(x, h) / B), dd = he * (nt.dc(x, h, h3) / B);
      const a = hanggi ? -g + dd : -g;
      this.d = d;
      if (milstein) return x + a * dt + Math.sqrt(2 * d) * dW + 0.5 * dd * (dW * dW - dt);
      return x + a * dt + Math.sqrt(2 * d) * dW;
    },
  };
}

/** The preconditioned models: P = P(v), 𝒟 = (η/2)P²q, and 𝒟' only when the convention or integrator uses it. */
function preconditionedStepper(spec: ModelSpec, k: Coefficients, dt: number, milstein: boolean): ScalarStepper {
  const { B, hanggi, sc } = k, he = 0.5 * k.eta;
  const { P, value, momentFactor: m, momentFloor: fl } = preconditioner(spec);
  const nt = noiseTerms(k.nz), usesH = nt.usesH;
  const dP = new Float64Array(1);
  if (!hanggi && !milstein) {
    return {
      d: NaN,
      step(x, dW) {
        const g = sc.d1(x), q = nt.c(x, usesH ? sc.d2(x) : 0) / B;
        const p = value(g * g + m * q + fl);
        const d = he * p * p * q, a = -p * g;
        this.d = d;
        return x + a * dt + Math.sqrt(2 * d) * dW;
      },
    };
  }
  return {
    d: NaN,
    step(x, dW) {
      const g = sc.d1(x), h = sc.d2(x), h3 = usesH ? sc.d3(x) : 0;
      const q = nt.c(x, h) / B, dq = nt.dc(x, h, h3) / B;
      const p = P(g * g + m * q + fl, dP);
      const dv = 2 * g * h + m * dq;
      const d = he * p * p * q, dd = he * (2 * p * dP[0] * dv * q + p * p * dq);
      const a = hanggi ? -p * g + dd : -p * g;
      this.d = d;
      if (milstein) return x + a * dt + Math.sqrt(2 * d) * dW + 0.5 * dd * (dW * dW - dt);
      return x + a * dt + Math.sqrt(2 * d) * dW;
    },
  };
}

/**
 * The specialised exact step of the 1-D model `spec` on landscape `sc` with noise `nz` (null for langevin), in
 * the given convention, with Euler–Maruyama or (milstein) Milstein and step dt.
 */
export function scalarStepper(
  spec: ModelSpec, sc: ScalarLandscape, nz: ScalarNoise | null, hanggi: boolean, dt: number, milstein: boolean,
): ScalarStepper {
  if (spec.model === 'langevin') return langevinStepper(spec.temperature, sc, dt, milstein);
  const k: Coefficients = { eta: spec.lr, B: spec.batch, hanggi, sc, nz: nz! };
  return spec.model === 'sgd' ? sgdStepper(k, dt, milstein) : preconditionedStepper(spec, k, dt, milstein);
}
