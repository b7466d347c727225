/**
 * Downloads of a ready or frozen version (REST, streamed by the API): our JSONL with images inline
 * (re-importable anywhere) or as blob references (compact, re-importable here), and TRL's
 * stepwise-supervision format. Plain links: the browser sends the session cookie.
 */
import { apiPath } from '@/lib/api-paths';

export function exportHref(versionId: string, format: 'prmbas' | 'trl', images: 'data-url' | 'ref' = 'data-url'): string {
  return apiPath(`/datasets/versions/${versionId}/export?format=${format}&images=${images}`);
}

export function ExportLinks({ versionId, compact }: { versionId: string; compact?: boolean }) {
  if (compact) {
    return (
      <span className="small nowrap" aria-label="Export">
        export{' '}
        <a href={exportHref(versionId, 'prmbas')} download>
          JSONL
        </a>{' '}
        ·{' '}
        <a href={exportHref(versionId, 'prmbas', 'ref')} download title="images as blob:<sha256> references">
          refs
        </a>{' '}
        ·{' '}
        <a href={exportHref(versionId, 'trl')} download>
          TRL
        </a>
      </span>
    );
  }
  return (
    <span className="row small">
      <a className="button small" href={exportHref(versionId, 'prmbas')} download>
        JSONL
      </a>
      <a className="button small" href={exportHref(versionId, 'prmbas', 'ref')} download title="images as blob:<sha256> references">
        JSONL (image refs)
      </a>
      <a className="button small" href={exportHref(versionId, 'trl')} download>
        TRL
      </a>
    </span>
  );
}
