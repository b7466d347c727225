/**
 * The multimodal PRM: checks every step of a prefix against the image, the question and the
 * earlier steps, and combines the checks.
 *
 * Perception (per distinct image in a batch; learns from the claim loss only, see below):
 * - C colour channels: C - 1 learned prototype detectors d(x) = clip(2 - |x - mu|^2 / r^2, 0, 1)
 *   (saturating: exact masks under colour jitter; initialised by k-means over training palettes)
 *   and one constant "anything" channel. Evaluated once per palette colour (image-input.ts).
 * - Three C x C co-occurrence (Gram) matrices: pixel mass of "a and b", and over row / column
 *   profiles (rows where both a and b occur). Rows where a bar's colour and the grid-line grey
 *   co-occur count the bar's value in grid units, whatever the axis scale.
 * - Regions (connected components of one colour) with generic geometric descriptors; each gets a
 *   kind: softmax over F prototypes in descriptor space (k-means init). C x F counts regions by
 *   colour channel and kind ("red circles").
 * - The step's words (bag of words, per-word logits x10) choose H colour queries, H kind queries,
 *   one of the bilinear read-outs q_h^T G q_h' and a log offset: the number the image says the step
 *   should state. The claim loss trains this on good paths' steps (they state what the image shows).
 * Step checks (per distinct prefix step): token + position embeddings with lexical-overlap flags ->
 *   MLP; attention to the question tokens; numbers (value, log, overlap with the question and
 *   earlier steps, signs of pairwise differences); fixed relation detectors exp(-(s c . n)^2) over
 *   every {-1, 0, 1} combination c of the step's numbers, in value and log space (a result against
 *   its operands, products too; fixed because Adam's noise drifts learned integer coefficients off
 *   exactness); the claim against the image read-out (difference, log ratio) and the measurements,
 *   through a stop-gradient; an MLP head gives "this step is right" and "the rest will be right".
 * Per example ('noisy-and', default): log v = sum over prefix steps of log p(step right) +
 *   log p(rest right), returned as the logit of v (errors carry forward, so every earlier step
 *   counts). Auxiliary losses in training: the claim loss and the step loss (first-error labels).
 */
import * as tf from '@tensorflow/tfjs';
import { hashSeed, Rng } from '@prmbas/search';
import { gather } from '../ops/gather';
import { conv2dNative } from '../ops/conv2d-native';
import { glorotUniform, namedVariable } from '../train/init';
import type { ForwardContext, NamedVariable, PrmModel } from '../train/prm-model';
import { packBatch, type PackedBatch } from './batch';
import { NUMBER_FLAGS, TOKEN_FLAGS, type MmFeatures } from './featurizer';
import { OBJECT_DESCRIPTORS, type ImageObjects, type Palette } from './image-input';
import { kmeansColors, kmeansVectors } from './kmeans';
import { DEFAULT_MM_MODEL_CONFIG, type MmModelConfig } from './model-config';

export const MULTIMODAL_PRM_NAME = 'multimodal-prm';

/** Gram matrix kinds per image: pixel co-occurrence, row-profile, column-profile. */
const GRAMS = 3;
/** Pixel mass unit: one object of the synth suite covers ~80-150 px at 128 px. */
const PIXEL_MASS_SCALE = 64;
/** Mass unit of the colour x shape co-occurrence at the 64 px map (an object covers ~35 px there). */
const SHAPE_MASS_SCALE = 16;
/** Multiplier of the region-kind logits (see imageGrams). */
const KIND_GAIN = 4;
/** Multiplier of the per-word perception logits (see forward). */
const PERCEPTION_GAIN = 10;
/** Claimed numbers below this count as this in log space (a claimed 0 stays finite). */
const CLAIM_FLOOR = 0.5;
/** Huber threshold of the claim loss, in log units (~ one unit at value 4). */
const CLAIM_HUBER_DELTA = 0.25;

export class MultimodalPrm implements PrmModel<MmFeatures> {
  readonly name = MULTIMODAL_PRM_NAME;
  readonly weights: NamedVariable[] = [];
  readonly settings: MmModelConfig;
  private readonly byName = new Map<string, tf.Variable>();
  /** Set while a training step runs: the last forward's claim predictions, for `auxiliaryLoss`. */
  private capture = false;
  private captured: { batch: PackedBatch; predictedLog: tf.Tensor1D; local?: tf.Tensor1D } | null = null;
  private parentValues: Array<number | undefined> = [];
  /** Fixed [K, combos] matrix of all {-1, 0, 1} combinations of the step's numbers, up to sign. */
  private readonly combinations: Float32Array;

