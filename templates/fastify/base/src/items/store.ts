import { randomUUID } from 'node:crypto';

export interface Item {
  id: string;
  name: string;
  tags: string[];
  createdAt: string;
}

export interface NewItem {
  name: string;
  tags?: string[];
}

/**
 * In-memory example store. Every read is scoped by owner, so one caller can
 * never see another's items, even by guessing ids (BOLA, API1:2023).
 * Replace with your database; keep the owner in every query.
 */
export class ItemStore {
  readonly #items = new Map<string, Item & { owner: string }>();

  create(owner: string, input: NewItem): Item {
    // Copy only known fields: nothing else from the body is ever stored.
    const item: Item = { id: randomUUID(), name: input.name, tags: [...(input.tags ?? [])], createdAt: new Date().toISOString() };
    this.#items.set(item.id, { ...item, owner });
    return item;
  }

  list(owner: string): Item[] {
    return [...this.#items.values()].filter((item) => item.owner === owner).map(({ owner: _owner, ...item }) => item);
  }

  /** Totals for operators (e.g. GET /admin/stats); no item content. */
  stats(): { items: number; owners: number } {
    const owners = new Set([...this.#items.values()].map((item) => item.owner));
    return { items: this.#items.size, owners: owners.size };
  }

  find(owner: string, id: string): Item | undefined {
    const stored = this.#items.get(id);
    if (!stored || stored.owner !== owner) return undefined;
    const { owner: _owner, ...item } = stored;
    return item;
  }
}
