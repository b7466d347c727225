'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { trpc } from '@/lib/trpc';
import { Field } from '@/ui/field';
import { SubmitRow, useSubmit } from '@/ui/form';

/** A dataset is a name for a series of versions; versions are built or uploaded on its page. */
export function CreateDatasetForm() {
  const router = useRouter();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => trpc.datasets.create.mutate({ name, ...(description.trim() ? { description: description.trim() } : {}) }),
    onSuccess: (dataset) => {
      void client.invalidateQueries({ queryKey: ['datasets.find'] });
      router.push(`/datasets/${dataset.id}`);
    },
  });
  const { param, onSubmit } = useSubmit(create);
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Create dataset">
      <div className="form-grid">
        <Field label="Name" invalid={param === 'name'}>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} name="datasetName" placeholder="e.g. synth-train" />
        </Field>
        <Field label="Description" hint="optional">
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} name="datasetDescription" />
        </Field>
      </div>
      <SubmitRow mutation={create} label="Create dataset" pendingLabel="Creating…" errorTitle="Could not create the dataset" />
    </form>
  );
}
