'use client';
/** Trace queues: labelled paths become a new dataset version (correct 1, neutral 0.5, incorrect 0). */
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Field, NamedOptions } from '@/ui/field';
import { ErrorNote } from '@/ui/states';

export function ExportLabels({ queueId }: { queueId: string }) {
  const [datasetId, setDatasetId] = useState('');
  const datasets = useQuery({ queryKey: ['datasets.find', { limit: 200 }], queryFn: () => trpc.datasets.find.query({ limit: 200 }) });
  const run = useMutation({ mutationFn: () => trpc.annotations.exportToDataset.mutate({ queueId, datasetId }) });
  return (
    <section className="card stack">
      <h2>Labels into a dataset</h2>
      <p className="small muted">Each labelled path of a trace becomes a record of a new version (step values from the labels), ready for the next training run.</p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <Field label="Dataset">
          <select value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
            <option value="">choose…</option>
            <NamedOptions items={datasets.data?.items} />
          </select>
        </Field>
        <button type="button" className="primary" disabled={!datasetId || run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Exporting…' : 'Export labels'}
        </button>
      </div>
      {run.error && <ErrorNote error={run.error} />}
      {run.data && (
        <div className="note good">
          <Link href={`/datasets/${run.data.version.datasetId}/versions/${run.data.version.id}`}>v{run.data.version.version}</Link> written: {run.data.records} records
          {run.data.skipped.length > 0 && `; ${run.data.skipped.length} items skipped (${run.data.skipped[0]?.reason})`}.
        </div>
      )}
    </section>
  );
}
