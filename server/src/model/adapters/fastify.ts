/**
 * The fastify adapter: fastify syntax → Route facts. OWNED BY the fastify adapter work item; not implemented yet, so it
 * accepts no file and links no route.
 */
import type { FrameworkAdapter } from '../adapter';

export const fastifyAdapter: FrameworkAdapter = {
  id: 'fastify',
  framework: 'fastify',
  mayApply: () => false,
  collect: () => undefined,
  link: () => [],
};
