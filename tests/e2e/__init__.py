"""Browser tests in Chromium: `.venv/bin/python -m pytest tests/e2e` (skipped where Chromium is missing)."""
