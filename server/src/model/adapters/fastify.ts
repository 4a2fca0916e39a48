/**
 * The Fastify adapter: instances, plugins (encapsulated or `fastify-plugin` wrapped, across files), prefixes,
 * instance and route hooks, `@fastify/jwt` decorators, `@fastify/rate-limit` and route schemas → Route facts.
 * Collection (one AST walk per file) lives in `fastify/collect.ts`, cross-file linking in `fastify/link.ts`.
 */
import type { FrameworkAdapter } from '../adapter';
import { collectFastify, mayApplyFastify } from './fastify/collect';
import type { FastifyFacts } from './fastify/facts';
import { linkFastify } from './fastify/link';

export const fastifyAdapter: FrameworkAdapter<FastifyFacts> = {
  id: 'fastify',
  framework: 'fastify',
  mayApply: (text) => mayApplyFastify(text),
  collect: (ctx) => collectFastify(ctx),
  link: (ctx) => linkFastify(ctx),
};
