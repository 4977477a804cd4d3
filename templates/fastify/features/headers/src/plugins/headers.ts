import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { helmetOptions } from '../security-headers.js';

/** Security headers on every response, errors and 404s included. */
export default fp(
  async function headers(app: FastifyInstance) {
    await app.register(helmet, helmetOptions);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
  },
  { name: 'headers' },
);
