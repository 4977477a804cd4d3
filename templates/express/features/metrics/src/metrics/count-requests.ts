import type { Request, RequestHandler } from 'express';
import { httpRequestDuration, httpRequestsTotal } from './registry.js';

interface Series {
  count: { inc(): void };
  duration: { observe(seconds: number): void };
}

// A child bound to one label set (`labels(...)`) spares building a labels object
// per request, and the timer's copy of it. There are few label sets (route
// patterns × methods × status codes), so each is bound once and kept.
const seriesByLabels = new Map<string, Series>();

function seriesFor(method: string, route: string, statusCode: string): Series {
  const key = `${method} ${route} ${statusCode}`;
  let series = seriesByLabels.get(key);
  if (series === undefined) {
    series = {
      count: httpRequestsTotal.labels(method, route, statusCode),
      duration: httpRequestDuration.labels(method, route, statusCode),
    };
    seriesByLabels.set(key, series);
  }
  return series;
}

/** The route pattern that answered (`/items/:id`), or `unmatched` (404s, early rejections). */
function routeOf(req: Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  return pattern === '/' && req.baseUrl !== '' ? req.baseUrl : `${req.baseUrl}${pattern}`;
}

/**
 * Counts and times every response (rejections included) by method, route
 * pattern and status. The pattern (`/items/:id`), not the raw path, keeps the
 * number of label values bounded whatever URLs clients send.
 */
export const countRequests: RequestHandler = (req, res, next) => {
  const started = performance.now();
  res.once('finish', () => {
    const { count, duration } = seriesFor(req.method, routeOf(req), String(res.statusCode));
    count.inc();
    duration.observe((performance.now() - started) / 1000);
  });
  next();
};
