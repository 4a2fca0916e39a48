/**
 * The koa adapter: koa syntax → Route facts. OWNED BY the koa adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const koaAdapter: FrameworkAdapter = {
  id: 'koa',
  framework: 'koa',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
