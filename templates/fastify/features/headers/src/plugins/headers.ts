import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SECURITY_HEADERS } from '../security-headers.js';

/**
 * Security headers on every response, errors and 404s included. The values
 * never change, so they are computed once (security-headers.ts) and set with
 * one `reply.headers()` call, instead of running helmet on each request.
 * onRequest runs before routing errors, 404s and 429s, so those carry them too.
 */
export default fp(
  async function headers(app: FastifyInstance) {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(SECURITY_HEADERS);
      done();
    });
  },
  { name: 'headers' },
);