  constructor(config: Partial<MmModelConfig> & { vocabSize: number }) {
    this.settings = { ...DEFAULT_MM_MODEL_CONFIG, ...config, hidden: [...(config.hidden ?? DEFAULT_MM_MODEL_CONFIG.hidden)] };
    const c = this.settings;
    const rng = new Rng(hashSeed(c.seed, 'multimodal-prm-init'));
    const E = c.embedDim;
    const C = c.channels;
    const L = c.maxStepTokens;
    const K = c.maxNumbers;
    this.add('embed/tokens', uniform(rng, c.vocabSize * E, 0.1), [c.vocabSize, E]);
    this.add('embed/step-position', uniform(rng, L * E, 0.1), [L, E]);
    this.add('embed/question-position', uniform(rng, c.maxQuestionTokens * E, 0.1), [c.maxQuestionTokens, E]);
    // Image detectors.
    if (c.detector === 'prototype') {
      this.add('color/centers', uniform(rng, (C - 1) * 3, 0.5).map((v) => v + 0.5), [C - 1, 3]);
      this.add('color/log-radius', new Float32Array(C - 1).fill(Math.log(c.prototypeRadius)), [C - 1]);
    } else {
      this.dense(rng, 'pixel/1', 3, c.pixelHidden);
      this.dense(rng, 'pixel/2', c.pixelHidden, C - 1);
    }
    if (c.shapeChannels > 0 && c.shapePathway === 'objects' && c.kindModel === 'prototype') {
      this.add('kind/centers', uniform(rng, c.shapeChannels * OBJECT_DESCRIPTORS, 1), [c.shapeChannels, OBJECT_DESCRIPTORS]);
      this.add('kind/log-scale', new Float32Array(OBJECT_DESCRIPTORS), [OBJECT_DESCRIPTORS]);
    } else if (c.shapeChannels > 0 && c.shapePathway === 'objects') {
      this.dense(rng, 'object/1', OBJECT_DESCRIPTORS, c.objectHidden);
      this.dense(rng, 'object/2', c.objectHidden, c.shapeChannels);
    } else if (c.shapeChannels > 0 && c.shapePathway === 'conv') {
      const k = c.shapeKernel;
      this.dense(rng, 'shape/inputs', C, c.shapeInputs);
      this.add('shape/conv1/kernel', glorotUniform(rng, k * k * c.shapeInputs, k * k * c.shapeHidden, k * k * c.shapeInputs * c.shapeHidden), [k, k, c.shapeInputs, c.shapeHidden]);
      this.add('shape/conv1/bias', new Float32Array(c.shapeHidden), [c.shapeHidden]);
      this.add('shape/conv2/kernel', glorotUniform(rng, k * k * c.shapeHidden, k * k * c.shapeChannels, k * k * c.shapeHidden * c.shapeChannels), [k, k, c.shapeHidden, c.shapeChannels]);
      this.add('shape/conv2/bias', new Float32Array(c.shapeChannels), [c.shapeChannels]);
    }
    // Step text.
    this.dense(rng, 'step', L * (E + TOKEN_FLAGS), c.stepHidden);
    this.dense(rng, 'attention/query', c.stepHidden, c.attentionDim);
    this.dense(rng, 'attention/key', E, c.attentionDim);
    // Perception queries from the step's words (bag of words: "red" selects a colour wherever it
    // stands in the sentence): colour queries, shape queries, read-out choice and offset.
    const perceptionDim = this.perceptionDim();
    this.add('perception/words', uniform(rng, c.vocabSize * perceptionDim, 0.1 / PERCEPTION_GAIN), [c.vocabSize, perceptionDim]);
    this.add('perception/bias', new Float32Array(perceptionDim), [perceptionDim]);
    // Numbers and measurements.
    const imageDim = this.imageFeatureSize();
    this.combinations = signedCombinations(K);
    const numberDim = 3 * K + K * NUMBER_FLAGS + (K * (K - 1)) / 2;
    let width = c.stepHidden + 2 * E + numberDim + 2 * (this.combinations.length / K) + 3 * K + 1 + this.readoutCount() + 2 * imageDim + c.maxSteps;
    c.hidden.forEach((h, i) => {
      this.dense(rng, `head/${i}`, width, h);
      width = h;
    });
    this.dense(rng, 'head/out', width, 2);
    // Start "step right" at the prior, "rest right" at even odds.
    const outBias = this.byName.get('head/out/bias') as tf.Variable;
    outBias.assign(tf.tensor1d([c.stepPriorLogit, 0]));
  }

