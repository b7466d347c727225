'use client';
/**
 * Choose a dataset version: the dataset first, then one of its versions (only usable ones, e.g.
 * ready or frozen for training). Used by the run, evaluation, annotation and playground forms.
 */
import type { TDatasetVersion, TDatasetVersionStatus } from '@prmbas/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Field, NamedOptions } from '@/ui/field';

export function VersionPicker({
  value,
  onChange,
  statuses = ['ready', 'frozen'],
  invalid,
  label = 'Dataset version',
}: {
  value: string;
  onChange: (versionId: string, version: TDatasetVersion | null) => void;
  statuses?: TDatasetVersionStatus[];
  invalid?: boolean;
  label?: string;
}) {
  const [datasetId, setDatasetId] = useState('');
  const datasets = useQuery({ queryKey: ['datasets.find', { limit: 200 }], queryFn: () => trpc.datasets.find.query({ limit: 200 }) });
  const dataset = useQuery({ queryKey: ['datasets.get', datasetId], queryFn: () => trpc.datasets.get.query({ id: datasetId }), enabled: datasetId !== '' });
  const usable = (dataset.data?.versions ?? []).filter((v) => statuses.includes(v.status));

  // Pick the first dataset with a usable latest version, then its newest usable version.
  useEffect(() => {
    if (datasetId || !datasets.data) return;
    const first = datasets.data.items.find((d) => d.latestVersion && statuses.includes(d.latestVersion.status)) ?? datasets.data.items[0];
    if (first) setDatasetId(first.id);
  }, [datasets.data, datasetId, statuses]);
  // A newly loaded dataset: keep the chosen version if it is one of its usable ones, else its newest.
  useEffect(() => {
    if (!dataset.data) return;
    if (value && usable.some((v) => v.id === value)) return;
    const newest = usable[0];
    onChange(newest?.id ?? '', newest ?? null);
  }, [dataset.data]); // only on a newly loaded dataset: `value` and `onChange` change on every pick

  return (
    <>
      <Field label="Dataset">
        <select value={datasetId} onChange={(e) => setDatasetId(e.target.value)} disabled={datasets.isPending} name="dataset">
          {datasets.isPending && <option>Loading…</option>}
          {datasets.data?.items.length === 0 && <option value="">no datasets yet</option>}
          <NamedOptions items={datasets.data?.items} />
        </select>
      </Field>
      <Field label={label} invalid={invalid} hint={statuses.join(' or ')}>
        <select
          value={value}
          onChange={(e) => onChange(e.target.value, usable.find((v) => v.id === e.target.value) ?? null)}
          disabled={!dataset.data}
          name="datasetVersion"
        >
          {usable.length === 0 && <option value="">{dataset.isFetching ? 'Loading…' : 'no usable version'}</option>}
          {usable.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.version} · {v.status} · {v.stats.questions} questions, {v.stats.steps} steps
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
