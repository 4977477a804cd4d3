import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Echo the request id so a client can quote it in a support request.
 * Hooks that never wait take `done` rather than being async: no promise per request.
 */
export default fp(
  async function requestIdHeader(app: FastifyInstance) {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  },
  { name: 'request-id' },
);
