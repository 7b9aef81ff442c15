"""Chinese and pinyin analysis done in Python, so every backend indexes and queries the same tokens.

The Elasticsearch test distribution has no Chinese analyser and no synonym filter, and the databases have
neither: text is segmented here (jieba), indexed as space-separated words, and queries are expanded here.
"""

import itertools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jieba
import opencc
import snowballstemmer
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

USER_DICTIONARY = Path(__file__).with_name("dictionary.txt")
# Nanjing's district, sub-district and community names without 区/街道/社区, then its streets (demo/data/nanjing.json),
# so that a name is one word in the index and in a query (建邺, not 建 邺; 锁金村, not 锁 金 村; 太新路, not 太 新路):
# a mistyped name (所金村) is then read as the name it sounds like.
PLACE_NAMES = Path(__file__).with_name("place_names.txt")

# Words that carry no meaning in a search box; dropping them keeps "找家政" from requiring "找".
STOP_WORDS = frozenset({"的", "了", "和", "与", "及", "在", "找", "附近", "哪里", "有", "吗", "the", "and", "of"})

# Words that say how a resident asks, not what for: dropped from a query unless it is nothing else (the index
# keeps them, so a merchant whose name holds one is still found by it). Matched after segmentation, so 人 drops
# from 想找人打扫卫生 but not from 老人.
FILLER_TEXT = """
我 我们 我家 咱 咱们 你 你们 他 她 谁 谁家 哪 哪里 哪儿 哪家 哪个 哪些 哪位 这
这里 这儿 那 那里 那儿 什么 啥 怎么 怎么办 怎样 如何 为什么 多少 多少钱 几 几点 能
能不能 可以 可不可以 会 要 想 想要 需要 请 请问 帮 帮忙 帮我 给 给我 找 找个 找人
找家 寻找 有 有没有 没有 没 不 不能 不会 吗 呢 吧 啊 呀 哦 嘛 了 的 地 得 着 过
个 一个 一下 一家 一位 人 家里 家里的 家中 里 上 下 附近 周边 周围 旁边 边上 身边
就近 最近 离我 近 好 好的 最好 靠谱 靠谱的 便宜 便宜的 专业 推荐 比较 一点 点 还 也
都 又 很 太 特别 今天 现在 马上 立刻 赶紧 急 急需 求 求助 该 应该 去 到 在 和 与
及 或 或者 还是 是 就 么 嗯 咋 咋办 把 被 让 前 之前 以前 后 之后 以后 大 小 多 太多 完 一次 提前 两
please near me nearby the a
an and of for to in my i want need where who
somewhere someone somebody something anywhere anyone any some find finding looking look could would will do
does is are be at from by us our your you it this that there here which what how best good around close nearest
local district area road street avenue lane can we live parent parents mum mom dad mother father grandma grandpa
granny grandmother grandfather another other else
"""
FILLER_WORDS = frozenset(FILLER_TEXT.split())

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
                loaded.load_userdict(str(PLACE_NAMES))
                _tokenizer = loaded
    return _tokenizer


def dictionary_words() -> list[str]:
    """The domain words of the user dictionary, offered as suggestions."""
    return [line.split()[0] for line in USER_DICTIONARY.read_text(encoding="utf-8").splitlines() if line.strip()]


# What kind of place a place name ends with: 江宁区, 新街口街道, 湖南路社区.
PLACE_KIND = re.compile(r"(?:区|县|街道|社区|镇|乡)$")
# What kind of street a street name ends with, which English signs translate (花神大道: Huashen Avenue).
STREET_KIND = re.compile(r"(?:大街|大道|路|街|巷)$")
# The street an address starts with: 石门坎244号, 江东中路146号.
ADDRESS_STREET = re.compile(r"^[\u4e00-\u9fff]+")


@cache
def place_names() -> frozenset[str]:
    """Nanjing's district, sub-district and community names without 区/街道/社区, and its streets, in characters
    and in pinyin."""
    names = [line.split()[0] for line in PLACE_NAMES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return frozenset(names) | frozenset(spelling for name in names for spelling in place_spellings(name))


# Places whose name is read otherwise than its characters' usual readings: 六合 is Luhe on maps and signs (六, lù
# in the place's own name), though pypinyin reads liu he.
LOCAL_READINGS = {"六合": "luhe"}


def place_spellings(name: str) -> list[str]:
    """How a place (without 区, 街道 or 社区) is spelled in pinyin: as its characters read, and as it is called; a
    street also without 路, 街 or 大道, which English signs say in words (Huashen Avenue: huashen)."""
    spellings = [pinyin_of(name)]
    if name in LOCAL_READINGS:
        spellings.append(LOCAL_READINGS[name])
    street = STREET_KIND.sub("", name)
    if street != name and len(street) > 1:
        spellings.append(pinyin_of(street))
    return spellings


def address_street(address: str) -> str:
    """The street of the city an address starts with (温泉路88号: 温泉路), or nothing when it names none."""
    match = ADDRESS_STREET.match(address or "")
    return match.group(0) if match and match.group(0) in place_names() else ""


def is_chinese(token: str) -> bool:
    return bool(CHINESE.search(token))


_converter_lock = threading.Lock()


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=100_000)
def normalise(text: str) -> str:
    """What every text and query is read as: full-width letters and digits made half-width (NFKC), traditional
    characters made simplified (OpenCC), Latin lower-cased. The same at index and query time."""
    text = unicodedata.normalize("NFKC", text or "")
    if CHINESE.search(text):
        with _converter_lock:
            text = _converter().convert(text)
    return text.lower()


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
    return tuple(_clean(tokenizer().cut_for_search(run, HMM=False))) + _names_in_characters(run)


