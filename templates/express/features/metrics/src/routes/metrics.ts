import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { registry } from '../metrics/registry.js';
import { HttpProblem } from '../problem.js';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * GET /metrics for Prometheus, behind `Authorization: Bearer $METRICS_TOKEN`:
 * metrics reveal traffic, versions and internals. Without a token it is off (404).
 */
export function metricsRoute(config: Config): RequestHandler {
  const expected = config.METRICS_TOKEN === undefined ? undefined : sha256(`Bearer ${config.METRICS_TOKEN}`);
  return async (req, res, next) => {
    if (expected === undefined) {
      next();
      return;
    }
    // Hashing first gives equal lengths, so timingSafeEqual can compare in constant time.
    if (!timingSafeEqual(sha256(req.get('authorization') ?? ''), expected)) {
      throw new HttpProblem(401, 'A valid metrics token is required.', { headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
