/**
 * The workspace index: discovers files, extracts per-file facts (reusing cached facts for unchanged content),
 * keeps them current as files change, and links them into immutable WorkspaceModel snapshots. The CLI builds one
 * snapshot; the language server keeps an index per workspace folder and snapshots after each change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadinessConfig } from '../config';
import { ALL_COLLECTORS, ADAPTERS } from './collectors';
import { discover, looksMinified, readTextFile, type DiscoveredText } from './discover';
import { extractFile, hashText, needsParse, ParseError } from './extract';
import { createLinkContext, linkRoutes } from './link';
import { ModuleResolver } from './resolver';
import { textFacts } from './text-facts';
import type { FileFacts, Framework, FunctionFacts, ModelProblem, SkippedFile, TextFileFacts, WorkspaceModel } from './types';
import { FactsCache } from './cache';
import { extractInWorkers } from './workers';

export interface IndexOptions {
  /** Reuse facts cached on disk by content hash (default true). */
  cache?: boolean;
  /** Parse in worker threads when there are more files than this (default 400; 0 disables workers). */
  workerThreshold?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Result of extracting one file: facts, or the reason it was skipped. */
export type ExtractOutcome = { file: string; facts: FileFacts } | { file: string; skipped: string };

export function extractOne(file: string, text: string, force = false): ExtractOutcome {
  if (text.includes('\0')) return { file, skipped: 'binary content' };
  if (looksMinified(text)) return { file, skipped: 'minified or generated' };
  try {
    return { file, facts: extractFile(file, text, ALL_COLLECTORS, force) };
  } catch (e) {
    if (e instanceof ParseError) return { file, skipped: e.message };
    return { file, skipped: `could not be analysed: ${(e as Error).message.split('\n')[0]}` };
  }
}

export class WorkspaceIndex {
  private files = new Map<string, FileFacts>();
  private texts = new Map<string, TextFileFacts>();
  private skipped = new Map<string, SkippedFile>();
  private folderSkips: SkippedFile[] = [];
  private git = false;
  private version = 0;
  private resolver?: ModuleResolver;
  private snapshotCache?: WorkspaceModel;

  constructor(
    readonly root: string,
    private config: ReadinessConfig,
    private readonly options: IndexOptions = {},
  ) {}

  setConfig(config: ReadinessConfig): void {
    this.config = config;
    this.invalidate();
  }

