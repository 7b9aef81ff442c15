"""Chinese and pinyin analysis done in Python, so every backend indexes and queries the same tokens.

The Elasticsearch test distribution has no Chinese analyser and no synonym filter, and the databases have
neither: text is segmented here (jieba), indexed as space-separated words, and queries are expanded here.
"""

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin

USER_DICTIONARY = Path(__file__).with_name("dictionary.txt")

# Words that carry no meaning in a search box; dropping them keeps "找家政" from requiring "找".
STOP_WORDS = frozenset({"的", "了", "和", "与", "及", "在", "找", "附近", "哪里", "有", "吗", "the", "and", "of"})

CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[\w\u3400-\u9fff\uf900-\ufaff]", re.UNICODE)

_tokenizer: jieba.Tokenizer | None = None
_tokenizer_lock = threading.Lock()


def tokenizer() -> jieba.Tokenizer:
    """One jieba tokenizer per process: loading its dictionary takes about a second."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                loaded = jieba.Tokenizer()
                loaded.initialize()
                loaded.load_userdict(str(USER_DICTIONARY))
                _tokenizer = loaded
    return _tokenizer


def dictionary_words() -> list[str]:
    """The domain words of the user dictionary, offered as suggestions."""
    return [line.split()[0] for line in USER_DICTIONARY.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_chinese(token: str) -> bool:
    return bool(CHINESE.search(token))


def _clean(tokens) -> list[str]:
    words = []
    for token in tokens:
        token = token.strip().lower()
        if token and WORD.search(token) and token not in STOP_WORDS:
            words.append(token)
    return words


# Text is segmented run by run: a run of Chinese characters, a run of spaces, or a run of anything else.
# jieba splits at the same places (no dictionary word mixes Chinese with digits or Latin), and runs repeat
# across the register (street names, 分店, phrases of descriptions), so each is segmented once per process.
RUNS = re.compile(r"([\u3400-\u9fff\uf900-\ufaff]+|\s+)")
CACHED_RUNS = 200_000


@lru_cache(maxsize=CACHED_RUNS)
def _index_words(run: str) -> tuple[str, ...]:
    return tuple(_clean(tokenizer().cut_for_search(run, HMM=False)))


@lru_cache(maxsize=CACHED_RUNS)
def _query_words(run: str) -> tuple[str, ...]:
    return tuple(_clean(tokenizer().cut(run, HMM=False)))


def _segment(text: str, words_of) -> list[str]:
    words = []
    for run in RUNS.split(text or ""):
        if run and not run.isspace():
            words.extend(words_of(run))
    return words


def segment_for_index(text: str) -> list[str]:
    """Words and the shorter words inside them (search mode): 再生资源 also yields 再生 and 资源.

    HMM is off on purpose: unknown names then split into single characters the same way in a document
    and in a query, instead of being joined differently depending on the characters around them.
    """
    return _segment(text, _index_words)


def segment_for_query(text: str) -> list[str]:
    """The longest dictionary words of a query; the index holds them and their parts."""
    return _segment(text, _query_words)


# Names repeat the same few thousand words; pinyin conversion is the slowest step of indexing.
@lru_cache(maxsize=100_000)
def pinyin_of(word: str) -> str:
    """Full toneless pinyin of the Chinese in a word, joined: 家政 → jiazheng."""
    return "".join(syllable for syllable in lazy_pinyin(word, errors="ignore") if syllable.isalpha()).lower()


@lru_cache(maxsize=100_000)
def initials_of(word: str) -> str:
    """The first letter of each syllable: 家政 → jz."""
    return "".join(
        letter for letter in lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore") if letter.isalpha()
    ).lower()


@dataclass(frozen=True)
class Analysis:
    """What one text contributes to the index (shared between callers, so nothing in it can change)."""

    tokens: tuple[str, ...] = ()
    pinyin: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()


# Category, service and trade names repeat across the register.
@lru_cache(maxsize=CACHED_RUNS)
def analyse(text: str, *, whole: bool = False) -> Analysis:
    """Segment a text; give each Chinese word its pinyin and initials. Latin words come back lower-cased.

    `whole` adds the pinyin and initials of the whole text (for names: `hxjz` finds 红星家政).
    """
    tokens = segment_for_index(text)
    chinese_words = [token for token in tokens if is_chinese(token)]
    pinyin = [pinyin_of(word) for word in chinese_words]
    initials = [initials_of(word) for word in chinese_words]
    if whole and len(chinese_words) > 1:
        # Composed from the words' own (cached) pinyin: converting the whole name would cost more.
        words = [word for word in segment_for_query(text) if is_chinese(word)]
        pinyin.append("".join(pinyin_of(word) for word in words))
        initials.append("".join(initials_of(word) for word in words))
    return Analysis(tokens=tuple(tokens), pinyin=_unique(pinyin), initials=_unique(initials))


def _unique(values) -> tuple[str, ...]:
    return tuple(value for value in dict.fromkeys(values) if value)


def joined(words) -> str:
    """Index text: words separated by single spaces, which every backend splits on."""
    return " ".join(words)
