"""A real `onrecord serve` over a store filled by a real `onrecord ingest` of samples/ (and payloads)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.model import Extraction
from onrecord.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TEST_DATA = ROOT / "tests" / "data"
START_SECONDS = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(process: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"onrecord serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/api/articles?limit=1", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"onrecord serve did not answer on {base} within {START_SECONDS} s")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running `onrecord serve` (read-only) on a free loopback port."""
    db = tmp_path_factory.mktemp("browser") / "served.db"
    ingest = [
        sys.executable,
        "-m",
        "onrecord",
        "ingest",
        str(SAMPLES),
        str(TEST_DATA / "xss"),
        "--db",
        str(db),
    ]
    done = subprocess.run(ingest, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:  # a payload in every field, as a stored record
        store.add(Extraction.model_validate_json((TEST_DATA / "xss-record.json").read_text("utf-8")))
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "ONRECORD_TOKEN"}
    serve = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, base)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
