require('dd-trace').init({ service: 'order-assistant' });
const fastify = require('fastify')({ logger: true });

fastify.register(require('@fastify/cors'), { origin: '*' }); // ok: cors-permissive
fastify.register(require('./lib/auth'));
fastify.register(require('./routes/chat'), { prefix: '/api' });
fastify.register(require('./routes/orders'), { prefix: '/api/orders' });

fastify.get('/healthz', async () => ({ status: 'up' }));

fastify.listen({ port: process.env.PORT || 3000, host: '0.0.0.0' });
