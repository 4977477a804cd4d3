import type { FastifyInstance } from 'fastify';

/** Liveness for load balancers and the Docker HEALTHCHECK; reveals nothing. */
export default async function health(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', const: 'ok' } },
            required: ['status'],
          },
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
}
