"""API keys for machine clients (`X-API-Key`).

Only the SHA-256 of each key is configured (API_KEYS=name:sha256hex[:role+role]),
so a leaked config or environment dump does not leak usable keys. Keys are
random and long, which is why a fast hash is enough here (unlike passwords).
Every configured hash is compared with `hmac.compare_digest`, without stopping
at the first match, so response timing tells nothing about how close a guess was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class ApiKey:
    name: str
    sha256: str
    roles: Tuple[str, ...]


def parse_api_keys(raw: str) -> Tuple[ApiKey, ...]:
    """Parse API_KEYS; raises ValueError with the rule on a malformed entry."""
    keys = []
    for entry in (part.strip() for part in raw.split(",")):
        if not entry:
            continue
        name, _, rest = entry.partition(":")
        digest, _, roles = rest.partition(":")
        if not NAME.match(name) or not SHA256_HEX.match(digest.lower()):
            raise ValueError("must be a comma list of name:sha256hex[:role+role]")
        keys.append(ApiKey(name=name, sha256=digest.lower(), roles=tuple(r for r in roles.split("+") if r)))
    if not keys:
        raise ValueError("must list at least one key")
    return tuple(keys)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeyRing:
    def __init__(self, keys: Sequence[ApiKey]) -> None:
        self._keys = tuple(keys)

    def find(self, presented: str) -> Optional[ApiKey]:
        digest = hash_key(presented)
        found = None
        for key in self._keys:
            if hmac.compare_digest(digest, key.sha256):
                found = key
        return found
