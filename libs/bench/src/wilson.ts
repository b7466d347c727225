/**
 * Wilson score interval for a binomial proportion: unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0% and 100%, which small benchmark suites hit often.
 */
export function wilsonInterval(successes: number, total: number, z = 1.959964): [number, number] {
  if (!Number.isInteger(successes) || !Number.isInteger(total) || successes < 0 || total < 0 || successes > total) {
    throw new Error(`wilsonInterval: need integers 0 <= successes <= total, got ${successes}/${total}`);
  }
  if (total === 0) return [0, 1];
  const p = successes / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
