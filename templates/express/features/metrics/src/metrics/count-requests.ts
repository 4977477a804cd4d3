import type { RequestHandler } from 'express';
import { httpRequestsTotal } from './registry.js';

/** Counts every response by method and status (rejections included). */
export const countRequests: RequestHandler = (req, res, next) => {
  res.on('finish', () => httpRequestsTotal.inc({ method: req.method, status: String(res.statusCode) }));
  next();
};
