import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs } from './node-process';

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/decorated.fixture.ts');

function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(dir, f));
}

/** The `sources` of a compiled file's inline source map. */
function sourcesOf(code: string): string[] {
  const match = /sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)/.exec(code);
  if (!match) return [];
  return (JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')) as { sources: string[] }).sources;
}

describe('tools/swc-register.js', () => {
  it('compiles decorated classes with design:paramtypes metadata, workspace libs included', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'prmbas-swc-'));
    const { code, stdout, stderr } = await runTs(FIXTURE, { PRMBAS_SWC_CACHE_DIR: cache }).exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { paramTypes: string[]; workspaceLib: string; error: string };
    expect(result.paramTypes).toEqual(['Clock', 'Store', 'Number']);
    expect(result.workspaceLib).toBe('function');
    // Inline source maps: stack frames point at the TypeScript source.
    expect(result.error).toMatch(/decorated\.fixture\.ts:2[0-9]:/);
    // The workspace library's sources went through the same hook and cache.
    const compiled = cacheFiles(cache).flatMap((f) => sourcesOf(readFileSync(f, 'utf8')));
    expect(compiled).toContain(FIXTURE);
    expect(compiled.some((f) => f.endsWith('libs/search/src/run-search.ts'))).toBe(true);
  });

  it('reuses its on-disk cache, keyed by content', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'prmbas-swc-'));
    const dir = mkdtempSync(path.join(tmpdir(), 'prmbas-swc-src-'));
    const script = path.join(dir, 'answer.ts');
    writeFileSync(script, 'const answer: number = 41;\nprocess.stdout.write(String(answer));\n');
    expect((await runTs(script, { PRMBAS_SWC_CACHE_DIR: cache }).exited).stdout).toBe('41');
    const [entry] = cacheFiles(cache);
    expect(cacheFiles(cache)).toHaveLength(1);

    // A cache hit runs the cached output, not a fresh compile.
    writeFileSync(entry!, `${readFileSync(entry!, 'utf8')}\nprocess.stdout.write(' (cached)');\n`);
    expect((await runTs(script, { PRMBAS_SWC_CACHE_DIR: cache }).exited).stdout).toBe('41 (cached)');

    // Changed source, new key: compiled again.
    writeFileSync(script, 'const answer: number = 42;\nprocess.stdout.write(String(answer));\n');
    expect((await runTs(script, { PRMBAS_SWC_CACHE_DIR: cache }).exited).stdout).toBe('42');
    expect(cacheFiles(cache)).toHaveLength(2);

    // PRMBAS_SWC_CACHE=0 compiles every time.
    writeFileSync(script, 'process.stdout.write("fresh");\n');
    expect((await runTs(script, { PRMBAS_SWC_CACHE_DIR: cache, PRMBAS_SWC_CACHE: '0' }).exited).stdout).toBe('fresh');
    expect(cacheFiles(cache)).toHaveLength(2);
  });
});
