'use client';
/**
 * One question of a version: its images, text and gold answer, then every sampled solution with
 * each step's Monte-Carlo value (colour-coded), rollout counts, siblings sampled at the same
 * state, and the human labels the step received.
 */
import type { TDatasetQuestion, TDatasetSolution, TDatasetStep } from '@prmbas/contracts';
import { apiPath } from '@/lib/api-paths';
import { CorrectBadge } from '@/ui/badges';
import { ValueChip, valueColor } from '@/ui/value-chip';
import { StepLabels } from './step-labels';

function Step({ step }: { step: TDatasetStep }) {
  return (
    <li style={{ borderLeftColor: valueColor(step.value) }} data-testid="dataset-step">
      <span className="pos">{step.position + 1}</span>
      <div className="stack" style={{ gap: 4 }}>
        <span className="break">{step.text}</span>
        <StepLabels labels={step.labels} />
        {step.siblings && step.siblings.length > 0 && (
          <div className="siblings" aria-label="sibling steps">
            {step.siblings.map((s) => (
              <div key={s.id} className="row" style={{ gap: 6 }}>
                <ValueChip value={s.value} title={`${s.correctRollouts}/${s.rollouts} rollouts correct`} />
                <span className="break">{s.text}</span>
                <StepLabels labels={s.labels} />
              </div>
            ))}
          </div>
        )}
      </div>
      <span className="stack" style={{ gap: 2, alignItems: 'flex-end' }}>
        <ValueChip value={step.value} title={step.terminal ? 'terminal: 1 if the answer is right' : `${step.correctRollouts}/${step.rollouts} rollouts reached the gold answer`} />
        <span className="small faint nowrap">{step.terminal ? 'final' : `${step.correctRollouts}/${step.rollouts}`}</span>
      </span>
    </li>
  );
}

function Solution({ solution }: { solution: TDatasetSolution }) {
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="row small">
        <strong>Solution {solution.solutionIndex + 1}</strong>
        <span className="muted">answer {solution.finalAnswer ?? '–'}</span>
        <CorrectBadge correct={solution.correct} />
      </div>
      <ol className="step-list">
        {solution.steps.map((step) => (
          <Step key={step.id} step={step} />
        ))}
      </ol>
    </div>
  );
}

export function QuestionCard({ question }: { question: TDatasetQuestion }) {
  return (
    <article className="card stack" data-testid="question-card">
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        {question.images.map((image) => (
          <img key={image.position} className="question-image" src={apiPath(image.url)} alt={`image ${image.position + 1} of question ${question.externalId}`} width={320} />
        ))}
        <div className="stack" style={{ flex: 1, minWidth: 220 }}>
          <div className="small faint mono">{question.externalId}</div>
          <p className="break" style={{ whiteSpace: 'pre-wrap' }}>
            {question.text}
          </p>
          <div className="row small">
            <span className="muted">gold answer</span> <strong>{question.answer}</strong>
            <span className="badge">{question.answerType}</span>
            {question.choices.length > 0 && <span className="muted">choices: {question.choices.join(' · ')}</span>}
          </div>
        </div>
      </div>
      {question.solutions.length === 0 ? (
        <p className="muted small">No solutions.</p>
      ) : (
        <div className="grid-2">
          {question.solutions.map((s) => (
            <Solution key={s.id} solution={s} />
          ))}
        </div>
      )}
    </article>
  );
}
