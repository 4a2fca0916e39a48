/**
 * The explicit registry of framework adapters and collectors, in a fixed order (adapters first). Adding a collector
 * means adding it here; its facts land in `FileFacts.collected[id]`.
 */
import type { Collector, FrameworkAdapter } from '../adapter';
import { expressAdapter } from '../adapters/express';
import { fastifyAdapter } from '../adapters/fastify';
import { honoAdapter } from '../adapters/hono';
import { koaAdapter } from '../adapters/koa';
import { nestjsAdapter } from '../adapters/nestjs';
import { nextjsAdapter } from '../adapters/nextjs';
import { llmToolsCollector } from './llm-tools';
import { opsCollector } from './ops';

export const ADAPTERS: readonly FrameworkAdapter[] = [
  expressAdapter,
  fastifyAdapter,
  nextjsAdapter,
  nestjsAdapter,
  honoAdapter,
  koaAdapter,
];

/** Rule-specific collectors (facts that are not per-function IR nor routes), keyed by id. */
export const COLLECTORS: readonly Collector[] = [opsCollector, llmToolsCollector];

export const ALL_COLLECTORS: readonly Collector[] = [...ADAPTERS, ...COLLECTORS];
