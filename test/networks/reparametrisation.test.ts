// θ = αφ: the network in φ is L̃(φ) = L(αφ), so ∇̃ = α∇L, H̃ = α²H, C̃ = α²C (types.ts header), checked against the
// same spec at α = 1 evaluated at θ = αφ. Both sides do the same floating-point operations up to the order of one
// multiplication by α or α², so they agree to a few ε relative (bound: 8ε·max|entry|).
import { describe, expect, it } from 'vitest';
import { buildNetwork, gradientCovariance, initialParameters, type NetworkSpec } from '../../src/networks/index.js';
import { EPS, IRIS, TEACHER, gaussianVector } from './helpers.js';

const maxAbs = (a: ArrayLike<number>) => { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i])); return m; };

function expectScaled(scaled: Float64Array, base: Float64Array, factor: number): void {
  const tol = 8 * EPS * maxAbs(scaled);
  for (let i = 0; i < base.length; i++) expect(Math.abs(scaled[i] - factor * base[i])).toBeLessThanOrEqual(tol);
}

describe.each<[string, NetworkSpec]>([['iris', { ...IRIS, hidden: [5] }], ['teacher–student softplus', { ...TEACHER, activation: 'softplus' }]])('reparametrisation θ = αφ (%s)', (_, spec) => {
  const alpha = 2.5;
  const base = buildNetwork({ ...spec, scale: 1 }), net = buildNetwork({ ...spec, scale: alpha });
  const n = net.dim, phi = gaussianVector(n, 'reparam', 0.5), theta = phi.map((x) => alpha * x);

  it('L̃(φ) = L(αφ) and ℓ̃_j(φ) = ℓ_j(αφ)', () => {
    expect(net.loss(phi)).toBe(base.loss(theta));
    expect(net.exampleLoss(phi, 7)).toBe(base.exampleLoss(theta, 7));
  });

  it('∇̃ = α∇L, per example and per batch too', () => {
    const a = new Float64Array(n), b = new Float64Array(n);
    net.gradient(phi, a); base.gradient(theta, b); expectScaled(a, b, alpha);
    net.exampleGradient(phi, 3, a); base.exampleGradient(theta, 3, b); expectScaled(a, b, alpha);
    net.batchGradient(phi, [1, 5, 9], 3, a); base.batchGradient(theta, [1, 5, 9], 3, b); expectScaled(a, b, alpha);
  });

  it('H̃ = α²H (dense and HVP)', () => {
    const a = new Float64Array(n * n), b = new Float64Array(n * n);
    net.hessian(phi, a); base.hessian(theta, b); expectScaled(a, b, alpha * alpha);
    const v = gaussianVector(n, 'dir'), hv = new Float64Array(n), hb = new Float64Array(n);
    net.hvp(phi, v, hv); base.hvp(theta, v, hb); expectScaled(hv, hb, alpha * alpha);
  });

  it('C̃ = α²C', () => {
    expectScaled(gradientCovariance(net, phi), gradientCovariance(base, theta), alpha * alpha);
  });

  it('the initialisation is the same θ: φ₀(α) = θ₀/α', () => {
    const p = initialParameters(net), q = initialParameters(base);
    for (let i = 0; i < n; i++) expect(p[i] * alpha).toBeCloseTo(q[i], 14);
  });
});