  /** Image measurements per unit: for each Gram kind, G q (H x C) and q^T G q (H x H); for the shape mass, q^T M (H x F) and q^T M q_shape (H x H). */
  /** Kinds F of the shape pathway in use (0 without one). */
  shapeKinds(): number {
    return this.settings.shapePathway === 'none' ? 0 : this.settings.shapeChannels;
  }

  imageFeatureSize(): number {
    const { queryHeads: H, channels: C } = this.settings;
    const F = this.shapeKinds();
    return GRAMS * (H * C + H * H) + (F > 0 ? H * F + H * H : 0);
  }

  /** Per-word perception logits: colour queries H x C, shape queries H x F, read-out choice, offset. */
  perceptionDim(): number {
    const { queryHeads: H, channels: C } = this.settings;
    const F = this.shapeKinds();
    return H * C + H * F + this.readoutCount() + 1;
  }

  /** Bilinear read-outs per unit: H x H per Gram kind (and for the shape mass). */
  readoutCount(): number {
    const { queryHeads: H } = this.settings;
    const F = this.shapeKinds();
    return (GRAMS + (F > 0 ? 1 : 0)) * H * H;
  }

  private add(name: string, values: Float32Array, shape: number[]): void {
    const w = namedVariable(name, values, shape);
    this.weights.push(w);
    this.byName.set(name, w.variable);
  }

  private dense(rng: Rng, name: string, fanIn: number, fanOut: number): void {
    this.add(`${name}/kernel`, glorotUniform(rng, fanIn, fanOut), [fanIn, fanOut]);
    this.add(`${name}/bias`, new Float32Array(fanOut), [fanOut]);
  }

  private w(name: string): tf.Variable {
    const v = this.byName.get(name);
    if (!v) throw new Error(`MultimodalPrm: no weight ${name}`);
    return v;
  }

