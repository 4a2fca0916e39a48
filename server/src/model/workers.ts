/**
 * Parallel extraction on worker threads for large trees: the files are split across the machine's cores, each
 * worker parses its share and sends plain facts back. Falls back to the calling thread when the worker bundle is
 * not next to this one (e.g. when running from TypeScript sources).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractOutcome } from './index';

export interface PendingFile {
  file: string;
  text: string;
}

export async function extractInWorkers(pending: PendingFile[], onProgress?: (done: number) => void): Promise<ExtractOutcome[]> {
  const script = join(__dirname, 'parse-worker.js');
  const count = Math.max(1, Math.min(availableParallelism(), 8, Math.ceil(pending.length / 200)));
  if (!existsSync(script) || count < 2) {
    const { extractOne } = await import('./index');
    return pending.map((p, i) => {
      const o = extractOne(p.file, p.text);
      onProgress?.(i + 1);
      return o;
    });
  }
  const results: ExtractOutcome[] = new Array(pending.length);
  let done = 0;
  const shares: number[][] = Array.from({ length: count }, () => []);
  pending.forEach((_, i) => shares[i % count].push(i));
  await Promise.all(
    shares.map(
      (indices) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script, { workerData: indices.map((i) => pending[i]) });
          worker.on('message', (msg: { index: number; outcome: ExtractOutcome }) => {
            results[indices[msg.index]] = msg.outcome;
            onProgress?.(++done);
          });
          // A worker's uncaught value may not be an Error (a DOMException arrives as {}): name the failure.
          worker.once('error', (e) => reject(e instanceof Error && e.message ? e : new Error(`parse worker failed: ${String(e)}`)));
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parse worker exited with ${code}`))));
        }),
    ),
  );
  return results;
}
