/**
 * What is simulated, said where it matters. The `sim` policy stands in for a multimodal LLM: it
 * reads the answer hidden in a synth suite PNG and makes mistakes on purpose, so it only works on
 * suite images. Everything else on these pages (search, PRMs, training, data) is real.
 */
import type { ReactNode } from 'react';

export function SimNote({ children }: { children?: ReactNode }) {
  return (
    <div className="note sim" role="note">
      <strong>Simulated policy.</strong>{' '}
      {children ?? (
        <>
          The <code>sim</code> policy stands in for a multimodal LLM: it reads the ground truth hidden in synth suite PNGs and makes errors on purpose. It
          can only read suite images; with a real (OpenAI-compatible) policy server any image works.
        </>
      )}
    </div>
  );
}

/** The shell's footnote, on every page. */
export function SimulatedFootnote() {
  return (
    <footer className="footnote">
      Simulated parts: the <code>sim</code> policy (a stand-in for a multimodal LLM that reads the synth suite&apos;s hidden answers and errs on purpose)
      and the rollouts it makes for Monte-Carlo values. Real: search strategies, the synth suite&apos;s images and questions, PRM training and scoring,
      and any <code>openai</code> policy server you deploy.
    </footer>
  );
}
