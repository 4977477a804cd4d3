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

/** The path without its query string, which may carry tokens (`?access_token=…`). */
function pathOf(req: Request): string {
  // originalUrl: routers strip their mount path from req.url.
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * One JSON line per request with its id, method, path, status and duration,
 * written when the response is done. Headers are not logged at all, so
 * Authorization, Cookie and X-API-Key cannot leak; the path is logged without
 * its query string.
 *
 * Hot path: this runs on every request, so it builds only the fields the line
 * needs and listens for one event ('close' follows 'finish', and also fires
 * when the client goes away first).
 */
export function requestLogger(logger: Logger): RequestHandler {
  // The access line goes through a child without redaction, to the same stream.
  // Its fields are fixed and hold no secret (see above), so there is nothing to
  // redact, and pino's wildcard redaction would cost more than the line itself.
  // Everything else (req.log, security events, errors) keeps the app logger's
  // redaction, because what those lines carry is not fixed.
  const accessLog = logger.child({}, { redact: [] });

  return (req, res, next) => {
    const started = performance.now();
    const id = requestId(req);
    res.setHeader('X-Request-Id', id);
    // Handlers log through req.log: their lines carry the request id too.
    req.log = logger.child({ reqId: id });

    res.once('close', () => {
      const statusCode = res.statusCode;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
      accessLog[level](
        {
          req: { id, method: req.method, path: pathOf(req), remoteAddress: req.socket.remoteAddress },
          res: { statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
