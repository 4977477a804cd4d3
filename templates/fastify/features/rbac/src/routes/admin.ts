import type { FastifyInstance } from 'fastify';
import type { ItemStore } from '../items/store.js';

/** Administrative read-out: only callers with the `admin` role. */
export default async function admin(app: FastifyInstance, { itemStore }: { itemStore: ItemStore }) {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/admin/stats',
    {
      // The route declares the roles it needs; without them: 403 + authz.denied.
      onRequest: app.requireRoles('admin'),
      schema: {
        tags: ['admin'],
        response: {
          200: {
            type: 'object',
            required: ['items', 'owners'],
            properties: { items: { type: 'integer' }, owners: { type: 'integer' } },
          },
        },
      },
    },
    async () => itemStore.stats(),
  );
}
