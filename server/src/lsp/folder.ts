/**
 * One workspace folder in the language server: its WorkspaceIndex, its readiness.config.json, the texts of open
 * buffers that the index was last fed, and the latest Analysis (an immutable snapshot, its findings and scorecard,
 * and the exact texts the rules saw, so positions and fixes are computed against what was analysed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE, loadBaseline } from '../baseline';
import { loadConfig, type ReadinessConfig } from '../config';
import { buildScorecard, runRules, validateRuleConfig, type EngineFinding, type EngineResult, type ProbeRowInput, type Scorecard } from '../engine';
import { WorkspaceIndex } from '../model';
import { hashText } from '../model/extract';
import type { WorkspaceModel } from '../model/types';
import { readSourceText } from '../source-text';
import { fileToUri, uriToPath } from './uris';

export interface Analysis {
  model: WorkspaceModel;
  result: EngineResult;
  scorecard: Scorecard;
  /** Text of each file as the rules saw it (spans and fix offsets index into exactly these). */
  texts: Map<string, string | undefined>;
  /** Findings by fingerprint (a rule may, rarely, report two findings with one fingerprint). */
  byFingerprint: Map<string, EngineFinding[]>;
  /** Increases with every analysis of the folder, across re-indexing (the index's own version restarts then). */
  seq: number;
  /** What the analysis was computed with, so an unchanged snapshot can reuse it. */
  config: ReadinessConfig;
  baseline?: ReadonlySet<string>;
  probeRows?: ProbeRowInput[];
}

export class Folder {
  readonly root: string;
  index?: WorkspaceIndex;
  config: ReadinessConfig = {};
  /** One line about readiness.config.json being unusable (the folder then runs with defaults). */
  configProblem?: string;
  /** Fingerprints of accepted findings (from the baseline file), hidden like in `scan`. */
  baseline?: ReadonlySet<string>;
  /** One line when indexing itself failed. */
  indexProblem?: string;
  /** One line when the last analysis (linking or the engine) crashed; the previous analysis stays in place. */
  analysisProblem?: string;
  analysis?: Analysis;
  private analyses = 0;
  /** Open buffers' texts, by folder-relative path, as last given to the index (the last text that parsed). */
  readonly bufferTexts = new Map<string, string>();
  /** Typing debounce from this folder's settings (kept here so scheduling a keystroke stays synchronous). */
  debounceMs = 150;
  /** Checks of the last live probe the user ran for this folder, joined into its scorecard. */
  probeRows?: ProbeRowInput[];

  constructor(
    readonly uri: string,
    readonly name: string,
  ) {
    this.root = uriToPath(uri);
  }

  /** Folder-relative `/` path of a URI inside this folder, or undefined. */
  relative(uri: string): string | undefined {
    // Compare with `/` separators so that Windows paths (from fileURLToPath) work the same way.
    const path = uriToPath(uri).split('\\').join('/');
    const root = this.root.split('\\').join('/');
    const prefix = root.endsWith('/') ? root : root + '/';
    return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  }

  uriOf(file: string): string {
    return fileToUri(join(this.root, file));
  }

  /** Read readiness.config.json; an invalid file leaves the folder on defaults and records why. */
  loadConfig(): void {
    try {
      const config = loadConfig(this.root);
      validateRuleConfig(config);
      this.config = config;
      this.configProblem = undefined;
    } catch (e) {
      this.config = {};
      this.configProblem = (e as Error).message.split('\n')[0];
    }
    this.loadBaseline();
  }

  /** readiness.baseline.json (or the config's `baseline` path): accepted findings the editor does not show either. */
  loadBaseline(): void {
    try {
      this.baseline = loadBaseline(this.root, undefined, this.config.baseline);
    } catch (e) {
      this.baseline = undefined;
      this.configProblem ??= (e as Error).message.split('\n')[0];
    }
  }

