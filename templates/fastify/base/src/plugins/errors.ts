import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, problem, type Problem } from '../problem.js';

/**
 * Every error leaves as application/problem+json with a fixed, generic detail:
 * no stack trace, exception message, file path or framework name reaches a
 * client (information disclosure helps attackers fingerprint and probe).
 */

const details: Record<number, string> = {
  400: 'The request is malformed.',
  404: 'No resource at this address.',
  405: 'This method is not allowed here.',
  413: 'The request body is too large.',
  415: 'This content type is not supported; send application/json.',
  422: 'The request body is invalid.',
  431: 'The request headers are too large.',
  500: 'An unexpected error occurred.',
  503: 'The service is unavailable; try again later.',
};

function detailFor(status: number): string {
  return details[status] ?? (status < 500 ? 'The request was refused.' : 'An unexpected error occurred.');
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/** `{field, message}` for each schema violation, without echoing the input back. */
function fieldOf(issue: ValidationIssue): string {
  const params = issue.params as Record<string, unknown>;
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const extra =
    typeof params.additionalProperty === 'string'
      ? params.additionalProperty
      : typeof params.missingProperty === 'string'
        ? params.missingProperty
        : '';
  return [path, extra].filter(Boolean).join('.') || '(body)';
}

export function toProblem(error: FastifyError | HttpProblem): Problem {
  if (error instanceof HttpProblem) return problem(error.statusCode, error.detail);
  if (error.validation) {
    // 422: the JSON was well-formed but does not match the schema
    // (unknown fields included, so `role`/`isAdmin` cannot be mass-assigned).
    const errors = error.validation.map((issue) => ({
      field: fieldOf(issue),
      message: issue.keyword === 'additionalProperties' ? 'is not allowed' : (issue.message ?? 'is invalid'),
    }));
    return problem(422, detailFor(422), errors);
  }
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  return problem(status, detailFor(status));
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
      const body = toProblem(error);
      // Client mistakes are routine; server errors are ours and go to the log in full.
      if (body.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(body.status).type('application/problem+json').send(body);
    });

    app.setNotFoundHandler((_request, reply) =>
      reply.code(404).type('application/problem+json').send(problem(404, detailFor(404))),
    );
  },
  { name: 'errors' },
);
