import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';
import { pathOf, securityEvent } from '../security-events.js';

type RoleCheck = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A route's declaration of the roles it needs, as an onRequest hook that
     * runs after `app.authenticate`: `{ onRequest: app.requireRoles('admin') }`.
     */
    requireRoles(...roles: string[]): RoleCheck;
  }
}

/**
 * Role-based access control (API5:2023, broken function-level authorization):
 * an authenticated caller still needs the route's roles. Missing a role is
 * 403, and is logged as `authz.denied` so probing shows up in alerts.
 */
export default fp(
  async function rbac(app: FastifyInstance) {
    app.decorate('requireRoles', (...roles: string[]): RoleCheck => {
      return async function requireRoles(request) {
        const identity = request.identity;
        // Only reachable if a route forgot app.authenticate: fail closed.
        if (!identity) throw new HttpProblem(401, 'Authentication is required.');
        const missing = roles.filter((role) => !identity.roles.includes(role));
        if (missing.length > 0) {
          securityEvent(request.log, 'authz.denied', {
            sub: identity.sub,
            auth: identity.auth,
            missing,
            method: request.method,
            path: pathOf(request.url),
          });
          throw new HttpProblem(403, 'You do not have the role this action requires.');
        }
      };
    });
  },
  { name: 'rbac' },
);
