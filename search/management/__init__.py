"""Commands that build, check and repair the search index."""
