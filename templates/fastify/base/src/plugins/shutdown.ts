import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';

/**
 * Once shutdown starts, requests still arriving on open keep-alive
 * connections get a 503 problem (and `Connection: close`) so clients retry
 * elsewhere, while requests already in flight finish normally.
 */
export default fp(
  async function shutdown(app: FastifyInstance) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    // Both hooks run on every request: callback style (`done`), no promise while not closing.
    app.addHook('onRequest', (_request, reply, done) => {
      if (!closing) return done();
      reply.header('retry-after', '5');
      sendProblem(reply, 503, 'The service is shutting down; try again.');
    });
    // Close keep-alive connections as their last response goes out; an idle
    // keep-alive socket would otherwise hold the shutdown open.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'shutdown' },
);
