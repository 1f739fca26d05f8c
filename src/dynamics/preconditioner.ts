/**
 * Model specifications and the diagonal preconditioners P(v) of the optimizer SDEs (models.ts, design.md §3,
 * sources.md §1.4, §7), shared by the generic model (models.ts) and the specialised 1-D steps (specialised.ts).
 */
import type { NoiseSpec } from '../noise/index.js';

export type Convention = 'ito' | 'hanggi';

export type ModelSpec =
  | { model: 'langevin'; temperature: number; convention?: Convention }
  | {
      model: 'sgd' | 'adam' | 'invadam' | 'padam' | 'power' | 'adamomentum';
      lr: number;
      batch: number;
      noise: NoiseSpec;
      convention: Convention;
      eps?: number;
      p?: number;
      beta1?: number;
      beta2?: number;
    };

export const MODEL_NAMES = ['langevin', 'sgd', 'adam', 'invadam', 'padam', 'power', 'adamomentum'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Default hyperparameters of the preconditioned models (Adam's defaults, Kingma & Ba 2015). */
export const MODEL_DEFAULTS = { eps: 1e-8, beta1: 0.9, beta2: 0.999 } as const;

/**
 * Preconditioner as a function of the (per-coordinate) second moment v ≥ 0:
 * returns P(v) and writes dP/dv into `deriv[0]` (needed for 𝒟' in the Hänggi drift and Milstein).
 */
export type Preconditioner = (v: number, deriv: Float64Array) => number;

export interface PreconditionerInfo {
  P: Preconditioner;
  /** P(v) alone: the same operations as P's value, without dP/dv (for steps that never use 𝒟') */
  value: (v: number) => number;
  momentFactor: number;
  momentFloor: number;
}

export function preconditioner(spec: ModelSpec): PreconditionerInfo {
  if (spec.model === 'langevin' || spec.model === 'sgd') {
    return { P: (_v, d) => { d[0] = 0; return 1; }, value: () => 1, momentFactor: 1, momentFloor: 0 };
  }
  const eps = spec.eps ?? MODEL_DEFAULTS.eps;
  switch (spec.model) {
    case 'adam':
      // P = 1/(√v+ε), dP/dv = −1/(2√v(√v+ε)²)
      return {
        P: (v, d) => { const s = Math.sqrt(v), q = s + eps; d[0] = -1 / (2 * s * q * q); return 1 / q; },
        value: (v) => 1 / (Math.sqrt(v) + eps),
        momentFactor: 1, momentFloor: 0,
      };
    case 'invadam':
      // P = √v+ε, dP/dv = 1/(2√v)
      return {
        P: (v, d) => { const s = Math.sqrt(v); d[0] = 1 / (2 * s); return s + eps; },
        value: (v) => Math.sqrt(v) + eps,
        momentFactor: 1, momentFloor: 0,
      };
    case 'padam': {
      // P = (√v+ε)^(−2p), dP/dv = −p(√v+ε)^(−2p−1)/√v
      const p = spec.p!;
      return {
        P: (v, d) => { const s = Math.sqrt(v), q = s + eps, P = Math.pow(q, -2 * p); d[0] = (-p * P) / (q * s); return P; },
        value: (v) => Math.pow(Math.sqrt(v) + eps, -2 * p),
        momentFactor: 1, momentFloor: 0,
      };
    }
    case 'power': {
      // P = v^(−p), dP/dv = −p·v^(−p−1)
      const p = spec.p!;
      return {
        P: (v, d) => { const P = Math.pow(v, -p); d[0] = (-p * P) / v; return P; },
        value: (v) => Math.pow(v, -p),
        momentFactor: 1, momentFloor: 0,
      };
    }
    case 'adamomentum': {
      // v_m = g² + a·C/B + ε/(1−β2), a = (1−β1)/(1+β1); P = v_m^(−1/2), dP/dv_m = −½ v_m^(−3/2)
      const b1 = spec.beta1 ?? MODEL_DEFAULTS.beta1, b2 = spec.beta2 ?? MODEL_DEFAULTS.beta2;
      return {
        P: (v, d) => { const P = 1 / Math.sqrt(v); d[0] = (-0.5 * P) / v; return P; },
        value: (v) => 1 / Math.sqrt(v),
        momentFactor: (1 - b1) / (1 + b1), momentFloor: eps / (1 - b2),
      };
    }
  }
}
