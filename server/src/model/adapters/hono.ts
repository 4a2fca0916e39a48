/**
 * The Hono adapter: `new Hono()` apps and sub-apps (across files), `basePath`, chained registrations,
 * `app.on(...)`, `use` with wildcard paths (guarding later matching routes), route middleware lists and Hono's
 * middleware packages → Route facts. Collection lives in `hono/collect.ts`, cross-file linking in `hono/link.ts`.
 */
import type { FrameworkAdapter } from '../adapter';
import { collectHono, mayApplyHono } from './hono/collect';
import type { HonoFacts } from './hono/facts';
import { linkHono } from './hono/link';

export const honoAdapter: FrameworkAdapter<HonoFacts> = {
  id: 'hono',
  framework: 'hono',
  mayApply: (text) => mayApplyHono(text),
  collect: (ctx) => collectHono(ctx),
  link: (ctx) => linkHono(ctx),
};
