"""Content-hash identifiers: the same content always gets the same id."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def content_id(prefix: str, *parts: Any, length: int = 16) -> str:
    """Return ``prefix`` + a hex digest of the canonical JSON of ``parts``.

    >>> content_id("a", "text") == content_id("a", "text")
    True
    """
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"
