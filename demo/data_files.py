"""Where the demo's data files live, and how they are read."""

import json
from functools import cache
from pathlib import Path

DATA_DIRECTORY = Path(__file__).resolve().parent / "data"
POLICY_TEXT = DATA_DIRECTORY / "policy" / "state-council-2006-community-services.zh.txt"
POLICY_SUMMARY = DATA_DIRECTORY / "policy" / "state-council-2006-community-services.summary.en.json"


@cache
def nanjing() -> dict:
    """The city's districts, sub-districts (with a few real street names each) and communities."""
    return json.loads((DATA_DIRECTORY / "nanjing.json").read_text(encoding="utf-8"))
