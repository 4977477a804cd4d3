import { Router } from 'express';
import type { ItemStore } from '../items/store.js';

/** Administrative endpoints; mounted behind `requireRole('admin')`. */
export function adminRouter(items: ItemStore): Router {
  const router = Router();
  router.get('/stats', (_req, res) => {
    res.json(items.count());
  });
  return router;
}
