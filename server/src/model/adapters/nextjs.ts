/**
 * The nextjs adapter: nextjs syntax → Route facts. OWNED BY the nextjs adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const nextjsAdapter: FrameworkAdapter = {
  id: 'nextjs',
  framework: 'nextjs',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
