/**
 * The Next.js adapter: app router route handlers (`route.ts` files under `app/`), pages API routes (under `pages/api/`), the
 * `middleware.ts` file with its matcher and `next.config` basePath → Route facts. Which file is what is decided by its
 * path (see nextjs/paths.ts), so the pre-filter never parses a file that cannot be a Next.js route.
 */
import type { FrameworkAdapter } from '../adapter';
import { collectNext } from './nextjs/collect';
import type { NextFacts } from './nextjs/facts';
import { linkNext } from './nextjs/link';
import { nextFileInfo } from './nextjs/paths';

export const nextjsAdapter: FrameworkAdapter<NextFacts> = {
  id: 'nextjs',
  framework: 'nextjs',
  mayApply: (text, file) => nextFileInfo(file) !== undefined && /\bexport\b|module\.exports/.test(text),
  collect: collectNext,
  link: linkNext,
};
