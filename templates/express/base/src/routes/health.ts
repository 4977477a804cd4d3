import type { RequestHandler } from 'express';

/** Liveness for load balancers and the Docker HEALTHCHECK; reveals nothing else. */
export const health: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};
