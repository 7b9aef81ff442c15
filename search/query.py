"""What a search asks and answers, the same for every backend."""

import datetime
import re
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations

from search.analysis import (
    FILLER_WORDS,
    PLACE_KIND,
    is_chinese,
    join_spaced_pinyin,
    normalise,
    place_names,
    segment_for_query,
    tokenizer,
)
from search.synonyms import SynonymMap, synonym_map
from search.vocabulary import Vocabulary, is_dictionary_word, service_words

MAX_PAGE_SIZE = 100
# Elasticsearch refuses to page past 10,000 hits; the database backends honour the same bound.
MAX_RESULT_WINDOW = 10_000


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    category: str = ""  # a category code; its sub-categories are included
    district: str = ""  # a district code
    subdistrict: int | None = None
    open_at: datetime.datetime | None = None  # an aware moment, usually now
    founded_by_laid_off_workers: bool | None = None
    offer_group: str = ""  # an eligibility group code: merchants with an offer for it today
    micro_profit_only: bool = False  # merchants with a micro-profit service in force today
    bookable_online: bool = False  # merchants with a service residents can book on Linli
    near: Point | None = None
    radius_km: float | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    page_size: int = 20

    def __post_init__(self):
        if self.page < 1:
            raise ValueError("page starts at 1")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        if self.sort == Sort.DISTANCE and self.near is None:
            raise ValueError("sorting by distance needs a point")
        if self.radius_km is not None and self.near is None:
            raise ValueError("a radius needs a point")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def has_outlet_filter(self) -> bool:
        return bool(self.district or self.subdistrict or self.open_at or self.radius_km)


@dataclass
class Hit:
    id: int
    name: str
    score: float
    highlights: dict[str, list[str]] = field(default_factory=dict)
    distance_km: float | None = None
    description: str = ""
    # What the result card shows, as stored with the hit (search.records.MerchantRecord.card; read by
    # search.presentation), so that no merchant row is loaded to show it.
    card: dict = field(default_factory=dict)


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]  # {"category": {code: count}, "district": {code: count}}
    next_page: int | None
    backend: str
    # What the resident is told about the words: left out, corrected, or searched instead.
    dropped: list[str] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)
    searched: str = ""
    fallback: bool = False


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "word", "category" or "merchant"
    value: str  # what to search or open: the word, the category code or the merchant id


@dataclass(frozen=True)
class Term:
    """One word to match. Chinese words match whole tokens; Latin words also match pinyin and initials
    by prefix (so `jiaz` and `jz` find 家政)."""

    text: str

    @property
    def latin(self) -> bool:
        return not is_chinese(self.text)


# How an alternative ranks against the words as typed: a synonym a little below, a part of a word well below,
# so that a merchant matching the whole word stays above one matching only a part of it.
TYPED_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.8
PART_WEIGHT = 0.4

# Characters that, leading a two-character word, only say what the resident wants done with the thing named
# after them (买药, 吃饭, 看病): the thing is what to search for. Alone they are not searched at all.
LIGHT_VERBS = frozenset("买吃喝要想去请看帮")

# How many consecutive query words a term of the synonym list may span (修 手机, if an administrator adds
# 修手机 ↔ 手机维修).
LONGEST_PHRASE = 4


@dataclass(frozen=True)
class Alternative:
    """A phrase: every one of its terms must match. Iterating it gives the terms."""

    terms: tuple[Term, ...]
    weight: float = field(default=TYPED_WEIGHT, compare=False)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


# A group is satisfied by any of its alternatives; the words as typed come first.
Group = tuple[Alternative, ...]


def _phrase(text: str, weight: float) -> Alternative:
    return Alternative(tuple(Term(word) for word in segment_for_query(text)), weight)


def compound_parts(word: str) -> list[str]:
    """The dictionary words that together spell a word, left to right, covering as much of it as they can
    with as few words as possible (家电维修: 家电, 维修; 洗衣服: 洗衣). Characters no word of two or more
    covers are left out; the word itself is not one of its parts."""
    dag = tokenizer().get_DAG(word)
    size = len(word)
    # best[i]: (characters covered, -words) and the words, for word[i:]
    best: dict[int, tuple[tuple[int, int], list[str]]] = {size: ((0, 0), [])}
    for start in range(size - 1, -1, -1):
        (covered, negative_words), words = best[start + 1]
        choice = ((covered, negative_words), words)
        for end in dag.get(start, []):
            if end - start < 1 or (start == 0 and end == size - 1):
                continue
            (rest_covered, rest_negative), rest = best[end + 1]
            option = ((rest_covered + end - start + 1, rest_negative - 1), [word[start : end + 1], *rest])
            if option[0] >= choice[0]:
                choice = option
        best[start] = choice
    return best[0][1]


