/**
 * One headless scan: config → model → rules → scorecard. Shared by the CLI, the bench and the tests.
 */
import { loadConfig, type ReadinessConfig } from './config';
import { buildScorecard, runRules, validateRuleConfig, type EngineResult, type Scorecard } from './engine';
import { scanHistory, type HistoryOptions } from './history';
import { buildModel, type IndexOptions } from './model';
import type { WorkspaceModel } from './model/types';

export interface ScanOptions extends IndexOptions {
  configFile?: string;
  /** Use this config instead of reading one. */
  config?: ReadinessConfig;
  baseline?: ReadonlySet<string>;
  /** Also walk git history for secrets (`--history`); off by default because long histories take seconds. */
  history?: HistoryOptions;
}

export interface ScanResult {
  model: WorkspaceModel;
  config: ReadinessConfig;
  result: EngineResult;
  scorecard: Scorecard;
  durationMs: number;
}

export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const config = options.config ?? loadConfig(root, options.configFile);
  validateRuleConfig(config, options.configFile);
  const built = await buildModel(root, config, options);
  const model = options.history ? { ...built, history: await scanHistory(root, options.history) } : built;
  const result = runRules(model, config, { baseline: options.baseline });
  const scorecard = buildScorecard(result);
  return { model, config, result, scorecard, durationMs: Math.round(performance.now() - started) };
}
