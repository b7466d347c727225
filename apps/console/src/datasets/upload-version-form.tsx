'use client';
/**
 * A new version from a JSONL file and its images (REST multipart: files do not fit tRPC's JSON).
 * The API checks the whole file before writing anything and names the line and field of the
 * first problem, which is shown as is.
 */
import type { TDatasetVersion } from '@prmbas/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { restErrorOf } from '@/lib/api-error';
import { apiPath } from '@/lib/api-paths';
import { formatBytes } from '@/lib/format';
import { Field } from '@/ui/field';
import { SubmitRow } from '@/ui/form';
import { ParentVersionField } from './parent-version-field';

async function upload(datasetId: string, form: { file: File; images: File[]; format: string; parentVersionId: string; idPrefix: string }): Promise<TDatasetVersion> {
  const body = new FormData();
  body.append('file', form.file, form.file.name);
  // A folder upload keeps each image's relative path (`images/q1.png`), which records name.
  for (const image of form.images) body.append('images', image, image.webkitRelativePath || image.name);
  body.append('format', form.format);
  if (form.parentVersionId) body.append('parentVersionId', form.parentVersionId);
  if (form.idPrefix.trim()) body.append('idPrefix', form.idPrefix.trim());
  const response = await fetch(apiPath(`/datasets/${datasetId}/versions/import`), { method: 'POST', body, credentials: 'same-origin' });
  if (!response.ok) throw await restErrorOf(response);
  return (await response.json()) as TDatasetVersion;
}

export function UploadVersionForm({ datasetId, versions }: { datasetId: string; versions: TDatasetVersion[] }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [images, setImages] = useState<File[]>([]);
  const [format, setFormat] = useState('prmbas');
  const [parent, setParent] = useState('');
  const [idPrefix, setIdPrefix] = useState('');
  const [inputKey, setInputKey] = useState(0);
  const send = useMutation({
    mutationFn: () => upload(datasetId, { file: file!, images, format, parentVersionId: parent, idPrefix }),
    onSuccess: () => {
      setFile(null);
      setImages([]);
      setInputKey((k) => k + 1);
      void client.invalidateQueries({ queryKey: ['datasets.get', datasetId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) send.mutate();
  };
  const imageBytes = images.reduce((n, f) => n + f.size, 0);
  return (
    <form className="stack" onSubmit={submit} aria-label="Upload JSONL">
      <p className="small muted">
        Our records (<code>prmbas</code>: one solution per line with per-step values, as <code>prmbas build-dataset</code> and the export write them) or TRL
        stepwise-supervision rows. A record&apos;s <code>image</code> may be a relative path naming one of the images below, a data URL, or{' '}
        <code>blob:&lt;sha256&gt;</code> of an image stored here.
      </p>
      <div className="form-grid" key={inputKey}>
        <Field label="JSONL file">
          <input type="file" accept=".jsonl,.json,.ndjson,application/x-ndjson,application/json,text/plain" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} name="datasetFile" />
        </Field>
        <Field label="Images" hint="any number">
          <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" multiple onChange={(e) => setImages([...(e.target.files ?? [])])} name="datasetImages" />
        </Field>
        <Field label="Format">
          <select value={format} onChange={(e) => setFormat(e.target.value)} name="datasetFormat">
            <option value="prmbas">prmbas (our JSONL)</option>
            <option value="trl">TRL stepwise supervision</option>
          </select>
        </Field>
        {format === 'trl' && (
          <Field label="Question id prefix" hint="TRL rows">
            <input value={idPrefix} onChange={(e) => setIdPrefix(e.target.value)} placeholder="trl" />
          </Field>
        )}
        <ParentVersionField versions={versions} value={parent} onChange={setParent} />
      </div>
      {file && (
        <p className="small muted">
          {file.name} ({formatBytes(file.size)}){images.length > 0 && ` + ${images.length} images (${formatBytes(imageBytes)})`}
        </p>
      )}
      <SubmitRow mutation={send} label="Upload version" pendingLabel="Uploading…" errorTitle="The upload was refused (nothing was written)" disabled={!file}>
        {send.isSuccess && (
          <div className="note good">
            Imported as v{send.data.version}: {send.data.stats.questions} questions, {send.data.stats.solutions} solutions, {send.data.stats.steps} steps.
          </div>
        )}
      </SubmitRow>
    </form>
  );
}
