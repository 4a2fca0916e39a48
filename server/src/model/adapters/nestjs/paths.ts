/**
 * NestJS app scoping and route paths. A workspace can hold several Nest apps (monorepos): each file that calls
 * `NestFactory.create` roots an app at its folder, and a controller gets the global prefix, versioning, global guards
 * and pipes of its own app (plus those of shared files outside every app root).
 */
import { posix } from 'node:path';
import type { ExprRef, Location } from '../../types';
import type { NestController, NestFacts, NestPrefix, NestRouteFact } from './facts';
import type { NestUses } from './middleware';

export interface AppGlobals extends NestUses {
  /** RouterModule prefix per controller name (through the module that declares the controller). */
  routerPrefix: Map<string, { path: string; location: Location }>;
  prefix?: { prefix: NestPrefix; file: string };
  versioning?: NestFacts['versioning'];
  guards: { file: string; ref: ExprRef }[];
  pipes: { file: string; ref: ExprRef }[];
}

function appRoots(all: [string, NestFacts][]): string[] {
  return all.filter(([, f]) => f.bootstrap).map(([file]) => dirOf(file));
}

function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '.' ? '' : d + '/';
}

/** The app root a file belongs to: the longest root that contains it, or undefined for shared code. */
function appOf(roots: string[], file: string): string | undefined {
  return roots.filter((r) => file.startsWith(r)).sort((a, b) => b.length - a.length)[0];
}

/** Which app a controller file belongs to (`''`-rooted single app, or shared code outside every root). */
export function appKey(all: [string, NestFacts][], file: string): string {
  return appOf(appRoots(all), file) ?? '\0shared';
}

export function appGlobals(all: [string, NestFacts][], controllerFile: string): AppGlobals {
  const roots = appRoots(all);
  const app = appOf(roots, controllerFile);
  const out: AppGlobals = { guards: [], pipes: [], appUses: [], consumers: [], routerPrefix: new Map() };
  const moduleControllers = new Map<string, string[]>();
  for (const [file, f] of all) {
    const own = appOf(roots, file);
    if (own !== undefined && own !== app) continue;
    if (f.prefix) out.prefix = { prefix: f.prefix, file };
    if (f.versioning) out.versioning = f.versioning;
    out.guards.push(...f.globalGuards.map((ref) => ({ file, ref })));
    out.pipes.push(...f.globalPipes.map((ref) => ({ file, ref })));
    out.appUses.push(...(f.appUses ?? []).map((ref) => ({ file, ref })));
    out.consumers.push(...(f.consumers ?? []).map((consumer) => ({ file, consumer })));
    for (const m of f.modules ?? []) moduleControllers.set(m.name, m.controllers);
  }
  for (const [file, f] of all) {
    if (appOf(roots, file) !== undefined && appOf(roots, file) !== app) continue;
    for (const rp of f.routerPaths ?? []) {
      for (const c of moduleControllers.get(rp.module) ?? []) out.routerPrefix.set(c, { path: rp.path, location: { file, span: rp.span } });
    }
  }
  return out;
}

/** Join path parts the way Nest does: one slash between parts, leading slash, no trailing slash. */
export function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((s) => s !== '')
    .join('/');
  return '/' + joined;
}

function excluded(prefix: NestPrefix, method: string, path: string): boolean {
  const p = path.replace(/^\//, '');
  return prefix.exclude.some((e) => {
    if (e.method && e.method !== method) return false;
    const x = e.path.replace(/^\/|\/$/g, '');
    const wild = /(\(\.\*\)|\*|\{\*\w*\})$/.exec(x);
    return wild ? p.startsWith(x.slice(0, wild.index).replace(/\/$/, '')) : p === x;
  });
}

/** Every full path of a route (controller paths × method paths), with where the prefix and version came from. */
export interface RoutePath {
  path: string;
  /** The path without global prefix and version: what `forRoutes()` selectors match. */
  local: string;
  via: { message: string; location: Location }[];
}

export function routePaths(c: NestController, r: NestRouteFact, g: AppGlobals): RoutePath[] {
  const out: RoutePath[] = [];
  const methodVersion = r.decorators.find((d) => d.name === 'Version')?.values;
  const versions = g.versioning?.uri ? (methodVersion ?? c.versions ?? g.versioning.defaultVersion) : undefined;
  const router = g.routerPrefix.get(c.name);
  for (const cp of c.paths) {
    for (const mp of r.paths) {
      const local = joinPath(router?.path ?? '', cp, mp);
      for (const version of versions?.length ? versions : [undefined]) {
        const via: { message: string; location: Location }[] = [];
        const v = version && !/VERSION_NEUTRAL/.test(version) ? `${g.versioning!.prefix}${version}` : '';
        let prefix = '';
        if (g.prefix && !excluded(g.prefix.prefix, r.method, local)) {
          prefix = g.prefix.prefix.value;
          via.push({ message: `global prefix "${prefix}"`, location: { file: g.prefix.file, span: g.prefix.prefix.span } });
        }
        if (router) via.push({ message: `RouterModule path "${router.path}"`, location: router.location });
        out.push({ path: joinPath(prefix, v, local), local, via });
      }
    }
  }
  return out;
}
