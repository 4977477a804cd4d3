"""Request and response bodies.

Every input model forbids unknown fields: a client sending `role`, `isAdmin`,
`__proto__` or `constructor` gets 422 instead of having them silently bound
(OWASP API3, mass assignment). `class Config: extra = "forbid"` works on
pydantic 1 and 2 (2 prefers `model_config`, but still honours this).
"""

from typing import List

from pydantic import BaseModel, Field, constr


class StrictModel(BaseModel):
    class Config:
        extra = "forbid"


# strict=True: a number is not silently turned into a string.
ItemName = constr(strict=True, min_length=1, max_length=100)
Tag = constr(strict=True, min_length=1, max_length=50)


class ItemIn(StrictModel):
    name: ItemName  # type: ignore[valid-type]
    tags: List[Tag] = Field(default_factory=list, max_items=10)  # type: ignore[valid-type]


class Item(BaseModel):
    id: str
    name: str
    tags: List[str]


class ItemList(BaseModel):
    items: List[Item]
