import Fastify from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import authPlugin from './plugins/auth';
import { conversationRoutes } from './routes/conversations';
import { webhookRoutes } from './routes/webhooks';
import { assistantRoutes } from './routes/assistant';

export async function buildApp() {
  const app = Fastify({ logger: { redact: ['req.headers.authorization'] } });
  await app.register(cors, { origin: ['https://inbox.example.com'], credentials: true }); // ok: cors-permissive
  await app.register(rateLimit, { max: 100, timeWindow: '1 minute' });
  await app.register(authPlugin);

  app.get('/health', { config: { public: true } }, async () => ({ ok: true }));
  await app.register(conversationRoutes, { prefix: '/api/conversations' });
  await app.register(assistantRoutes, { prefix: '/api/assistant' });
  await app.register(webhookRoutes, { prefix: '/webhooks' });

  app.setErrorHandler((error, request, reply) => {
    request.log.error(error);
    reply.status(error.statusCode ?? 500).send({ error: error.message, code: error.code }); // expect: error-leak
  });
  return app;
}
