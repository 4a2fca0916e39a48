/**
 * Facts from non-source files: variable names of `.env*` files (never values), package.json dependencies, doc
 * headings and the env-var names docs mention, and secrets in config files and built bundles.
 */
import type { DiscoveredText } from './discover';
import { scanSecrets } from './secrets/scan';
import { LineMap } from './span';
import type { TextFileFacts } from './types';

export function envNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

/** Whether an env file is a template meant to be committed (`.env.example`, `.env.sample`, `.env.template`). */
export function isEnvTemplate(file: string): boolean {
  return /\.env[.\w-]*\.(example|sample|template|dist|defaults?)$|\.env\.(example|sample|template|dist)\b/i.test(file);
}

export function textFacts(entry: DiscoveredText, text: string): TextFileFacts {
  const lines = new LineMap(text);
  const base: TextFileFacts = {
    file: entry.file,
    kind: entry.kind,
    tracked: entry.tracked,
    ignored: entry.ignored,
    secrets: entry.kind === 'doc' ? [] : scanSecrets(text, lines),
    lines: lines.lineCount,
  };
  if (entry.kind === 'env') return { ...base, names: envNames(text) };
  if (entry.kind === 'package-json') return { ...base, dependencies: packageDependencies(text) };
  if (entry.kind === 'doc') {
    const headings = [...text.matchAll(/^#{1,3}\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase());
    const names = [...new Set([...text.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)].map((m) => m[1]))];
    return { ...base, headings, names };
  }
  return base;
}

/** Dependencies + devDependencies of a package.json text; `{}` when it does not parse. */
export function packageDependencies(text: string): Record<string, string> {
  try {
    const pkg = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return { ...(pkg.devDependencies ?? {}), ...(pkg.dependencies ?? {}) };
  } catch {
    return {};
  }
}
