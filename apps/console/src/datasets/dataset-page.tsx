'use client';
/** One dataset: its versions (live while one builds), and the two ways to add a version. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RequiresRole } from '@/auth/requires-role';
import { trpc } from '@/lib/trpc';
import { PageHead } from '@/ui/page-head';
import { Section } from '@/ui/section';
import { QueryState } from '@/ui/states';
import { Tabs } from '@/ui/tabs';
import { BuildVersionForm } from './build-version-form';
import { UploadVersionForm } from './upload-version-form';
import { VersionsTable } from './versions-table';

export function DatasetPage({ datasetId }: { datasetId: string }) {
  const [tab, setTab] = useState<'build' | 'upload'>('build');
  const dataset = useQuery({
    queryKey: ['datasets.get', datasetId],
    queryFn: () => trpc.datasets.get.query({ id: datasetId }),
    refetchInterval: (q) => (q.state.data?.versions.some((v) => v.status === 'building') ? 1500 : false),
  });
  return (
    <QueryState query={dataset} label="Loading the dataset…">
      {(d) => (
        <>
          <PageHead title={d.name} subtitle={d.description ?? undefined} crumbs={[{ href: '/datasets', label: 'Datasets' }]} />
          <Section title="Versions" aside={<span className="small muted">{d.versionCount} version(s); a building version updates live</span>}>
            <VersionsTable datasetId={d.id} versions={d.versions} />
          </Section>
          <RequiresRole role="researcher" quiet>
            <Section title="New version" stack>
              <Tabs label="How to add a version" value={tab} onChange={setTab} tabs={{ build: 'Build from the synth suite', upload: 'Upload JSONL + images' }} />
              {tab === 'build' ? <BuildVersionForm datasetId={d.id} versions={d.versions} /> : <UploadVersionForm datasetId={d.id} versions={d.versions} />}
            </Section>
          </RequiresRole>
        </>
      )}
    </QueryState>
  );
}
