import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { conversations, db } from '../services/db';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const patchBody = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['open', 'pending', 'closed'] } },
} as const;

export async function conversationRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>('/:id', { schema: { params: idParams } }, async (request, reply) => { // ok: auth-missing
    const [row] = await db.select().from(conversations) // ok: authz-missing
      .where(and(eq(conversations.id, request.params.id), eq(conversations.workspaceId, request.user.workspaceId)));
    return row ?? reply.code(404).send();
  });

  app.patch<{ Params: { id: string }; Body: { status: string } }>('/:id', { schema: { params: idParams, body: patchBody } }, async (request) => {
    const [row] = await db.update(conversations).set({ status: request.body.status }) // expect: authz-missing
      .where(eq(conversations.id, request.params.id)).returning(); // ok: validation-missing
    return row;
  });

  app.get<{ Querystring: { status?: string } }>('/', async (request) => {
    return db.select().from(conversations).where( // ok: authz-missing // expect: validation-missing
      and(eq(conversations.workspaceId, request.user.workspaceId), eq(conversations.status, request.query.status ?? 'open')),
    );
  });
}
