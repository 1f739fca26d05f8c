/** Real neural networks as loss landscapes (issue 19; docs/networks.md). */
export type { Activation, DataSpec, Dataset, Network, NetworkLoss, NetworkSpec, TrainedMinimum } from './types.js';
export { loadDataset, validateDataSpec, TEACHER_PURPOSES, TEACHER_BIAS_SD } from './datasets.js';
export { layoutOf, validateNetworkSpec, type Layout } from './layout.js';
export { buildNetwork, initialParameters, INIT_PURPOSE } from './mlp.js';
export { trainToMinimum, trainedMinimum, canonicalJson, WARMUP_STEPS, WARMUP_RATE } from './train.js';
export { symmetricEigen, topEigen, type SymmetricEigen } from './spectrum.js';
export {
  perExampleGradients, gradientCovariance, minibatchCovariance, sampleMinibatchCovariance, sampleBatchGradients,
  floydSample, rowCovariance, COVARIANCE_CHECK_PURPOSE,
} from './covariance.js';
export { networkLandscape, networkName } from './landscape.js';
