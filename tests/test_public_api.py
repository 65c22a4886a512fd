"""The package's public surface: a small, sorted __all__ that really exports what it names."""

from __future__ import annotations

import subprocess
import sys

import onrecord


def test_all_is_sorted_and_small() -> None:
    assert onrecord.__all__ == sorted(onrecord.__all__)
    assert 8 <= len(onrecord.__all__) <= 16


def test_every_exported_name_exists() -> None:
    for name in onrecord.__all__:
        assert getattr(onrecord, name) is not None, name


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "onrecord", "--help"], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "extract" in result.stdout and "ingest" in result.stdout
