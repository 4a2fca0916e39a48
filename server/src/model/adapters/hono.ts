/**
 * The hono adapter: hono syntax → Route facts. OWNED BY the hono adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const honoAdapter: FrameworkAdapter = {
  id: 'hono',
  framework: 'hono',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
