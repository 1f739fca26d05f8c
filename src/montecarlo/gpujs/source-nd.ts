/**
 * n-D SDE kernel source (2 ≤ n ≤ 8) for the gpu.js backends: Euler–Maruyama with diagonal noise,
 *   x'ᵢ = xᵢ + Aᵢ·dt + σᵢ·√dt·ξᵢ,  Aᵢ = −Pᵢ·∂ᵢL,  σᵢ = √(η/B)·Pᵢ·σ_noise  (langevin: Aᵢ = −∂ᵢL, σᵢ = √(2T)),
 * Pᵢ = P(vᵢ), vᵢ = (∂ᵢL)² + factor·σ²/B + floor (models.ts, white noise, Itô). The gradient is the expression
 * landscape's generated code (landscapes/expr.ts `source.gradient`) with its variables renamed, evaluated in
 * the kernel. Each step draws 2n + 1 uniforms (n Box–Muller normals, one bridge uniform).
 * Output: R = ⌈(n + 1)/4⌉ cells per trajectory (gpu.js returns at most 4 floats per cell); cell r returns
 * values 4r … 4r+3 of [x₀ … x_{n−1}, code], each cell recomputing the same path (deterministic), so the cost
 * is R× the work for n ≥ 4.
 */
import type { Boundary } from '../../dynamics/passage.js';
import { BRIDGE_EXPONENT_CUTOFF } from '../../dynamics/passage.js';
import { lit, uniformCode } from './source.js';

export const MAX_DIM = 8;

/** status 3: the state left |x| < 1e30 or became NaN (blow-up) */
export const STATUS_BLOWUP = 3;

/** The expression landscape's gradient body as kernel statements writing gr0 … gr{n−1} from p0 … p{n−1}. */
export function gradientStatements(body: string, n: number): string {
  const out: string[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const prelude = /^const (v\d+ = x\[\d+\](?:, v\d+ = x\[\d+\])*);$/.exec(line);
    if (prelude) {
      for (const d of prelude[1].split(', ')) {
        const m = /^v(\d+) = x\[(\d+)\]$/.exec(d)!;
        out.push(`let v${m[1]} = p${m[2]};`);
      }
      continue;
    }
    const temp = /^const (t\d+) = (.*);$/.exec(line);
    if (temp) { out.push(`let ${temp[1]} = ${temp[2]};`); continue; }
    const write = /^out\[(\d+)\] = (.*);$/.exec(line);
    if (write && Number(write[1]) < n) { out.push(`gr${write[1]} = ${write[2]};`); continue; }
    throw new Error(`internal: unexpected gradient source line '${line}'`);
  }
  return out.join('\n');
}

export interface NDModelCode {
  /** code computing the preconditioner P from v (a number expression in v) or null for P = 1 */
  P: string | null;
  momentFactor: number;
  momentFloor: number;
  /** σ²/B of the white noise (0 for langevin) */
  q: number;
  /** √(η/B)·σ_noise, or √(2T) for langevin */
  sigmaScale: number;
}

export function sdeNDSource(o: { n: number; gradient: string; model: NDModelCode; dt: number; bridge: boolean; exit: Boundary[]; reflect: Boundary[]; K: number }): string {
  const { n } = o;
  const idx = Array.from({ length: n }, (_, i) => i);
  const R = Math.ceil((n + 1) / 4);
  const normals = idx.map((i) => `${uniformCode('u1')}\n${uniformCode('u2')}\nxi${i} = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(${lit(2 * Math.PI)} * u2);`).join('\n');
  const m = o.model;
  const coeffs = idx.map((i) => {
    if (m.P === null) return `a${i} = -gr${i};\nsg${i} = ${lit(m.sigmaScale)};`;
    return `v = gr${i} * gr${i} + ${lit(m.momentFactor * m.q + m.momentFloor)};\npc = ${m.P};\na${i} = -pc * gr${i};\nsg${i} = ${lit(m.sigmaScale)} * pc;`;
  }).join('\n');
  const step = idx.map((i) => `xo${i} = p${i};\np${i} = Math.fround(p${i} + a${i} * ${lit(o.dt)} + sg${i} * ${lit(Math.sqrt(o.dt))} * xi${i});`).join('\n');
  const finite = idx.map((i) => `if (Math.abs(p${i}) < 1e30) {} else { status = ${lit(STATUS_BLOWUP)}; break; }`).join('\n');
  const walls = o.reflect.map((b) => `if (${lit(b.side)} * (p${b.index} - ${lit(b.level)}) > 0.0) { p${b.index} = Math.fround(${lit(2 * b.level)} - p${b.index}); }`).join('\n');
  const exits = o.exit.map((b, e) => [
    `d1 = ${lit(b.side)} * (${lit(b.level)} - p${b.index});`,
    `if (d1 <= 0.0) { status = 1.0; hit = ${lit(e)}; break; }`,
    // crossing probability exp(−2d₀d₁/(σ²dt)), σ² = sg² the variance per unit time of that coordinate
    o.bridge ? `if (sg${b.index} > 0.0) { ex = 2.0 * ${lit(b.side)} * (${lit(b.level)} - xo${b.index}) * d1 / (sg${b.index} * sg${b.index} * ${lit(o.dt)}); if (ex < ${lit(BRIDGE_EXPONENT_CUTOFF)}) { if (u3 < Math.exp(-ex)) { status = 1.0; hit = ${lit(e)}; break; } } }` : '',
  ].join('\n')).join('\n');
  const values = [...idx.map((i) => `p${i}`), 'status + 4.0 * (hit + 1.0) + 16.0 * taken'];
  while (values.length < 4 * R) values.push('0.0');
  const ret = Array.from({ length: R }, (_, r) => `if (r == ${r}) { return [${values.slice(4 * r, 4 * r + 4).join(', ')}]; }`).join('\n');
  const decl = (p: string) => idx.map((i) => `let ${p}${i} = 0.0;`).join(' ');
  return `function (xin, lim, g0, g1, g2, g3) {
const i = this.thread.y;
const r = this.thread.x;
const n = lim[i];
${idx.map((j) => `let p${j} = xin[i * ${n} + ${j}];`).join('\n')}
let s0 = g0[i]; let s1 = g1[i]; let s2 = g2[i]; let s3 = g3[i];
let status = 0.0; let hit = -1.0; let taken = 0.0;
let t = 0.0; let rr = 0.0; let z = 0.0; let u1 = 0.0; let u2 = 0.0; let u3 = 0.0; let d1 = 0.0; let ex = 0.0; let v = 0.0; let pc = 0.0;
${decl('gr')} ${decl('a')} ${decl('sg')} ${decl('xi')} ${decl('xo')}
for (let k = 0; k < ${o.K}; k++) {
if (taken >= n) { break; }
${normals}
${uniformCode('u3')}
${o.gradient}
${coeffs}
${step}
taken = taken + 1.0;
${finite}
${walls}
${exits}
}
${ret}
return [0.0, 0.0, 0.0, 0.0];
}`;
}
