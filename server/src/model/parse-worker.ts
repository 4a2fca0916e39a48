/**
 * Worker-thread entry: extracts facts for the files it is given and posts each outcome back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extractOne } from './index';
import type { PendingFile } from './workers';

const files = workerData as PendingFile[];
files.forEach((f, index) => parentPort!.postMessage({ index, outcome: extractOne(f.file, f.text) }));
