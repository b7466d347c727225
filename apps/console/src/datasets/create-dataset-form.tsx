'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { errorInfo } from '@/lib/api-error';
import { trpc } from '@/lib/trpc';
import { Field } from '@/ui/field';
import { ErrorNote } from '@/ui/states';

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
  const param = create.error ? errorInfo(create.error).param : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Create dataset">
      <div className="form-grid">
        <Field label="Name" invalid={param === 'name'}>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} name="datasetName" placeholder="e.g. synth-train" />
        </Field>
        <Field label="Description" hint="optional">
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} name="datasetDescription" />
        </Field>
      </div>
      {create.error && <ErrorNote error={create.error} title="Could not create the dataset" />}
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create dataset'}
        </button>
      </div>
    </form>
  );
}
