import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Exactly one line per request, written when it completes: method, path,
 * status and duration. Fastify's default is two lines (incoming + completed).
 * The query string is left out: it is where tokens end up by mistake.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      statusCode: reply.statusCode,
      ip: request.ip,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
