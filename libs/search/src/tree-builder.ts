/**
 * The search trace: every candidate step ever generated, with its score and fate. Ids are
 * assigned by the strategies in a deterministic order (parent order, then proposal order),
 * never in the order concurrent calls complete.
 */
import type { NodeStatus, Proposal, TreeNode } from './types';

export function copyNode(node: TreeNode): TreeNode {
  return { ...node };
}

export class TreeBuilder {
  private readonly nodes: TreeNode[] = [];

  get size(): number {
    return this.nodes.length;
  }

  /** Append a candidate: terminal steps enter the finished pool, others start live ('kept'). */
  add(parent: number | null, depth: number, proposal: Proposal, chain?: number): TreeNode {
    const node: TreeNode = {
      id: this.nodes.length,
      parent,
      depth,
      text: proposal.text,
      terminal: proposal.terminal,
      score: null,
      status: proposal.terminal ? 'finished' : 'kept',
    };
    if (proposal.answer !== undefined) node.answer = proposal.answer;
    if (chain !== undefined) node.chain = chain;
    this.nodes.push(node);
    return node;
  }

  get(id: number): TreeNode {
    const node = this.nodes[id];
    if (!node) throw new Error(`TreeBuilder: no node ${id}`);
    return node;
  }

  setStatus(id: number, status: NodeStatus): void {
    this.get(id).status = status;
  }

  setScore(id: number, score: number): void {
    this.get(id).score = score;
  }

  /** The nodes from the first step down to `id` (empty for the root, null). */
  path(id: number | null): TreeNode[] {
    const out: TreeNode[] = [];
    for (let at = id; at !== null; at = this.get(at).parent) out.push(this.get(at));
    return out.reverse();
  }

  /** The state after `id`: the step texts from the first step down to it. */
  steps(id: number | null): string[] {
    return this.path(id).map((n) => n.text);
  }

  /** Copies of all nodes in id order, safe to hand out. */
  snapshot(): TreeNode[] {
    return this.nodes.map(copyNode);
  }
}
