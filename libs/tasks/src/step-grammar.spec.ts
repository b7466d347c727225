import { describe, expect, it } from 'vitest';
import { COLOR_NAMES, SHAPE_NAMES } from './synth-entities';
import { generateSuite } from './synth-suite';
import { referenceSolution } from './synth-payload';
import { type Step, STEP_DELIMITER, parseStep, renderStep, solutionText } from './step-grammar';

/** The wording with numbers and entity words blanked: right and wrong steps must share it. */
function skeleton(text: string): string {
  const words = [...COLOR_NAMES, ...SHAPE_NAMES.map((s) => `${s}s`), 'shapes'];
  let out = text.replace(/-?\d+(\.\d+)?/g, '#');
  for (const w of words) out = out.replace(new RegExp(`\\b${w}\\b`, 'g'), '@');
  return out.replace(/@ @/g, '@');
}

describe('step grammar', () => {
  const suite = generateSuite({ size: 120, seed: 7 });
  const steps = suite.flatMap((q) => referenceSolution(q));

  it('round-trips every step of the reference solutions', () => {
    expect(steps.length).toBeGreaterThan(400);
    for (const step of steps) expect(parseStep(renderStep(step))).toEqual(step);
  });

  it('round-trips hand-made steps, including negative and odd values', () => {
    const cases: Step[] = [
      { kind: 'count', target: { color: 'red' }, value: 1 },
      { kind: 'count', target: { shape: 'triangle' }, value: 0 },
      { kind: 'read', color: 'orange', value: 15 },
      { kind: 'subtract', a: 2, b: 5, result: -3 },
      { kind: 'subtract', a: 3, b: -2, result: 5 },
      { kind: 'multiply', a: 2.5, b: 2, result: 5 },
      { kind: 'compare', a: 2, b: 3, relation: 'less', first: { kind: 'shapes', target: { color: 'blue', shape: 'square' } }, second: { kind: 'shapes', target: { shape: 'circle' } } },
      { kind: 'compare', a: 7, b: 4, relation: 'greater', first: { kind: 'bar', color: 'blue' }, second: { kind: 'bar', color: 'red' } },
      { kind: 'answer', answer: 'B', isChoice: true },
      { kind: 'answer', answer: '-4', isChoice: false },
    ];
    for (const step of cases) expect(parseStep(renderStep(step))).toEqual(step);
  });

  it('uses the templates of the brief', () => {
    expect(renderStep({ kind: 'count', target: { color: 'red', shape: 'circle' }, value: 3 })).toBe('Count the red circles: there are 3.');
    expect(renderStep({ kind: 'read', color: 'blue', value: 7 })).toBe('Read the blue bar: its value is 7.');
    expect(renderStep({ kind: 'subtract', a: 5, b: 1, result: 4 })).toBe('Subtract: 5 - 1 = 4.');
    expect(renderStep({ kind: 'compare', a: 7, b: 4, relation: 'greater', first: { kind: 'bar', color: 'blue' }, second: { kind: 'bar', color: 'red' } }))
      .toBe('Compare: 7 is greater than 4, so the blue bar is taller than the red bar.');
    expect(renderStep({ kind: 'answer', answer: 'B', isChoice: true })).toBe('The answer is (B).');
  });

  it('gives a wrong step the same wording as the right one', () => {
    const right: Step = { kind: 'count', target: { color: 'red', shape: 'circle' }, value: 3 };
    const wrongValue: Step = { ...right, value: 4 };
    const wrongEntity: Step = { ...right, target: { color: 'blue', shape: 'circle' } };
    const wrongSum: Step = { kind: 'add', a: 3, b: 2, result: 6 };
    expect(skeleton(renderStep(wrongValue))).toBe(skeleton(renderStep(right)));
    expect(skeleton(renderStep(wrongEntity))).toBe(skeleton(renderStep(right)));
    expect(skeleton(renderStep(wrongSum))).toBe(skeleton(renderStep({ kind: 'add', a: 3, b: 2, result: 5 })));
  });

  it('tolerates extra whitespace and case but rejects other sentences', () => {
    expect(parseStep('  count the  Red circles: there are 3 ')).toEqual({ kind: 'count', target: { color: 'red', shape: 'circle' }, value: 3 });
    expect(parseStep('Multiply: 3 * 2 = 6.')).toEqual({ kind: 'multiply', a: 3, b: 2, result: 6 });
    for (const bad of ['', 'Let me think.', 'Count the pink circles: there are 3.', 'Read the red circle: its value is 3.', 'Add: 3 - 2 = 1.', 'Compare: 3 is greater than 2, so the red bar is shorter than the blue bar.', 'Count the red circles: there are many.']) {
      expect(parseStep(bad)).toBeNull();
    }
  });

  it('joins a solution with the blank-line delimiter', () => {
    const q = suite[0]!;
    const text = solutionText(referenceSolution(q));
    expect(STEP_DELIMITER).toBe('\n\n');
    expect(text.split(STEP_DELIMITER).map((s) => parseStep(s))).toEqual(referenceSolution(q));
  });
});