def parts_of(word: str) -> list[Alternative]:
    """What may stand for a Chinese word that matches nothing whole: all of its parts together.

    A long word is also satisfied by the dictionary words that spell it, every one of them (手机维修: 手机 and
    维修, never 手机 alone); a two-character word led by a light verb by the rest (买药: 药). Other short words
    keep no parts, so 家政 never matches a lone 家.
    """
    if not is_chinese(word):
        return []
    parts = compound_parts(word)
    if parts:
        return [Alternative(tuple(Term(part) for part in parts), PART_WEIGHT)]
    if len(word) == 2 and word[0] in LIGHT_VERBS:
        return [_phrase(word[1:], PART_WEIGHT)]
    return []


def _without_partial_parts(group: Group, word: str) -> Group:
    """A word the index holds is matched as itself: its dictionary parts that leave a character out only stand in
    for a word the index lacks (洗衣服, which no merchant writes, is 洗衣; 洗衣机, which the repairers write, is not
    洗衣, the laundries). Leaving out a last character that only says what kind of place or person (回收站: 回收,
    老年人: 老年) changes no meaning."""

    def whole(alternative: Alternative) -> bool:
        spelled = "".join(term.text for term in alternative)
        return spelled in (word, word[1:]) or (word[-1] in KIND_ENDINGS and spelled == word[:-1])

    return tuple(alternative for alternative in group if alternative.weight != PART_WEIGHT or whole(alternative))


def _pieces(synonym: str) -> list[Alternative]:
    """A synonym the index may hold only in pieces (牙科诊所 → 口腔诊所: 口腔 and 诊所 of the category) is also
    matched by the dictionary words that spell all of it; never by some of them (修家电 is not 家电 alone)."""
    parts = compound_parts(synonym) if is_chinese(synonym) else []
    # Not when a piece only says what kind of business (家政服务公司: 公司), which would match and mark everyone.
    if len(parts) > 1 and "".join(parts) == synonym and not GENERIC_WORDS.intersection(parts):
        return [Alternative(tuple(Term(part) for part in parts), PART_WEIGHT)]
    return []


def _spelling(words: list[str]) -> str:
    return "".join(words) if all(is_chinese(word) for word in words) else " ".join(words)


def _phrases(words: list[str], synonyms: dict[str, list[str]]) -> list[list[str]]:
    """The query words, with consecutive words that together spell a term of the synonym list joined."""
    spans, start = [], 0
    while start < len(words):
        end = start + 1
        for candidate in range(min(len(words), start + LONGEST_PHRASE), start + 1, -1):
            if _spelling(words[start:candidate]) in synonyms:
                end = candidate
                break
        spans.append(words[start:end])
        start = end
    return spans


# A verb said twice around 一 (洗一洗, 通一通) says it once, a little: the verb is what to search for.
REPEATED_VERB = re.compile(r"([\u3400-\u9fff])一\1")
# Pinyin with tone numbers (li2fa4dian4, yue4 sao3): the numbers say nothing the index holds.
TONE_NUMBERED = re.compile(r"(?:[a-zv]+[1-5])+[a-zv]*")


def _without_tone_numbers(word: str) -> str:
    return "".join(c for c in word if not c.isdigit()) if TONE_NUMBERED.fullmatch(word) else word


# 个 said inside a verb and its object (剃个头, 洗个澡, 理个发) parts what is one word of the service: read without it
# when the two make a word the dictionary or the lists know (剃头, 洗澡, 理发).
MEASURE_INSIDE = re.compile(r"([\u3400-\u9fff])个([\u3400-\u9fff])")


def _without_measure_words(text: str) -> str:
    def joined(match: re.Match) -> str:
        word = match.group(1) + match.group(2)
        return word if is_dictionary_word(word) or word in synonym_map() else match.group(0)

    return MEASURE_INSIDE.sub(joined, text)


