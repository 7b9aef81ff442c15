"""Registry search: one contract, run against SQLite FTS5, PostgreSQL full text and Elasticsearch."""
