/**
 * The nestjs adapter: nestjs syntax → Route facts. OWNED BY the nestjs adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const nestjsAdapter: FrameworkAdapter = {
  id: 'nestjs',
  framework: 'nestjs',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
