import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

// A client-supplied id is kept only if it is short and plain: anything else
// could forge or break log lines (log injection).
const REQUEST_ID = /^[\w.-]{1,128}$/;

function requestId(req: Request): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One JSON line per request with its id, method, path, status and duration,
 * written when the response is done. Headers are not logged at all, so
 * Authorization, Cookie and X-API-Key cannot leak; the path is logged without
 * its query string, which may carry tokens.
 *
 * Hot path: this runs on every request, so it builds only the fields the line
 * needs and listens for one event ('close' follows 'finish', and also fires
 * when the client goes away first).
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req);
    res.setHeader('X-Request-Id', id);
    // Handlers log through req.log: their lines carry the request id too.
    req.log = logger.child({ reqId: id });

    res.once('close', () => {
      const statusCode = res.statusCode;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
      logger[level](
        {
          // originalUrl: routers strip their mount path from req.url.
          req: { id, method: req.method, path: req.originalUrl.split('?', 1)[0], remoteAddress: req.socket.remoteAddress },
          res: { statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
