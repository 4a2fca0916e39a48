const fp = require('fastify-plugin');
const jwt = require('jsonwebtoken');

// Bearer tokens only (no cookies), so the public CORS policy does not expose credentials.
module.exports = fp(async function auth(fastify) {
  fastify.decorate('authenticate', async function (request, reply) {
    try {
      request.user = jwt.verify(String(request.headers.authorization || '').slice(7), process.env.JWT_SECRET);
    } catch (err) {
      reply.code(401).send({ error: 'unauthorized' });
    }
  });
});
