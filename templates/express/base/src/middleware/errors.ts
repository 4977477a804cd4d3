import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem, sendProblem } from '../problem.js';

/** Unknown routes get a 404 problem, not Express's HTML page. */
export const notFound: RequestHandler = (_req, res) => {
  sendProblem(res, 404, 'The requested resource does not exist.');
};

// Fixed wording for errors raised by Express itself and body-parser: their own
// messages can echo parser internals ("Unexpected token … in JSON at position 7").
const CLIENT_ERROR_DETAIL: Readonly<Record<number, string>> = {
  400: 'The request could not be parsed.',
  413: 'The request body is too large.',
  415: 'The request body has an unsupported Content-Type.',
};

/** The status of an http-errors style error (body-parser, router), if it is a client error. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The one error handler, mounted last. It replaces Express's default handler,
 * which prints stack traces whenever NODE_ENV is not `production`.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    // Too late for a problem body: let Express close the connection.
    next(error);
    return;
  }
  if (error instanceof HttpProblem) {
    if (error.extras.headers) res.set(error.extras.headers);
    sendProblem(res, error.status, error.detail, error.extras.errors);
    return;
  }
  const status = clientErrorStatus(error);
  if (status !== undefined) {
    sendProblem(res, status, CLIENT_ERROR_DETAIL[status] ?? 'The request was rejected.');
    return;
  }
  // The error goes to the log, never to the client (no stack, message or path).
  req.log.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'An unexpected error occurred.');
};
