"""Highlights computed in Python from the query plan, so every backend marks the same words, and a pinyin
or initials query marks the Chinese word it matched (`jz` marks 家政)."""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from search.analysis import initials_of, is_chinese, pinyin_of, tokenizer
from search.query import Term

FRAGMENT_CONTEXT = 30
MAX_FRAGMENTS = 2


# The same merchants' names and descriptions are shown search after search.
@lru_cache(maxsize=20_000)
def _words_and_keys(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Each word of a text (search mode: words and the words inside them) with where it stands and what a Latin
    query word matches it by: the pinyin and initials of a Chinese word, a Latin word itself."""
    words = []
    for word, start, end in tokenizer().tokenize(text, mode="search", HMM=False):
        keys = (pinyin_of(word), initials_of(word)) if is_chinese(word) else (word.lower(),)
        words.append((start, end, tuple(key for key in keys if key)))
    return tuple(words)


@dataclass(frozen=True)
class Words:
    """A search's words to mark, Chinese and Latin apart: sorted once per search, not once per hit and text (and
    plain strings, whose hashes Python keeps, make the memo below cheap to ask)."""

    chinese: tuple[str, ...]
    latin: tuple[str, ...]


def highlight_words(terms: list[Term]) -> Words:
    return Words(tuple(term.text for term in terms if not term.latin), tuple(term.text for term in terms if term.latin))


def _spans(text: str, words: Words) -> tuple[tuple[int, int], ...]:
    return _spans_of(text, words.chinese, words.latin)


# The same names and descriptions come back for the same searches.
@lru_cache(maxsize=50_000)
def _spans_of(text: str, chinese: tuple[str, ...], latin: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    lowered = text.lower()
    spans = []
    for word in chinese:
        start = lowered.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = lowered.find(word, start + 1)
    if latin:
        matched = [
            (start, end)
            for start, end, keys in _words_and_keys(text)
            if any(key.startswith(prefix) for key in keys for prefix in latin)
        ]
        # `jz` marks 家政 in 家政服务, not the longer word around it.
        spans += [
            span
            for span in matched
            if not any(other != span and span[0] <= other[0] and other[1] <= span[1] for other in matched)
        ]
    return tuple(_merge(spans))


def _merge(spans):
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Escaped as django.utils.html.escape does (the same characters), without its wrapper for lazy strings: a page of
# results escapes a few hundred pieces.
def _marked(text: str, spans, start: int, end: int) -> str:
    parts, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight_whole(text: str, words: Words) -> str | None:
    """The whole text with matches marked, or None when nothing in it matched."""
    spans = _spans(text, words)
    return _marked(text, spans, 0, len(text)) if spans else None


def highlight_fragments(text: str, words: Words) -> list[str]:
    """Short excerpts around the first matches, HTML-escaped, matches in <mark>."""
    fragments, covered_until = [], -1
    spans = _spans(text, words)
    for span_start, span_end in spans:
        if span_start < covered_until:
            continue
        start = max(0, span_start - FRAGMENT_CONTEXT)
        end = min(len(text), span_end + FRAGMENT_CONTEXT)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        fragments.append(prefix + _marked(text, spans, start, end) + suffix)
        covered_until = end
        if len(fragments) == MAX_FRAGMENTS:
            break
    return fragments


def highlights(name: str, description: str, words: Words) -> dict[str, list[str]]:
    """A hit's name and description marked with the search's words (see highlight_words)."""
    found = {}
    if not words.chinese and not words.latin:
        return found
    marked_name, fragments = _marked_hit(name, description, words.chinese, words.latin)
    if marked_name:
        found["name"] = [marked_name]
    if fragments:
        found["description"] = list(fragments)
    return found


# The same merchants come back for the same searches: marking them again (escaping each piece) was most of the
# highlights' time. Kept as strings; each answer gets its own lists.
@lru_cache(maxsize=10_000)
def _marked_hit(name: str, description: str, chinese: tuple[str, ...], latin: tuple[str, ...]):
    words = Words(chinese, latin)
    return highlight_whole(name, words), tuple(highlight_fragments(description, words))
