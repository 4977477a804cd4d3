"""Which reverse proxies to believe: client address and scheme behind TRUST_PROXY.

`X-Forwarded-For` and `X-Forwarded-Proto` are plain request headers: any client
can send them. Believing them from everyone would let an attacker pick the
address the rate limiter counts, or claim a request came over HTTPS. So they are
read only from peers listed in TRUST_PROXY, and every later control (rate limit,
HTTPS enforcement, logs) uses the address and scheme this middleware settles on.
`X-Forwarded-Host` is never read: redirects use the request's own Host.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import List, Optional, Tuple, Union

from starlette.types import ASGIApp, Receive, Scope, Send

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


def _ip(value: str) -> Optional[Union[ipaddress.IPv4Address, ipaddress.IPv6Address]]:
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True)
class TrustProxy:
    """TRUST_PROXY as data: a hop count, or the networks of the proxies.

    - unset: trust no one; the socket address is the client.
    - `1` (a hop count): exactly that many proxies sit in front of the app, so the
      client is the address that many entries in from the right of
      X-Forwarded-For (with the socket peer counted as the first hop).
    - `10.0.0.0/8,192.168.1.7`: walk X-Forwarded-For from the right, skipping
      addresses in these networks; the first one outside is the client.
    """

    hops: int = 0
    networks: Tuple[Network, ...] = ()

    @classmethod
    def parse(cls, raw: Optional[str]) -> "TrustProxy":
        if raw is None or raw == "":
            return cls()
        if raw.lower() == "true":
            # "Trust everyone" makes X-Forwarded-For a free choice for attackers.
            raise ValueError("must be a hop count or a list of proxy IPs/CIDRs, not true")
        if raw.isdigit():
            return cls(hops=int(raw))
        networks = []
        for part in raw.split(","):
            try:
                networks.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise ValueError(f"must be a hop count or a list of proxy IPs/CIDRs ({part.strip()!r} is neither)") from None
        return cls(networks=tuple(networks))

    def trusts(self, address: str) -> bool:
        if not self.networks:
            return False  # TRUST_PROXY unset or a hop count: no address to parse per request
        ip = _ip(address)
        return ip is not None and any(ip in network for network in self.networks)

    def trusts_peer(self, peer: str) -> bool:
        return self.hops > 0 or self.trusts(peer)

    def client(self, peer: str, forwarded_for: List[str]) -> str:
        """The client address for a request from `peer` carrying `forwarded_for`."""
        chain = [peer] + [entry.strip() for entry in reversed(forwarded_for) if entry.strip()]
        if self.hops:
            return chain[min(self.hops, len(chain) - 1)]
        for address in chain:
            if not self.trusts(address):
                return address
        return chain[-1]


def _header(scope: Scope, name: bytes) -> List[str]:
    values: List[str] = []
    for key, value in scope.get("headers", []):
        if key == name:
            values.extend(value.decode("latin-1").split(","))
    return values


class ProxyHeadersMiddleware:
    """Rewrites scope["client"] and scope["scheme"] from trusted proxy headers only."""

    def __init__(self, app: ASGIApp, trust: TrustProxy) -> None:
        self.app = app
        self.trust = trust

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            peer, port = scope.get("client") or ("", 0)
            if self.trust.trusts_peer(peer):
                forwarded_for = _header(scope, b"x-forwarded-for")
                if forwarded_for:
                    scope["client"] = (self.trust.client(peer, forwarded_for), port)
                # The proxy nearest to us (the right-most value) saw the real scheme.
                protos = [p.strip().lower() for p in _header(scope, b"x-forwarded-proto") if p.strip()]
                if protos and protos[-1] in ("http", "https"):
                    scope["scheme"] = protos[-1]
        await self.app(scope, receive, send)


def client_ip(scope: Scope) -> str:
    """The client's address as settled by ProxyHeadersMiddleware."""
    client = scope.get("client")
    return client[0] if client else "unknown"
