/**
 * PRMs loaded from model versions, keyed by version id (never by alias: an alias resolves to a
 * version id at every request, so a move takes effect on the next request and both versions can
 * be live at once while old requests finish). Loading runs once per version however many requests
 * ask together. A loaded model holds tfjs weights that are not garbage-collected, so entries are
 * leased: the least recently used entries beyond `capacity` are disposed, but only once no search
 * holds them any more.
 */
import type { ScorerSetup } from '@prmbas/prm';

export interface PrmLease {
  readonly setup: ScorerSetup;
  /** Give the PRM back; call exactly once, when the search that used it is over. */
  release(): void;
}

interface Entry {
  loading: Promise<ScorerSetup>;
  setup: ScorerSetup | null;
  leases: number;
  lastUsed: number;
  evicted: boolean;
}

export class LoadedPrmCache {
  private readonly entries = new Map<string, Entry>();
  private tick = 0;

  constructor(
    private readonly load: (versionId: string) => Promise<ScorerSetup>,
    private readonly capacity = 4,
  ) {}

  async acquire(versionId: string): Promise<PrmLease> {
    let entry = this.entries.get(versionId);
    if (!entry) {
      const created: Entry = { loading: this.load(versionId), setup: null, leases: 0, lastUsed: 0, evicted: false };
      entry = created;
      this.entries.set(versionId, created);
      created.loading.then(
        (setup) => {
          created.setup = setup;
          this.evictBeyondCapacity();
        },
        () => {
          // A failed load is forgotten, so the next request tries again (e.g. after a plugin fix).
          if (this.entries.get(versionId) === created) this.entries.delete(versionId);
        },
      );
    }
    const current = entry;
    current.leases += 1;
    current.lastUsed = ++this.tick;
    let setup: ScorerSetup;
    try {
      setup = await current.loading;
    } catch (error) {
      current.leases -= 1;
      throw error;
    }
    let released = false;
    return {
      setup,
      release: () => {
        if (released) return;
        released = true;
        current.leases -= 1;
        if (current.evicted && current.leases === 0) current.setup?.dispose();
        else this.evictBeyondCapacity();
      },
    };
  }

  /** Version ids loaded (or loading) now. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Dispose everything (shutdown: no search runs any more). */
  clear(): void {
    for (const entry of this.entries.values()) {
      entry.evicted = true;
      entry.setup?.dispose();
    }
    this.entries.clear();
  }

  private evictBeyondCapacity(): void {
    if (this.entries.size <= this.capacity) return;
    const idle = [...this.entries].filter(([, e]) => e.setup !== null && e.leases === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key, entry] of idle) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(key);
      entry.evicted = true;
      entry.setup?.dispose();
    }
  }
}
