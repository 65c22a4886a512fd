"""Scorers that measure onrecord's extractors against annotated corpora."""