  private apply(name: string, x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.w(`${name}/kernel`)), this.w(`${name}/bias`));
  }

  forward(features: readonly MmFeatures[], context: ForwardContext): tf.Tensor1D {
    if (features.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    const packed = packBatch(features, this.settings, this.mapSize());
    this.capture = context.training && (this.settings.claimLossWeight > 0 || this.settings.stepLossWeight > 0);
    this.captured = null;
    this.parentValues = features.map((f) => f.parentValue);
    // Not wrapped in tf.tidy: the caller's scope (the trainer's gradient tape) owns the tensors,
    // and `auxiliaryLoss` reads the captured claim predictions inside that same scope.
    return this.forwardPacked(packed, context);
  }

  /** The number the image read-out predicts for each example's candidate step (diagnostics). */
  predictClaims(features: readonly MmFeatures[]): Float32Array {
    const packed = packBatch(features, this.settings, this.mapSize());
    return tf.tidy(() => {
      this.capture = true;
      this.forwardPacked(packed, { training: false, seed: 0 });
      const cap = this.captured as { predictedLog: tf.Tensor1D };
      this.capture = false;
      this.captured = null;
      return tf.exp(gather<tf.Rank.R1>(cap.predictedLog, tf.tensor1d(packed.candidateUnit, 'int32')));
    }).dataSync() as Float32Array;
  }

  /**
   * Claim loss (training only): on every prefix step of an example with v > 0 (a prefix the
   * rollouts say is right) that states exactly one number, that number in log space against the image
   * read-out the step's words pick (Huber). A dense signal for the detectors, queries and
   * read-outs, from the data alone: steps on good paths state what the image shows.
   */
  auxiliaryLoss(values: readonly number[]): tf.Scalar | null {
    const cap = this.captured;
    this.captured = null;
    this.capture = false;
    if (!cap) return null;
    const terms = [this.claimLoss(cap, values), this.stepLoss(cap, values)].filter((t): t is tf.Scalar => t !== null);
    if (terms.length === 0) return null;
    return terms.length === 1 ? (terms[0] as tf.Scalar) : (tf.addN(terms) as tf.Scalar);
  }

  private claimLoss(cap: { batch: PackedBatch; predictedLog: tf.Tensor1D }, values: readonly number[]): tf.Scalar | null {
    if (this.settings.claimLossWeight <= 0) return null;
    const b = cap.batch;
    const { maxSteps: S, maxNumbers: K } = this.settings;
    const weight = new Float32Array(b.unitCount);
    const target = new Float32Array(b.unitCount);
    for (let x = 0; x < b.examples; x++) {
      if (!((values[x] as number) > 0)) continue;
      for (let s = 0; s < S; s++) {
        if (b.exampleMask[x * S + s] === 0) continue;
        const u = b.exampleUnits[x * S + s] as number;
        // Prefix steps only: a candidate may be the final answer (a number the image does not show).
        if (u === b.candidateUnit[x]) continue;
        let count = 0;
        for (let k = 0; k < K; k++) count += b.unitNumberMask[u * K + k] as number;
        if (count !== 1) continue;
        weight[u] = 1;
        target[u] = Math.log(Math.max(b.unitNumbers[u * K] as number, CLAIM_FLOOR));
      }
    }
    const total = weight.reduce((a, w) => a + w, 0);
    if (total === 0) return null;
    return tf.tidy(() => {
      const err = tf.abs(tf.sub(cap.predictedLog, tf.tensor1d(target)));
      const delta = CLAIM_HUBER_DELTA;
      const inner = tf.minimum(err, delta);
      const huber = tf.add(tf.mul(tf.square(inner), 0.5 / delta), tf.relu(tf.sub(err, delta)));
      return tf.mul(tf.sum(tf.mul(huber, tf.tensor1d(weight))), this.settings.claimLossWeight / total) as tf.Scalar;
    });
  }

  /** First-error labels: a candidate after a good state is right iff its own value is > 0. */
  private stepLoss(cap: { batch: PackedBatch; local?: tf.Tensor1D }, values: readonly number[]): tf.Scalar | null {
    const c = this.settings;
    if (c.stepLossWeight <= 0 || !cap.local) return null;
    const b = cap.batch;
    const weight = new Float32Array(b.unitCount);
    const target = new Float32Array(b.unitCount);
    for (let x = 0; x < b.examples; x++) {
      const parent = this.parentValues[x];
      if (parent === undefined || parent < c.stepLossMinParent) continue;
      const u = b.candidateUnit[x] as number;
      weight[u] = 1;
      target[u] = Math.max(target[u] as number, (values[x] as number) > 0 ? 1 : 0);
    }
    const total = weight.reduce((a, w) => a + w, 0);
    if (total === 0) return null;
    const local = cap.local;
    return tf.tidy(() => {
      const t = tf.tensor1d(target);
      // BCE with logits: softplus(z) - t z
      const bce = tf.sub(tf.softplus(local), tf.mul(t, local));
      return tf.mul(tf.sum(tf.mul(bce, tf.tensor1d(weight))), c.stepLossWeight / total) as tf.Scalar;
    });
  }

  /**
   * Per image: the three Gram matrices flattened, [images, 3 * C * C], and (with shape channels)
   * the colour x shape mass [images, C * F]. Computed over the image's palette (see
   * image-input.ts): the detectors run once per distinct colour; pixel mass is
   * sum_p n_p d_p d_p^T; the row profile R(y) = clip(sum of d_p over colours present in row y, 0, 1)
   * (for saturated 0/1 detectors exactly max_x D(x, y)); columns likewise.
   */
  imageGrams(b: PackedBatch): { grams: tf.Tensor2D; shapes: tf.Tensor2D | null } {
    const { imageSize: S, channels: C } = this.settings;
    const F = this.shapeKinds();
    const I = b.imageCount;
    const P = b.paletteSize;
    const x = tf.tensor2d(b.paletteColors, [I * P, 3]);
    const dFlat = this.detect(x);
    const d = tf.reshape(dFlat, [I, P, C]) as tf.Tensor3D;
    const counts = tf.tensor3d(b.paletteCounts, [I, P, 1]);
    const pixel = tf.div(tf.matMul(tf.mul(d, counts), d, true, false), PIXEL_MASS_SCALE);
    const rows = tf.clipByValue(tf.matMul(tf.tensor3d(b.paletteRows, [I, S, P]), d), 0, 1);
    const cols = tf.clipByValue(tf.matMul(tf.tensor3d(b.paletteCols, [I, S, P]), d), 0, 1);
    const rowGram = tf.matMul(rows, rows, true, false);
    const colGram = tf.matMul(cols, cols, true, false);
    const grams = tf.concat([pixel, rowGram, colGram].map((g) => tf.reshape(g, [I, C * C])), 1) as tf.Tensor2D;
    if (F === 0) return { grams, shapes: null };
    if (this.settings.shapePathway === 'objects') {
      // Count regions by colour channel and learned kind: N[c, f] = sum_o d_c(o) kind_f(o).
      const O = b.objectSlots;
      const colors = this.detect(tf.tensor2d(b.objectColors, [I * O, 3]));
      const kinds = this.regionKinds(tf.tensor2d(b.objectDescriptors, [I * O, OBJECT_DESCRIPTORS]));
      const present = tf.tensor3d(b.objectMask, [I, O, 1]);
      const counts = tf.matMul(tf.mul(tf.reshape(colors, [I, O, C]), present), tf.reshape(kinds, [I, O, F]) as tf.Tensor3D, true, false);
      return { grams, shapes: tf.reshape(counts, [I, C * F]) as tf.Tensor2D };
    }
    const R = b.mapSize;
    if (R === 0) throw new Error('MultimodalPrm: batch packed without spatial maps');
    // Per-pixel maps through a one-hot palette membership [I, R*R, P]: the inputs are computed per
    // colour and spread to pixels, the shape responses summed back per colour, then per channel.
    const onehot = tf.tensor3d(b.mapOneHot, [I, R * R, P]);
    const perColor = tf.reshape(tf.clipByValue(this.apply('shape/inputs', dFlat), 0, 1), [I, P, this.settings.shapeInputs]) as tf.Tensor3D;
    const inputs = tf.reshape(tf.matMul(onehot, perColor), [I, R, R, this.settings.shapeInputs]) as tf.Tensor4D;
    const h1 = tf.relu(tf.add(conv2dNative(inputs, this.w('shape/conv1/kernel') as unknown as tf.Tensor4D), this.w('shape/conv1/bias'))) as tf.Tensor4D;
    const shapeMaps = tf.clipByValue(tf.add(conv2dNative(h1, this.w('shape/conv2/kernel') as unknown as tf.Tensor4D), this.w('shape/conv2/bias')), 0, 1);
    const perColorShape = tf.matMul(onehot, tf.reshape(shapeMaps, [I, R * R, F]) as tf.Tensor3D, true, false); // [I, P, F]
    const shapes = tf.div(tf.matMul(d, perColorShape, true, false), SHAPE_MASS_SCALE);
    return { grams, shapes: tf.reshape(shapes, [I, C * F]) as tf.Tensor2D };
  }

  private mapSize(): number {
    return this.settings.useImage && this.settings.shapeChannels > 0 && this.settings.shapePathway === 'conv' ? this.settings.shapeMapSize : 0;
  }

  /** Kind probabilities of regions with descriptors [N, OBJECT_DESCRIPTORS]: [N, F]. */
  regionKinds(desc: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      if (this.settings.kindModel === 'mlp') {
        // Gain: a count needs near one-hot kinds (a kind at 0.8 counts 5 objects as 4).
        return tf.softmax(tf.mul(this.apply('object/2', tf.relu(this.apply('object/1', desc))), KIND_GAIN)) as tf.Tensor2D;
      }
      const scale = tf.exp(this.w('kind/log-scale'));
      const x = tf.mul(desc, scale);
      const mu = tf.mul(this.w('kind/centers'), scale);
      const d2 = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(tf.matMul(x, mu, false, true), 2)), tf.reshape(tf.sum(tf.square(mu), 1), [1, -1]));
      return tf.softmax(tf.neg(d2)) as tf.Tensor2D;
    });
  }

  /**
   * Initialise the region-kind prototypes from data: k-means (k = F) over the descriptors of
   * training images' regions, each descriptor weighted by 2 / its standard deviation.
   * No-op unless the kinds are prototypes.
   */
  initKindPrototypes(objects: readonly ImageObjects[], seed = this.settings.seed): void {
    const F = this.shapeKinds();
    if (F === 0 || this.settings.shapePathway !== 'objects' || this.settings.kindModel !== 'prototype') return;
    const points: number[][] = [];
    for (const o of objects) for (let k = 0; k < o.count && points.length < 20_000; k++) points.push(Array.from(o.descriptors.subarray(k * OBJECT_DESCRIPTORS, (k + 1) * OBJECT_DESCRIPTORS)));
    if (points.length < F) return;
    const { centers, std } = kmeansVectors(points, F, seed);
    this.w('kind/centers').assign(tf.tensor2d(centers.flat(), [F, OBJECT_DESCRIPTORS]));
    this.w('kind/log-scale').assign(tf.tensor1d(std.map((s) => Math.log(2 / s))));
  }

  /** Detector responses of colours x [N, 3] in [0, 1]: [N, C] in [0, 1] (the last channel is constant 1). */
  detect(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let d: tf.Tensor2D;
      if (this.settings.detector === 'mlp') d = tf.clipByValue(this.apply('pixel/2', tf.relu(this.apply('pixel/1', x))), 0, 1);
      else {
        const centers = this.w('color/centers');
        // |x - mu|^2 = |x|^2 - 2 x.mu + |mu|^2, [N, C - 1]
        const d2 = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(tf.matMul(x, centers, false, true), 2)), tf.reshape(tf.sum(tf.square(centers), 1), [1, -1]));
        const inv = tf.exp(tf.mul(this.w('color/log-radius'), -2));
        d = tf.clipByValue(tf.sub(2, tf.mul(d2, inv)), 0, 1) as tf.Tensor2D;
      }
      return tf.concat([d, tf.ones([x.shape[0], 1])], 1) as tf.Tensor2D;
    });
  }

  /**
   * Initialise the prototype detectors from data: k-means (k = C, seeded k-means++) over the
   * distinct colours of training images' palettes. No-op for 'mlp' detectors.
   */
  initColorPrototypes(palettes: readonly Palette[], seed = this.settings.seed): void {
    if (this.settings.detector !== 'prototype') return;
    const centers = kmeansColors(palettes, this.settings.channels - 1, seed);
    this.w('color/centers').assign(tf.tensor2d(centers, [this.settings.channels - 1, 3]));
  }

  private forwardPacked(b: PackedBatch, _context: ForwardContext): tf.Tensor1D {
    const c = this.settings;
    const { embedDim: E, channels: C, queryHeads: H, maxStepTokens: L, maxQuestionTokens: Lq, maxNumbers: K, maxSteps: S } = c;
    const U = b.unitCount;
    const X = b.examples;
    const A = c.attentionDim;

    // Step wording.
    const ids = tf.tensor2d(b.unitIds, [U, L], 'int32');
    const tokens = tf.add(gather<tf.Rank.R3>(this.w('embed/tokens'), ids), this.w('embed/step-position'));
    const flags = tf.tensor3d(b.unitTokenFlags, [U, L, TOKEN_FLAGS]);
    const stepIn = tf.reshape(tf.concat([tokens, flags], 2), [U, L * (E + TOKEN_FLAGS)]) as tf.Tensor2D;
    const hs = tf.relu(this.apply('step', stepIn));

    // Question: mean of its token embeddings, and the step's attention over them.
    const Q = b.questionCount;
    const qids = tf.tensor2d(b.questionIds, [Q, Lq], 'int32');
    const qemb = tf.add(gather<tf.Rank.R3>(this.w('embed/tokens'), qids), this.w('embed/question-position'));
    const qmask = tf.cast(tf.notEqual(qids, 0), 'float32');
    const qmean = tf.div(tf.sum(tf.mul(qemb, tf.expandDims(qmask, 2)), 1), tf.maximum(tf.sum(qmask, 1, true), 1)) as tf.Tensor2D;
    const uq = tf.tensor1d(b.unitQuestion, 'int32');
    const qembU = gather<tf.Rank.R3>(qemb, uq);
    const qmaskU = gather<tf.Rank.R2>(qmask, uq);
    const keys = tf.reshape(this.apply('attention/key', tf.reshape(qembU, [U * Lq, E]) as tf.Tensor2D), [U, Lq, A]) as tf.Tensor3D;
    const query = tf.reshape(this.apply('attention/query', hs), [U, 1, A]) as tf.Tensor3D;
    const scores = tf.add(tf.div(tf.matMul(query, keys, false, true), Math.sqrt(A)), tf.reshape(tf.mul(tf.sub(1, qmaskU), -1e9), [U, 1, Lq]));
    const attended = tf.reshape(tf.matMul(tf.softmax(scores), qembU), [U, E]) as tf.Tensor2D;
    const qmeanU = gather<tf.Rank.R2>(qmean, uq);

    // Numbers: values, log-values, presence, overlap flags, and signs of pairwise differences.
    const n = tf.tensor2d(b.unitNumbers, [U, K]);
    const mask = tf.tensor2d(b.unitNumberMask, [U, K]);
    const logn = tf.mul(tf.sign(n), tf.log1p(tf.abs(n)));
    const logAbs = tf.mul(tf.log(tf.add(tf.abs(n), 0.01)), mask) as tf.Tensor2D;
    const pairs: tf.Tensor2D[] = [];
    for (let i = 0; i < K; i++) {
      for (let j = i + 1; j < K; j++) {
        const col = (t: tf.Tensor2D, k: number) => tf.slice(t, [0, k], [U, 1]);
        pairs.push(tf.mul(tf.tanh(tf.sub(col(n, i), col(n, j))), tf.mul(col(mask, i), col(mask, j))) as tf.Tensor2D);
      }
    }
    const numberFeatures = tf.concat([tf.div(n, 10), logn, mask, tf.tensor2d(b.unitNumberFlags, [U, K * NUMBER_FLAGS]), ...pairs], 1);
    // Relations among the step's own numbers (a + b = r, a * b = r, ...).
    const bump = (x: tf.Tensor) => tf.exp(tf.neg(tf.square(x)));
    const combos = tf.tensor2d(this.combinations, [K, this.combinations.length / K]);
    const ownValue = bump(tf.mul(tf.matMul(n, combos), c.relationScale));
    const ownLog = bump(tf.mul(tf.matMul(logAbs, combos), c.relationLogScale));

    // The image, as the step's words query it.
    const wordMask = tf.cast(tf.notEqual(ids, 0), 'float32');
    // Scaled so that Adam's per-parameter steps move a word's logits ~PERCEPTION_GAIN x faster:
    // a one-hot query needs logit margins of several units.
    const perception = tf.mul(tf.add(tf.sum(tf.mul(gather<tf.Rank.R3>(this.w('perception/words'), ids), tf.expandDims(wordMask, 2)), 1), this.w('perception/bias')), PERCEPTION_GAIN) as tf.Tensor2D;
    const imageDim = this.imageFeatureSize();
    let measured: tf.Tensor2D;
    const bilinears: tf.Tensor2D[] = [];
    if (c.useImage) {
      const image = this.imageGrams(b);
      const unitImage = tf.tensor1d(b.unitImage, 'int32');
      const gU = gather<tf.Rank.R2>(image.grams, unitImage);
      const q = tf.softmax(tf.reshape(tf.slice(perception, [0, 0], [U, H * C]), [U, H, C])) as tf.Tensor3D;
      const parts: tf.Tensor2D[] = [];
      for (let g = 0; g < GRAMS; g++) {
        const G = tf.reshape(tf.slice(gU, [0, g * C * C], [U, C * C]), [U, C, C]) as tf.Tensor3D;
        const z = tf.matMul(q, G);
        const bilinear = tf.matMul(z, q, false, true);
        bilinears.push(tf.reshape(bilinear, [U, H * H]) as tf.Tensor2D);
        parts.push(tf.reshape(z, [U, H * C]) as tf.Tensor2D, bilinears[g] as tf.Tensor2D);
      }
      if (image.shapes) {
        const F = this.shapeKinds();
        const sU = tf.reshape(gather<tf.Rank.R2>(image.shapes, unitImage), [U, C, F]) as tf.Tensor3D;
        const qs = tf.softmax(tf.reshape(tf.slice(perception, [0, H * C], [U, H * F]), [U, H, F])) as tf.Tensor3D;
        const z = tf.matMul(q, sU);
        const bilinear = tf.reshape(tf.matMul(z, qs, false, true), [U, H * H]) as tf.Tensor2D;
        bilinears.push(bilinear);
        parts.push(tf.reshape(z, [U, H * F]) as tf.Tensor2D, bilinear);
      }
      measured = tf.concat(parts, 1) as tf.Tensor2D;
    } else {
      measured = tf.zeros([U, imageDim]) as tf.Tensor2D;
      bilinears.push(tf.zeros([U, this.readoutCount()]));
    }
    const logMeasured = tf.log1p(tf.relu(measured));

    // Read-outs: the bilinear measurements q_h^T G q_h' (co-occurrence of what two queries select,
    // e.g. "rows with the named colour and grid-line grey"). The step's words pick one (softmax)
    // and an offset: the number the image says the step should state, in log space (a bar's grid
    // rows are its value; an object group's mass is its count times a per-shape area).
    const readouts = tf.concat(bilinears, 1) as tf.Tensor2D; // [U, readoutCount]
    const logReadouts = tf.log(tf.add(tf.relu(readouts), 0.01));
    const R = this.readoutCount();
    const pick = tf.softmax(tf.slice(perception, [0, H * C + H * this.shapeKinds()], [U, R]));
    const offset = tf.reshape(tf.slice(perception, [0, H * C + H * this.shapeKinds() + R], [U, 1]), [U]);
    const predictedLog = tf.add(tf.sum(tf.mul(pick, logReadouts), 1), offset) as tf.Tensor1D;
    const predicted = tf.exp(predictedLog);
    const claimedLog = tf.log(tf.maximum(n, CLAIM_FLOOR));
    const diff = tf.sub(n, tf.reshape(predicted, [U, 1]));
    const logDiff = tf.sub(claimedLog, tf.reshape(predictedLog, [U, 1]));
    const claims = tf.concat([tf.mul(bump(tf.mul(diff, 2)), mask), tf.mul(tf.tanh(diff), mask), tf.mul(bump(tf.mul(logDiff, 15)), mask), tf.reshape(tf.div(predicted, 10), [U, 1]), logReadouts], 1);
    // The image pathway learns from the claim loss alone ('claim' perception training): the value
    // and rank losses see its outputs but do not move it.
    const perceive = <T extends tf.Tensor>(t: T): T => (c.perceptionGradient === 'claim' && this.capture ? (stopGradient(t) as T) : t);
    const relations = tf.concat([ownValue, ownLog, perceive(claims)], 1);
    if (this.capture) this.captured = { batch: b, predictedLog };

    const position = tf.oneHot(tf.tensor1d(b.unitPosition, 'int32'), S);
    let h: tf.Tensor2D = tf.concat([hs, attended, qmeanU, numberFeatures, relations, perceive(tf.div(measured, 32)), perceive(logMeasured), tf.cast(position, 'float32')], 1) as tf.Tensor2D;
    c.hidden.forEach((_, i) => {
      h = tf.relu(this.apply(`head/${i}`, h));
    });
    const out = this.apply('head/out', h);
    const local = tf.reshape(tf.slice(out, [0, 0], [U, 1]), [U]) as tf.Tensor1D;
    if (this.captured) this.captured.local = local;
    const rest = tf.reshape(tf.slice(out, [0, 1], [U, 1]), [U]) as tf.Tensor1D;
    const candidate = tf.tensor1d(b.candidateUnit, 'int32');
    if (c.aggregation === 'candidate') return gather<tf.Rank.R1>(local, candidate);

    const logRight = tf.neg(tf.softplus(tf.neg(local)));
    const logRest = tf.neg(tf.softplus(tf.neg(rest)));
    const prefix = tf.sum(tf.mul(gather<tf.Rank.R2>(logRight, tf.tensor2d(b.exampleUnits, [X, S], 'int32')), tf.tensor2d(b.exampleMask, [X, S])), 1);
    // log v, kept just below 0 so the logit stays finite.
    const logV = tf.minimum(tf.add(prefix, gather<tf.Rank.R1>(logRest, candidate)), -1e-4);
    return tf.sub(logV, tf.log(tf.neg(tf.expm1(logV)))) as tf.Tensor1D;
  }

  config(): Record<string, unknown> {
    return { ...this.settings, hidden: [...this.settings.hidden] };
  }

  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
  }
}

/**
 * Every combination of k numbers with coefficients in {-1, 0, 1}, at least two non-zero, up to
 * sign (first non-zero coefficient +1), as a [k, count] row-major matrix. For k = 4: 36 columns.
 */
export function signedCombinations(k: number): Float32Array {
  const columns: number[][] = [];
  for (let code = 0; code < 3 ** k; code++) {
    const coef = Array.from({ length: k }, (_, i) => (Math.floor(code / 3 ** i) % 3) - 1);
    const nonZero = coef.filter((x) => x !== 0);
    if (nonZero.length < 2 || nonZero[0] !== 1) continue;
    columns.push(coef);
  }
  const out = new Float32Array(k * columns.length);
  columns.forEach((col, j) => col.forEach((x, i) => (out[i * columns.length + j] = x)));
  return out;
}

/** Identity whose gradient is zero (tfjs has no stopGradient op). */
const stopGradient = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(Array.isArray(dy) ? (dy[0] as tf.Tensor) : dy) };
});

function uniform(rng: Rng, size: number, limit: number): Float32Array {
  const out = new Float32Array(size);
  for (let k = 0; k < size; k++) out[k] = (rng.next() * 2 - 1) * limit;
  return out;
}
