import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { pathOf } from './security-events.js';

/**
 * Exactly one line per request, written when it completes: method, path,
 * status and duration. Fastify's default is two lines (incoming + completed).
 * The query string is left out: it is where tokens end up by mistake.
 * Errors go through the request's own (redacting) logger: an error can carry anything.
 */
export class RequestLog extends LogController {
  readonly #lines: Logger;

  constructor(lines: Logger) {
    super();
    this.#lines = lines;
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      statusCode: reply.statusCode,
      ip: request.ip,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else this.#lines.info({ reqId: request.id, ...line }, 'request completed');
  }
}