  /** Discover and extract every file. Cached facts are reused for unchanged content. */
  async indexAll(): Promise<void> {
    const found = discover(this.root, { include: this.config.include, exclude: this.config.exclude });
    this.git = found.git;
    this.folderSkips = found.skipped.filter((s) => s.file.endsWith('/') || s.reason.startsWith('unreadable'));
    this.files.clear();
    this.skipped.clear();
    for (const s of found.skipped) if (!s.file.endsWith('/')) this.skipped.set(s.file, s);
    const cache = this.options.cache === false ? undefined : FactsCache.open(this.root);
    const pending: { file: string; text: string; hash: string }[] = [];
    let done = 0;
    for (const file of found.sources) {
      const stat = found.stats.get(file);
      const unchanged = cache?.getByStat(file, stat);
      if (unchanged) {
        this.useCached(file, unchanged);
        this.options.onProgress?.(++done, found.sources.length);
        continue;
      }
      let text: string;
      try {
        text = readFileSync(join(this.root, file), 'utf8');
      } catch (e) {
        this.skipped.set(file, { file, reason: `unreadable (${(e as NodeJS.ErrnoException).code})` });
        continue;
      }
      const hash = hashText(text);
      const cached = cache?.get(file, hash);
      if (cached) {
        cache?.set(file, hash, 'facts' in cached ? { file, facts: cached.facts } : { file, skipped: cached.skipped }, stat);
        this.useCached(file, cached);
        this.options.onProgress?.(++done, found.sources.length);
      } else pending.push({ file, text, hash });
    }
    const outcomes = await this.extractPending(pending, (n) => this.options.onProgress?.(done + n, found.sources.length));
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[i];
      cache?.set(outcome.file, pending[i].hash, outcome, found.stats.get(outcome.file));
      if ('facts' in outcome) this.files.set(outcome.file, outcome.facts);
      else this.skipped.set(outcome.file, { file: outcome.file, reason: outcome.skipped });
    }
    this.parseImportClosure(cache);
    cache?.save([...found.sources]);
    this.texts.clear();
    for (const entry of found.texts) this.loadText(entry);
    this.resolver = undefined;
    this.invalidate();
  }

  /**
   * Extract what the cache did not have. Only files that need a parse are worth a worker thread (each worker pays
   * TypeScript's load time); text-only files (secret and suppression scans) stay on this thread.
   */
  private async extractPending(pending: { file: string; text: string }[], onProgress: (n: number) => void): Promise<ExtractOutcome[]> {
    const threshold = this.options.workerThreshold ?? 400;
    const outcomes: ExtractOutcome[] = new Array(pending.length);
    const parseIdx: number[] = [];
    let n = 0;
    pending.forEach((p, i) => {
      if (threshold > 0 && needsParse(p.file, p.text, ALL_COLLECTORS)) parseIdx.push(i);
      else {
        outcomes[i] = extractOne(p.file, p.text);
        onProgress(++n);
      }
    });
    if (parseIdx.length > threshold) {
      const parsed = await extractInWorkers(parseIdx.map((i) => pending[i]), (k) => onProgress(n + k));
      parseIdx.forEach((i, k) => (outcomes[i] = parsed[k]));
    } else {
      for (const i of parseIdx) {
        outcomes[i] = extractOne(pending[i].file, pending[i].text);
        onProgress(++n);
      }
    }
    return outcomes;
  }

  private useCached(file: string, outcome: { facts: FileFacts } | { skipped: string }): void {
    if ('facts' in outcome) this.files.set(file, outcome.facts);
    else this.skipped.set(file, { file, reason: outcome.skipped });
  }

  /**
   * Files the text pre-filter passed over still need an AST when a parsed file imports them (a guard module, a
   * service a handler calls): parse those, and what they import, two levels deep.
   */
  private parseImportClosure(cache: FactsCache | undefined): void {
    const resolver = new ModuleResolver(this.root, this.files.keys());
    let frontier = [...this.files.values()].filter((f) => f.parsed);
    for (let depth = 0; depth < 2 && frontier.length; depth++) {
      const next: FileFacts[] = [];
      for (const facts of frontier) {
        for (const imp of facts.imports) {
          if (imp.typeOnly) continue;
          const target = resolver.resolve(facts.file, imp.spec);
          const current = target ? this.files.get(target) : undefined;
          if (!target || !current || current.parsed) continue;
          const text = readTextFile(this.root, target);
          if (text === undefined) continue;
          const outcome = extractOne(target, text, true);
          cache?.set(target, current.hash, outcome);
          if ('facts' in outcome) {
            this.files.set(target, outcome.facts);
            next.push(outcome.facts);
          } else {
            this.files.delete(target);
            this.skipped.set(target, { file: target, reason: outcome.skipped });
          }
        }
      }
      frontier = next;
    }
  }

  private loadText(entry: DiscoveredText): void {
    const text = readTextFile(this.root, entry.file);
    if (text === undefined) return;
    this.texts.set(entry.file, textFacts(entry, text));
  }

  /**
   * Replace one source file's facts from its current text (an editor buffer or the file on disk). Returns false when
   * the text did not parse; the previous facts are then kept, so a half-typed line does not clear every finding.
   */
  updateSource(file: string, text: string, keepLastGood = false): boolean {
    const prev = this.files.get(file);
    if (prev && prev.hash === hashText(text)) return true;
    // A file that was parsed because another file imports it stays parsed while it is edited.
    const outcome = extractOne(file, text, prev?.parsed === true);
    const isNew = !prev && !this.skipped.has(file);
    if ('facts' in outcome) {
      this.files.set(file, outcome.facts);
      this.skipped.delete(file);
    } else if (keepLastGood && prev) {
      this.invalidate();
      return false;
    } else {
      this.files.delete(file);
      this.skipped.set(file, { file, reason: outcome.skipped });
    }
    if (isNew) this.resolver = undefined;
    this.invalidate();
    return 'facts' in outcome;
  }

  updateText(entry: DiscoveredText): void {
    this.loadText(entry);
    this.invalidate();
  }

  remove(file: string): void {
    const had = this.files.delete(file) || this.texts.delete(file) || this.skipped.delete(file);
    if (had) {
      this.resolver = undefined;
      this.invalidate();
    }
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  private invalidate(): void {
    this.version++;
    this.snapshotCache = undefined;
  }

  /** An immutable snapshot: per-file facts linked into routes. Cached until the next change. */
  snapshot(): WorkspaceModel {
    if (this.snapshotCache) return this.snapshotCache;
    const files: Record<string, FileFacts> = {};
    const functions: Record<string, FunctionFacts> = {};
    for (const [file, facts] of [...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      files[file] = facts;
      for (const fn of facts.functions) functions[fn.id] = fn;
    }
    this.resolver ??= new ModuleResolver(this.root, this.files.keys());
    const problems: ModelProblem[] = [];
    const ctx = createLinkContext(files, functions, this.resolver, this.config);
    const { routes, guards, declaredControls } = linkRoutes(ctx, ADAPTERS, problems);
    // Parsed when each package.json was loaded: a snapshot after every keystroke must not touch the disk.
    const dependencies: Record<string, string> = {};
    for (const t of this.texts.values()) if (t.dependencies) Object.assign(dependencies, t.dependencies);
    const frameworks = [...new Set(routes.map((r) => r.framework))] as Framework[];
    this.snapshotCache = {
      root: this.root,
      version: this.version,
      files,
      textFiles: Object.fromEntries([...this.texts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      dependencies,
      frameworks,
      routes,
      functions,
      guards,
      declaredControls,
      git: this.git,
      skipped: [...this.folderSkips, ...[...this.skipped.values()].sort((a, b) => (a.file < b.file ? -1 : 1))],
      problems,
    };
    return this.snapshotCache;
  }
}

/** One-shot: index a folder and return its snapshot (what the CLI does). */
export async function buildModel(root: string, config: ReadinessConfig, options: IndexOptions = {}): Promise<WorkspaceModel> {
  const index = new WorkspaceIndex(root, config, options);
  await index.indexAll();
  return index.snapshot();
}
