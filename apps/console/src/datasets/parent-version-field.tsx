/** The version a new one descends from (lineage only), shared by the build and upload forms. */
import type { TDatasetVersion } from '@prmbas/contracts';
import { Field } from '@/ui/field';

export function ParentVersionField({ versions, value, onChange }: { versions: TDatasetVersion[]; value: string; onChange: (versionId: string) => void }) {
  return (
    <Field label="Parent version" hint="lineage, optional">
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">none</option>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.version} ({v.status})
          </option>
        ))}
      </select>
    </Field>
  );
}
