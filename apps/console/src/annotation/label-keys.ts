/** Keyboard shortcuts of the review screen (shown on screen next to each action). */
import type { TStepLabelValue } from '@prmbas/contracts';

export const LABEL_KEYS: Array<{ key: string; label: TStepLabelValue; text: string; tone: string }> = [
  { key: '1', label: 'correct', text: 'Correct', tone: 'good' },
  { key: '2', label: 'incorrect', text: 'Incorrect', tone: 'bad' },
  { key: '3', label: 'neutral', text: 'Neutral', tone: '' },
];

export const ACTION_KEYS = { submit: 'Enter', skip: 's', release: 'Escape', comment: 'c', nextNode: 'ArrowDown', previousNode: 'ArrowUp' } as const;

/** Typing in a field must not trigger shortcuts (except Ctrl/⌘+Enter to submit from the comment). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A focused radio or checkbox (the answer verdict) takes no text: shortcuts still apply.
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}
