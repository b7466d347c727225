/**
 * Progress events, emitted as the search advances so a server can stream the tree growing.
 * Plain, JSON-serialisable data: nodes are copies, never the search's own objects.
 */
import type { SearchResult, TreeNode } from './types';

export type SearchEvent =
  | {
      type: 'depth-started';
      depth: number;
      /** The states expanded at this depth: node ids, null for the question itself (depth 0). */
      parents: Array<number | null>;
      /** Beams at this depth as recorded in `beamWidths`. */
      width: number;
    }
  | {
      type: 'candidates-generated';
      depth: number;
      /** New nodes, unscored, in id order. */
      nodes: TreeNode[];
    }
  | {
      type: 'candidates-scored';
      depth: number;
      scores: Array<{ id: number; score: number }>;
    }
  | {
      type: 'beams-selected';
      /** Depth of the candidates selected among; the kept ones are expanded at depth + 1. */
      depth: number;
      /** Width the schedule asked for (b_{depth+1}); `kept` may be shorter when fewer beams are live. */
      width: number;
      kept: number[];
      pruned: number[];
    }
  | { type: 'finished'; result: SearchResult };

export type SearchEventListener = (event: SearchEvent) => void;
