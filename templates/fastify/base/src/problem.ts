import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

/** RFC 9457 problem details: the one shape every error answer has. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export function problem(status: number, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(errors ? { errors } : {}),
  };
}

/** Answer with a problem from a hook or handler: `return sendProblem(reply, 403, '...')`. */
export function sendProblem(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply.code(status).type('application/problem+json').send(problem(status, detail));
}

/** Throw from anywhere in a request; the error handler turns it into a problem. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}
