'use client';
/**
 * Where the playground's question comes from: a synth suite question of a dataset version (its
 * PNG carries what the simulated policy reads, and the gold answer used to score the trace), or
 * an uploaded image with a typed question.
 */
import type { TDatasetQuestion } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { VersionPicker } from '@/datasets/version-picker';
import { apiPath } from '@/lib/api-paths';
import { trpc } from '@/lib/trpc';
import { Field } from '@/ui/field';
import { Empty, QueryState } from '@/ui/states';
import { Tabs } from '@/ui/tabs';

export type PickedQuestion =
  | { source: 'suite'; question: TDatasetQuestion }
  | { source: 'upload'; file: File | null; previewUrl: string | null; text: string };

/** The page of suite questions to pick from, as image buttons. */
function SuiteQuestions({ questions, value, onChange }: { questions: TDatasetQuestion[]; value: PickedQuestion | null; onChange: (q: PickedQuestion) => void }) {
  return (
    <div className="row" role="listbox" aria-label="Suite questions" style={{ alignItems: 'stretch' }}>
      {questions.map((q) => {
        const chosen = value?.source === 'suite' && value.question.id === q.id;
        const image = q.images[0];
        return (
          <button
            key={q.id}
            type="button"
            role="option"
            aria-selected={chosen}
            className={chosen ? 'primary' : undefined}
            onClick={() => onChange({ source: 'suite', question: q })}
            style={{ flexDirection: 'column', width: 132, whiteSpace: 'normal', alignItems: 'stretch', padding: 6 }}
            data-testid="suite-question"
          >
            {image && <img src={apiPath(image.url)} alt="" width={118} height={118} style={{ objectFit: 'contain', background: '#fff', borderRadius: 4 }} />}
            <span className="small" style={{ fontWeight: 500, textAlign: 'left' }}>
              {q.externalId}
            </span>
          </button>
        );
      })}
    </div>
  );
}

export function QuestionPicker({ value, onChange, simPolicy }: { value: PickedQuestion | null; onChange: (q: PickedQuestion | null) => void; simPolicy: boolean }) {
  const [tab, setTab] = useState<'suite' | 'upload'>('suite');
  const [versionId, setVersionId] = useState('');
  const [query, setQuery] = useState('');
  const input = { versionId, limit: 12, ...(query.trim() ? { query: query.trim() } : {}) };
  const questions = useQuery({ queryKey: ['datasets.findQuestions', input], queryFn: () => trpc.datasets.findQuestions.query(input), enabled: versionId !== '' });
  const upload = value?.source === 'upload' ? value : { source: 'upload' as const, file: null, previewUrl: null, text: '' };

  // Object URLs hold the file in memory until revoked.
  useEffect(() => () => void (upload.previewUrl && URL.revokeObjectURL(upload.previewUrl)), [upload.previewUrl]);

  return (
    <div className="stack">
      <Tabs label="Question source" value={tab} onChange={(t) => (setTab(t), onChange(null))} tabs={{ suite: 'Suite question', upload: 'Upload an image' }} />
      {tab === 'suite' ? (
        <>
          <div className="form-grid">
            <VersionPicker value={versionId} onChange={(id) => setVersionId(id)} statuses={['ready', 'frozen', 'building']} label="Questions from" />
            <Field label="Search">
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="text or id" />
            </Field>
          </div>
          {!versionId ? (
            <Empty>Build a dataset from the synth suite first (Datasets): its questions appear here.</Empty>
          ) : (
            <QueryState query={questions} label="Loading questions…" empty={<Empty>No questions match.</Empty>}>
              {(data) => <SuiteQuestions questions={data.items} value={value} onChange={onChange} />}
            </QueryState>
          )}
        </>
      ) : (
        <>
          {simPolicy && (
            <div className="note sim">
              This deployment uses the simulated <code>sim</code> policy, which can only read synth suite PNGs (it reads the answer hidden in them). Any other
              image is refused with a message saying so; deploy a real OpenAI-compatible policy server to ask about your own images.
            </div>
          )}
          <div className="form-grid">
            <Field label="Image" hint="png, jpeg, gif or webp">
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                name="playgroundImage"
                onChange={(e) => {
                  const file = e.target.files?.[0] ?? null;
                  onChange({ ...upload, file, previewUrl: file ? URL.createObjectURL(file) : null });
                }}
              />
            </Field>
          </div>
          <Field label="Question">
            <textarea rows={3} value={upload.text} onChange={(e) => onChange({ ...upload, text: e.target.value })} placeholder="What is the sum of the red and blue bars?" name="playgroundQuestion" />
          </Field>
          {upload.previewUrl && <img className="question-image" src={upload.previewUrl} alt="uploaded" />}
        </>
      )}
    </div>
  );
}