def query_words(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The words of a query that say what is wanted: segmented, tone numbers taken off pinyin and spaced pinyin
    joined (`xi3 yi1` → `xiyi`), filler (谁家, 想, 不, 附近) and lone light verbs left out, unless that leaves
    nothing. With the engine's vocabulary, a mistyped word with a filler character in it is kept whole (see
    _typos_through_filler)."""
    words = segment_for_query(_without_measure_words(REPEATED_VERB.sub(r"\1", text)))
    words = join_spaced_pinyin([_without_tone_numbers(word) for word in words])
    if vocabulary is not None:
        words = _typos_through_filler(words, vocabulary)
    in_phrase = _in_english_phrases(words)
    without_filler = [word for position, word in enumerate(words) if position in in_phrase or word not in FILLER_WORDS]
    return [word for word in without_filler if word not in LIGHT_VERBS] or without_filler or words


def _in_english_phrases(words: list[str]) -> set[int]:
    """The positions of words that together spell an English phrase of the lists (trade in, man with a van): the
    filler among them is part of the phrase. Not a phrase of filler only (near me), which says nothing wanted."""
    return {
        position
        for span, start in _spans_with_starts(_phrases(words, synonym_map()))
        if len(span) > 1
        and not any(is_chinese(word) for word in span)
        and not all(word in FILLER_WORDS for word in span)
        for position in range(start, start + len(span))
    }


def _typos_through_filler(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """A typo whose wrong character is a filler word (里发店 for 理发店, 大要房 for 大药房) is segmented into single
    characters, and its filler would be left out before the typo is read. Three or four single characters, one of
    them filler, are kept together when they sound exactly like a word of the index of that length: the typo is
    then read as that word (_correction). Shorter runs would join too much that was meant as filler."""
    synonyms = synonym_map()
    result, index = [], 0
    while index < len(words):
        for stop in range(min(len(words), index + 4), index + 2, -1):
            run = words[index:stop]
            if (
                all(len(word) == 1 and is_chinese(word) for word in run)
                and any(word in FILLER_WORDS for word in run)
                and (vocabulary.homophones("".join(run)) or synonyms.homophone("".join(run)))
            ):
                result.append("".join(run))
                index = stop
                break
        else:
            result.append(words[index])
            index += 1
    return result


def _group(span: list[str], synonyms: SynonymMap) -> Group:
    spelling = _spelling(span)
    alternatives = [Alternative(tuple(Term(word) for word in span))]
    # The pinyin of a term of the list is that term as typed in characters, with its synonyms (xiyidian: 洗衣店,
    # and 洗衣 and 干洗), so it finds what the characters would.
    spelled = synonyms.spelled_in_pinyin(spelling) if len(span) == 1 else []
    alternatives += [_phrase(term, TYPED_WEIGHT) for term in spelled]
    for synonym in (synonym for term in [spelling, *spelled] for synonym in synonyms.get(term, [])):
        alternatives.append(_phrase(synonym, SYNONYM_WEIGHT))
        alternatives += _pieces(synonym)
    if len(span) == 1:
        alternatives += parts_of(spelling)
    return tuple(alternative for alternative in dict.fromkeys(alternatives) if alternative)


def plan_text(text: str) -> list[Group]:
    """Every query word must match: itself, one of its synonyms, or all of its parts (see parts_of).

    A light verb standing alone (买 in 买 水果) need not match, unless the query is nothing else.
    """
    synonyms = synonym_map()
    groups = [_group(span, synonyms) for span in _phrases(query_words(text), synonyms)]
    return list(dict.fromkeys(group for group in groups if group))


@dataclass
class Plan:
    """What a search asks of the engine, and what the resident is told about it."""

    groups: list[Group]
    # Words of the query left out: nothing in the index has them, or the relaxation ladder dropped them.
    dropped: list[str] = field(default_factory=list)
    # Words the relaxation ladder dropped that the index has: no longer required, but a merchant that has them
    # ranks higher among those found (下岗工人 for the appliance repairer run by laid-off workers).
    preferred: list[Group] = field(default_factory=list)
    # (as typed, as searched): typos and homophones put right against the index's own vocabulary.
    corrections: list[tuple[str, str]] = field(default_factory=list)
    relaxed: bool = False
    sentence: bool = False  # see SENTENCE_WORDS
    # The same words with each phrase of the synonym list searched word by word, each word with its own synonyms
    # (牙医诊所: 牙医 or 口腔, and 诊所 or 门诊), when some were read as one phrase.
    word_by_word: "Plan | None" = None
    # Other readings to search, in order, when this one finds nothing: word by word, then with characters that
    # only sound like a word's read as that word (空掉 维修: 空调 维修).
    retries: list["Plan"] = field(default_factory=list)

    @property
    def searched(self) -> str:
        """The words searched, as the resident would write them."""
        return " ".join(_spelling([term.text for term in group[0]]) for group in self.groups)


# Words that say what kind of business, not which: alone they would find nearly every merchant, so they never
# stand in for the words of a query that matched nothing (搬家公司 does not become 公司, 修自行车 not 修).
GENERIC_TEXT = """
    公司 有限公司 有限 店 铺 部 中心 服务 站 行 馆 所 门店 分店 总店 南京 南京市 连锁 商行 经营部 服务部 修 维修
    修理 师傅 店铺 地方 东西 事 问题 业务 专门 上门 卖 买 收 做 换 装 弄 搞 办 用 开 家 新 旧 大 小 老 检查
    company companies shop shops store stores service services centre center place repair repairs fix office
    broken replace replacing fixing repairing old nanjing
