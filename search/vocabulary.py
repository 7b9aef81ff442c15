"""The words an index holds, and what a query word that is not among them was probably meant to be.

Every engine hands over its own vocabulary (each indexed word with the number of merchants holding it): the
database backends read it from their full-text index, Elasticsearch from a keyword field of its documents. The
query planner (search.query.understand) then asks the same questions of it whichever engine answers: is this
word there at all, which vocabulary word does this typo stand for, which pinyin words does `jiadianweixiu`
spell. So typos are found on the database engines too, and the fallback keeps them when Elasticsearch is down.
"""

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache as memoise
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from market import cache_versions
from search.analysis import dictionary_words, is_chinese, pinyin_of, sound_alike, tokenizer
from search.request_reads import read_with_search, shared_get

VERSION_KEY = read_with_search("search:vocabulary-version")
# Another process's writes reach this one's vocabulary within this time at the latest.
VOCABULARY_SECONDS = 300

# Curled and flat tongue, front and back nasals, n and l: what pinyin input confuses most often.
FUZZY_PINYIN = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ing", "in"), ("eng", "en"), ("ang", "an"), ("l", "n"))


def fuzzy_key(pinyin: str) -> str:
    for sound, like in FUZZY_PINYIN:
        pinyin = pinyin.replace(sound, like)
    return pinyin


