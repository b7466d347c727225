'use client';
/**
 * A queue of things to review: uncertain steps of a dataset version (Monte-Carlo value in a range,
 * most uncertain first; their labels land on the dataset's steps), or served traces (labels go on
 * tree nodes and can be exported as a new dataset version).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { VersionPicker } from '@/datasets/version-picker';
import { trpc } from '@/lib/trpc';
import { Field, NamedOptions } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';
import { Tabs } from '@/ui/tabs';

export function CreateQueueForm() {
  const router = useRouter();
  const client = useQueryClient();
  const [kind, setKind] = useState<'dataset' | 'traces'>('dataset');
  const [name, setName] = useState('');
  const [ttl, setTtl] = useState('600');
  const [versionId, setVersionId] = useState('');
  const [valueMin, setValueMin] = useState('0.2');
  const [valueMax, setValueMax] = useState('0.8');
  const [includeSiblings, setIncludeSiblings] = useState(false);
  const [limit, setLimit] = useState('100');
  const [deploymentId, setDeploymentId] = useState('');
  const [correct, setCorrect] = useState<'' | 'true' | 'false'>('');
  const deployments = useQuery({ queryKey: ['deployments.find', { limit: 100 }], queryFn: () => trpc.deployments.find.query({ limit: 100 }), enabled: kind === 'traces' });
  const create = useMutation({
    mutationFn: () =>
      trpc.annotations.createQueue.mutate({
        name: name.trim(),
        lockTtlSeconds: Number(ttl),
        source:
          kind === 'dataset'
            ? { kind: 'dataset', datasetVersionId: versionId, valueMin: Number(valueMin), valueMax: Number(valueMax), includeSiblings, unlabelledOnly: true, limit: Number(limit) }
            : { kind: 'traces', ...(deploymentId ? { deploymentId } : {}), ...(correct ? { correct: correct === 'true' } : {}), limit: Number(limit) },
      }),
    onSuccess: (queue) => {
      void client.invalidateQueries({ queryKey: ['annotations.findQueues'] });
      router.push(`/annotation/${queue.id}`);
    },
  });
  const { param, onSubmit } = useSubmit(create);
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create annotation queue">
      <Tabs label="Queue source" value={kind} onChange={setKind} tabs={{ dataset: 'Steps of a dataset version', traces: 'Served traces' }} />
      <div className="form-grid">
        <Field label="Queue name" invalid={param === 'name'}>
          <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} name="queueName" />
        </Field>
        <Field label="Lock" hint="seconds an item stays with its reviewer">
          <input type="number" min={1} max={86400} value={ttl} onChange={(e) => setTtl(e.target.value)} />
        </Field>
        <Field label="At most" hint="items">
          <input type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} name="queueLimit" />
        </Field>
      </div>
      {kind === 'dataset' ? (
        <div className="form-grid">
          <VersionPicker value={versionId} onChange={(id) => setVersionId(id)} invalid={param === 'source.datasetVersionId'} />
          <Field label="Value from" hint="MC value ≥" invalid={param === 'source.valueMin'}>
            <input type="number" step="0.05" min={0} max={1} value={valueMin} onChange={(e) => setValueMin(e.target.value)} name="valueMin" />
          </Field>
          <Field label="Value to" hint="≤">
            <input type="number" step="0.05" min={0} max={1} value={valueMax} onChange={(e) => setValueMax(e.target.value)} name="valueMax" />
          </Field>
          <label className="check">
            <input type="checkbox" checked={includeSiblings} onChange={(e) => setIncludeSiblings(e.target.checked)} /> sibling steps too
          </label>
        </div>
      ) : (
        <div className="form-grid">
          <Field label="Deployment">
            <select value={deploymentId} onChange={(e) => setDeploymentId(e.target.value)} name="queueDeployment">
              <option value="">all</option>
              <NamedOptions items={deployments.data?.items} />
            </select>
          </Field>
          <Field label="Answers">
            <select value={correct} onChange={(e) => setCorrect(e.target.value as typeof correct)}>
              <option value="">any</option>
              <option value="false">known wrong</option>
              <option value="true">known right</option>
            </select>
          </Field>
        </div>
      )}
      <SubmitRow mutation={create} label="Create queue" pendingLabel="Creating…" errorTitle="Could not create the queue" disabled={kind === 'dataset' && !versionId} />
    </form>
  );
}
