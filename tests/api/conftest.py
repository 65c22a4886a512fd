"""Clients of real apps: read-only over the served store, writable over a fresh one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.api.app import create_app
from onrecord.pipeline import Extractor

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def token() -> str:
    """The bearer token of the ``writer`` app."""
    return TOKEN


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db), raise_server_exceptions=False) as opened:
        yield opened


@pytest.fixture
def writer(tmp_path: Path, extractor: Extractor) -> Iterator[TestClient]:
    """A writable app over an empty store, sharing the session's loaded pipeline."""
    app = create_app(
        tmp_path / "written.db", token=TOKEN, read_only=False, max_body=4096, extractor=extractor
    )
    with TestClient(app, raise_server_exceptions=False) as opened:
        yield opened
