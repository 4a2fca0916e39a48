/**
 * The express adapter: express syntax → Route facts. OWNED BY the express adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const expressAdapter: FrameworkAdapter = {
  id: 'express',
  framework: 'express',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
