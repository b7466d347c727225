/**
 * Sibling pairs for the rank loss, built on the host (plain arrays) once per batch.
 *
 * Siblings are candidate steps of one state; they share a group id. Within a group every ordered
 * pair (i, j) with v_i > v_j + eps is a pair ("i should score above j"). Weights make every group
 * count equally: a group with n_g pairs gives each pair 1 / (n_g * G), G = number of groups that
 * have at least one pair, so sum(weight * loss) = mean over groups of (mean over that group's pairs).
 */

export interface RankPairs {
  /** Index (into the batch) of the better step of each pair. */
  better: Int32Array;
  /** Index of the worse step. */
  worse: Int32Array;
  /** Per-pair weight; sums to 1 when there is at least one pair. */
  weight: Float32Array;
  /** Group (0..groups-1) of each pair, numbered in order of first appearance. */
  group: Int32Array;
  /** Groups that contributed at least one pair. */
  groups: number;
}

export const DEFAULT_RANK_EPS = 0; // PRM-BAS.md leaves eps open; 0 = any strict difference. Raise it to ignore one-rollout differences (1/M).

/** The empty pair set (no group with two distinct values). */
export function emptyRankPairs(): RankPairs {
  return { better: new Int32Array(0), worse: new Int32Array(0), weight: new Float32Array(0), group: new Int32Array(0), groups: 0 };
}

/**
 * Pairs of one batch. `groupIds[k]` is the state example k is a candidate step of (null or
 * undefined: no siblings); `values[k]` its MC value.
 */
export function buildRankPairs(
  groupIds: ReadonlyArray<string | number | null | undefined>,
  values: ArrayLike<number>,
  eps: number = DEFAULT_RANK_EPS,
): RankPairs {
  if (groupIds.length !== values.length) {
    throw new Error(`buildRankPairs: ${groupIds.length} group ids but ${values.length} values`);
  }
  const members = new Map<string | number, number[]>();
  groupIds.forEach((id, k) => {
    if (id === null || id === undefined) return;
    const list = members.get(id);
    if (list) list.push(k);
    else members.set(id, [k]);
  });
  const better: number[] = [];
  const worse: number[] = [];
  const group: number[] = [];
  const perGroup: number[] = [];
  for (const list of members.values()) {
    let count = 0;
    for (const i of list) {
      for (const j of list) {
        if ((values[i] as number) > (values[j] as number) + eps) {
          better.push(i);
          worse.push(j);
          group.push(perGroup.length);
          count++;
        }
      }
    }
    if (count > 0) perGroup.push(count);
  }
  const groups = perGroup.length;
  const weight = new Float32Array(better.length);
  for (let p = 0; p < better.length; p++) weight[p] = 1 / ((perGroup[group[p] as number] as number) * groups);
  return { better: Int32Array.from(better), worse: Int32Array.from(worse), weight, group: Int32Array.from(group), groups };
}