"""
GENERIC_WORDS = frozenset(GENERIC_TEXT.split())


def informative_weight(words) -> float:
    """How much some words say about what is wanted: nothing for generic words, else their length (a Latin
    word counts a third, as pinyin spells a character in about three letters)."""
    return sum(
        0 if word in GENERIC_WORDS else (len(word) if is_chinese(word) else max(1, len(word) / 3)) for word in words
    )


# A query of this many words or more (after filler) is a sentence: it tells the situation around what it asks for.
SENTENCE_WORDS = 4


# The last character of a word that names a kind of shop or place (宠物店, 修车铺, 托管站).
PLACE_ENDINGS = frozenset("店铺馆行站所厅")
# Last characters that say what kind of place or person a word is, not what it is about (回收站, 老年人, 助餐点,
# 护理员, 理发师).
KIND_ENDINGS = PLACE_ENDINGS | frozenset("人者点处部员师")


def names_a_place(word: str) -> bool:
    return len(word) > 2 and is_chinese(word) and word[-1] in PLACE_ENDINGS


# What a service is done to, when it is no person and no home: a search that leaves it out asks for another trade
# (宠物 洗澡 is not the bathing of the elderly, 汽车 保养换机油 not the repair of phones). Words of one character
# count only alone (狗不理 is a baozi shop).
SERVICE_OBJECTS_TEXT = """
    宠物 狗狗 小狗 猫咪 猫猫 小猫 汽车 轿车 私家车 小汽车 摩托车 摩托 狗 猫
    pet pets dog dogs puppy cat cats kitten car cars vehicle vehicles motorbike motorcycle
