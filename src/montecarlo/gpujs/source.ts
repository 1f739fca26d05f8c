/**
 * gpu.js kernel sources, generated as strings (so no transpiler touches them) with every constant inlined.
 * One thread = one trajectory, advanced up to `lim` steps (≤ K, a literal loop bound within gpu.js's
 * `loopMaxIterations`). Each step draws exactly UNIFORMS_PER_STEP = 3 uniforms of the float32-exact generator
 * (rng/f32gen.ts), so the host knows the generator state after any number of steps without reading it back.
 *
 * A kernel returns [x, code, aux1, aux2] with code = status + 4·(boundary + 1) + 16·taken (all < 2²⁴,
 * exact in float32); aux are the optimizer moments m, v of the discrete Adam-type kernels.
 * Status: 0 alive, 1 exited, 2 left the tabulated interval (an error on the host); at most 3 exits.
 */
import { F32_COMPONENTS, TWO24 } from '../../rng/f32gen.js';
import type { Boundary } from '../../dynamics/passage.js';
import { BRIDGE_EXPONENT_CUTOFF } from '../../dynamics/passage.js';

export const STATUS_OUT_OF_TABLE = 2;
/**
 * The largest K: WebGL 1 guarantees integer loop counters only below 2¹⁶ (Mesa stops a 2¹⁶-step loop one short,
 * measured), so launches take at most 2¹⁵ steps (the code 16·taken then stays far below 2²⁴).
 */
export const MAX_STEPS_PER_LAUNCH = 1 << 15;

/** a number as a float literal gpu.js types as Number (float) on every backend */
export function lit(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`internal: non-finite kernel constant ${v}`);
  const s = String(v);
  return /[.eE]/.test(s) ? s : s + '.0';
}

/** code that advances the four states s0…s3 by one draw and writes the uniform into `u` (temps t, rr, z) */
export function uniformCode(u: string): string {
  const lines: string[] = [];
  F32_COMPONENTS.forEach((c, j) => {
    const s = `s${j}`;
    lines.push(
      `t = Math.floor(${s} * ${lit(c.invq)});`,
      `rr = ${s} - t * ${lit(c.q)};`,
      `if (rr >= ${lit(c.q)}) { t = t + 1.0; rr = rr - ${lit(c.q)}; }`,
      `${s} = ${lit(c.a)} * rr - ${lit(c.r)} * t;`,
      `if (${s} < 0.0) { ${s} = ${s} + ${lit(c.m)}; }`,
    );
  });
  lines.push('z = s0;');
  for (let j = 1; j < 4; j++) lines.push(`z = z - (${lit(TWO24)} - s${j});`, `if (z < 0.0) { z = z + ${lit(TWO24)}; }`);
  lines.push(`${u} = (z + 1.0) * ${lit(2 ** -24)};`);
  return lines.join('\n');
}

export interface Table1D {
  lo: number;
  /** cells per unit length */
  invh: number;
  cells: number;
}

/** linear interpolation of table `tab` at x into `out` (j, f: temps) */
function lookup(out: string, tab: string): string {
  return `${out} = ${tab}[j] + f * (${tab}[j + 1] - ${tab}[j]);`;
}

function locate(t: Table1D, x: string): string {
  return [
    `gi = (${x} - ${lit(t.lo)}) * ${lit(t.invh)};`,
    `if (gi < 0.0 || gi > ${lit(t.cells)}) { status = ${lit(STATUS_OUT_OF_TABLE)}; break; }`,
    `j = Math.floor(gi);`,
    `if (j > ${lit(t.cells - 1)}) { j = ${lit(t.cells - 1)}; }`,
    `f = gi - j;`,
  ].join('\n');
}

function walls(reflect: Boundary[], x: string): string {
  return reflect.map((b) => `if (${lit(b.side)} * (${x} - ${lit(b.level)}) > 0.0) { ${x} = Math.fround(${lit(2 * b.level)} - ${x}); }`).join('\n');
}

const HEAD = `const i = this.thread.x;
let x = x0[i];
const n = lim[i];
let s0 = g0[i]; let s1 = g1[i]; let s2 = g2[i]; let s3 = g3[i];
let status = 0.0; let hit = -1.0; let taken = 0.0;
let t = 0.0; let rr = 0.0; let z = 0.0; let u1 = 0.0; let u2 = 0.0; let u3 = 0.0;
let gi = 0.0; let j = 0.0; let f = 0.0; let d1 = 0.0;`;

/**
 * 1-D SDE, Euler–Maruyama (or Milstein): x' = x + A·dt + √(2𝒟)·√dt·ξ [+ ½𝒟'·dt·(ξ² − 1)], with A, 𝒟, 𝒟' linearly
 * interpolated from tables; walls reflect; an exit is a grid point in the exit set, or (bridge) a uniform below
 * exp(−d₀d₁/(𝒟·dt)) (passage.ts; 𝒟 at the old state).
 */
