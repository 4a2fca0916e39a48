/**
 * Scan a fixture (string, file map or folder) in-process, with the cache off, and return model + findings.
 */
import { scanWorkspace, type ScanResult } from '../../server/src/scan';
import type { ReadinessConfig } from '../../server/src/config';
import { writeFixture } from './fixture';

export async function scanFixture(fixture: string | Record<string, string>, config: ReadinessConfig = {}): Promise<ScanResult & { root: string }> {
  const root = writeFixture(fixture);
  const result = await scanWorkspace(root, { cache: false, config, workerThreshold: 0 });
  return { ...result, root };
}

export async function scanFolder(root: string, config?: ReadinessConfig): Promise<ScanResult> {
  return scanWorkspace(root, { cache: false, config, workerThreshold: 0 });
}
