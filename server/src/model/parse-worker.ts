/**
 * Worker-thread entry: extracts facts for the files it is given and posts each outcome back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extractOne } from './index';
import type { PendingFile } from './workers';

const files = workerData as PendingFile[];
files.forEach((f, index) => {
  const outcome = extractOne(f.file, f.text);
  try {
    parentPort!.postMessage({ index, outcome });
  } catch (e) {
    // Facts that cannot cross the thread boundary skip this one file instead of killing the whole scan.
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    parentPort!.postMessage({ index, outcome: { file: f.file, skipped: `could not be analysed: ${reason}` } });
  }
});
