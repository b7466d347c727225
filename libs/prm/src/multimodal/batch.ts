/**
 * A batch of multimodal features as flat host arrays, deduplicated: each distinct image, question
 * and step unit appears once, and examples index into the units. One search depth (many
 * candidates of few problems) or one training batch (all steps and siblings of a few solutions)
 * thus decodes and encodes each image once and each shared prefix step once.
 */
import { NUMBER_FLAGS, TOKEN_FLAGS, type MmFeatures, type MmFeaturizerConfig, type MmUnit } from './featurizer';
import { imageObjects, imagePalette, OBJECT_DESCRIPTORS, type ImageObjects, type Palette } from './image-input';

export interface PackedBatch {
  examples: number;
  /** Distinct images (+1 blank slot when some example has no image). */
  imageCount: number;
  /** Palette slots per image (the largest palette; smaller ones are padded with empty colours). */
  paletteSize: number;
  /** [images, paletteSize, 3] colours in [0, 1]. */
  paletteColors: Float32Array;
  /** [images, paletteSize] pixels per colour (0 for padding). */
  paletteCounts: Float32Array;
  /** [images, size, paletteSize]: colour present in row. */
  paletteRows: Float32Array;
  /** [images, size, paletteSize]: colour present in column. */
  paletteCols: Float32Array;
  /** Object slots per image (the most objects of any image in the batch; at least 1). */
  objectSlots: number;
  /** [images, objectSlots, 3] mean colours. */
  objectColors: Float32Array;
  /** [images, objectSlots, OBJECT_DESCRIPTORS]. */
  objectDescriptors: Float32Array;
  /** [images, objectSlots]: 1 for a real object, 0 for padding. */
  objectMask: Float32Array;
  /** Side of the spatial maps (shape pathway); 0 when off. */
  mapSize: number;
  /** [images, mapSize * mapSize, paletteSize]: one-hot palette entry of each map pixel (nearest sampling). */
  mapOneHot: Float32Array;
  questionIds: Int32Array;
  questionCount: number;
  unitCount: number;
  unitIds: Int32Array;
  unitTokenFlags: Float32Array;
  unitNumbers: Float32Array;
  unitNumberMask: Float32Array;
  unitNumberFlags: Float32Array;
  /** Step position of each unit (clipped to maxSteps - 1). */
  unitPosition: Int32Array;
  unitImage: Int32Array;
  unitQuestion: Int32Array;
  /** [examples, maxSteps]: unit index of each prefix step (0 where masked). */
  exampleUnits: Int32Array;
  exampleMask: Float32Array;
  /** The candidate's unit per example. */
  candidateUnit: Int32Array;
}

