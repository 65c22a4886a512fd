"""The REST API and the web UI behind one FastAPI app: ``onrecord.api.app.create_app``.

Routes: ``routes`` (read-only JSON), ``exports`` (CSV and JSON lines), ``ingest`` (POST, token
protected); ``errors`` gives every error one JSON shape. The pages live in ``onrecord.web``.
See docs/api.md.
"""
