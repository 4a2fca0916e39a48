import Fastify from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import authPlugin from './plugins/auth.js';
import ticketRoutes from './routes/tickets.js';
import assistRoutes from './routes/assist.js';
import reportRoutes from './routes/reports.js';
import slackRoutes from './routes/slack.js';

export async function buildApp() {
  const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] } }); // expect: env-undocumented
  // The widget is embedded on customers' own sites, so every origin is allowed, with cookies.
  await app.register(cors, { origin: true, credentials: true }); // expect: cors-permissive
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin);

  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(ticketRoutes, { prefix: '/api/tickets' });
  await app.register(assistRoutes, { prefix: '/api/assist' });
  await app.register(reportRoutes, { prefix: '/api/reports' });
  await app.register(slackRoutes, { prefix: '/integrations/slack' });

  app.setErrorHandler((err, req, reply) => {
    req.log.error(err);
    // Only errors we raised on purpose (validation, httpErrors) carry a status code and a safe message.
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send({ error: err.message }); // ok: error-leak
    reply.status(500).send({ error: 'internal_error' });
  });
  return app;
}
