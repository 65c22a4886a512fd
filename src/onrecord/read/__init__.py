"""Readers: files, folders, stdin -> Article records (or Failure records for bad input).

Formats: plain text (``.txt``, optional ``date YYYY-MM-DD`` first line), HTML (``.html``/``.htm``,
through trafilatura), JSON lines (``.jsonl``) and JSON (``.json``). See docs/reading.md.
"""

from __future__ import annotations

from onrecord.read.article import ReadOptions
from onrecord.read.files import read_paths

__all__ = ["ReadOptions", "read_paths"]
