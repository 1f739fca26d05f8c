/**
 * src/stats/: every statistic of escapelab, one estimator family per file, shared by montecarlo, verify and the
 * gpu.js backend validation. A leaf module: it imports npm packages only, nothing else from src/.
 *   interval.ts      the Interval shape (estimate, two-sided CI, se, method)
 *   mean.ts          sample mean, Student t interval
 *   exponential.ts   censored exponential MLE, χ²(2d) interval
 *   kaplan-meier.ts  Kaplan–Meier survival, Greenwood variance, restricted mean, Ŝ on a grid
 *   bootstrap.ts     percentile and BCa bootstrap intervals
 *   mfpt.ts          the mean first-passage time estimate (choice of the primary estimator, the heavy-censoring rule)
 *   censoring.ts     censoring at a horizon T: restricted-mean lower bound, constant-hazard test, exponential tail
 *   kolmogorov.ts    Kolmogorov–Smirnov tail, two-sample statistic and p-value
 *   regression.ts    weighted line, polynomial least squares, quadratic intercept
 *   ratio.ts         delta-method errors of logs and ratios
 *   binomial.ts      Clopper–Pearson interval, exact binomial acceptance region (coverage tests)
 *   holm.ts          two-sided normal p-values, Holm's step-down procedure (family-wise error rate)
 *   selectivity.ts   the prefactor-free selectivity exponent k from ln τ at several curvatures and noise levels
 */
export type { Interval } from './interval.js';
export { sampleMean } from './mean.js';
export { exponentialMLE, type ExponentialFit } from './exponential.js';
export { kaplanMeier, restrictedMean, survivalOnGrid, type KaplanMeierTable } from './kaplan-meier.js';
export { bcaLevels, bootstrapCI, type BootstrapOptions } from './bootstrap.js';
export { mfptEstimate, escapeTimeEstimate, diagnoseCensoring, HEAVY_CENSORED_FRACTION, type CensoringDiagnosis, type MfptStatement } from './mfpt.js';
export {
  constantHazardTest, cutAtHorizon, restrictedMeanBound, tailExponential, HAZARD_TEST_LEVEL, TAIL_MIN_EVENTS,
  type HazardPiece, type HazardTest, type Horizon, type RestrictedBound, type TailFit,
} from './censoring.js';
export { kolmogorovSurvival, ks2PValue, ks2Statistic } from './kolmogorov.js';
export { weightedLine, polyfit, quadraticIntercept, type LinearFit } from './regression.js';
export { logWithError, ratioWithCI } from './ratio.js';
export { binomialAcceptance, clopperPearson } from './binomial.js';
export { holm, twoSidedP, type HolmDecision } from './holm.js';
export { splittingMFPT, type SplittingSample, type SplittingEstimate } from './splitting.js';
export { selectivityExponent, scaled as birgeScaled, type EscapePointData, type SelectivityFit } from './selectivity.js';
