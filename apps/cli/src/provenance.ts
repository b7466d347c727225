import { execFileSync } from 'node:child_process';

/** The commit the code ran at (with `-dirty` when the tree has changes), or null outside git. */
export function gitCommit(cwd = process.cwd()): string | null {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return null;
  }
}
