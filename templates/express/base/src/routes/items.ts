import { Router } from 'express';
import { ownerOf } from '../items/owner.js';
import { ItemInput } from '../items/schema.js';
import type { ItemStore } from '../items/store.js';
import { jsonBody } from '../middleware/body.js';
import { HttpProblem } from '../problem.js';
import { parseBody } from '../validation.js';

/** The example resource: every item belongs to its creator. */
export function itemsRouter(store: ItemStore, bodyLimitBytes: number): Router {
  const router = Router();

  router.get('/', (req, res) => {
    res.json({ items: store.list(ownerOf(req)) });
  });

  router.post('/', ...jsonBody(bodyLimitBytes), (req, res) => {
    const input = parseBody(ItemInput, req.body);
    const item = store.create(ownerOf(req), input);
    res.status(201).location(`/items/${item.id}`).json(item);
  });

  router.get('/:id', (req, res) => {
    // Someone else's item is 404, not 403: its existence is not revealed either (BOLA).
    const item = store.get(ownerOf(req), req.params.id);
    if (item === undefined) throw new HttpProblem(404, 'No such item.');
    res.json(item);
  });

  return router;
}
