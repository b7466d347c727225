/** Configuration of the multimodal PRM (stored in artifacts as the model config). */
import { DEFAULT_FEATURIZER_CONFIG, type MmFeaturizerConfig } from './featurizer';

export type MmAggregation = 'noisy-and' | 'candidate';

export interface MmModelConfig extends MmFeaturizerConfig {
  vocabSize: number;
  /** Token and position embedding width. */
  embedDim: number;
  /**
   * Colour detectors: 'prototype' (C learned colours, d = clip(2 - |x - mu|^2 / sigma^2, 0, 1),
   * initialised by k-means over training palettes) or 'mlp' (two 1x1 convolutions, clipped).
   */
  detector: 'prototype' | 'mlp';
  /** Hidden width of the per-pixel detector MLP ('mlp' detectors). */
  pixelHidden: number;
  /** Initial radius of a prototype detector, in RGB units of [0, 1]. */
  prototypeRadius: number;
  /**
   * Detector channels C: C - 1 learned saturating detectors clip(z, 0, 1) and one constant channel
   * (everything: "shapes", "circles" of any colour), pooled into C x C co-occurrence (Gram) matrices.
   */
  channels: number;
  /**
   * How the model tells kinds of things apart (what "circles" selects):
   * - 'objects' (default): the image's regions (connected components of one colour, see
   *   image-input.ts) each get a learned kind (softmax over F from an MLP over generic geometric
   *   descriptors); the C x F matrix counts regions by colour channel and kind.
   * - 'conv': colour maps at `shapeMapSize`, mixed into `shapeInputs` maps, two same-padded
   *   convolutions (`shapeKernel`^2, `shapeHidden` then F filters, clipped); C x F is the mass of
   *   each colour channel under each filter map.
   * - 'none'.
   */
  shapePathway: 'objects' | 'conv' | 'none';
  /** Kinds F (0 = no shape pathway). */
  shapeChannels: number;
  /**
   * How a region's kind is computed ('objects'): 'prototype' (softmax over F learned prototypes in
   * descriptor space, initialised by k-means over training regions: the colour detectors' twin),
   * or 'mlp' (an MLP over the descriptors; collapsed to one kind in training, EXPERIMENTS.md).
   */
  kindModel: 'prototype' | 'mlp';
  /** Hidden width of the region-kind MLP ('mlp'). */
  objectHidden: number;
  shapeInputs: number;
  shapeHidden: number;
  shapeKernel: number;
  shapeMapSize: number;
  /** Text-conditioned queries over the detector channels per step. */
  queryHeads: number;
  /** Width of the step text encoding. */
  stepHidden: number;
  /** Attention width of the step -> question attention. */
  attentionDim: number;
  /** Sharpness of the fixed relations among a step's own numbers in value space (exp(-(s c.n)^2)). */
  relationScale: number;
  /** Sharpness in log space (products: log a + log b - log r). */
  relationLogScale: number;
  /** Hidden widths of the per-step head. */
  hidden: number[];
  /**
   * How step scores make the prefix's value: 'noisy-and' (v = prod_i p(step i right) *
   * p(rest of the solution right), every prefix step checked), 'candidate' (only the candidate
   * unit's own logit; the prefix enters through its features).
   */
  aggregation: MmAggregation;
  /**
   * Weight of the auxiliary step loss: BCE of a candidate's own "step right" logit against v > 0,
   * on examples whose parent state is good (parent value >= `stepLossMinParent`); 0 = off.
   */
  stepLossWeight: number;
  stepLossMinParent: number;
  /** Weight of the auxiliary claim loss (predict a good step's stated number from the image); 0 = off. */
  claimLossWeight: number;
  /**
   * What trains the image pathway (detectors, queries, read-outs): 'claim' = the claim loss only
   * (the value and rank losses use its outputs through a stop-gradient), 'all' = every loss.
   */
  perceptionGradient: 'claim' | 'all';
  /** Ablation switch: false zeroes the image pathway (text-only baseline). */
  useImage: boolean;
  /** Initial bias of the per-step "this step is right" logit (sigmoid(3) ~ 0.95). */
  stepPriorLogit: number;
  seed: number;
}

export const DEFAULT_MM_MODEL_CONFIG: Omit<MmModelConfig, 'vocabSize'> = {
  ...DEFAULT_FEATURIZER_CONFIG,
  embedDim: 32, // ~100 distinct words in the synth grammar; 32 is plenty
  detector: 'prototype', // band-pass by construction: light-grey grid lines apart from white and dark text
  pixelHidden: 16, // a 2-layer per-pixel MLP can carve band detectors (light grey grid vs white/dark)
  prototypeRadius: 0.1, // synth colours jitter by <= 12/255 per channel (0.08) and sit >= 70/255 apart
  channels: 16, // 6 colours + background + grid/axis/text with room to spare
  shapePathway: 'objects', // a region's fill ratio and moments separate kinds; the conv pathway did not learn to (EXPERIMENTS.md)
  shapeChannels: 12, // k-means over synth regions separates circles, squares and triangles from bars, grid segments and glyphs at k = 12
  kindModel: 'prototype',
  objectHidden: 16,
  shapeInputs: 2,
  shapeHidden: 8,
  shapeKernel: 5, // two 5x5 layers see 9x9 px at 64: one synth object (~7 px there)
  shapeMapSize: 64, // half the input side: objects stay ~7 px across
  queryHeads: 2, // a colour and a shape query ("red circles") compose as a bilinear form
  stepHidden: 96,
  attentionDim: 32,
  relationScale: 2, // an integer off by one gives exp(-4) ~ 0.02
  relationLogScale: 30, // a product off by one at 30 gives exp(-1)
  hidden: [128, 64],
  aggregation: 'noisy-and', // errors carry forward: a prefix is only as good as its worst step
  stepLossWeight: 1, // first-error labels from the MC values: sharp credit assignment for the product
  stepLossMinParent: 0.25, // 2 of 8 rollouts: the prefix is very likely still right
  claimLossWeight: 1, // same scale as the value loss
  perceptionGradient: 'claim', // the value loss's gradient through the read-outs is noise that drowns the claim signal (EXPERIMENTS.md)
  useImage: true,
  stepPriorLogit: 3, // most sampled steps are right; start there so the product is not ~0
  seed: 1,
};
