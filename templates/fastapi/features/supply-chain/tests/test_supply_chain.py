"""Dependency policy: exact pins, an audit in CI, automated update PRs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(name):
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-r"))]


def test_every_dependency_is_pinned_exactly():
    # Exact pins: a compromised or broken new release is never pulled in silently.
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in requirement_lines(name):
            assert re.match(r"^[A-Za-z0-9_.\[\]-]+==[0-9][A-Za-z0-9.]*$", line), line


def test_ci_audits_dependencies():
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert "pip-audit" in ci
    assert "pip-audit" in (ROOT / "requirements-dev.txt").read_text()
