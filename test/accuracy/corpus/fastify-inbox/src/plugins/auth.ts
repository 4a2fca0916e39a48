import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module '@fastify/jwt' {
  interface FastifyJWT { user: { sub: string; workspaceId: string; role: string } }
}

// Every route requires a valid JWT unless it opts out with config.public (health, webhooks).
export default fp(async (app) => {
  await app.register(jwt, { secret: process.env.JWT_SECRET! });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if ((request.routeOptions.config as { public?: boolean }).public) return;
    try {
      await request.jwtVerify();
    } catch {
      return reply.code(401).send({ error: 'unauthorized' });
    }
  });
});
