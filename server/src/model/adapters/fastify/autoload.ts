/**
 * @fastify/autoload: the plugins a `register(autoload, { dir })` call loads. Every file under `dir` whose default
 * export is a plugin is registered; sub-folders become route prefixes (`routes/users/index.ts` → `/users`, a
 * `_id` folder → `/:id`), which is autoload's default behaviour unless `dirNameRoutePrefix: false`.
 */
import { posix } from 'node:path';
import type { LinkContext } from '../../adapter';
import type { FastifyRegisterOp } from './facts';
import { defaultPlugin, type ScopeEntry } from './plugins';
import { joinPath } from './syntax';

export interface Autoloaded {
  key: string;
  encapsulated: boolean;
  prefix: string;
  file: string;
}

export function autoloaded(ctx: LinkContext, scopes: Map<string, ScopeEntry>, file: string, op: FastifyRegisterOp): Autoloaded[] {
  const parts = op.dirParts?.filter((p) => p && !p.startsWith('/') && !/^file:/.test(p));
  if (!parts?.length) return [];
  const base = posix.join(posix.dirname(file), ...parts).replace(/\/$/, '');
  const out: Autoloaded[] = [];
  for (const f of Object.keys(ctx.files).sort()) {
    if (!f.startsWith(base + '/') || ctx.files[f].collected.fastify === undefined) continue;
    const target = defaultPlugin(ctx, scopes, f);
    if (target?.kind !== 'scope') continue;
    const rel = posix.dirname(f.slice(base.length + 1));
    const dirs = rel === '.' || op.options?.dirNameRoutePrefix === 'false' ? [] : rel.split('/').map((seg) => (seg.startsWith('_') ? ':' + seg.slice(1) : seg));
    out.push({ key: target.key, encapsulated: target.encapsulated, prefix: joinPath(op.prefix ?? '', dirs.join('/')), file: f });
  }
  return out;
}
