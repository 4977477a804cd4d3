import type { RequestHandler } from 'express';
import { httpRequestDuration, httpRequestsTotal } from './registry.js';

/**
 * Counts and times every response (rejections included) by method, route
 * pattern and status. The pattern (`/items/:id`), not the raw path, keeps the
 * number of label values bounded whatever URLs clients send.
 */
export const countRequests: RequestHandler = (req, res, next) => {
  const stop = httpRequestDuration.startTimer();
  res.on('finish', () => {
    const pattern: unknown = req.route?.path;
    const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern === '/' && req.baseUrl !== '' ? '' : pattern}` : 'unmatched';
    const labels = { method: req.method, route, status_code: String(res.statusCode) };
    httpRequestsTotal.inc(labels);
    stop(labels);
  });
  next();
};