"""
SERVICE_OBJECTS = frozenset(SERVICE_OBJECTS_TEXT.split())
# Those that count inside a longer Chinese word as well (汽车 of 汽车保养).
SERVICE_OBJECTS_INSIDE = tuple(thing for thing in SERVICE_OBJECTS if len(thing) > 1 and is_chinese(thing))


def names_a_service_object(word: str) -> bool:
    """Whether a word names what a service is done to (SERVICE_OBJECTS): alone (pet grooming: pet), or inside a
    Chinese word (汽车保养), never inside a Latin one (carpet)."""
    return any(
        part in SERVICE_OBJECTS or (is_chinese(part) and any(thing in part for thing in SERVICE_OBJECTS_INSIDE))
        for part in word.split()
    )


def says_enough(kept: list[str], dropped: list[str], sentence: bool = False) -> bool:
    """Whether the words searched still say what was asked when others are left out: something beyond generic
    words, and at least half as much as what is left out (冰箱 of 冰箱突然不制冷了, not 公司 of 搬家公司).

    In a sentence, only left-out words that name a service weigh against the kept ones: 我妈 腿脚 不好 tell why
    上门 洗澡 is wanted, not what else is. A left-out word that names a kind of shop is what was asked for: 宠物店
    of 给狗狗洗澡剪毛的宠物店 is not found by the merchants who bathe the elderly, nor is a service to a pet or a car
    (SERVICE_OBJECTS) by the merchants of the same service to people."""
    if any(names_a_place(word) or names_a_service_object(word) for word in dropped):
        return False
    weight = informative_weight(kept)
    if sentence:
        dropped = [word for word in dropped if word in service_words()]
    return weight > 0 and 2 * weight >= informative_weight(dropped)


def names_service(group: Group) -> bool:
    """Whether a word of the query names a service: the synonym list or the domain dictionary has it."""
    return _spelling(_typed_words(group)) in service_words() or any(
        alternative.weight == SYNONYM_WEIGHT for alternative in group
    )


def _typed_words(group: Group) -> list[str]:
    return _texts(group[0])


def _texts(alternative: Alternative) -> list[str]:
    return [term.text for term in alternative]


def _matchable(group: Group, vocabulary: Vocabulary) -> bool:
    return any(all(vocabulary.knows(term.text) for term in alternative) for alternative in group)


def _corrected_runs(
    words: list[str], vocabulary: Vocabulary, synonyms, corrections, loose: bool, english: bool = False
) -> list[str]:
    """A mistyped word the segmenter could not recognise comes out as single characters (家正: 家 正): a run of
    two to four of them that spells no known word but sounds like one is read as that word (家政).

    A run of two that only rhymes with a word (食当: 食堂, 空掉: 空调) is read as it when one of its characters
    is nowhere in the index (当), or when `loose`: the words as typed found nothing. Otherwise it may well be a
    name the index holds character by character (苏邻 is not 睦邻).

    An English word that neither the index nor the synonym list knows, and that the index's words do not put
    right, is read as the nearest word of the list's English terms (plumer: plumber), before phrases are joined
    (washing machne: washing machine)."""
    # Characters that together spell a term of the synonym list are that term, not a typo (月子保母: 保母, whose 子保
    # is not 医保).
    protected = {
        position
        for span, start in _spans_with_starts(_phrases(words, synonyms))
        if len(span) > 1
        for position in range(start, start + len(span))
    }
    result, index = [], 0
    while index < len(words):
        if index in protected:
            result.append(words[index])
            index += 1
            continue
        corrected_english = _english_correction(words[index], vocabulary, synonyms, english)
        if corrected_english:
            corrections.append((words[index], corrected_english))
            result.append(corrected_english)
            index += 1
            continue
        end = index
        while end < len(words) and is_chinese(words[end]) and len(words[end]) == 1 and end not in protected:
            end += 1
        replaced = False
        for stop in range(min(end, index + 4), index + 1, -1):
            run = "".join(words[index:stop])
            if run in synonyms or vocabulary.knows(run):
                break
            unknown_character = not all(vocabulary.knows(character) for character in run)
            corrected = _correction(run, vocabulary, synonyms, loose or unknown_character)
            if corrected:
                corrections.append((run, corrected))
                result.append(corrected)
                index, replaced = stop, True
                break
        if not replaced:
            result.append(words[index])
            index += 1
    return result


def _correction(word: str, vocabulary: Vocabulary, synonyms, loose: bool) -> str | None:
    """What a Chinese word that matches nothing was meant to be: a word of the index (Vocabulary.correct) or,
    for three characters or more, a term of the synonym list that sounds exactly like it."""
    corrected = vocabulary.correct(word, loose=loose)
    if corrected is None and is_chinese(word) and len(word) >= 3 and not vocabulary.knows(word):
        corrected = synonyms.homophone(word)
    return corrected


def _spans_with_starts(spans: list[list[str]]):
    start = 0
    for span in spans:
        yield span, start
        start += len(span)


def _english_correction(word: str, vocabulary: Vocabulary, synonyms, english: bool) -> str | None:
    if is_chinese(word) or word in synonyms or vocabulary.knows(word) or _as_typed(word, english):
        return None
    if vocabulary.split_latin(word) or vocabulary.correct(word):
        return None
    return synonyms.nearest_english_word(word)


# In an English query, a Latin word this short that no list knows is an English word as typed, not a slip of pinyin
# or of another English word (year is not yuer, 育儿; cold is not gold).
ENGLISH_AS_TYPED_LETTERS = 5


def _as_typed(word: str, english: bool) -> bool:
    return english and word.isascii() and len(word) <= ENGLISH_AS_TYPED_LETTERS


def in_english(text: str, synonyms: SynonymMap) -> bool:
    """Whether a query is written in English: two of its words or more are English filler or words of the lists."""
    latin = [word for word in segment_for_query(text) if word.isascii() and word.isalpha()]
    return sum(word in FILLER_WORDS or word in synonyms.english_word_set or word in synonyms for word in latin) >= 2


# The plans of the texts searched lately, each with the vocabulary and the synonym list it was made against: the
# same searches come again and again, and reading a typo again against the vocabulary took a tenth of an API
# search. A new vocabulary or synonym list is a new object (search.vocabulary, search.synonyms), so a kept plan is
# only used with the very ones it was made with. Plans are read, never changed, by their users.
_plans: dict[str, tuple[Vocabulary | None, dict, Plan]] = {}
PLANS_KEPT = 2048


def understand(text: str, vocabulary: Vocabulary | None = None) -> Plan:
    """The plan of a query against an engine's vocabulary: words that match nothing are corrected (typos,
    homophones, unspaced pinyin of several words) or, failing that, left out and named."""
    synonyms = synonym_map()
    held = _plans.get(text)
    if held is not None and held[0] is vocabulary and held[1] is synonyms:
        return held[2]
    plan = _understood(text, vocabulary, synonyms)
    if len(_plans) >= PLANS_KEPT:
        _plans.clear()
    _plans[text] = (vocabulary, synonyms, plan)
    return plan


def _understood(text: str, vocabulary: Vocabulary | None, synonyms) -> Plan:
    words = query_words(text, vocabulary)
    if vocabulary is None or not len(vocabulary):
        return Plan(
            list(
                dict.fromkeys(
                    group for group in (_group(span, synonyms) for span in _phrases(words, synonyms)) if group
                )
            )
        )
    english = in_english(text, synonyms)
    plan = _read(text, words, vocabulary, synonyms, english, loose=False)
    loose = _read(text, words, vocabulary, synonyms, english, loose=True)
    for candidate in (plan.word_by_word, loose, loose.word_by_word):
        if candidate is not None and candidate.groups not in [plan.groups, *(seen.groups for seen in plan.retries)]:
            plan.retries.append(candidate)
    return plan


def _read(text: str, words: list[str], vocabulary: Vocabulary, synonyms, english: bool, loose: bool) -> Plan:
    corrections: list[tuple[str, str]] = []
    words = _corrected_runs(words, vocabulary, synonyms, corrections, loose, english)
    spans = _phrases(words, synonyms)
    plan = _planned(text, spans, vocabulary, synonyms, corrections, loose, english)
    fixes = dict(plan.corrections)
    fixed = [fixes.get(word, word) for word in words]
    if fixed != words and len(_phrases(fixed, synonyms)) < len(spans):
        # A word put right may make a phrase of the lists with its neighbours (apartmnet cleaning: apartment
        # cleaning, 家庭保洁), which is then read as the phrase, not word by word.
        words, spans = fixed, _phrases(fixed, synonyms)
        plan = _planned(text, spans, vocabulary, synonyms, plan.corrections, loose, english)
    if any(len(span) > 1 for span in spans):
        # Word by word, a phrase's filler (trade in, made to measure) is filler again.
        single = [[word] for word in words if word not in FILLER_WORDS] or [[word] for word in words]
        plan.word_by_word = _planned(text, single, vocabulary, synonyms, corrections, loose, english)
    return plan


def _planned(
    text: str,
    spans: list[list[str]],
    vocabulary: Vocabulary,
    synonyms,
    corrections,
    loose: bool = False,
    english: bool = False,
) -> Plan:
    corrections = list(corrections)
    corrected_words = {corrected for _, corrected in corrections}
    groups, dropped = [], []
    for span in spans:
        group = _group(span, synonyms)
        if not group:
            continue
        if not english:
            group = _with_index_words(group, vocabulary)
        # A word already put right is not put right again (planner: banner, not then barber), and an English word
        # of the lists is no mistyped pinyin (company is not co + manyi, 满意).
        if (
            not _matchable(group, vocabulary)
            and len(span) == 1
            and span[0] not in corrected_words
            and span[0] not in synonyms.english_word_set
            and span[0] not in synonyms
            and not _as_typed(span[0], english)
        ):
            word = span[0]
            pieces = vocabulary.split_latin(word)
            corrected = None if pieces else _correction(word, vocabulary, synonyms, loose)
            if pieces:
                # Pinyin of a trade and a place typed without spaces is read as if spaced: each word with its own
                # synonyms, the place apart from the trade (feipinhuishouyuhuatai: 废品回收 in 雨花台). Syllables
                # that are neither (jia shen fang) stay one word, all of which must match.
                spaced = [
                    _with_index_words(_group([piece], synonyms) or (Alternative((Term(piece),)),), vocabulary)
                    for piece in pieces
                ]
                if all(len(piece) > 1 or names_somewhere(piece) for piece in spaced):
                    groups.extend(spaced)
                    continue
                group = (Alternative(tuple(Term(piece) for piece in pieces)),)
            elif corrected:
                corrections.append((word, corrected))
                group = _group(segment_for_query(corrected) or [corrected], synonyms)
        if len(span) == 1 and vocabulary.knows(span[0]):
            group = _without_partial_parts(group, span[0])
        if _matchable(group, vocabulary):
            groups.append(group)
        else:
            dropped.append(_spelling(span))
    kept = [word for group in groups for word in _typed_words(group)]
    sentence = sum(map(len, spans)) >= SENTENCE_WORDS
    if not groups or (dropped and not says_enough(kept, dropped, sentence)):
        # What matches says less than what does not (搬家公司: only 公司): search as typed, find nothing, and
        # offer what is close.
        return Plan(plan_text(text), corrections=[])
    return Plan(list(dict.fromkeys(groups)), dropped=dropped, corrections=corrections, sentence=sentence)


def _with_index_words(group: Group, vocabulary: Vocabulary) -> Group:
    """A pinyin word no list knows is also the word of the index's text that it spells (yiji: 移机, which only
    descriptions say; the index holds the pinyin of names, services and categories, not of descriptions)."""
    typed = _typed_words(group)
    # A place is searched where the register keeps it (its outlets), not in every legal name that begins with it.
    if len(group) > 1 or len(typed) != 1 or is_chinese(typed[0]) or names_somewhere(group):
        return group
    spelled = vocabulary.by_pinyin.get(typed[0], [])[:1]
    return group + tuple(Alternative((Term(word),), SYNONYM_WEIGHT) for word in spelled)


# How many smaller searches the relaxation ladder may try when every word together finds nothing.
RELAXATION_TRIES = 6


def importance(group: Group) -> tuple:
    """How much a word says about what is wanted: a trade word of the synonym list first, then longer words
    (洗衣机 before 转)."""
    words = _typed_words(group)
    in_synonyms = _spelling(words) in synonym_map() or len(group) > 1
    return (informative_weight(words) > 0, in_synonyms, informative_weight(words))


def _subsets(plan: Plan):
    """The words to keep, as positions of the plan's groups: first without the words another word already says;
    in a sentence, then only those that name a service or a place (with a visit at home, when one is asked for,
    then without), then all but one of the services with the places; then, keeping the places the resident named
    (建邺, 秦淮区) as long as other words are left, most words first and, among as many, the most telling words."""
    groups = plan.groups
    said_once = tuple(i for i, group in enumerate(groups) if not _said_by_another(i, groups))
    if 0 < len(said_once) < len(groups):
        yield said_once
    if plan.sentence:
        asked = tuple(i for i in said_once if names_service(groups[i]) or names_somewhere(groups[i]))
        at_home = tuple(i for i in said_once if _asks_for_a_home_visit(groups[i]))
        with_the_visit = tuple(sorted(set(asked) | set(at_home)))
        if asked and at_home and len(with_the_visit) < len(groups):
            yield with_the_visit
        if 0 < len(asked) < len(groups):
            yield asked
        # A sentence that names several services may tell of some and ask for the others (刚租的房子…锁芯换了;
        # 租房子，白天上班…代收快递): all but one of them with the places, then fewer, the most telling first.
        services = [i for i in asked if not names_somewhere(groups[i])]
        where = {i for i in asked if names_somewhere(groups[i])} | set(at_home)
        for size in range(len(services) - 1, 0, -1):
            for kept in sorted(combinations(services, size), key=_by_importance(groups), reverse=True):
                yield tuple(sorted(where | set(kept)))
    places = tuple(i for i, group in enumerate(groups) if names_somewhere(group))
    others = [i for i in range(len(groups)) if i not in places]
    for keeping in [places, ()] if places else [()]:
        choices = others if keeping else range(len(groups))
        for size in range(len(choices) - 1, 0, -1):
            yield from (
                tuple(sorted(keeping + kept))
                for kept in sorted(combinations(choices, size), key=_by_importance(groups), reverse=True)
            )


def _by_importance(groups: list[Group]):
    """A sort key for choices of words to keep: the most telling word kept first, then the next."""
    return lambda kept: tuple(sorted((importance(groups[i]) for i in kept), reverse=True))


# Asked for in a sentence, a visit at home is part of the service, not of the situation: the laundry that comes to
# collect (哪家洗衣店能上门把衣服收走), the recycler who comes for the old newspapers.
HOME_VISIT_WORDS = frozenset({"上门"})


def _asks_for_a_home_visit(group: Group) -> bool:
    return any(_spelling(_texts(alternative)) in HOME_VISIT_WORDS for alternative in group)


def _said_by_another(position: int, groups: list[Group]) -> bool:
    """Whether another word of the query says what a word does: the word is part of one of its synonyms (钥匙 of
    钥匙丢 and 锁 of 修锁, which the list reads as 开锁). Left out first, it no longer requires itself."""
    words = set(_typed_words(groups[position]))
    return any(
        other != position and not names_somewhere(group) and any(words < set(_texts(each)) for each in group[1:])
        for other, group in enumerate(groups)
    )


def names_somewhere(group: Group) -> bool:
    """Whether a word of the query is a district, sub-district, community or street of the city (栖霞, 新街口街道,
    gulou, 太新路)."""
    spelling = _spelling(_typed_words(group))
    return spelling in place_names() or PLACE_KIND.sub("", spelling) in place_names()


def relaxations(plan: Plan):
    """Smaller plans to try (see _subsets): each drops some words and names them."""
    groups = plan.groups
    tried, seen = 0, set()
    for kept in _subsets(plan):
        if tried == RELAXATION_TRIES:
            return
        # Read lazily: a long sentence has thousands of choices, of which a handful are tried.
        if kept in seen:
            continue
        seen.add(kept)
        left_out = [_spelling(_typed_words(groups[i])) for i in range(len(groups)) if i not in kept]
        kept_words = [word for i in kept for word in _typed_words(groups[i])]
        if not says_enough(kept_words, [*plan.dropped, *left_out], plan.sentence):
            continue
        # A place alone is not what was asked for (every merchant of 鼓楼 for 鼓楼 开锁).
        if all(names_somewhere(groups[i]) for i in kept) and not all(map(names_somewhere, groups)):
            continue
        tried += 1
        yield Plan(
            [groups[i] for i in kept],
            dropped=[*plan.dropped, *left_out],
            preferred=[groups[i] for i in range(len(groups)) if i not in kept],
            corrections=plan.corrections,
            relaxed=True,
            sentence=plan.sentence,
        )


def as_written(words: list[str], text: str) -> list[str]:
    """Words left out, as the resident wrote them: the single characters the segmenter cut a name it does not know
    into (甘家巷, a street: 甘, 家, 巷) are one word again where they stood together in the query."""
    written = normalise(text)
    shown: list[str] = []
    after_a_character = False
    for word in words:
        character = len(word) == 1 and is_chinese(word)
        if character and after_a_character and shown[-1] + word in written:
            shown[-1] += word
        else:
            shown.append(word)
        after_a_character = character
    return shown


def next_page(query: SearchQuery, total: int) -> int | None:
    reachable = min(total, MAX_RESULT_WINDOW)
    return query.page + 1 if query.offset + query.page_size < reachable else None


def plan_terms(groups: list[Group]) -> list[Term]:
    return list(dict.fromkeys(term for group in groups for alternative in group for term in alternative))
