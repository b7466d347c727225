/** Pieces the registry list and a version's page both show. */
import type { TModelVersion } from '@prmbas/contracts';
import Link from 'next/link';

export function AliasBadges({ aliases }: { aliases: string[] }) {
  return (
    <>
      {aliases.map((a) => (
        <span key={a} className={`badge ${a === 'production' ? 'good' : 'info'}`}>
          {a}
        </span>
      ))}
    </>
  );
}

/** The dataset version a model was trained on, linked. */
export function DatasetVersionLink({ version }: { version: NonNullable<TModelVersion['lineage']['datasetVersion']> }) {
  return (
    <Link href={`/datasets/${version.datasetId}/versions/${version.id}`}>
      {version.datasetName} v{version.version}
    </Link>
  );
}