def _names_in_characters(run: str) -> tuple[str, ...]:
    """Two to four characters in a row that no dictionary word covers, joined: a brand or a name the segmenter
    does not know (苏邻), indexed as a word too, so that a word typed for it that sounds the same (苏林) can be read
    as it. A query keeps them apart (苏 邻), as before, unless it is put right."""
    names, pending = [], []
    for token in [*tokenizer().cut(run, HMM=False), ""]:
        if len(token) == 1 and CHINESE.match(token) and token not in STOP_WORDS:
            pending.append(token)
            continue
        if 2 <= len(pending) <= 4:
            names.append("".join(pending))
        pending = []
    return tuple(names)


@lru_cache(maxsize=CACHED_RUNS)
def _query_words(run: str) -> tuple[str, ...]:
    return tuple(_clean(tokenizer().cut(run, HMM=False)))


def _segment(text: str, words_of) -> list[str]:
    words = []
    for run in RUNS.split(normalise(text)):
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


@cache
def _english_stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=10_000)
def english_stem(term: str) -> str:
    """An English term with each word cut to its stem (recycle, recycled, recycling → recycl); other text as it is."""
    words = term.split()
    if not words or not all(word.isascii() and word.isalpha() for word in words):
        return term
    return " ".join(_english_stemmer().stemWords(words))


def _toneless(syllable: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", syllable) if unicodedata.category(c) != "Mn")
    return stripped.replace("ü", "v")


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (about 420), from pypinyin's own table."""
    return frozenset(_toneless(reading) for readings in pinyin_dict.values() for reading in readings.split(","))


def is_syllable(word: str) -> bool:
    return word in pinyin_syllables()


@lru_cache(maxsize=20_000)
def readings(character: str) -> frozenset[str]:
    """Every toneless reading of a character, a polyphone's too (调: diao, tiao); none for a non-Chinese one."""
    found = pinyin_dict.get(ord(character), "") if len(character) == 1 else ""
    return frozenset(_toneless(reading) for reading in found.split(",") if reading)


# Longest first, so that zh is taken before z.
INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")


def rhyme(syllable: str) -> str:
    """A syllable without its initial, front and back nasals alike (dang, tang → an; ding, din → in)."""
    for initial in INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            syllable = syllable[len(initial) :]
            break
    for back, front in (("ang", "an"), ("eng", "en"), ("ing", "in")):
        if syllable.endswith(back):
            return syllable[: -len(back)] + front
    return syllable


@lru_cache(maxsize=20_000)
def usual_reading(character: str) -> str:
    """A character's first (most usual) toneless reading: 洁 jie, not its rare ji."""
    found = pinyin_dict.get(ord(character), "") if len(character) == 1 else ""
    return _toneless(found.split(",")[0]) if found else ""


def sound_alike(typed: str, meant: str) -> bool:
    """Whether one character may have been typed for another through the pinyin input method: the typed one's
    usual reading rhymes with a reading of the one meant (掉 diao for 调 diao/tiao, 当 dang for 堂 tang)."""
    usual = usual_reading(typed)
    return bool(usual) and rhyme(usual) in {rhyme(reading) for reading in readings(meant)}


def join_spaced_pinyin(words: list[str]) -> list[str]:
    """Pinyin typed a syllable at a time (`xi yi`, `wei xiu`) joined into the word it spells (`xiyi`): two or
    more consecutive Latin words that are each one syllable become one word. Anything else stays as it is."""
    joined_words, run = [], []

    def flush():
        if len(run) > 1:
            joined_words.append("".join(run))
        else:
            joined_words.extend(run)
        run.clear()

    for word in words:
        if word.isascii() and word.isalpha() and is_syllable(word):
            run.append(word)
        else:
            flush()
            joined_words.append(word)
    flush()
    return joined_words


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

    `whole` adds the pinyin and initials of the whole text (for names: `hxjz` finds 红星家政), and of each two
    words in a row, which is how a trade the dictionary cuts in two is typed (裁缝铺: `cfp`, `caifengpu`).
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
        for first, second in itertools.pairwise(words):
            pinyin.append(pinyin_of(first) + pinyin_of(second))
            initials.append(initials_of(first) + initials_of(second))
    return Analysis(tokens=tuple(tokens), pinyin=_unique(pinyin), initials=_unique(initials))


def _unique(values) -> tuple[str, ...]:
    return tuple(value for value in dict.fromkeys(values) if value)


def joined(words) -> str:
    """Index text: words separated by single spaces, which every backend splits on."""
    return " ".join(words)
