"""Raw HTTP against the running server: paths a browser or an HTTP client would have normalised."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """Send ``GET target`` exactly as written and return the status and body."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        request = f"GET {target} HTTP/1.1\r\nHost: {address.netloc}\r\nConnection: close\r\n\r\n"
        connection.sendall(request.encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.parametrize(
    "target",
    [
        "/static/../../../../../../etc/passwd",
        "/static/../../pyproject.toml",
        "/static/../api/app.py",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%5c%2e%2e%5cpyproject.toml",
        "/static//etc/passwd",
    ],
)
def test_static_paths_cannot_climb_out_of_the_static_folder(served: str, target: str) -> None:
    status, body = raw_get(served, target)

    assert status in (400, 404)
    assert b"root:" not in body and b"[project]" not in body and b"def create_app" not in body


def test_the_static_files_themselves_are_served(served: str) -> None:
    status, body = raw_get(served, "/static/style.css")

    assert status == 200 and b".hl-speaker" in body


def test_the_server_is_read_only_and_sends_no_cors_headers(served: str) -> None:
    address = urlsplit(served)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        request = (
            "POST /api/articles HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n"
            "Content-Length: 4\r\nConnection: close\r\n\r\ntext"
        )
        connection.sendall(request.encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk

    assert answer.startswith(b"HTTP/1.1 403")
    assert b"access-control-allow-origin" not in answer.lower()
