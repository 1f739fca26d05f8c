/**
 * Problems with expression exits and their exact answers, shared by expression-exit.long.test.ts and
 * ams-expression.long.test.ts. Every formula is written out here, independently of src/.
 */

/** The 1-D quartic L = x⁴/4 − x²/2 of ams.long.test.ts: start −1, exit x ≥ 0.5, wall −3; ΔΦ = 1/(4T). */
export const quartic = (T: number, sim: Record<string, unknown> = {}) => ({
  landscape: { expr: 'x^4/4 - x^2/2', vars: ['x'] }, start: [-1], exit: { var: 'x', above: 0.5 }, reflect: { var: 'x', below: -3 },
  dynamics: { model: 'langevin', temperature: T },
  simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 1, backend: 'cpu', ...sim },
});

/** Orthogonal Q (rows): a Givens rotation by 0.7 rad in 2-D; in n-D the Householder reflection I − 2vvᵀ/|v|². */
export function rotation(n: number): number[][] {
  if (n === 2) {
    const c = Math.cos(0.7), s = Math.sin(0.7);
    return [[c, -s], [s, c]];
  }
  const v = [1, 2, -1, 0.5, 3, -2, 1.5].slice(0, n), vv = v.reduce((t, x) => t + x * x, 0);
  return v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
}

const decoupledExpr = (z: string[]) => [`${z[0]}^4/4 - ${z[0]}^2/2`, ...z.slice(1).map((zi, i) => `${(i + 1) * 0.5}*${zi}^2`)].join(' + ');

/** The decoupled quartic L = x⁴/4 − x²/2 + Σᵢ (i/2)·yᵢ² of ams.long.test.ts (no wall): x is the 1-D quartic chain. */
export function decoupled(n: number, T: number, sim: Record<string, unknown> = {}) {
  const vars = ['x', ...Array.from({ length: n - 1 }, (_, i) => `y${i + 1}`)];
  return {
    name: `quartic decoupled in ${n}-D`, landscape: { expr: decoupledExpr(vars), vars }, start: vars.map((_, i) => (i === 0 ? -1 : 0)),
    exit: { var: 'x', above: 0.5 }, dynamics: { model: 'langevin', temperature: T },
    simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 1, backend: 'cpu', ...sim },
  };
}

/**
 * The same in rotated variables w, z = (x, y₁, …) = Q·w:
 * the landscape as an expression in w, the start Qᵀ(−1, 0, …), the exit x(w) = Σ_k Q_0k w_k ≥ 0.5.
 */
export function rotated(n: number, T: number, sim: Record<string, unknown> = {}) {
  const Q = rotation(n), w = Array.from({ length: n }, (_, k) => `w${k}`);
  const z = Q.map((row) => `(${row.map((q, k) => `${q}*${w[k]}`).join(' + ')})`);
  return {
    name: `quartic rotated in ${n}-D`, landscape: { expr: decoupledExpr(z), vars: w }, start: Q[0].map((q) => -q), exit: { expr: z[0], above: 0.5 },
    dynamics: { model: 'langevin', temperature: T },
    simulation: { trajectories: 1, dt: 0.01, maxTime: 1e12, seed: 1, backend: 'cpu', ...sim },
  };
}

/** L = (H/2)|θ|² with H = 1 in d dimensions, 𝒟 = T·I, start 0, exit |θ|² ≥ 1; barrier H R²/(2T) = `barrier`. */
export function ouBall(d: number, barrier: number, sim: Record<string, unknown> = {}) {
  const vars = ['x', 'y', 'z', 'u'].slice(0, d), norm2 = vars.map((v) => `${v}^2`).join(' + ');
  return {
    name: `OU ball ${d}-D`, landscape: { expr: `H/2*(${norm2})`, vars, params: { H: 1 } }, start: vars.map(() => 0),
    exit: { expr: norm2, above: 1 }, dynamics: { model: 'langevin', temperature: 1 / (2 * barrier) },
    simulation: { trajectories: 1, dt: 0.002, maxTime: 1e9, seed: 1, backend: 'cpu', ...sim },
  };
}

/**
 * Exact MFPT of the radial process dr = (−H r + (d−1)T/r) dt + √(2T) dW, reflecting at 0, from 0 to R:
 *   τ = ∫₀^R dy J(y)/(T ρ(y)),  J(y) = ∫₀^y ρ(z) dz,  ρ(r) = r^{d−1} e^{−H r²/(2T)}.
 * J is accumulated panel by panel (Simpson on each panel with its midpoint), the outer integral is composite
 * Simpson on the panel ends; the outer integrand → y/(dT) → 0 at y = 0. Error O(h⁴).
 */
export function ouMfpt(d: number, H: number, T: number, R: number, panels = 20000): number {
  if (panels % 2 !== 0) throw new RangeError('ouMfpt: an even number of panels');
  const a = H / (2 * T), h = R / panels;
  const rho = (r: number) => r ** (d - 1) * Math.exp(-a * r * r);
  let J = 0, sum = 0, last = 0;
  for (let k = 1; k <= panels; k++) {
    const y0 = (k - 1) * h, y1 = k * h;
    J += (h / 6) * (rho(y0) + 4 * rho(0.5 * (y0 + y1)) + rho(y1));
    last = J / (T * rho(y1));
    sum += (k % 2 === 1 ? 4 : 2) * last;
  }
  return (h / 3) * (sum - last); // the end node has weight 1, not 2
}

/**
 * d = 2 in closed form: with u = H y²/(2T), τ = (1/(2H)) ∫₀^{x} (eᵘ − 1)/u du = (1/(2H)) Σ_{k≥1} x^k/(k·k!),
 * x = H R²/(2T).
 */
export function ouMfpt2D(H: number, T: number, R: number): number {
  const x = (H * R * R) / (2 * T);
  let s = 0, term = 1;
  for (let k = 1; k < 500; k++) {
    term *= x / k;
    s += term / k;
  }
  return s / (2 * H);
}
