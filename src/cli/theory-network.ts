/** `escapelab theory` on a network scenario: the network part of the report (theory/network.ts) as text. */
import type { NetworkReport } from '../theory/network.js';
import { WARMUP_STEPS } from '../networks/index.js';
import { fmt } from './common.js';

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(1, w - s.length));

export function formatNetwork(r: NetworkReport): string[] {
  const lines: string[] = [];
  const nw = r.network, m = r.minimum;
  lines.push(`  network          ${nw.name}: ${nw.dim} parameters, ${nw.examples} examples`);
  lines.push(`  minimum          L* = ${fmt(m.loss)}, ‖∇L‖ = ${m.gradientNorm.toExponential(2)} after ${WARMUP_STEPS} full-batch Adam steps and ${m.iterations} Newton iterations; ` +
    `Hessian eigenvalues ${fmt(m.largestEigenvalue)} … ${fmt(m.smallestEigenvalue)}, tr H = ${fmt(r.hessian.trace)}`);
  lines.push(`  C along H        ${pad('hᵢ', 12)}${pad('vᵢᵀCvᵢ', 12)}vᵢᵀCvᵢ/hᵢ   (C the per-example gradient covariance at φ*; vᵢ the Hessian's eigenvectors)`);
  for (const d of r.hessian.top) lines.push(`                   ${pad(fmt(d.value), 12)}${pad(fmt(d.noise), 12)}${fmt(d.ratio)}`);
  lines.push(`                   tr C = ${fmt(r.covariance.trace)}, tr C / tr H = ${fmt(r.covariance.traceRatio)}`);
  const q = r.quadratic;
  if (!q) {
    lines.push(`  quadratic        not computed: ${r.quadraticReason ?? ''}`);
    return lines;
  }
  const batch = q.batchEff === q.batch ? `B = ${q.batch}` : `B = ${q.batch} (B_eff = ${fmt(q.batchEff)})`;
  lines.push(`  quadratic        ${q.chain}, η = ${q.lr}, ${batch}, ${q.noise} noise${q.dL !== null ? `, ΔL = ${q.dL}` : ''} (the linearised chain at φ*: docs/scenarios.md "Networks")`);
  lines.push(`                   mean excess loss ½tr(HΣ) = ${fmt(q.meanExcess)}, λ_max(HΣ) = ${fmt(q.lambdaMax)}`);
  if (q.exponent !== null) {
    lines.push(`                   ΔΦ = ΔL/λ_max(HΣ) = ${fmt(q.exponent)}   (ln τ ≈ ΔΦ at leading order; τ in simulate's time η·k or in iterations alike)`);
    lines.push(`                   exit direction · top Hessian eigenvector = ${fmt(q.exitAlignment)}`);
    lines.push(`                   ∂ΔΦ/∂B = ${fmt(q.slopes.dLnTau_dB!)}, ∂ΔΦ/∂(1/η) = ${fmt(q.slopes.dLnTau_dInvLr!)}`);
  } else {
    lines.push('                   ΔΦ: needs a loss exit { "loss": { "above": ΔL } }');
  }
  for (const n of q.notes) lines.push(`                   note: ${n}`);
  return lines;
}
