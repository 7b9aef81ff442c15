"""The two kinds of engine behind the query service, and the small interface they share."""

from typing import Protocol

from search.query import Group, SearchQuery, SearchResults, Suggestion
from search.vocabulary import Vocabulary


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery, groups: list[Group], preferred: list[Group] = ()) -> SearchResults:
        """Hits for the planned query words (all groups must match) and the query's filters; a hit that also has
        preferred words ranks higher."""

    def vocabulary(self) -> Vocabulary:
        """Every word the engine's index holds, with how many merchants hold it (search.vocabulary)."""

    def suggest_merchants(self, prefix: str, limit: int) -> list[Suggestion]:
        """Listed merchants whose name, pinyin or initials start with what the resident typed."""
