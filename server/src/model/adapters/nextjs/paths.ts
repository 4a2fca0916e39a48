/**
 * Next.js file-system routing: which files are route handlers, pages API routes or the middleware file, the URL
 * path a file serves (normalised to `:param` / `*catchAll` style), and the project root that ties a middleware file
 * to the routes it can run in front of (monorepos hold several Next.js apps).
 */

export type NextFileKind = 'app-route' | 'pages-api' | 'middleware' | 'next-config';

export interface NextFileInfo {
  kind: NextFileKind;
  /** Folder of the Next.js project (`''` for the workspace root, else `apps/web/`): the part before `src/`/`app/`. */
  root: string;
  /** For routes: the normalised URL path. */
  path?: string;
}

const SCRIPT = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

/** Classify a workspace-relative file by its path alone (the adapter's cheap pre-filter relies on this). */
export function nextFileInfo(file: string): NextFileInfo | undefined {
  if (!SCRIPT.test(file) || /(^|\/)node_modules\//.test(file)) return undefined;
  const parts = file.split('/');
  const base = parts[parts.length - 1].replace(SCRIPT, '');
  if ((base === 'middleware' || base === 'proxy') && !/\.(tsx|jsx)$/.test(file)) {
    return { kind: 'middleware', root: projectRoot(parts.slice(0, -1)) };
  }
  if (base === 'next.config') return { kind: 'next-config', root: parts.slice(0, -1).map((p) => p + '/').join('') };
  const appAt = parts.indexOf('app');
  if (base === 'route' && appAt >= 0 && appAt < parts.length - 1) {
    const segments = parts.slice(appAt + 1, -1);
    if (segments.some((s) => s.startsWith('_'))) return undefined; // private folders are not routable
    return { kind: 'app-route', root: projectRoot(parts.slice(0, appAt)), path: toPath(segments) };
  }
  const pagesAt = parts.indexOf('pages');
  if (pagesAt >= 0 && parts[pagesAt + 1] === 'api' && pagesAt + 2 < parts.length) {
    const segments = [...parts.slice(pagesAt + 1, -1), base];
    if (base === 'index') segments.pop();
    return { kind: 'pages-api', root: projectRoot(parts.slice(0, pagesAt)), path: toPath(segments) };
  }
  return undefined;
}

/** `['apps','web','src']` → `apps/web/`: `src/` sits inside the project, beside where `middleware.ts` may live. */
function projectRoot(dirs: string[]): string {
  const d = dirs[dirs.length - 1] === 'src' ? dirs.slice(0, -1) : dirs;
  return d.map((p) => p + '/').join('');
}

/** Folder names → URL path: groups, parallel slots and interception markers vanish; dynamic segments become params. */
export function toPath(segments: string[]): string {
  const out: string[] = [];
  for (const s of segments) {
    if (/^\(.*\)$/.test(s) || s.startsWith('@')) continue; // (group), @slot
    if (/^\(\.{1,3}\)|^\(\.\.\)/.test(s)) continue; // (.)photo, (..)photo, (...)photo
    let m: RegExpExecArray | null;
    if ((m = /^\[\[\.\.\.(.+)\]\]$/.exec(s)) || (m = /^\[\.\.\.(.+)\]$/.exec(s))) out.push('*' + m[1]);
    else if ((m = /^\[(.+)\]$/.exec(s))) out.push(':' + m[1]);
    else out.push(s);
  }
  return '/' + out.join('/');
}

/**
 * A Next.js `matcher` / Clerk `createRouteMatcher` pattern (path-to-regexp syntax: `/api/:path*`, `/(api|trpc)(.*)`,
 * `/((?!_next|favicon.ico).*)`) → a RegExp over URL paths. Returns undefined for patterns it cannot read.
 */
export function matcherRegExp(pattern: string): RegExp | undefined {
  let re = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern.slice(i, i + 2);
      i += 2;
    } else if (c === '(') {
      const close = groupEnd(pattern, i);
      if (close < 0) return undefined;
      re += '(?:' + pattern.slice(i + 1, close) + ')';
      i = close + 1;
      if (i < pattern.length && '*+?'.includes(pattern[i])) re += pattern[i++];
    } else if (c === '/' && pattern[i + 1] === ':') {
      const m = /^:([A-Za-z_]\w*)(\([^)]*\))?([*+?])?/.exec(pattern.slice(i + 1));
      if (!m) return undefined;
      const seg = m[2] ? `(?:${m[2].slice(1, -1)})` : '[^/]+';
      const mod = m[3] ?? '';
      re += mod === '' ? `/${seg}` : mod === '?' ? `(?:/${seg})?` : `(?:/${seg})${mod}`;
      i += 1 + m[0].length;
    } else {
      re += /[.+*?^$|{}[\]]/.test(c) ? '\\' + c : c;
      i++;
    }
  }
  try {
    return new RegExp('^' + re + '/?$');
  } catch {
    return undefined;
  }
}

function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A concrete URL for a route template, to test matchers against: params become a value no matcher names
 * (`/api/tickets/:id` → `/api/tickets/p1`), catch-alls two segments.
 */
export function samplePath(routePath: string): string {
  return routePath
    .split('/')
    .map((s) => (s.startsWith(':') ? 'p1' : s.startsWith('*') ? 'p1/p2' : s))
    .join('/');
}
