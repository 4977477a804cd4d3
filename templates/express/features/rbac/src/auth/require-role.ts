import type { RequestHandler } from 'express';
import { HttpProblem } from '../problem.js';
import { securityEvent } from '../security-events.js';
import { principalOf } from './principal.js';

/** Lets through only callers holding `role`; mount after `authenticate`. */
export function requireRole(role: string): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (!principal.roles.includes(role)) {
      // Authenticated but not allowed: 403, and a trail for whoever probes admin functions.
      securityEvent(req.log, 'authz.denied', { sub: principal.sub, auth: principal.auth, role, path: req.path });
      throw new HttpProblem(403, `This requires the role "${role}".`);
    }
    next();
  };
}
