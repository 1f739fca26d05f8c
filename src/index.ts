/** escapelab's public API (design.md §2). */
export * from './rng/index.js';
export * from './landscapes/index.js';
export { buildNoise, symmetricEigen, type NoiseModel, type NoiseSpec } from './noise/index.js';
export {
  buildModel, preconditioner, MODEL_NAMES, MODEL_DEFAULTS,
  type Convention, type ModelSpec, type ModelName, type SDEModel, type ScalarSDE, type VectorSDE,
} from './dynamics/models.js';
export { eulerMaruyama1D, milstein1D, eulerMaruyamaND, integratePath1D, INTEGRATORS, INTEGRATOR_TABLE, type IntegratorName, type IntegratorInfo } from './dynamics/integrators.js';
export type { Boundary, ExitSet, LevelExit, Passage } from './dynamics/passage.js';
export {
  compileScenario, compileSystem, parseScenario, restoreProblem, reportedTime,
  type EscapeProblem, type CompiledSystem, type DiscreteProblem, type StreamKeys, type SimulationOverrides,
} from './scenario/compile.js';
export { FieldError, type FieldProblem } from './field-error.js';
export { scenarioSchema, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { ScenarioError } from './scenario/errors.js';
export { runEnsemble, chooseBackend, closeWorkerPool, NOT_RUN, type EnsembleOptions, type EnsembleRun } from './montecarlo/engine.js';
export { resolveBackend, type BackendName } from './montecarlo/engine.js';
export { GPUJS_BACKENDS, unavailableReason, type GpujsBackend } from './montecarlo/gpujs/gpu.js';
export { gpujsSupport } from './montecarlo/gpujs/support.js';
export { createKernel, type Kernel, type SplittingTask } from './montecarlo/kernels/index.js';
export { F32Stream, seedF32State, advanceF32State } from './rng/f32gen.js';
export { summarize, type Summary } from './montecarlo/summary.js';
export * from './stats/index.js';
export { shardOf, parseShard, type WorkSet } from './montecarlo/work.js';
export { mergeFiles } from './montecarlo/merge.js';
export { readTrajectories, writeTrajectories, toFile, resultsOf, type TrajectoryFile } from './montecarlo/io.js';
export { TrajectoryWriter } from './montecarlo/trajectory-stream.js';
export { readTrajectoryRun, type TrajectoryRun } from './montecarlo/trajectory-read.js';
export { estimateCost, type CostEstimate, type CostOptions } from './scenario/cost.js';
export { ALIVE, EXITED, CENSORED, BLOWUP, RETURNED, newChunk, trackScore, type TrajectoryResults, type ChunkState } from './montecarlo/state.js';
export * from './theory/index.js';
// real networks (docs/networks.md): the MLP on its dataset, the trained minimum, curvature and gradient noise there
export type { Activation, DataSpec, Dataset, Network, NetworkLoss, NetworkSpec, TrainedMinimum } from './networks/index.js';
export {
  loadDataset, buildNetwork, initialParameters, trainToMinimum, trainedMinimum, topEigen, networkLandscape,
  perExampleGradients, gradientCovariance, minibatchCovariance, sampleMinibatchCovariance,
} from './networks/index.js';
export { quadraticEscape, QuadraticNotApplicable, type QuadraticEscape, type QuadraticEscapeInput } from './theory/quadratic-escape.js';
export { networkTheory, type NetworkReport } from './theory/network.js';
export * from './optimizers/index.js';
export * as convergence from './convergence/index.js';
export { CONVERGENCE_CLAIMS, CONVERGENCE_BUDGET } from './verify/claims/convergence.js';
export type { Attribution, Claim, ClaimPart, ClaimResult, Evidence, FamilyTest, Verdict, RunSize } from './verify/claim.js';
