import type { FastifyPluginAsync } from 'fastify';
import { db } from '../lib/db.js';

const NoteBody = { type: 'object', required: ['body'], additionalProperties: false, properties: { body: { type: 'string', minLength: 1, maxLength: 5000 } } } as const;
const PatchBody = { type: 'object', additionalProperties: false, properties: { status: { enum: ['open', 'pending', 'closed'] }, priority: { enum: ['low', 'normal', 'high'] } } } as const;

const tickets: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get('/', async (req) => // ok: auth-missing
    db.selectFrom('tickets').selectAll().where('workspace_id', '=', req.user.workspaceId).limit(100).execute());

  fastify.get<{ Params: { id: string } }>('/:id', async (req, reply) => {
    const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', req.params.id).where('workspace_id', '=', req.user.workspaceId).executeTakeFirst(); // ok: authz-missing
    return ticket ?? reply.code(404).send({ error: 'not_found' });
  });

  fastify.patch<{ Params: { id: string }; Body: { status?: string; priority?: string } }>('/:id', { schema: { body: PatchBody } }, async (req) => {
    await db.updateTable('tickets').set(req.body).where('id', '=', req.params.id).where('workspace_id', '=', req.user.workspaceId).execute(); // ok: authz-missing, validation-missing
    return { ok: true };
  });

  // Notes are attached to whatever ticket id is in the URL; the ticket's workspace is never looked at.
  fastify.post<{ Params: { id: string }; Body: { body: string } }>('/:id/notes', { schema: { body: NoteBody } }, async (req, reply) => {
    await db.insertInto('notes').values({ id: crypto.randomUUID(), ticket_id: req.params.id, author_id: req.user.sub, body: req.body.body }).execute(); // expect: authz-missing // ok: validation-missing
    reply.code(201).send({ ok: true });
  });
};
export default tickets;