export function packBatch(features: readonly MmFeatures[], config: MmFeaturizerConfig, mapSize = 0): PackedBatch {
  const { imageSize: S, maxQuestionTokens: Lq, maxStepTokens: L, maxNumbers: K, maxSteps } = config;
  const imageIndex = new Map<string, number>();
  const imageList: Palette[] = [];
  const objectList: ImageObjects[] = [];
  let blank = -1;
  const questionIndex = new Map<string, number>();
  const questionList: Int32Array[] = [];
  const unitIndex = new Map<string, number>();
  const unitList: Array<{ unit: MmUnit; image: number; question: number }> = [];
  const X = features.length;
  const exampleUnits = new Int32Array(X * maxSteps);
  const exampleMask = new Float32Array(X * maxSteps);
  const candidateUnit = new Int32Array(X);

  features.forEach((f, x) => {
    let img: number;
    if (f.image) {
      if (f.image.size !== S) throw new Error(`packBatch: image of size ${f.image.size}, model input is ${S}`);
      const hit = imageIndex.get(f.image.key);
      if (hit === undefined) {
        img = imageList.length;
        imageIndex.set(f.image.key, img);
        imageList.push(f.image.palette);
        objectList.push(f.image.objects);
      } else img = hit;
    } else {
      if (blank < 0) {
        blank = imageList.length;
        const white = imagePalette(new Uint8Array(S * S * 3).fill(255), S);
        imageList.push(white);
        objectList.push(imageObjects(white, S));
      }
      img = blank;
    }
    let q = questionIndex.get(f.question.key);
    if (q === undefined) {
      q = questionList.length;
      questionIndex.set(f.question.key, q);
      questionList.push(f.question.ids);
    }
    const units = f.units.slice(-maxSteps);
    if (units.length === 0) throw new Error('packBatch: an example has no step');
    units.forEach((unit, s) => {
      // A unit's key already covers image and question; the image key guards against a unit
      // featurised under a different image (not possible through MmFeaturizer, cheap to rule out).
      const key = `${img}|${unit.key}`;
      let u = unitIndex.get(key);
      if (u === undefined) {
        u = unitList.length;
        unitIndex.set(key, u);
        unitList.push({ unit, image: img, question: q as number });
      }
      exampleUnits[x * maxSteps + s] = u;
      exampleMask[x * maxSteps + s] = 1;
      if (s === units.length - 1) candidateUnit[x] = u;
    });
  });

  const I = imageList.length;
  const P = Math.max(1, ...imageList.map((p) => p.count));
  const paletteColors = new Float32Array(I * P * 3);
  const paletteCounts = new Float32Array(I * P);
  const paletteRows = new Float32Array(I * S * P);
  const paletteCols = new Float32Array(I * S * P);
  imageList.forEach((pal, i) => {
    const n = pal.count;
    paletteColors.set(pal.colors, i * P * 3);
    paletteCounts.set(pal.counts, i * P);
    for (let y = 0; y < S; y++) {
      paletteRows.set(pal.rows.subarray(y * n, (y + 1) * n), (i * S + y) * P);
      paletteCols.set(pal.cols.subarray(y * n, (y + 1) * n), (i * S + y) * P);
    }
  });
  const O = Math.max(1, ...objectList.map((o) => o.count));
  const objectColors = new Float32Array(I * O * 3);
  const objectDescriptors = new Float32Array(I * O * OBJECT_DESCRIPTORS);
  const objectMask = new Float32Array(I * O);
  objectList.forEach((o, i) => {
    objectColors.set(o.colors, i * O * 3);
    objectDescriptors.set(o.descriptors, i * O * OBJECT_DESCRIPTORS);
    objectMask.fill(1, i * O, i * O + o.count);
  });
  const R = mapSize;
  const mapOneHot = new Float32Array(I * R * R * P);
  if (R > 0) {
    imageList.forEach((pal, i) => {
      for (let y = 0; y < R; y++) {
        const sy = Math.min(S - 1, Math.floor(((y + 0.5) * S) / R));
        for (let x = 0; x < R; x++) {
          const sx = Math.min(S - 1, Math.floor(((x + 0.5) * S) / R));
          mapOneHot[((i * R + y) * R + x) * P + (pal.index[sy * S + sx] as number)] = 1;
        }
      }
    });
  }
  const Q = questionList.length;
  const questionIds = new Int32Array(Q * Lq);
  questionList.forEach((ids, i) => questionIds.set(ids.subarray(0, Lq), i * Lq));
  const U = unitList.length;
  const unitIds = new Int32Array(U * L);
  const unitTokenFlags = new Float32Array(U * L * TOKEN_FLAGS);
  const unitNumbers = new Float32Array(U * K);
  const unitNumberMask = new Float32Array(U * K);
  const unitNumberFlags = new Float32Array(U * K * NUMBER_FLAGS);
  const unitPosition = new Int32Array(U);
  const unitImage = new Int32Array(U);
  const unitQuestion = new Int32Array(U);
  unitList.forEach(({ unit, image, question }, u) => {
    unitIds.set(unit.ids.subarray(0, L), u * L);
    unitTokenFlags.set(unit.tokenFlags.subarray(0, L * TOKEN_FLAGS), u * L * TOKEN_FLAGS);
    unitNumbers.set(unit.numbers.subarray(0, K), u * K);
    unitNumberMask.set(unit.numberMask.subarray(0, K), u * K);
    unitNumberFlags.set(unit.numberFlags.subarray(0, K * NUMBER_FLAGS), u * K * NUMBER_FLAGS);
    unitPosition[u] = Math.min(unit.position, maxSteps - 1);
    unitImage[u] = image;
    unitQuestion[u] = question;
  });
  return {
    examples: X,
    imageCount: I,
    paletteSize: P,
    paletteColors,
    paletteCounts,
    paletteRows,
    paletteCols,
    objectSlots: O,
    objectColors,
    objectDescriptors,
    objectMask,
    mapSize: R,
    mapOneHot,
    questionIds,
    questionCount: Q,
    unitCount: U,
    unitIds,
    unitTokenFlags,
    unitNumbers,
    unitNumberMask,
    unitNumberFlags,
    unitPosition,
    unitImage,
    unitQuestion,
    exampleUnits,
    exampleMask,
    candidateUnit,
  };
}
