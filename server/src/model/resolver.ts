/**
 * Module resolution inside the workspace: relative specifiers (with or without extension, `.js` written for a `.ts`
 * file, `index` files) and tsconfig/jsconfig `baseUrl` + `paths` (nearest config up from the importing file,
 * following `extends` within the workspace), and monorepo packages (`@acme/shared` → the workspace folder whose
 * package.json has that name, through its main/module/exports or src/index). Other bare names are libraries.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseJsonc } from './jsonc';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

interface PathsConfig {
  /** Workspace-relative folder the paths are relative to. */
  baseDir: string;
  paths: [pattern: string, targets: string[]][];
  hasBaseUrl: boolean;
}

export class ModuleResolver {
  private readonly files: Set<string>;
  private readonly configCache = new Map<string, PathsConfig | null>();
  private readonly memo = new Map<string, string | undefined>();
  private packages?: Map<string, { dir: string; entries: string[] }>;

  constructor(
    private readonly root: string,
    files: Iterable<string>,
  ) {
    this.files = new Set(files);
  }

  resolve(fromFile: string, spec: string): string | undefined {
    const key = `${posix.dirname(fromFile)}\0${spec}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const result = this.resolveUncached(fromFile, spec);
    this.memo.set(key, result);
    return result;
  }

  private resolveUncached(fromFile: string, spec: string): string | undefined {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const base = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(fromFile), spec);
      return this.probe(posix.normalize(base));
    }
    const config = this.pathsConfigFor(posix.dirname(fromFile));
    if (!config) return this.workspacePackage(spec);
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      let matched: string | undefined;
      if (star < 0) matched = pattern === spec ? '' : undefined;
      else {
        const pre = pattern.slice(0, star);
        const post = pattern.slice(star + 1);
        if (spec.startsWith(pre) && spec.endsWith(post) && spec.length >= pre.length + post.length) {
          matched = spec.slice(pre.length, spec.length - post.length);
        }
      }
      if (matched === undefined) continue;
      for (const target of targets) {
        const hit = this.probe(posix.normalize(posix.join(config.baseDir, target.replace('*', matched))));
        if (hit) return hit;
      }
    }
    if (config.hasBaseUrl) {
      const hit = this.probe(posix.normalize(posix.join(config.baseDir, spec)));
      if (hit) return hit;
    }
    return this.workspacePackage(spec);
  }

  /** `@acme/shared` or `@acme/shared/sub` → a file of the workspace package of that name, if there is one. */
  private workspacePackage(spec: string): string | undefined {
    const parts = spec.split('/');
    const nameLength = spec.startsWith('@') ? 2 : 1;
    const pkg = this.packageMap().get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return undefined;
    const sub = parts.slice(nameLength).join('/');
    const candidates = sub ? [sub, posix.join('src', sub)] : [...pkg.entries, 'src/index', 'index'];
    for (const c of candidates) {
      const hit = this.probe(posix.normalize(posix.join(pkg.dir, c)));
      if (hit) return hit;
    }
    return undefined;
  }

  /** Package name → folder and entry points, for every package.json above a workspace source file (read once). */
  private packageMap(): Map<string, { dir: string; entries: string[] }> {
    if (this.packages) return this.packages;
    const map = new Map<string, { dir: string; entries: string[] }>();
    const dirs = new Set<string>();
    for (const f of this.files) {
      for (let d = posix.dirname(f); d !== '.' && d !== '' && !dirs.has(d); d = posix.dirname(d)) dirs.add(d);
    }
    for (const dir of dirs) {
      if (dir.includes('node_modules')) continue;
      let parsed: { name?: string; main?: string; module?: string; types?: string; source?: string; exports?: unknown } | undefined;
      try {
        parsed = parseJsonc(readFileSync(join(this.root, dir, 'package.json'), 'utf8')) as typeof parsed;
      } catch {
        continue;
      }
      if (!parsed?.name || map.has(parsed.name)) continue;
      const dot = typeof parsed.exports === 'string' ? parsed.exports : (parsed.exports as Record<string, unknown> | undefined)?.['.'];
      const entries = [parsed.source, typeof dot === 'string' ? dot : undefined, parsed.types, parsed.module, parsed.main]
        .filter((e): e is string => typeof e === 'string')
        .map((e) => e.replace(/\.d\.ts$/, ''));
      map.set(parsed.name, { dir, entries });
    }
    this.packages = map;
    return map;
  }

  private probe(base: string): string | undefined {
    const clean = base.replace(/^\.\//, '');
    if (this.files.has(clean)) return clean;
    const withoutJs = clean.replace(/\.(m|c)?jsx?$/, '');
    for (const stem of withoutJs !== clean ? [withoutJs, clean] : [clean]) {
      for (const ext of EXTENSIONS) if (this.files.has(stem + ext)) return stem + ext;
    }
    for (const ext of EXTENSIONS) if (this.files.has(posix.join(clean, 'index' + ext))) return posix.join(clean, 'index' + ext);
    return undefined;
  }

  /** The nearest tsconfig.json/jsconfig.json with `paths` or `baseUrl`, searching up from a folder. */
  private pathsConfigFor(dir: string): PathsConfig | undefined {
    const chain: string[] = [];
    let d = dir === '.' ? '' : dir;
    for (;;) {
      chain.push(d);
      if (this.configCache.has(d)) break;
      if (!d) break;
      const up = posix.dirname(d);
      d = up === '.' ? '' : up;
    }
    let found: PathsConfig | null = null;
    for (let i = chain.length - 1; i >= 0; i--) {
      const folder = chain[i];
      if (!this.configCache.has(folder)) this.configCache.set(folder, this.readConfig(folder) ?? found);
      found = this.configCache.get(folder) ?? null;
    }
    return this.configCache.get(chain[0]) ?? undefined;
  }

  private readConfig(folder: string, depth = 0): PathsConfig | undefined {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const rel = folder ? posix.join(folder, name) : name;
      let text: string;
      try {
        text = readFileSync(join(this.root, rel), 'utf8');
      } catch {
        continue;
      }
      const parsed = parseJsonc(text) as
        | { extends?: string; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }
        | undefined;
      const options = parsed?.compilerOptions ?? {};
      if (!options.paths && options.baseUrl === undefined && parsed?.extends && depth < 3 && parsed.extends.startsWith('.')) {
        const parent = posix.normalize(posix.join(folder, parsed.extends));
        const parentFolder = posix.dirname(parent.endsWith('.json') ? parent : parent + '.json');
        return this.readConfig(parentFolder === '.' ? '' : parentFolder, depth + 1);
      }
      if (!options.paths && options.baseUrl === undefined) return undefined;
      const baseDir = posix.normalize(posix.join(folder, options.baseUrl ?? '.')).replace(/^\.$/, '');
      return {
        baseDir,
        paths: Object.entries(options.paths ?? {}),
        hasBaseUrl: options.baseUrl !== undefined,
      };
    }
    return undefined;
  }
}
