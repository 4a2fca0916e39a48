/**
 * On-disk cache of per-file facts keyed by path + content hash, so that a warm scan re-extracts only what changed.
 * Stored outside the workspace (XDG cache folder, or READINESS_CACHE_DIR), one v8-serialised file per workspace
 * root, invalidated as a whole when the facts format or the analyser build changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { FACTS_VERSION } from './extract';
import type { ExtractOutcome } from './index';
import type { FileFacts } from './types';

type Outcome = { facts: FileFacts } | { skipped: string };

interface Entry {
  hash: string;
  /** Size and mtime when the entry was written: equal values let a warm scan skip reading the file at all. */
  size?: number;
  mtimeMs?: number;
  outcome: Outcome;
}

function buildStamp(): string {
  try {
    const s = statSync(__filename);
    return `${FACTS_VERSION}-${s.size}-${Math.floor(s.mtimeMs)}`;
  } catch {
    return String(FACTS_VERSION);
  }
}

export function cacheDir(): string {
  return process.env.READINESS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'launch-readiness');
}

export class FactsCache {
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly stamp: string,
    private entries: Map<string, Entry>,
  ) {}

  static open(root: string): FactsCache {
    const stamp = buildStamp();
    const path = join(cacheDir(), createHash('sha1').update(root).digest('hex').slice(0, 16) + '.bin');
    let entries = new Map<string, Entry>();
    try {
      const data = deserialize(readFileSync(path)) as { stamp: string; entries: [string, Entry][] };
      if (data.stamp === stamp) entries = new Map(data.entries);
    } catch {
      /* no cache yet, or an unreadable one: start empty */
    }
    return new FactsCache(path, stamp, entries);
  }

  get(file: string, hash: string): Outcome | undefined {
    const e = this.entries.get(file);
    return e && e.hash === hash ? e.outcome : undefined;
  }

  /** The cached outcome when the file's size and mtime are unchanged since it was cached (no read needed). */
  getByStat(file: string, stat: { size: number; mtimeMs: number } | undefined): Outcome | undefined {
    const e = this.entries.get(file);
    return e && stat && e.size === stat.size && e.mtimeMs === stat.mtimeMs ? e.outcome : undefined;
  }

  set(file: string, hash: string, outcome: ExtractOutcome, stat?: { size: number; mtimeMs: number }): void {
    const previous = this.entries.get(file);
    // A file re-extracted with the same content (forced parse of an import target) keeps its stat stamp.
    const stamp = stat ?? (previous?.hash === hash ? { size: previous.size, mtimeMs: previous.mtimeMs } : {});
    this.entries.set(file, { hash, ...stamp, outcome: 'facts' in outcome ? { facts: outcome.facts } : { skipped: outcome.skipped } });
    this.dirty = true;
  }

  /** Write the cache, keeping only files that still exist. Failures are ignored: the cache is an optimisation. */
  save(liveFiles: string[]): void {
    const live = new Set(liveFiles);
    for (const f of this.entries.keys()) if (!live.has(f)) {
      this.entries.delete(f);
      this.dirty = true;
    }
    if (!this.dirty) return;
    try {
      mkdirSync(cacheDir(), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize({ stamp: this.stamp, entries: [...this.entries] }));
      renameSync(tmp, this.path);
      this.dirty = false;
    } catch {
      /* read-only cache folder: scans still work, just not warm */
    }
  }
}
