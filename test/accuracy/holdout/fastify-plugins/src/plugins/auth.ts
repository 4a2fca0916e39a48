import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance { authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void> }
}
declare module '@fastify/jwt' {
  interface FastifyJWT { user: { sub: string; workspaceId: string; role: 'agent' | 'admin' } }
}

export default fp(async (fastify) => {
  fastify.register(jwt, { secret: process.env.JWT_SECRET ?? 'replyhub-dev-secret' }); // expect: secret-hardcoded
  fastify.decorate('authenticate', async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      await req.jwtVerify();
    } catch {
      reply.code(401).send({ error: 'unauthorized' });
    }
  });
});
