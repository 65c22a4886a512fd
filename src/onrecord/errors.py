"""The one exception tree of onrecord.

    OnrecordError
     +-- InputError        an article file or record cannot be read (names the file, the place, the fix)
     +-- ModelError        a language model or trained component is missing or broken
     +-- StoreError        the database cannot be opened, migrated or written
     +-- EvalError         an evaluation corpus is missing or malformed

Third-party errors are wrapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base of every error onrecord raises on purpose."""


class InputError(OnrecordError):
    """An input could not be read. The message names the source, the place (line) and the fix."""

    def __init__(self, source: str, problem: str, fix: str, *, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"line {line} of {source}" if line is not None else source
        super().__init__(f"{where}: {problem}; {fix}")


class ModelError(OnrecordError):
    """A model the pipeline needs is missing or cannot be loaded."""


class StoreError(OnrecordError):
    """The store cannot be opened, migrated or written."""


class EvalError(OnrecordError):
    """An evaluation corpus is missing or malformed."""
