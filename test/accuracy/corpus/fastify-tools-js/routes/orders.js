const db = require('../lib/db');

module.exports = async function orderRoutes(fastify) {
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.get('/:id', async (request, reply) => { // ok: auth-missing
    const order = await db('orders').where({ id: request.params.id }).first(); // expect: authz-missing
    return order || reply.code(404).send();
  });

  fastify.get('/', async (request) => {
    return db('orders').where('customer_id', request.user.sub).orderBy('created_at', 'desc').limit(20); // ok: authz-missing
  });

  fastify.post('/:id/notes', async (request) => {
    const order = await db('orders').where({ id: request.params.id, customer_id: request.user.sub }).first(); // ok: authz-missing
    if (!order) return { error: 'not found' };
    await db('order_notes').insert({ order_id: order.id, ...request.body }); // expect: validation-missing
    return { ok: true };
  });
};