  /** Folder-relative path of the baseline file. */
  get baselineFile(): string {
    return (this.config.baseline ?? BASELINE_FILE).split('\\').join('/').replace(/^\.\//, '');
  }

  /** (Re)discover and index every file from disk; open buffers are then re-applied on top. */
  async indexAll(cache: boolean, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.loadConfig();
    const index = new WorkspaceIndex(this.root, this.config, { cache, onProgress });
    try {
      await index.indexAll();
      this.indexProblem = undefined;
    } catch (e) {
      this.indexProblem = `indexing failed: ${(e as Error).message.split('\n')[0]}`;
    }
    this.index = index;
    for (const [file, text] of this.bufferTexts) index.updateSource(file, text, true);
  }

  /**
   * Feed an open buffer's text to the index. When it does not parse, the index keeps the last good facts and we keep
   * the last good text, so that spans and fixes stay consistent with each other.
   */
  updateBuffer(file: string, text: string): void {
    if (!this.index) {
      this.bufferTexts.set(file, text);
      return;
    }
    const parsed = this.index.updateSource(file, text, true);
    if (parsed || !this.bufferTexts.has(file)) this.bufferTexts.set(file, text);
  }

  /** A buffer was closed: the file on disk is the truth again. */
  closeBuffer(file: string): void {
    this.bufferTexts.delete(file);
    this.refreshFromDisk(file);
  }

  /** Re-read a source file from disk into the index (created or changed on disk), or drop it when it is gone. */
  refreshFromDisk(file: string): void {
    if (!this.index || this.bufferTexts.has(file)) return;
    const abs = join(this.root, file);
    if (!existsSync(abs)) {
      this.index.remove(file);
      return;
    }
    try {
      this.index.updateSource(file, readFileSync(abs, 'utf8'));
    } catch {
      this.index.remove(file);
    }
  }

  /** The text analysis uses for a file: the buffer that was last fed to the index wins over the disk. */
  currentText(file: string): string | undefined {
    return this.bufferTexts.get(file) ?? readSourceText(this.root, file);
  }

  /** Snapshot, run every rule, build the scorecard. Synchronous: the engine is pure CPU work. */
  analyse(): Analysis | undefined {
    if (!this.index) return undefined;
    const model = this.index.snapshot();
    // The index hands out the same snapshot until something changed (opening a file whose buffer equals the disk,
    // a watcher event for identical content): the previous analysis is still exact.
    const prev = this.analysis;
    if (prev && prev.model === model && prev.config === this.config && prev.baseline === this.baseline && prev.probeRows === this.probeRows) return prev;
    const texts = new Map<string, string | undefined>();
    const readText = (file: string) => {
      if (!texts.has(file)) texts.set(file, this.currentText(file));
      return texts.get(file);
    };
    const result = runRules(model, this.config, { readText, baseline: this.baseline });
    const byFingerprint = new Map<string, EngineFinding[]>();
    for (const f of result.findings) {
      const list = byFingerprint.get(f.fingerprint) ?? [];
      list.push(f);
      byFingerprint.set(f.fingerprint, list);
    }
    const scorecard = buildScorecard(result, this.probeRows);
    this.analysis = { model, result, scorecard, texts, byFingerprint, seq: ++this.analyses, config: this.config, baseline: this.baseline, probeRows: this.probeRows };
    return this.analysis;
  }

  /** Content version of a file in an analysis: the hash of the text its facts and spans came from. */
  versionIn(analysis: Analysis, file: string): string {
    const facts = analysis.model.files[file];
    if (facts) return facts.hash.slice(0, 16);
    if (!analysis.texts.has(file)) analysis.texts.set(file, this.currentText(file));
    return hashText(analysis.texts.get(file) ?? '').slice(0, 16);
  }

  /** Content version of a file right now (buffer or disk): what a code action request is checked against. */
  versionNow(file: string, liveBuffer?: string): string {
    return hashText(liveBuffer ?? this.currentText(file) ?? '').slice(0, 16);
  }
}
