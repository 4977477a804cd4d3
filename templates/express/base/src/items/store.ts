import { randomUUID } from 'node:crypto';
import type { ItemInput } from './schema.js';

export interface Item {
  id: string;
  name: string;
  tags: string[];
  createdAt: string;
}

/** Every read takes the owner: there is no way to fetch an item without saying whose. */
export interface ItemStore {
  create(owner: string, input: ItemInput): Item;
  list(owner: string): Item[];
  get(owner: string, id: string): Item | undefined;
  count(): { items: number; owners: number };
}

/** In-memory example store; swap for a database keeping the same owner-scoped interface. */
export function createItemStore(): ItemStore {
  const byOwner = new Map<string, Map<string, Item>>();
  return {
    create(owner, input) {
      // Build the item field by field: the request body is never merged into it.
      const item: Item = { id: randomUUID(), name: input.name, tags: input.tags ?? [], createdAt: new Date().toISOString() };
      const owned = byOwner.get(owner) ?? new Map<string, Item>();
      owned.set(item.id, item);
      byOwner.set(owner, owned);
      return item;
    },
    list(owner) {
      return [...(byOwner.get(owner)?.values() ?? [])];
    },
    get(owner, id) {
      return byOwner.get(owner)?.get(id);
    },
    count() {
      let items = 0;
      for (const owned of byOwner.values()) items += owned.size;
      return { items, owners: byOwner.size };
    },
  };
}
