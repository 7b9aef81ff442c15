"""rebuild_search_index and search_index_drift."""
