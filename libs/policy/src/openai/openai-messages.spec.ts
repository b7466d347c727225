import type { Problem } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { OPENAI_POLICY_DEFAULTS } from './openai-config';
import { buildMessages, imageDataUrl, problemText, userContent } from './openai-messages';

const prompts = { ...OPENAI_POLICY_DEFAULTS, stepDelimiter: '\n\n' };
const textOnly: Problem = { id: 't', text: 'What is 2+3?', images: [], answerType: 'number' };

describe('problemText', () => {
  it('lists the options as (A) ... after the question', () => {
    expect(problemText({ ...textOnly, choices: ['4', '5', '6'] })).toBe('What is 2+3?\n\nChoices:\n(A) 4\n(B) 5\n(C) 6');
  });

  it('does not list them twice when the text already does (MathVista query)', () => {
    const text = 'Hint: pick one.\nQuestion: colour?\nChoices:\n(A) red\n(B) blue';
    expect(problemText({ ...textOnly, text, choices: ['red', 'blue'] })).toBe(text);
  });
});

describe('imageDataUrl / userContent', () => {
  it('encodes the exact bytes of a subarray view, with its MIME type', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const url = imageDataUrl({ mime: 'image/jpeg', data: backing.subarray(2, 5) });
    expect(url).toBe(`data:image/jpeg;base64,${Buffer.from([1, 2, 3]).toString('base64')}`);
  });

  it('is a plain string without images, parts (images first) with them', () => {
    expect(userContent(textOnly)).toBe('What is 2+3?');
    const withImages = userContent({ ...textOnly, images: [{ mime: 'image/png', data: new Uint8Array([1]) }, { mime: 'image/png', data: new Uint8Array([2]) }] });
    expect(Array.isArray(withImages) && withImages.map((p) => p.type)).toEqual(['image_url', 'image_url', 'text']);
  });
});

describe('buildMessages', () => {
  it('asks for the first step with a fresh assistant turn', () => {
    const b = buildMessages(textOnly, [], 'continue', false, prompts);
    expect(b.continueFinal).toBe(false);
    expect(b.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('continues the steps so far as a partial assistant message ending with the delimiter', () => {
    const b = buildMessages(textOnly, ['2+3 is 5.', 'Check: 5-3 = 2.'], 'continue', false, { ...prompts, stepDelimiter: '\n---\n' });
    expect(b.continueFinal).toBe(true);
    expect(b.messages[2]).toEqual({ role: 'assistant', content: '2+3 is 5.\n---\nCheck: 5-3 = 2.\n---\n' });
  });

  it('puts the steps and the instruction in the user turn in instruct mode', () => {
    const b = buildMessages(textOnly, ['2+3 is 5.'], 'instruct', false, prompts);
    expect(b.continueFinal).toBe(false);
    expect(b.messages).toHaveLength(2);
    expect(b.messages[1]!.content).toBe(`What is 2+3?\n\n${prompts.stepsHeading}\n\n2+3 is 5.\n\n${prompts.nextStepInstruction}`);
  });

  it('asks for the final answer in every layout when finalizing', () => {
    const first = buildMessages(textOnly, [], 'continue', true, prompts);
    expect(first.messages[1]!.content).toBe(`What is 2+3?\n\n${prompts.finalizeInstruction}`);
    const cont = buildMessages(textOnly, ['2+3 is 5.'], 'continue', true, prompts);
    expect(cont.continueFinal).toBe(false);
    expect(cont.messages.slice(2)).toEqual([
      { role: 'assistant', content: '2+3 is 5.' },
      { role: 'user', content: prompts.finalizeInstruction },
    ]);
    const inst = buildMessages(textOnly, ['2+3 is 5.'], 'instruct', true, prompts);
    expect(String(inst.messages[1]!.content).endsWith(prompts.finalizeInstruction)).toBe(true);
  });
});
