'use client';
/**
 * Review of one dataset step: the question and image, the steps before it, the step itself with
 * its Monte-Carlo value as the suggestion, and the label (keys 1 / 2 / 3, Enter to submit).
 */
import type { TAnnotationItem, TStepLabelValue } from '@prmbas/contracts';
import { apiPath } from '@/lib/api-paths';
import { ValueChip } from '@/ui/value-chip';
import { LabelButtons } from './label-buttons';

export function StepReview({ item, label, onLabel }: { item: TAnnotationItem; label: TStepLabelValue | null; onLabel: (l: TStepLabelValue) => void }) {
  const step = item.step!;
  return (
    <div className="stack-lg">
      <div className="row" style={{ alignItems: 'flex-start', gap: 16 }}>
        {step.question.images.map((image) => (
          <img key={image.position} className="question-image" src={apiPath(image.url)} alt={`question image ${image.position + 1}`} style={{ width: 260 }} />
        ))}
        <div className="stack" style={{ flex: 1, minWidth: 220 }}>
          <span className="small faint mono" data-testid="review-question-id">
            {step.question.externalId}
          </span>
          <p style={{ whiteSpace: 'pre-wrap' }}>{step.question.text}</p>
          <span className="small muted">
            gold answer <strong>{step.question.answer}</strong>
          </span>
        </div>
      </div>
      <div className="stack">
        <h3>Solution {step.solutionIndex + 1} so far</h3>
        <ol className="step-list">
          {step.previousSteps.map((text, i) => (
            <li key={i}>
              <span className="pos">{i + 1}</span>
              <span className="break muted">{text}</span>
              <span />
            </li>
          ))}
        </ol>
        <div className="step-under-review stack" data-testid="step-under-review">
          <div className="row small">
            <strong>Step {step.position + 1}{step.siblingIndex > 0 ? ` (sibling ${step.siblingIndex})` : ''} under review</strong>
            {step.terminal && <span className="badge">final step</span>}
          </div>
          <p className="break" style={{ fontSize: 15 }}>
            {step.text}
          </p>
          <div className="row small">
            <span className="muted">suggestion (Monte-Carlo value):</span>
            <ValueChip value={item.suggestedScore ?? step.value} />
            <span className="muted">
              {step.terminal ? 'final answer checked against the gold answer' : `${step.correctRollouts} of ${step.rollouts} rollouts from here reached the gold answer`}
            </span>
          </div>
        </div>
      </div>
      <LabelButtons value={label} onChange={onLabel} />
    </div>
  );
}
