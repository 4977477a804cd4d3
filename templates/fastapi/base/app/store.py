"""An in-memory item store: the example resource. Swap it for your database."""

from __future__ import annotations

import threading
import uuid
from typing import Dict, List, Optional, Tuple

from app.schemas import Item, ItemIn


class ItemStore:
    def __init__(self) -> None:
        self._items: Dict[str, Tuple[str, Item]] = {}
        self._lock = threading.Lock()

    def add(self, owner: str, data: ItemIn) -> Item:
        item = Item(id=uuid.uuid4().hex, name=data.name, tags=list(data.tags))
        with self._lock:
            self._items[item.id] = (owner, item)
        return item

    def get(self, owner: str, item_id: str) -> Optional[Item]:
        # Another owner's item looks exactly like a missing one (OWASP API1:
        # no confirmation that an id exists to someone who may not see it).
        entry = self._items.get(item_id)
        if entry is None or entry[0] != owner:
            return None
        return entry[1]

    def list(self, owner: str) -> List[Item]:
        return [item for item_owner, item in list(self._items.values()) if item_owner == owner]

    def count(self) -> int:
        return len(self._items)
