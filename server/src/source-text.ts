/**
 * Reading a workspace file's text for rules and fixes (spans index into exactly this text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readSourceText(root: string, file: string): string | undefined {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}
