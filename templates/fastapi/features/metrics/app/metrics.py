"""Prometheus metrics (prometheus-client): counters of security events.

A burst of `auth.failure` or `ratelimit.exceeded` is an attack in progress;
counting them lets the shipped alert rules page someone (OWASP API9).
"""

from prometheus_client import Counter

SECURITY_EVENTS = Counter("security_events", "Security events, by name.", ["event"])
