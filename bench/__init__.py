"""The search benchmark: `python -m bench.run` (see bench/README.md). Never part of the test suite."""
