// Questions
export type { Question, QuestionMeta } from './question';
export { toProblem } from './question';

// The built-in synthetic suite
export { generateSuite, generateQuestion, synthQuestionId, isWellPosed, SYNTH_FAMILIES, SYNTH_SUITE_DEFAULTS } from './synth-suite';
export type { SuiteOptions, SynthFamily } from './synth-suite';
export { DIFFICULTIES, templatesFor } from './question-templates';
export type { Difficulty, TemplateName, TemplateSpec, QuestionDraft } from './question-templates';
export { COLOR_NAMES, SHAPE_NAMES, COLOR_RGB, targetPhrase, parseTargetPhrase, matchesTarget, disjointTargets, sameTarget } from './synth-entities';
export type { ColorName, ShapeName, ShapeTarget, Rgb } from './synth-entities';
export {
  nextCorrectStep, solvePayload, earlyAnswer, perceive, countTarget, barValue, statedValue, statedOperand,
  stepFitsProgram, choiceLetter, programEntity, sameEntity,
} from './synth-program';
export type { SynthPayload, ProgramStep, Operand, Scene, ShapeScene, ShapeObject, BarChart, Bar } from './synth-program';
export { SYNTH_CHUNK_KEYWORD, attachSynthPayload, readSynthPayload, synthPayloadOf, referenceSolution } from './synth-payload';

// Step grammar
export { STEP_DELIMITER, ARITHMETIC_KINDS, renderStep, parseStep, solutionText, applyArithmetic, isArithmetic, formatNumber } from './step-grammar';
export type { Step, CountStep, ReadStep, ArithmeticStep, CompareStep, AnswerStep, ArithmeticKind, Entity } from './step-grammar';

// Rendering
export { Raster, decodePng, jitterColor } from './raster';
export { drawText, textWidth, textHeight, glyphBitmap, hasGlyph, PIXEL_FONT_CONFIG } from './pixel-font';
export { placeShapes, renderShapeScene, SHAPE_SCENE_DEFAULTS } from './shape-scene';
export { renderBarChart, barChartLayout, BAR_CHART_DEFAULTS } from './bar-chart';
export type { BarChartLayout } from './bar-chart';
export { crc32, listChunks, insertTextChunk, readTextChunk, readTextChunks, isPng } from './png-text-chunk';
export type { PngChunk } from './png-text-chunk';

// Answers
export { extractAnswer, normaliseAnswer, normaliseText, isCorrect, ANSWER_CHECK_DEFAULTS } from './answer-check';
export { parseNumber, findNumbers, formatCanonicalNumber } from './answer-number';
export { buildQuery } from './mathvista-query';

// Benchmark files
export { questionToRecord, recordToQuestion, BenchmarkFormatError, imagePathFor, sniffImageMime } from './benchmark-record';
export type { BenchmarkRecord } from './benchmark-record';
export { loadBenchmark, benchmarkEntries } from './benchmark-loader';
export type { LoadBenchmarkOptions } from './benchmark-loader';
export { writeSuite, SUITE_FILE } from './suite-writer';
export { suiteDigest } from './suite-digest';
export { stableStringify } from './stable-json';
