/**
 * file:// URIs ↔ absolute paths. The server only analyses `file:` documents; other schemes (untitled, git) are ignored.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return fileURLToPath(uri).replace(/[\\/]+$/, '') || '/';
}

export function fileToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function isFileUri(uri: string): boolean {
  return uri.startsWith('file:');
}
