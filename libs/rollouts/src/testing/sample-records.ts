/** Small hand-written records for format, summary and digest tests (values chosen to be checked by hand). */
import type { SolutionRecord } from '../dataset-record';

export function sampleRecords(): SolutionRecord[] {
  return [
    {
      id: 'q1#0',
      questionId: 'q1',
      question: 'How many red circles?',
      image: 'images/q1.png',
      answer: '3',
      answerType: 'number',
      steps: [
        {
          text: 'Count the red circles: 3.',
          value: 0.75,
          rollouts: 4,
          correct: 3,
          terminal: false,
          siblings: [
            { text: 'Count the red circles: 2.', value: 0.25, rollouts: 4, correct: 1, terminal: false },
            { text: 'Count the red circles: 4.', value: 0.25, rollouts: 4, correct: 1, terminal: false },
          ],
        },
        { text: 'The answer is 3.', value: 1, rollouts: 0, correct: 1, terminal: true, answer: '3' },
      ],
      finalAnswer: '3',
      correct: true,
      meta: { solutionIndex: 0 },
    },
    {
      id: 'q2#0',
      questionId: 'q2',
      question: 'Which bar is taller?',
      image: null,
      answer: 'B',
      answerType: 'choice',
      choices: ['red', 'blue'],
      steps: [
        { text: 'Read the red bar: 5.', value: 0.5, rollouts: 4, correct: 2, terminal: false, siblings: [] },
        {
          text: 'The answer is A.',
          value: 0,
          rollouts: 0,
          correct: 0,
          terminal: true,
          answer: 'A',
          siblings: [{ text: 'The answer is B.', value: 1, rollouts: 0, correct: 1, terminal: true, answer: 'B' }],
        },
      ],
      finalAnswer: 'A',
      correct: false,
      meta: { solutionIndex: 0 },
    },
  ];
}
