'use client';
import { useState } from 'react';
import { ValueLegend } from '@/ui/value-chip';
import { DepthTable } from './depth-table';
import { NodeDetail } from './node-detail';
import type { TreeView } from './tree-model';
import { TreeSvg } from './tree-svg';

/** Tree, per-depth table and the selected node together (playground and trace page). */
export function SearchTreePanel({ tree, answerNode }: { tree: TreeView; answerNode: number | null }) {
  const [selected, setSelected] = useState<number | null>(null);
  const shown = selected ?? answerNode;
  return (
    <div className="stack-lg">
      <DepthTable tree={tree} />
      <div className="row small muted">
        <ValueLegend what="PRM score" />
        <span>· ring: kept · faded: pruned · square: finished · bold path: the answer</span>
      </div>
      <div className="split">
        <TreeSvg tree={tree} selected={shown} onSelect={setSelected} answerNode={answerNode} />
        <div className="card card-tight">
          <NodeDetail tree={tree} id={shown} />
        </div>
      </div>
    </div>
  );
}
