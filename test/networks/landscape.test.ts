// A network as a Landscape: the loss with its derivatives, and the memoised value.
import { describe, expect, it } from 'vitest';
import { buildNetwork, networkLandscape, type Network } from '../../src/networks/index.js';
import { IRIS, TEACHER, gaussianVector } from './helpers.js';

describe('networkLandscape', () => {
  it('exposes dim, vars, value, gradient and Hessian of the network (no scalar, no known points)', () => {
    const net = buildNetwork(TEACHER), land = networkLandscape(net), x = gaussianVector(net.dim, 'land');
    expect(land.dim).toBe(net.dim);
    expect(land.vars).toBe(net.vars);
    expect(land.name).toBe('network teacher-student(d=4, h=4, N=128, σ=0.5, seed=1) 4-8-1 tanh squared λ=0.001 α=1');
    expect(land.scalar).toBeUndefined();
    expect(land.known).toBeUndefined();
    expect(land.value(x)).toBe(net.loss(x));
    const a = new Float64Array(net.dim), b = new Float64Array(net.dim);
    land.gradient(x, a); net.gradient(x, b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('vars follow the layout: W1_r_c, b1_r, W2_r_c, b2_r', () => {
    const net = buildNetwork(IRIS);
    expect(net.dim).toBe(16 * 4 + 16 + 3 * 16 + 3);
    expect(net.vars.slice(0, 2)).toEqual(['W1_0_0', 'W1_0_1']);
    expect(net.vars[64]).toBe('b1_0');
    expect(net.vars[80]).toBe('W2_0_0');
    expect(net.vars[130]).toBe('b2_2');
    expect(net.vars.every((v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v))).toBe(true);
  });

  it('memoises the last value: the same numbers (even in a new array) cost no pass; new numbers do', () => {
    const net = buildNetwork(TEACHER);
    let passes = 0;
    const counted: Network = { ...net, loss: (p) => { passes++; return net.loss(p); } };
    const land = networkLandscape(counted), x = gaussianVector(net.dim, 'memo');
    const v = land.value(x);
    expect(land.value(Float64Array.from(x))).toBe(v);
    expect(passes).toBe(1);
    x[5] += 1e-9;
    expect(land.value(x)).not.toBe(v);
    expect(passes).toBe(2);
    x[5] -= 1e-9; // in-place change back: compared by value, not by identity
    expect(land.value(x)).toBe(net.loss(x));
    expect(passes).toBe(3);
  });
});