export function sde1DSource(o: {
  table: Table1D; dt: number; milstein: boolean; bridge: boolean; exit: Boundary[]; reflect: Boundary[]; K: number;
  /** 'gpujs-math-random': gpu.js's own Math.random() instead of the float32-exact generator — only to show, in the
   * tests, that it fails the validation (on GL it is the sin-hash fract(sin(·)·43758.5453)) */
  random?: 'f32' | 'gpujs-math-random';
}): string {
  const sqdt = Math.sqrt(o.dt);
  const exits = o.exit.map((b, e) => [
    `d1 = ${lit(b.side)} * (${lit(b.level)} - x);`,
    `if (d1 <= 0.0) { status = 1.0; hit = ${lit(e)}; break; }`,
    o.bridge
      ? `if (d > 0.0) { ex = ${lit(b.side)} * (${lit(b.level)} - xOld) * d1 / (d * ${lit(o.dt)}); if (ex < ${lit(BRIDGE_EXPONENT_CUTOFF)}) { if (u3 < Math.exp(-ex)) { status = 1.0; hit = ${lit(e)}; break; } } }`
      : '',
  ].join('\n')).join('\n');
  return `function (x0, lim, g0, g1, g2, g3, tabA, tabD, tabDD) {
${HEAD}
let a = 0.0; let d = 0.0; let dd = 0.0; let xi = 0.0; let xOld = 0.0; let ex = 0.0;
for (let k = 0; k < ${o.K}; k++) {
if (taken >= n) { break; }
${o.random === 'gpujs-math-random'
    ? 'u1 = Math.max(Math.random(), 5.9604645e-8);\nu2 = Math.random();\nu3 = Math.random();'
    : `${uniformCode('u1')}\n${uniformCode('u2')}\n${uniformCode('u3')}`}
${locate(o.table, 'x')}
${lookup('a', 'tabA')}
${lookup('d', 'tabD')}
${o.milstein ? lookup('dd', 'tabDD') : ''}
xi = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(${lit(2 * Math.PI)} * u2);
xOld = x;
x = Math.fround(x + a * ${lit(o.dt)} + Math.sqrt(2.0 * d) * ${lit(sqdt)} * xi${o.milstein ? ` + 0.5 * dd * ${lit(o.dt)} * (xi * xi - 1.0)` : ''});
taken = taken + 1.0;
${walls(o.reflect, 'x')}
${exits}
}
return [x, status + 4.0 * (hit + 1.0) + 16.0 * taken, 0.0, 0.0];
}`;
}

export type DiscreteRule = { kind: 'sgd'; lr: number } | { kind: 'adam' | 'invadam'; lr: number; beta1: number; beta2: number; eps: number };

/**
 * 1-D discrete optimizer with Gaussian gradient noise: g = L'(θ) − √(C(θ)/B)·ξ (tables G = L', S = √(C/B)),
 * then the optimizer step (optimizers/sgd.ts, adam.ts, dualadam.ts: PyTorch forms), walls, exit at the iterate.
 * Adam-type moments m, v and the iteration count t0 come in and go out per launch.
 */
export function discrete1DSource(o: { table: Table1D; rule: DiscreteRule; exit: Boundary[]; reflect: Boundary[]; K: number }): string {
  const r = o.rule;
  let update: string;
  if (r.kind === 'sgd') update = `x = Math.fround(x - ${lit(r.lr)} * gr);`;
  else {
    const moments = `it = it + 1.0;
m = Math.fround(m + ${lit(1 - r.beta1)} * (gr - m));
v = Math.fround(${lit(r.beta2)} * v + ${lit(1 - r.beta2)} * gr * gr);
bc1 = 1.0 - Math.pow(${lit(r.beta1)}, it);
bc2 = 1.0 - Math.pow(${lit(r.beta2)}, it);`;
    update = r.kind === 'adam'
      // θ ← θ − (lr/bc1)·m/(√v/√bc2 + ε)
      ? `${moments}\nx = Math.fround(x - (${lit(r.lr)} / bc1) * m / (Math.sqrt(v) / Math.sqrt(bc2) + ${lit(r.eps)}));`
      // InvAdam: θ ← θ − lr·(m/bc1)·(√(v/bc2) + ε)
      : `${moments}\nx = Math.fround(x - ${lit(r.lr)} * (m / bc1) * (Math.sqrt(v / bc2) + ${lit(r.eps)}));`;
  }
  const exits = o.exit.map((b, e) => `if (${lit(b.side)} * (${lit(b.level)} - x) <= 0.0) { status = 1.0; hit = ${lit(e)}; break; }`).join('\n');
  return `function (x0, lim, g0, g1, g2, g3, m0, v0, t0, tabG, tabS) {
${HEAD}
let m = m0[i]; let v = v0[i]; let it = t0[i]; let bc1 = 0.0; let bc2 = 0.0; let gr = 0.0; let sg = 0.0; let xi = 0.0;
for (let k = 0; k < ${o.K}; k++) {
if (taken >= n) { break; }
${uniformCode('u1')}
${uniformCode('u2')}
${uniformCode('u3')}
${locate(o.table, 'x')}
${lookup('gr', 'tabG')}
${lookup('sg', 'tabS')}
xi = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(${lit(2 * Math.PI)} * u2);
gr = gr - sg * xi;
${update}
taken = taken + 1.0;
${walls(o.reflect, 'x')}
${exits}
}
return [x, status + 4.0 * (hit + 1.0) + 16.0 * taken, m, v];
}`;
}

/** Test kernel: thread i draws `count` uniforms from states (g0…g3)[i] and returns the last one's … all of them. */
export function uniformsSource(count: number): string {
  return `function (g0, g1, g2, g3) {
const i = this.thread.y;
let s0 = g0[i]; let s1 = g1[i]; let s2 = g2[i]; let s3 = g3[i];
let t = 0.0; let rr = 0.0; let z = 0.0; let u = 0.0;
for (let k = 0; k < ${count}; k++) {
${uniformCode('u')}
if (k == this.thread.x) { break; }
}
return u;
}`;
}
