import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Echo the request id so a client can quote it in a support request. */
export default fp(
  async function requestIdHeader(app: FastifyInstance) {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  },
  { name: 'request-id' },
);
