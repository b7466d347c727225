/**
 * One served request to the demo deployment through the official `openai` SDK: a synth suite
 * question (text + its PNG as a data URL, which the simulated policy can read), answered by
 * PRM-BAS. `npm start` runs it once the demo is ready; `npm run ask [-- INDEX]` runs it again.
 */
import { generateQuestion } from '@prmbas/tasks';
import OpenAI from 'openai';

export interface DemoAnswer {
  question: string;
  gold: string;
  answer: string | null;
  content: string;
  traceId: string;
  cost: { policy_calls: number; generated_steps: number; prm_scored_steps: number; wall_ms: number };
}

/** Suite seed of the questions asked (not the demo dataset's 101, so the PRM has not seen them). */
export const ASK_SEED = 2026;

export async function askDemo(apiUrl: string, apiKey: string, deployment: string, index = 0): Promise<DemoAnswer> {
  const q = generateQuestion(ASK_SEED, index);
  const image = q.images[0]!;
  const client = new OpenAI({ baseURL: `${apiUrl}/v1`, apiKey, maxRetries: 1 });
  const completion = await client.chat.completions.create({
    model: deployment,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: q.text },
          { type: 'image_url', image_url: { url: `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}` } },
        ],
      },
    ],
  });
  const ext = (completion as unknown as { prmbas: { trace_id: string; answer: string | null; cost: DemoAnswer['cost'] } }).prmbas;
  return { question: q.text, gold: q.answer, answer: ext.answer, content: completion.choices[0]?.message.content ?? '', traceId: ext.trace_id, cost: ext.cost };
}

export function describeAnswer(a: DemoAnswer): string[] {
  return [
    // The suite's text starts with a MathVista-style answer-format hint; the question is what follows.
    `question: ${(a.question.split('Question:').pop() ?? a.question).trim()}`,
    `answer:   ${a.answer ?? '(none)'} (gold ${a.gold}: ${a.answer === a.gold ? 'correct' : 'wrong'})`,
    `cost:     ${a.cost.policy_calls} policy calls, ${a.cost.generated_steps} steps generated, ${a.cost.prm_scored_steps} scored by the PRM, ${a.cost.wall_ms} ms`,
    `trace:    ${a.traceId} (stored; see Traces in the console)`,
  ];
}
