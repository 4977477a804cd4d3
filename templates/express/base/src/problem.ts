import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/** One field of a failed validation, as returned in a 422 problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error that is meant to reach the client as an RFC 9457 problem. Anything
 * else thrown in a handler becomes a generic 500: internals never leak.
 */
export class HttpProblem extends Error {
  override name = 'HttpProblem';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

/** Writes `application/problem+json`: {type, title, status, detail[, errors]}. */
export function sendProblem(res: Response, status: number, detail: string, errors?: FieldError[]): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      ...(errors === undefined ? {} : { errors }),
    });
}