def latin_distance_allowed(word: str) -> int:
    """How many edits a Latin word may be from the one meant: none for short words (initials, `jz`), one for
    four or five letters, two beyond."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 6 else 2


@dataclass
class Vocabulary:
    frequencies: dict[str, int] = field(default_factory=dict)

    def __contains__(self, word: str) -> bool:
        return word in self.frequencies

    def __len__(self) -> int:
        return len(self.frequencies)

    def frequency(self, word: str) -> int:
        return self.frequencies.get(word, 0)

    @cached_property
    def latin(self) -> list[str]:
        return sorted(word for word in self.frequencies if not is_chinese(word))

    @cached_property
    def chinese(self) -> list[str]:
        return [word for word in self.frequencies if is_chinese(word) and len(word) > 1]

    @cached_property
    def by_pinyin(self) -> dict[str, list[str]]:
        """Chinese words of two characters or more by their pinyin, and by its fuzzy key, most frequent first."""
        found: dict[str, list[str]] = {}
        for word in self.chinese:
            spelled = pinyin_of(word)
            if spelled:
                found.setdefault(spelled, []).append(word)
                found.setdefault("~" + fuzzy_key(spelled), []).append(word)
        for words in found.values():
            words.sort(key=lambda word: (-self.frequency(word), word))
        return found

    @cached_property
    def _deletions(self) -> dict[str, list[str]]:
        """Latin words of four letters or more by each spelling with one letter left out (SymSpell): two
        spellings one edit apart share such a spelling, or one is such a spelling of the other."""
        found: dict[str, list[str]] = {}
        for word in self.latin:
            if len(word) >= 4:
                for position in range(len(word)):
                    found.setdefault(word[:position] + word[position + 1 :], []).append(word)
        return found

    def near(self, word: str) -> str | None:
        """The most frequent Latin word of the vocabulary one edit from a word of four letters or more (a letter
        missing, extra, wrong, or two swapped), or None."""
        if len(word) < 4:
            return None
        candidates = list(self._deletions.get(word, []))
        for position in range(len(word)):
            shorter = word[:position] + word[position + 1 :]
            if shorter in self.frequencies:
                candidates.append(shorter)
            candidates += self._deletions.get(shorter, [])
        candidates = [candidate for candidate in candidates if candidate != word and len(candidate) >= 4]
        return max(candidates, key=lambda found: (self.frequency(found), found)) if candidates else None

    def homophones(self, word: str) -> list[str]:
        """The index's words that sound exactly like a Chinese word and have as many characters, most frequent
        first."""
        return [found for found in self.by_pinyin.get(pinyin_of(word), []) if len(found) == len(word)]

    def has_prefix(self, prefix: str) -> bool:
        """Whether some Latin word (pinyin, initials, an English word) starts with it."""
        position = bisect.bisect_left(self.latin, prefix)
        return position < len(self.latin) and self.latin[position].startswith(prefix)

    def knows(self, word: str) -> bool:
        """Whether a query word can match anything: a Chinese word as a whole, a Latin one also as a prefix
        of pinyin or initials (`jiaz`, `jz`)."""
        if is_chinese(word):
            return word in self
        return word in self or self.has_prefix(word)

    def correct(self, word: str, *, loose: bool = False) -> str | None:
        """The vocabulary word a query word that matches nothing was most likely meant to be, or None. `loose`
        also reads a two-character word as one whose other character only sounds like the typed one."""
        if self.knows(word):
            return None
        if is_chinese(word):
            return self._correct_chinese(word, loose)
        return self._correct_latin(word)

    def _correct_chinese(self, word: str, loose: bool = False) -> str | None:
        if len(word) < 2:
            return None
        # A word in everyday use (直接) was typed as meant: not 职介, though it sounds the same.
        if dictionary_frequency(word) > COMMON_WORD_FREQUENCY:
            return None
        spelled = pinyin_of(word)
        # A real word (搬家, 好几年) is only read as another that sounds like it when that one names a service
        # (药方 → 药房, not 搬家 → 半价 nor 好几年 → 十几年).
        restricted = is_dictionary_word(word)
        # The pinyin input method gives a word that sounds the same (家正 for 家政), or nearly (z for zh). A word
        # of two characters is read as one that only sounds nearly like it on the same terms as one that rhymes
        # (see below): else a name the index holds character by character (兰园) would become another (南苑).
        keys = [spelled]
        if len(word) > 2 or loose:
            keys.append("~" + fuzzy_key(spelled))
        for key in keys:
            same_length = [
                found
                for found in self.by_pinyin.get(key, [])
                if len(found) == len(word)
                and (
                    not restricted
                    or found in service_words()
                    # A name the index holds (苏邻), which sounds exactly like the word typed (苏林).
                    or (key == spelled and not is_dictionary_word(found))
                )
            ]
            if same_length:
                return same_length[0]
        # A real word of two characters typed in full was meant, unless it sounds like a service (above): 裤子 is
        # no typo of 包子, though 包 has a rare reading fu that rhymes with ku.
        if len(word) < 3 and (restricted or not loose):
            return None
        # One character wrong (洗衣鸡, 空掉): the most frequent word of the same length that differs from it in
        # one character only. In a word of two characters, that leaves too many words, so the wrong character
        # must sound like the right one (掉 diao for 调 tiao; not 车 for 衣).
        close = process.extract(
            word, self.chinese, scorer=Levenshtein.distance, score_cutoff=1, limit=None, processor=None
        )
        close = [found for found, distance, _ in close if len(found) == len(word) and distance == 1]
        if len(word) == 2:
            close = [
                found
                for found in close
                if all(typed == meant or sound_alike(typed, meant) for typed, meant in zip(word, found, strict=True))
            ]
        if restricted:
            close = [found for found in close if found in service_words()]
        return max(close, key=lambda found: (self.frequency(found), found)) if close else None

    def _correct_latin(self, word: str) -> str | None:
        allowed = latin_distance_allowed(word)
        if not allowed or not word.isalpha():
            return None
        nearest = self.near(word)
        if nearest:
            return nearest
        candidates = process.extract(word, self.latin, scorer=OSA.distance, score_cutoff=allowed, limit=None)
        if not candidates:
            return None
        best = min(distance for _, distance, _ in candidates)
        return max(
            (found for found, distance, _ in candidates if distance == best),
            key=lambda found: (self.frequency(found), found),
        )

    def split_latin(self, word: str) -> list[str] | None:
        """Unspaced pinyin of several words (`jiadianweixiu`) as the vocabulary's words, or the pinyin of its Chinese
        words, it spells, in order (`jiadian`, `weixiu`); the last may be a prefix (`jiadianwei`), and a piece of four
        letters or more may be one edit from its word (`shoujiweixu`). None when it spells no such words."""
        if not word.isascii() or not word.isalpha() or len(word) < 4:
            return None
        # best[i]: (edits, pieces) for word[i:]
        best: dict[int, tuple[int, list[str]]] = {len(word): (0, [])}
        for start in range(len(word) - 1, -1, -1):
            options = []
            for end in range(start + 2, len(word) + 1):
                piece, rest = word[start:end], best.get(end)
                if rest is None:
                    continue
                edits, pieces = rest
                # A piece may also be the pinyin of a Chinese word of the index (yiji: 移机 of a description).
                if piece in self or piece in self.by_pinyin or (end == len(word) and self.has_prefix(piece)):
                    options.append((edits, [piece, *pieces]))
                elif edits == 0 and (nearest := self.near(piece)):
                    options.append((1, [nearest, *pieces]))
            if options:
                best[start] = min(options, key=lambda option: (option[0], len(option[1])))
        edits, pieces = best.get(0, (0, []))
        # Beside a slip, a piece of two letters (initials, or a word begun) reads too much into a word (english:
        # renli and sh).
        if len(pieces) < 2 or (edits and min(map(len, pieces)) < 3):
            return None
        # A last piece that only begins a word gives way to the whole word one slip away (lifadiann: lifadian, not
        # lifa and diann of diannao).
        if pieces[-1] not in self and self._correct_latin(word):
            return None
        return pieces

    def suggestions(self, word: str, limit: int = 3) -> list[str]:
        """Vocabulary words close to a word, for "did you mean": its correction and words that sound alike."""
        found = []
        corrected = self.correct(word)
        if corrected:
            found.append(corrected)
        if is_chinese(word):
            found += self.by_pinyin.get("~" + fuzzy_key(pinyin_of(word)), [])
        return list(dict.fromkeys(found))[:limit]


EMPTY = Vocabulary()


# jieba's count of a word in its corpus above which the word is in everyday use (直接 14,906; 搬家 1,000; 药方 251).
COMMON_WORD_FREQUENCY = 2_000


def dictionary_frequency(word: str) -> int:
    return tokenizer().FREQ.get(word, 0)


def is_dictionary_word(word: str) -> bool:
    return dictionary_frequency(word) > 0


_service_words: tuple[frozenset, frozenset] | None = None


def service_words() -> frozenset[str]:
    """Words that name a service: the synonym list's and the domain dictionary's (built again when the list
    changes)."""
    global _service_words
    from search.synonyms import synonym_terms

    terms = synonym_terms()
    held = _service_words
    if held is None or held[0] is not terms:
        held = _service_words = (terms, terms | _domain_words())
    return held[1]


@memoise
def _domain_words() -> frozenset[str]:
    return frozenset(dictionary_words())


# -- one vocabulary per engine, per process --------------------------------------------------------------


@dataclass
class _Cached:
    version: str
    built: float
    vocabulary: Vocabulary


_cached: dict[str, _Cached] = {}
_lock = threading.Lock()


def vocabulary_version() -> str:
    return cache_versions.current(VERSION_KEY, read=shared_get)


def vocabulary_changed() -> None:
    """Say that an engine's words changed (a rebuild, new entries): the next search reads them again."""
    cache_versions.replace(VERSION_KEY)


def forget_vocabularies() -> None:
    _cached.clear()


def cached_vocabulary(key: str, load: Callable[[], dict[str, int]]) -> Vocabulary:
    """The vocabulary of one engine (its name and index), read again after a change or after
    VOCABULARY_SECONDS."""
    version = vocabulary_version()
    held = _cached.get(key)
    now = time.monotonic()
    if held is None or held.version != version or now - held.built > VOCABULARY_SECONDS:
        with _lock:
            held = _cached.get(key)
            if held is None or held.version != version or now - held.built > VOCABULARY_SECONDS:
                held = _Cached(version, now, Vocabulary(load()))
                _cached[key] = held
    return held.vocabulary
