/**
 * A search tree as the console draws it, built either from a stored trace (`traces.get`: final
 * statuses) or live from the serving stream's search events (`depth-started`,
 * `candidates-generated`, `candidates-scored`, `beams-selected`), so the playground and the trace
 * page share one picture. Event shapes: `SearchEvent` of @prmbas/search (see apps/api README,
 * "Streaming").
 */

export type NodeState = 'generated' | 'scored' | 'kept' | 'expanded' | 'pruned' | 'finished';

export interface TreeNodeView {
  id: number;
  parent: number | null;
  depth: number;
  text: string;
  terminal: boolean;
  answer?: string;
  score: number | null;
  state: NodeState;
}

export interface DepthView {
  depth: number;
  /** Beams expanded at this depth (the schedule's b_t). */
  width: number | null;
  parents: number;
  generated: number;
  kept: number;
  pruned: number;
  /** Width the schedule asked for at the next depth. */
  nextWidth: number | null;
  scores: number[];
}

export interface TreeView {
  nodes: Map<number, TreeNodeView>;
  depths: Map<number, DepthView>;
  answerNode: number | null;
}

export type SearchEventView =
  | { type: 'depth-started'; depth: number; parents: Array<number | null>; width: number }
  | { type: 'candidates-generated'; depth: number; nodes: Array<{ id: number; parent: number | null; depth: number; text: string; terminal: boolean; answer?: string; score: number | null }> }
  | { type: 'candidates-scored'; depth: number; scores: Array<{ id: number; score: number }> }
  | { type: 'beams-selected'; depth: number; width: number; kept: number[]; pruned: number[] };

export function emptyTree(): TreeView {
  return { nodes: new Map(), depths: new Map(), answerNode: null };
}

function depthOf(tree: TreeView, depth: number): DepthView {
  const existing = tree.depths.get(depth);
  if (existing) return existing;
  const fresh: DepthView = { depth, width: null, parents: 0, generated: 0, kept: 0, pruned: 0, nextWidth: null, scores: [] };
  tree.depths.set(depth, fresh);
  return fresh;
}

/** Applies one live event (returns a new view: React state must not be mutated in place). */
export function applyEvent(previous: TreeView, event: SearchEventView): TreeView {
  const tree: TreeView = { nodes: new Map(previous.nodes), depths: new Map([...previous.depths].map(([k, v]) => [k, { ...v, scores: [...v.scores] }])), answerNode: previous.answerNode };
  const d = depthOf(tree, event.depth);
  switch (event.type) {
    case 'depth-started':
      d.width = event.width;
      d.parents = event.parents.length;
      for (const id of event.parents) {
        const parent = id === null ? undefined : tree.nodes.get(id);
        if (parent && !parent.terminal) tree.nodes.set(parent.id, { ...parent, state: 'expanded' });
      }
      break;
    case 'candidates-generated':
      d.generated += event.nodes.length;
      for (const n of event.nodes) tree.nodes.set(n.id, { ...n, score: n.score ?? null, state: 'generated' });
      break;
    case 'candidates-scored':
      for (const { id, score } of event.scores) {
        const node = tree.nodes.get(id);
        if (node) tree.nodes.set(id, { ...node, score, state: node.state === 'generated' ? 'scored' : node.state });
        d.scores.push(score);
      }
      break;
    case 'beams-selected':
      d.kept = event.kept.length;
      d.pruned = event.pruned.length;
      d.nextWidth = event.width;
      for (const id of event.kept) {
        const node = tree.nodes.get(id);
        if (node) tree.nodes.set(id, { ...node, state: node.terminal ? 'finished' : 'kept' });
      }
      for (const id of event.pruned) {
        const node = tree.nodes.get(id);
        if (node) tree.nodes.set(id, { ...node, state: 'pruned' });
      }
      break;
  }
  return tree;
}

/** A stored trace's tree (statuses are final there: kept, expanded, pruned, finished). */
export function treeFromTrace(trace: {
  tree: Array<{ id: number; parent: number | null; depth?: number; text: string; terminal?: boolean; answer?: string; score?: number | null; status?: string }>;
  beamWidths: number[];
  answerNode: number | null;
}): TreeView {
  const tree = emptyTree();
  tree.answerNode = trace.answerNode;
  for (const n of trace.tree) {
    const depth = n.depth ?? 0;
    const state: NodeState = n.status === 'kept' || n.status === 'expanded' || n.status === 'pruned' || n.status === 'finished' ? n.status : 'scored';
    tree.nodes.set(n.id, { id: n.id, parent: n.parent, depth, text: n.text, terminal: n.terminal ?? false, answer: n.answer, score: n.score ?? null, state });
    const d = depthOf(tree, depth);
    d.generated += 1;
    if (state === 'pruned') d.pruned += 1;
    else d.kept += 1;
    if (n.score !== null && n.score !== undefined) d.scores.push(n.score);
  }
  trace.beamWidths.forEach((w, i) => {
    depthOf(tree, i).width = w;
  });
  for (const d of tree.depths.values()) d.parents = new Set([...tree.nodes.values()].filter((n) => n.depth === d.depth).map((n) => n.parent)).size;
  return tree;
}

/** The path from the root to `id` (the chosen solution when `id` is the answer node). */
export function pathTo(tree: TreeView, id: number | null): Set<number> {
  const path = new Set<number>();
  let current = id === null ? undefined : tree.nodes.get(id);
  while (current) {
    path.add(current.id);
    current = current.parent === null ? undefined : tree.nodes.get(current.parent);
  }
  return path;
}
