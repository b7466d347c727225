import type { Problem } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { extractAnswerDefault } from './extract-answer';
import { asChatCompletion, endedByModel, stepText, tokensPerChoice, toProposals, type ChatChoice } from './openai-response';

const problem: Problem = { id: 'p', text: 'x', images: [], answerType: 'number' };
const ctx = { problem, delimiter: '\n\n', finalize: false, extractAnswer: extractAnswerDefault };

describe('endedByModel', () => {
  const stops = ['\n\n'];
  it('reads vLLM stop_reason: null is EOS, the delimiter is not', () => {
    expect(endedByModel({ finish_reason: 'stop', stop_reason: null }, stops)).toBe(true);
    expect(endedByModel({ finish_reason: 'stop', stop_reason: '\n\n' }, stops)).toBe(false);
    expect(endedByModel({ finish_reason: 'length', stop_reason: null }, stops)).toBe(false);
  });

  it('reads SGLang matched_stop: an EOS token id is the end, the delimiter is not', () => {
    expect(endedByModel({ finish_reason: 'stop', matched_stop: 151645 }, stops)).toBe(true);
    expect(endedByModel({ finish_reason: 'stop', matched_stop: '\n\n' }, stops)).toBe(false);
  });

  it('cannot tell when the server does not say why it stopped', () => {
    expect(endedByModel({ finish_reason: 'stop' }, stops)).toBe(false);
  });
});

describe('tokensPerChoice', () => {
  it('splits usage in proportion to length and sums exactly to the total', () => {
    const completion = { choices: [{}, {}, {}], usage: { completion_tokens: 10 } };
    const parts = tokensPerChoice(completion, ['aaaaaaaa', 'a', ''])!;
    expect(parts.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(10);
    expect(parts[0]).toBeGreaterThan(parts[1]!);
    expect(parts[1]).toBeGreaterThanOrEqual(parts[2]!);
  });

  it('uses per-token logprobs when every choice has them', () => {
    const choices: ChatChoice[] = [{ logprobs: { content: [1, 2, 3] } }, { logprobs: { content: [1] } }];
    expect(tokensPerChoice({ choices, usage: { completion_tokens: 99 } }, ['a', 'b'])).toEqual([3, 1]);
  });

  it('is undefined without usage', () => {
    expect(tokensPerChoice({ choices: [{}] }, ['a'])).toEqual([undefined]);
  });
});

describe('toProposals', () => {
  it('orders by index, strips an echoed delimiter and whitespace, extracts answers', () => {
    const completion = {
      choices: [
        { index: 1, message: { content: 'The answer is 12.\n\n' }, finish_reason: 'stop', stop_reason: '\n\n' },
        { index: 0, message: { content: '  Add them up.' }, finish_reason: 'stop', stop_reason: '\n\n' },
        { index: 2, message: { content: null }, finish_reason: 'stop', stop_reason: null },
      ],
    };
    expect(toProposals(completion, ctx)).toEqual([
      { text: 'Add them up.', terminal: false },
      { text: 'The answer is 12.', terminal: true, answer: '12' },
      { text: '', terminal: true },
    ]);
  });

  it('finalize makes every candidate terminal', () => {
    const completion = { choices: [{ message: { content: 'not sure' }, finish_reason: 'stop', stop_reason: '\n\n' }] };
    expect(toProposals(completion, { ...ctx, finalize: true })[0]!.terminal).toBe(true);
  });

  it('stepText keeps inner delimiters', () => {
    expect(stepText('a\n\nb\n\n\n\n', '\n\n')).toBe('a\n\nb');
  });
});

describe('asChatCompletion', () => {
  it('rejects bodies that are not chat completions', () => {
    expect(asChatCompletion(null)).toMatch(/not an object/);
    expect(asChatCompletion({ data: [] })).toMatch(/choices/);
    expect(asChatCompletion({ choices: [{ message: { content: [1] } }] })).toMatch(/non-text/);
    expect(typeof asChatCompletion({ choices: [] })).toBe('object');
  });
});
