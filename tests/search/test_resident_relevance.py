"""Relevance on the demo register, measured with queries written by someone who never read the search code.

Batches of queries, each written by an outside writer from the register alone and scored on its own (see BATCHES):
`data/resident_queries.json` (the first, 255 queries, which the search was tuned on), then held-out batches in
`data/resident_queries_<batch>.json`, each measured as it came before anything was read of it (the
`*-as-it-came-*` files in bench/results); only the general causes of their misses are fixed, never their queries.
Each holds what residents type (whole sentences, questions, colloquial trade names, traditional characters, pinyin,
initials, typos, English, place + trade, names, negatives), each with the merchants that would answer it, by legal
name (ids differ between loads of the demo). A query is answered when one of them comes in the top three; a
negative when nothing comes back at all, since nothing in the register is relevant. The first batch's open-now
queries are built here from the register's own opening hours.

The demo register is loaded once for the module and indexed on the suite's database and, when it answers, on
Elasticsearch; every batch is run on it. Each engine's scores, per class, go to
bench/results/relevance-residents-<engine>.json (first batch) and relevance-residents-<batch>-<engine>.json;
the tests guard a floor per class and per engine, and name each query still missed, per batch and engine, in the
batch's known misses with its reason: exactly those miss.
"""

import datetime
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings

from market import clock_source
from market.registry.models import Organization
from search.backends.database import DatabaseBackend, refresh_entries
from search.backends.elasticsearch import ElasticsearchBackend
from search.engine import elasticsearch_client
from search.indexes import alias_name
from search.maintenance import rebuild_search
from search.query import SearchQuery
from search.service import search_merchants
from tests.services import unavailable_reason

DATA_FOLDER = Path(__file__).with_name("data")
RESULTS_FOLDER = Path(__file__).resolve().parents[2] / "bench" / "results"
TOP = 3
RANKED = 10
# A Tuesday evening and later that night, when supermarkets have closed and convenience stores have not.
EVENING = datetime.datetime(2026, 3, 10, 20, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
LATE_NIGHT = datetime.datetime(2026, 3, 10, 22, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
# Open-now queries: the trade of a resident query (its merchants) asked at a moment; the answer is those of them
# with an outlet open then, by the register's own hours (Location.is_open_at).
OPEN_NOW = [("便利店", "小卖部", LATE_NIGHT), ("药店", "附近有药店吗", EVENING), ("早点", "早点摊", EVENING)]

# The share of each class's queries of the first batch answered in the top three, at least, on every engine. Set a
# little below what was measured (bench/results/relevance-residents-*.json) so a regression fails.
CLASS_FLOORS = {
    "sentence": 0.8,
    "question": 0.8,
    "colloquial": 0.8,
    "traditional": 0.9,
    "pinyin": 0.9,
    "initials": 0.8,
    "typo_chinese": 0.8,
    "typo_pinyin": 0.8,
    "english": 0.8,
    "place_trade": 0.8,
    "exact_name": 0.9,
    "partial_name": 0.8,
    "open_now": 0.9,
    "negative": 0.8,
}
# The targets of issue 11: every engine answers at least this share in the top three.
ENGINE_FLOORS = {"database": 0.90, "elasticsearch": 0.97}

# Queries of the first batch still missed, by engine (sqlite, postgresql, elasticsearch) and query, with why.
# Exactly these miss: any other query missed fails test_every_other_query_is_answered, and a known miss that starts
# passing fails test_known_misses (strict), so the table is kept up to date.
MORNING_IS_A_WORD = (
    "早上 is searched as a word and only a convenience chain's text has it with 豆浆/早餐; the breakfast shops "
    "say 早点 and 早餐, never 早上"
)
EVERY_ENGINE = ("sqlite", "postgresql", "elasticsearch")


def on_every_engine(reasons: dict[str, str]) -> dict[str, str]:
    """Known misses (query text -> reason) alike on each engine, keyed "engine:text" as the tests read them."""
    return {f"{engine}:{text}": reason for engine in EVERY_ENGINE for text, reason in reasons.items()}


KNOWN_MISSES: dict[str, str] = {
    **{f"{engine}:早上哪里有卖豆浆油条的": MORNING_IS_A_WORD for engine in EVERY_ENGINE},
}

# The second batch, held out: floors a little below what it measured before any change made for it
# (bench/results/relevance-residents-second-*.json), and its misses, kept the same way as the first batch's. It does
# not reach issue 11's targets (0.934 top three on SQLite and Elasticsearch, 0.939 on PostgreSQL). General causes
# fixed since: a name of two characters read as another by fuzzy pinyin (兰园 as 南苑); English words found only in
# the synonym list's exact form (now a glossary of 971 English words written blind, and English stems); place names
# held character by character (所金村 for 锁金村: search/place_names.txt); Taiwanese and Hong Kong names of trades
# (藥局: search/resident_glossary.txt); a brand typed as a dictionary word that sounds the same (苏林 for 苏邻:
# names held in characters are indexed as words too). It measured 0.98 on every engine, and 1.0 since its last three
# misses were fixed (stop 26: a visit at home kept with the service; 个 inside a verb and its object).
SECOND_CLASS_FLOORS = {
    "sentence": 0.75,
    "question": 0.85,
    "colloquial": 0.9,
    "traditional": 0.85,
    "pinyin": 0.9,
    "initials": 0.9,
    "typo_chinese": 0.8,
    "typo_pinyin": 0.85,
    "english": 0.7,
    "place_trade": 0.9,
    "exact_name": 0.9,
    "partial_name": 0.9,
    "negative": 0.9,
}
SECOND_ENGINE_FLOORS = {"database": 0.93, "elasticsearch": 0.93}
SECOND_KNOWN_MISSES: dict[str, str] = {}


# The third batch, English (70 queries), written after the English glossary by a writer who had read neither it nor
# the code, and measured as it came (bench/results/relevance-residents-english-*.json): 0.70 top three on PostgreSQL
# and Elasticsearch, 0.73 on SQLite; 0.74 and 0.77 once English typos were read against the list's English terms.
# Floors a little below that. Its misses are kept below without a cause examined for each: most ask in words the
# glossary does not have (laundromat, soup dumplings, part-time jobs, locked out). Its negatives found merchants by
# a word they share (bike repair shop: repair shop; removal company: company read as the pinyin co manyi): English
# generic words now weigh nothing, as 公司 and 维修 do, and an English word of the lists is never read as pinyin, so
# every negative finds nothing (0.77 on PostgreSQL and Elasticsearch, 0.80 on SQLite). Then the general causes of
# its misses were fixed (see ENGLISH_KNOWN_MISSES): 0.957 on every engine.
ENGLISH_CLASS_FLOORS = {"english": 0.9, "english_place": 0.9, "mixed": 0.9, "english_typo": 0.85, "negative": 0.9}
ENGLISH_ENGINE_FLOORS = {"database": 0.95, "elasticsearch": 0.95}

# The fourth batch (230 queries), written by a helper who had read only the register and the domain brief, after the
# English glossary. As it came it measured 0.943 top three on Elasticsearch and 0.939 on PostgreSQL and SQLite
# (bench/results/relevance-residents-fourth-*.json then). Its misses had five general causes, fixed for every
# batch: a synonym the index holds only in pieces (牙科诊所 → 口腔诊所), characters spelling a synonym term read as a
# typo (月子保母: 子保 as 医保), pinyin with a letter too many read as a word and the start of another (lifadiann),
# a correction corrected again (planner → banner → barber), and words missing from the domain dictionary (月子,
# 大药房 for dyf), and the brand 苏邻 typed as 苏林, also in the second batch; now 0.974 on Elasticsearch and
# PostgreSQL, 0.978 on SQLite. Floors a little below that.
FOURTH_CLASS_FLOORS = {
    "sentence": 0.75,
    "question": 0.8,
    "colloquial": 0.9,
    "traditional": 0.9,
    "pinyin": 0.9,
    "initials": 0.9,
    "typo_chinese": 0.9,
    "typo_pinyin": 0.9,
    "english": 0.9,
    "place_trade": 0.9,
    "exact_name": 0.9,
    "partial_name": 0.9,
    "negative": 0.9,
}
FOURTH_ENGINE_FLOORS = {"database": 0.96, "elasticsearch": 0.96}
FOURTH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "我家老头子中风以后腿脚不灵光，想找个人上门帮他洗洗澡擦擦身子，哪家能来啊": (
                "asks for 上门助浴 in words no merchant writes (洗洗澡, 擦擦身子): nothing is found"
            ),
            "我今年七十二了一个人住，中午懒得烧饭，想找个地方吃口热乎饭，便宜点就行": (
                "asks for a canteen (老年助餐) in everyday words; 便宜 and 热乎饭 find a snack bar and a barber"
            ),
        }
    ),
}

# The fifth batch (100 queries), written in review by a helper who had read only the register, after every change
# above and measured as it came: 0.94 top three on every engine (bench/results/relevance-residents-fifth-*.json),
# against 0.974-0.98 on the second and fourth batches once their misses' causes were fixed. The next session fixed
# the general causes of five of its six misses (a real word read as one that only rhymes, everyday and Cantonese words
# for day care and a confinement nanny, English words for teeth and babies): 0.99 on every engine since.
FIFTH_CLASS_FLOORS = {
    "sentence": 0.85,
    "question": 0.7,
    "colloquial": 0.9,
    "traditional": 0.85,
    "pinyin": 0.9,
    "initials": 0.9,
    "typo_chinese": 0.9,
    "typo_pinyin": 0.9,
    "english": 0.7,
    "place_trade": 0.9,
    "partial_name": 0.9,
    "negative": 0.9,
}
FIFTH_ENGINE_FLOORS = {"database": 0.97, "elasticsearch": 0.97}
FIFTH_KNOWN_MISSES: dict[str, str] = {}
# The sixth batch (150 queries), written by a helper who had read only the register and the domain brief, after the
# fifth batch's fixes. As it came: 0.887 top three on Elasticsearch, 0.88 on PostgreSQL, 0.893 on SQLite
# (bench/results/relevance-residents-sixth-as-it-came-*.json). The general causes of its misses were then fixed, each
# with its own test in tests/search/test_query_planning.py (tone numbers, 洗一洗, everyday words never corrected, a
# shop's kind left out); the misses that remain are kept here with what is known of them.
SIXTH_CLASS_FLOORS = {
    "sentence": 0.9,
    "question": 0.9,
    "colloquial": 0.9,
    "traditional": 0.9,
    "pinyin": 0.9,
    "initials": 0.9,
    "typo_chinese": 0.8,
    "typo_pinyin": 0.9,
    "english": 0.9,
    "place_trade": 0.9,
    "partial_name": 0.9,
    "negative": 0.8,
}
SIXTH_ENGINE_FLOORS = {"database": 0.93, "elasticsearch": 0.94}
SIXTH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "哪里能免费测一下血糖？": "one pharmacy says it measures blood sugar; the other pharmacies rank above it",
            "月搜": "搜 (sou) for 嫂 (sao): the syllables do not rhyme, so 月搜 is not read as 月嫂",
            "绿林回收": "绿林 is a real word and is not read as the brand 绿邻; 回收 brings every recycler, 绿邻 4th",
            "电瓶车电池不行了哪里能换": "电池 finds the phone shops that change batteries; 电瓶车 matches nothing",
            "二手车评估 卖车": "二手 finds the estate agents' second-hand flats; 二手车 matches nothing",
            "带孩子打疫苗的接种点": "带孩子 finds the baby-care firms; 疫苗 and 接种 match nothing",
        }
    ),
    **{
        f"{engine}:找个保姆": "保姆 brings the maternity-nanny firms first; the writer counted agencies and cleaners"
        for engine in ("elasticsearch", "sqlite")
    },
}
# The seventh batch (100 queries), written the same way after every change above, and kept as it came: 0.93 top three
# on Elasticsearch, 0.94 on PostgreSQL and SQLite (bench/results/relevance-residents-seventh-as-it-came-*.json).
# The general causes of its misses were fixed the stop after (a typo through a filler word, everyday words).
SEVENTH_CLASS_FLOORS = {
    "sentence": 0.9,
    "question": 0.85,
    "colloquial": 0.8,
    "traditional": 0.9,
    "pinyin": 0.9,
    "initials": 0.9,
    "typo_chinese": 0.85,
    "typo_pinyin": 0.85,
    "english": 0.9,
    "place_trade": 0.9,
    "partial_name": 0.9,
    "negative": 0.9,
}
SEVENTH_ENGINE_FLOORS = {"database": 0.97, "elasticsearch": 0.97}
SEVENTH_KNOWN_MISSES: dict[str, str] = {
    **{
        f"{engine}:二手车买卖": "二手车's only dictionary part is 二手, which finds the estate agents' flats"
        for engine in EVERY_ENGINE
    },
}
# The eighth batch (150 queries, every class), written the same way after the seventh's causes were fixed, and
# measured before anything was read of it: 0.973 top three on Elasticsearch, 0.967 on PostgreSQL and 0.98 on SQLite
# (bench/results/relevance-residents-eighth-as-it-came-*.json). Two of its misses had general causes, since fixed (a
# word the index holds matched by a part that leaves a character out: 洗衣机 as 洗衣; 陪 for 陪同).
EIGHTH_CLASS_FLOORS = {
    **dict.fromkeys(
        (
            "sentence", "question", "colloquial", "traditional", "pinyin", "typo_pinyin", "typo_chinese",
            "initials", "english", "place_trade", "partial_name", "exact_name",
        ),
        0.9,
    ),
    "negative": 0.85,
}
EIGHTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
EIGHTH_KNOWN_MISSES: dict[str, str] = {
    **{
        f"{engine}:{text}": reason
        for engine in EVERY_ENGINE
        for text, reason in (
            ("修手表换电池", "手表 matches nothing and is left out; 换电池 finds phone shops that change batteries"),
            ("换煤气罐 液化气配送", "煤气罐 and 液化气 match nothing; 配送 finds the shops that deliver their goods"),
        )
    },
}
# The ninth batch (127 queries, every class, 15 in English), written the same way after every change above and
# measured as it came: 0.984 top three on every engine (bench/results/relevance-residents-ninth-as-it-came-*.json).
# One of its two misses had a cause since fixed (午饭 for the meal aid, 助餐).
NINTH_CLASS_FLOORS = dict.fromkeys(
    (
        "sentence", "question", "colloquial", "traditional", "pinyin", "typo_pinyin", "typo_chinese", "initials",
        "english", "place_trade", "partial_name", "exact_name", "negative",
    ),
    0.9,
)
NINTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
NINTH_KNOWN_MISSES: dict[str, str] = {}
# The tenth batch (70 queries, 25 in English), written the same way and kept as it came: 0.886 top three on
# Elasticsearch, 0.90 on PostgreSQL, 0.871 on SQLite (bench/results/relevance-residents-tenth-as-it-came-*.json).
# The general causes of its misses were fixed the stop after, each with a test in test_query_planning.py: 建邺 was
# two characters to the segmenter; the pinyin of a term of the list (xiyidian) was not the term; the relaxation left
# out the place the resident named before a word another word already said (钥匙 beside 开锁); broken weighed as
# much as zipper; english was read as pinyin (renli, sh); sell and duck blood vermicelli soup were no English terms.
TENTH_CLASS_FLOORS = dict.fromkeys(
    ("english", "typo_pinyin", "typo_chinese", "sentence", "colloquial", "place_trade", "negative"), 0.95
)
TENTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
TENTH_KNOWN_MISSES: dict[str, str] = {}
# The eleventh batch (110 queries, 30 in English), written the same way after the tenth's causes were fixed, and
# measured as it came: 0.909 top three on Elasticsearch and PostgreSQL, 0.891 on SQLite
# (bench/results/relevance-residents-eleventh-as-it-came-*.json); its English class 0.933. Causes then fixed: a
# place kept as long as other words can be left out (建邺 of 被子和窗帘…建邺这边有洗衣店吗), 钥匙 and 锁 read as
# the locksmith's, old appliances (旧冰箱) as what the recyclers take (家电回收), a computer that will not start (six
# tries of the relaxation instead of four), and English for a home visit and for accompanying to hospital.
ELEVENTH_CLASS_FLOORS = {
    **dict.fromkeys(
        ("english", "question", "colloquial", "traditional", "typo_pinyin", "place_trade", "partial_name"), 0.95
    ),
    **dict.fromkeys(("sentence", "typo_chinese", "negative"), 0.85),
    "pinyin": 0.8,
}
ELEVENTH_ENGINE_FLOORS = {"database": 0.94, "elasticsearch": 0.96}
ELEVENTH_KNOWN_MISSES: dict[str, str] = {
    **{
        f"{engine}:{text}": reason
        for engine in EVERY_ENGINE
        for text, reason in (
            (
                "洗衣机转不动了还一直漏水，想找个师傅上门修修，我住秦淮区",
                "漏水 (leaking) names the plumbers' trade and 洗衣机 names none, so a sentence keeps 漏水 and 秦淮区",
            ),
            (
                "我刚下岗，想找个家政或者小时工的活儿先干着，不知道去哪登记",
                "a job seeker's sentence: 家政 and 小时工 find the housekeeping firms first, the job agencies 5th",
            ),
            ("月艘", "艘 (sou) for 嫂 (sao): the syllables do not rhyme, as 月搜 in the sixth batch"),
        )
    },
    "sqlite:restaurant for birthday banquet for my 80 year old father": (
        "birthday banquet is no English term of the lists; SQLite ranks the snack bars' restaurant category first"
    ),
    "sqlite:xiyidian jianye": (
        "xiyidian is also read as 洗衣 (laundry), which SQLite's index holds inside 洗衣机: the Jianye appliance "
        "repairers rank above the laundry chain (5th)"
    ),
}
# The twelfth batch (100 queries, 25 in English), written the same way after the eleventh's causes were fixed, and
# measured as it came: 0.95 top three on every engine (bench/results/relevance-residents-twelfth-as-it-came-*.json).
# Its five misses had general causes, since fixed: a short word of an English query read as a slip of pinyin (year:
# yuer, 育儿) or of another English word (cold: gold); nanjing, which every legal name has, counted as a word of the
# service; words of a sentence that say nothing (完, 一次, 提前); air con, regas, 开荒保洁 and 订餐 unknown.
TWELFTH_CLASS_FLOORS = dict.fromkeys(
    (
        "english", "sentence", "question", "colloquial", "typo_chinese", "typo_pinyin", "pinyin", "traditional",
        "place_trade", "negative",
    ),
    0.95,
)
TWELFTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
TWELFTH_KNOWN_MISSES: dict[str, str] = {}
# The thirteenth batch (60 queries, 15 in English), written the same way in the review after the twelfth's fixes and
# kept as it came: 0.983 top three on Elasticsearch and PostgreSQL, 0.967 on SQLite
# (bench/results/relevance-residents-thirteenth-as-it-came-*.json). Its misses share causes already known above.
THIRTEENTH_CLASS_FLOORS = {
    **dict.fromkeys(
        ("english", "question", "colloquial", "typo_chinese", "pinyin", "traditional", "place_trade", "negative"), 0.95
    ),
    "sentence": 0.85,
    "typo_pinyin": 0.75,
}
THIRTEENTH_ENGINE_FLOORS = {"database": 0.95, "elasticsearch": 0.98}
THIRTEENTH_KNOWN_MISSES: dict[str, str] = {
    **{
        f"{engine}:我妈七十多了一个人住在鼓楼，想给她找个中午能吃口热饭的地方": (
            "asks for a canteen (老年助餐) in everyday words, as in the fourth batch: 热饭 matches nothing and the "
            "barbers of Gulou come first"
        )
        for engine in EVERY_ENGINE
    },
    "sqlite:xiydian jianye": "as xiyidian jianye in the eleventh batch: SQLite's index holds 洗衣 inside 洗衣机",
}
# The fourteenth batch (80 queries, 20 in English), written blind after stop 25 by a helper who read only the
# register and the domain brief, and measured as it came on stop 25's code
# (bench/results/relevance-residents-fourteenth-as-it-came-*.json): 0.925 top three on Elasticsearch and SQLite,
# 0.963 on PostgreSQL. General causes fixed since: a visit at home asked for in a sentence (上门) was left out with
# the situation's words; words the ladder left out did not rank; unspaced pinyin of a trade and a place
# (feipinhuishouyuhuatai) was one word without synonyms; 老人饭桌 and other names of the elderly canteen, blood sugar,
# cut vegetables. 1.0 on every engine since.
FOURTEENTH_CLASS_FLOORS = TWELFTH_CLASS_FLOORS
FOURTEENTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
FOURTEENTH_KNOWN_MISSES: dict[str, str] = {}
# The fifteenth batch (80 queries, 18 in English), written blind the same way after the fourteenth's causes were
# fixed, and measured as it came: 0.963 top three on Elasticsearch and SQLite, 0.95 on PostgreSQL. General causes
# fixed since: 锁芯 cut as 上锁 and 芯; a sentence that tells of one service (刚租的房子) and asks for another; a typo
# inside an English phrase (apartmnet cleaning); the pinyin of a word only descriptions have (yiji: 移机); 个 inside
# a verb and its object (剃个头). 1.0 on every engine since.
FIFTEENTH_CLASS_FLOORS = TWELFTH_CLASS_FLOORS
FIFTEENTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
FIFTEENTH_KNOWN_MISSES: dict[str, str] = {}
# The sixteenth batch (60 queries, 14 in English), written blind the same way in review of stop 26 and kept as it came
# on that stop's final code: 0.95 top three on Elasticsearch and PostgreSQL, 0.933 on SQLite. Fixed since: a service
# to a pet or a car that nobody offers (宠物洗澡美容, 汽车保养换机油) found the same service to people.
SIXTEENTH_CLASS_FLOORS: dict[str, float] = {}
SIXTEENTH_ENGINE_FLOORS = {"database": 0.93, "elasticsearch": 0.95}
SIXTEENTH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "秦淮找月艘": "as 月艘 in the eleventh batch: 艘 (sou) and 嫂 (sao) do not rhyme: it is not read as 月嫂",
        }
    ),
}
# The seventeenth batch (60 queries, 12 in English), written blind the same way after the sixteenth's pet and car
# negatives were fixed, and measured as it came on that code: 0.883 top three on Elasticsearch and SQLite, 0.867 on
# PostgreSQL (bench/results/relevance-residents-seventeenth-as-it-came-*.json). Fixed since: scrap metal (收铜收铁),
# a crew cut (推个平头), moving an air conditioner in English (another was read as an + other), noodles (吃面: 面条);
# 0.933 on every engine, its four misses below.
SEVENTEENTH_CLASS_FLOORS: dict[str, float] = {}
SEVENTEENTH_ENGINE_FLOORS = {"database": 0.93, "elasticsearch": 0.93}
SEVENTEENTH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "鼓楼 订家晏": "晏 for 宴: 家晏 is read as 邻家 of a breakfast chain's name, not as 家宴 (family banquet)",
            "给老人配个助听器": (
                "a negative (no hearing aids): 助听器 matches nothing and 老人 is kept, which the barbers who visit "
                "the elderly have"
            ),
            "旧衣服哪里回收": "a negative (nobody takes old clothes): 旧衣服 is left out, the scrap recyclers shown",
            "磨剪子戗菜刀": "a negative (no knife grinder): 剪子 is kept and finds names that hold 剪 or 子",
        }
    ),
}
# The eighteenth batch (60 queries, 8 in English), written blind the same way after the seventeenth was fixed, and
# measured as it came: 0.917 top three on every engine (bench/results/relevance-residents-eighteenth-as-it-came-*).
# Fixed since: a sentence that tells of two services and asks for a third (租房子，白天上班…代收快递), a blocked drain
# (阴沟堵了), dentures (镶牙), a wash and cut (洗剪吹) and a noodle shop in English.
EIGHTEENTH_CLASS_FLOORS: dict[str, float] = {}
EIGHTEENTH_ENGINE_FLOORS = {"database": 0.98, "elasticsearch": 0.98}
EIGHTEENTH_KNOWN_MISSES: dict[str, str] = {}
# The nineteenth batch (60 queries, 8 in English), written blind the same way after the eighteenth was fixed, and
# measured as it came: 0.90 top three on Elasticsearch and SQLite, 0.867 on PostgreSQL
# (bench/results/relevance-residents-nineteenth-as-it-came-*). Fixed since: words residents use for a boxed meal
# (盒饭), a stiff neck (落枕, 推一推), a one-room flat (一室户), a key typed as the input method's first choice
# (配要是), scanning for social insurance in English, and a number (两) read as filler.
NINETEENTH_CLASS_FLOORS: dict[str, float] = {}
NINETEENTH_ENGINE_FLOORS = {"database": 0.95, "elasticsearch": 0.95}
NINETEENTH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "小区附近有没有彩票站，想买两注双色球": (
                "a negative (no lottery): the lottery words are left out and 小区 is kept, which many merchants' "
                "texts say; as filler it would break a sentence of the seventh batch (下个月我爸…小区附近订几桌)"
            ),
        }
    ),
}
# The twentieth batch (60 queries, 8 in English), written blind the same way after the nineteenth was fixed, and
# measured as it came: 0.833 top three on Elasticsearch and SQLite, 0.817 on PostgreSQL
# (bench/results/relevance-residents-twentieth-as-it-came-*). Fixed since, for every batch: the city's streets are
# places (太新路 one word; Taixin Road, Huashen Avenue by their pinyin, which the index now holds for each outlet's
# street); the initials and pinyin of two words in a row of a name (裁缝铺: cfp); a word for the person of a trade
# (护理员: 护理); 检查 alone says nothing (心电图检查 finds no dentist); colloquial names (烟纸店, 收荒货, 房牙子, 郎中,
# 浴霸, 洗手盆, 过秤) and tooth filling. 0.967 on every engine since; the nineteenth batch's two street misses and the
# initials cs and sqst of the first and fourth batches are answered too.
TWENTIETH_CLASS_FLOORS: dict[str, float] = {}
TWENTIETH_ENGINE_FLOORS = {"database": 0.95, "elasticsearch": 0.95}
TWENTIETH_KNOWN_MISSES: dict[str, str] = {
    **on_every_engine(
        {
            "装修拆下来几片旧暖气片和一捆铜水管，想拿去过秤卖掉": (
                "scrap to sell: 铜水管 is read as the plumbers' 水管, and the ladder keeps it before 过秤 (weighing "
                "for sale), so the plumbers come first"
            ),
            "伞骨断了 修雨伞": (
                "a negative (nobody mends umbrellas): 伞骨 (san gu) is read as 扇骨 (shan gu) by fuzzy pinyin, a word "
                "one merchant's text holds"
            ),
        }
    ),
}
# The English batch's misses as it came (0.771 on Elasticsearch and PostgreSQL) had general causes, fixed the stop
# the eighth batch came: other forms and hyphens of the English list's phrases (passport photos, part-time jobs,
# locked out), English filler (somewhere, someone, district), places by their pinyin (pharmacy Qinhuai) and words
# of the list read as typos (dumplings). 0.943 since, and 0.971 once hospital appointments was a term (stop 25).
ENGLISH_KNOWN_MISSES: dict[str, str] = {
    **{
        f"{engine}:{text}": reason
        for engine in EVERY_ENGINE
        for text, reason in (
            ("get rid of old fridge", "get rid of is no term of the lists; fridge finds the appliance repairers"),
            (
                "locksmit",
                "the index's English names hold locksmith, so locksmit counts as a word begun, which the engines "
                "match only in pinyin and initials: nothing is found",
            ),
        )
    },
}


@dataclass(frozen=True)
class ResidentQuery:
    text: str
    kind: str
    expected: tuple[str, ...]  # legal names
    note: str = ""
    open_at: datetime.datetime | None = None

    def __str__(self):
        return f"{self.text}{' (open now)' if self.open_at else ''}"


def written_queries(file_name: str) -> tuple[ResidentQuery, ...]:
    return tuple(
        ResidentQuery(item["query"], item["class"], tuple(item["expected"]), item["note"])
        for item in json.loads((DATA_FOLDER / file_name).read_text(encoding="utf-8"))
    )


@dataclass(frozen=True)
class Batch:
    """A set of written queries, scored on its own: its scores go to bench/results/<results>-<engine>.json."""

    name: str
    queries: tuple[ResidentQuery, ...]
    results: str
    class_floors: dict[str, float]
    engine_floors: dict[str, float]
    known_misses: dict[str, str]
    open_now: tuple = ()  # (query, a query of the batch whose merchants answer it, moment)
    size: int = 150  # issue 11 asks for at least 150 queries; a batch of one class may have fewer

    def open_now_queries(self) -> list[ResidentQuery]:
        return open_now_queries(self.queries, self.open_now)

    def texts(self) -> set[str]:
        return {str(query) for query in self.queries} | {text for text, _, _ in self.open_now}


def open_now_queries(queries, open_now) -> list[ResidentQuery]:
    by_text = {query.text: query for query in queries}
    built = []
    for text, trade_query, moment in open_now:
        trade = by_text[trade_query].expected
        merchants = Organization.objects.filter(name__in=trade).prefetch_related("locations__schedules")
        open_then = [
            merchant.name
            for merchant in merchants
            if any(location.is_open_at(moment) for location in merchant.locations.all())
        ]
        built.append(ResidentQuery(text, "open_now", tuple(sorted(open_then)), f"{trade_query}, open", moment))
    return built


BATCHES = {
    batch.name: batch
    for batch in (
        Batch(
            "first",
            written_queries("resident_queries.json"),
            "relevance-residents",
            CLASS_FLOORS,
            ENGINE_FLOORS,
            KNOWN_MISSES,
            tuple(OPEN_NOW),
        ),
        Batch(
            "second",
            written_queries("resident_queries_second.json"),
            "relevance-residents-second",
            SECOND_CLASS_FLOORS,
            SECOND_ENGINE_FLOORS,
            SECOND_KNOWN_MISSES,
        ),
        Batch(
            "english",
            written_queries("resident_queries_english.json"),
            "relevance-residents-english",
            ENGLISH_CLASS_FLOORS,
            ENGLISH_ENGINE_FLOORS,
            ENGLISH_KNOWN_MISSES,
            size=70,
        ),
        Batch(
            "fourth",
            written_queries("resident_queries_fourth.json"),
            "relevance-residents-fourth",
            FOURTH_CLASS_FLOORS,
            FOURTH_ENGINE_FLOORS,
            FOURTH_KNOWN_MISSES,
        ),
        Batch(
            "fifth",
            written_queries("resident_queries_fifth.json"),
            "relevance-residents-fifth",
            FIFTH_CLASS_FLOORS,
            FIFTH_ENGINE_FLOORS,
            FIFTH_KNOWN_MISSES,
            size=100,
        ),
        Batch(
            "sixth",
            written_queries("resident_queries_sixth.json"),
            "relevance-residents-sixth",
            SIXTH_CLASS_FLOORS,
            SIXTH_ENGINE_FLOORS,
            SIXTH_KNOWN_MISSES,
        ),
        Batch(
            "seventh",
            written_queries("resident_queries_seventh.json"),
            "relevance-residents-seventh",
            SEVENTH_CLASS_FLOORS,
            SEVENTH_ENGINE_FLOORS,
            SEVENTH_KNOWN_MISSES,
            size=100,
        ),
        Batch(
            "eighth",
            written_queries("resident_queries_eighth.json"),
            "relevance-residents-eighth",
            EIGHTH_CLASS_FLOORS,
            EIGHTH_ENGINE_FLOORS,
            EIGHTH_KNOWN_MISSES,
        ),
        Batch(
            "ninth",
            written_queries("resident_queries_ninth.json"),
            "relevance-residents-ninth",
            NINTH_CLASS_FLOORS,
            NINTH_ENGINE_FLOORS,
            NINTH_KNOWN_MISSES,
            size=125,
        ),
        Batch(
            "tenth",
            written_queries("resident_queries_tenth.json"),
            "relevance-residents-tenth",
            TENTH_CLASS_FLOORS,
            TENTH_ENGINE_FLOORS,
            TENTH_KNOWN_MISSES,
            size=70,
        ),
        Batch(
            "eleventh",
            written_queries("resident_queries_eleventh.json"),
            "relevance-residents-eleventh",
            ELEVENTH_CLASS_FLOORS,
            ELEVENTH_ENGINE_FLOORS,
            ELEVENTH_KNOWN_MISSES,
            size=110,
        ),
        Batch(
            "twelfth",
            written_queries("resident_queries_twelfth.json"),
            "relevance-residents-twelfth",
            TWELFTH_CLASS_FLOORS,
            TWELFTH_ENGINE_FLOORS,
            TWELFTH_KNOWN_MISSES,
            size=100,
        ),
        Batch(
            "thirteenth",
            written_queries("resident_queries_thirteenth.json"),
            "relevance-residents-thirteenth",
            THIRTEENTH_CLASS_FLOORS,
            THIRTEENTH_ENGINE_FLOORS,
            THIRTEENTH_KNOWN_MISSES,
            size=60,
        ),
        Batch(
            "fourteenth",
            written_queries("resident_queries_fourteenth.json"),
            "relevance-residents-fourteenth",
            FOURTEENTH_CLASS_FLOORS,
            FOURTEENTH_ENGINE_FLOORS,
            FOURTEENTH_KNOWN_MISSES,
            size=80,
        ),
        Batch(
            "fifteenth",
            written_queries("resident_queries_fifteenth.json"),
            "relevance-residents-fifteenth",
            FIFTEENTH_CLASS_FLOORS,
            FIFTEENTH_ENGINE_FLOORS,
            FIFTEENTH_KNOWN_MISSES,
            size=80,
        ),
        Batch(
            "sixteenth",
            written_queries("resident_queries_sixteenth.json"),
            "relevance-residents-sixteenth",
            SIXTEENTH_CLASS_FLOORS,
            SIXTEENTH_ENGINE_FLOORS,
            SIXTEENTH_KNOWN_MISSES,
            size=60,
        ),
        Batch(
            "seventeenth",
            written_queries("resident_queries_seventeenth.json"),
            "relevance-residents-seventeenth",
            SEVENTEENTH_CLASS_FLOORS,
            SEVENTEENTH_ENGINE_FLOORS,
            SEVENTEENTH_KNOWN_MISSES,
            size=60,
        ),
        Batch(
            "eighteenth",
            written_queries("resident_queries_eighteenth.json"),
            "relevance-residents-eighteenth",
            EIGHTEENTH_CLASS_FLOORS,
            EIGHTEENTH_ENGINE_FLOORS,
            EIGHTEENTH_KNOWN_MISSES,
            size=60,
        ),
        Batch(
            "nineteenth",
            written_queries("resident_queries_nineteenth.json"),
            "relevance-residents-nineteenth",
            NINETEENTH_CLASS_FLOORS,
            NINETEENTH_ENGINE_FLOORS,
            NINETEENTH_KNOWN_MISSES,
            size=60,
        ),
        Batch(
            "twentieth",
            written_queries("resident_queries_twentieth.json"),
            "relevance-residents-twentieth",
            TWENTIETH_CLASS_FLOORS,
            TWENTIETH_ENGINE_FLOORS,
            TWENTIETH_KNOWN_MISSES,
            size=60,
        ),
    )
}


@dataclass
class Outcome:
    query: ResidentQuery
    names: list[str]  # legal names, best first
    total: int

    @property
    def rank(self) -> int | None:
        for position, name in enumerate(self.names, start=1):
            if name in self.query.expected:
                return position
        return None

    @property
    def answered(self) -> bool:
        if self.query.kind == "negative":
            return self.total == 0
        return self.rank is not None and self.rank <= TOP

    @property
    def reciprocal_rank(self) -> float:
        if self.query.kind == "negative":
            return 1.0 if self.total == 0 else 0.0
        return 1 / self.rank if self.rank else 0.0


def run_query(query: ResidentQuery, backend, legal_names: dict[int, str]) -> Outcome:
    with clock_source.fixed_at(query.open_at or EVENING):
        results = search_merchants(
            SearchQuery(text=query.text, open_at=clock_source.now() if query.open_at else None, page_size=RANKED),
            backend=backend,
        )
    return Outcome(query, [legal_names.get(hit.id, hit.name) for hit in results.hits], results.total)


def score(engine: str, outcomes: list[Outcome]) -> dict:
    by_class = defaultdict(list)
    for outcome in outcomes:
        by_class[outcome.query.kind].append(outcome)

    def summary(group):
        return {
            "queries": len(group),
            "top_3_share": round(sum(outcome.answered for outcome in group) / len(group), 3),
            "mean_reciprocal_rank": round(sum(outcome.reciprocal_rank for outcome in group) / len(group), 3),
        }

    return {
        "engine": engine,
        "database": connection.vendor,
        **summary(outcomes),
        "classes": {kind: summary(group) for kind, group in sorted(by_class.items())},
        "misses": [
            {"query": str(outcome.query), "class": outcome.query.kind, "rank": outcome.rank, "top_5": outcome.names[:5]}
            for outcome in outcomes
            if not outcome.answered
        ],
    }


def whole_set_report(engine: str, outcomes: dict, backend: str) -> dict:
    """Every batch together, the relevance set the issue's targets are stated for, and each batch's share."""
    every = [outcome for by_engine in outcomes.values() for outcome in by_engine[backend]]
    return {
        "engine": engine,
        "queries": len(every),
        "top_3_share": round(sum(outcome.answered for outcome in every) / len(every), 3),
        "mean_reciprocal_rank": round(sum(outcome.reciprocal_rank for outcome in every) / len(every), 3),
        "batches": {
            batch: round(sum(outcome.answered for outcome in by_engine[backend]) / len(by_engine[backend]), 3)
            for batch, by_engine in outcomes.items()
        },
    }


@dataclass
class Register:
    backends: dict
    legal_names: dict[int, str]
    queries: dict  # batch -> [ResidentQuery]
    outcomes: dict  # batch -> engine -> [Outcome]


@pytest.fixture(scope="module")
def demo_register(django_db_setup, django_db_blocker):
    """The demo register, indexed on the database and on Elasticsearch when it answers; every query of every batch
    run once per engine. Rolled back at the end."""
    elasticsearch_missing = unavailable_reason("elasticsearch")
    prefix = f"test-residents-{uuid.uuid4().hex[:8]}"
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix), django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        from demo.accounts import load_accounts
        from demo.categories import load_categories
        from demo.merchants import load_merchants
        from demo.places import load_places

        for load in (load_places, load_categories, load_accounts, load_merchants):
            load()
        refresh_entries()
        backends = {"database": DatabaseBackend()}
        if not elasticsearch_missing:
            rebuild_search(database=False)
            backends["elasticsearch"] = ElasticsearchBackend()
        legal_names = dict(Organization.objects.values_list("pk", "name"))
        queries = {batch.name: [*batch.queries, *batch.open_now_queries()] for batch in BATCHES.values()}
        outcomes = defaultdict(dict)
        for batch in BATCHES.values():
            for name, backend in backends.items():
                cache.clear()
                outcomes[batch.name][name] = [run_query(query, backend, legal_names) for query in queries[batch.name]]
                report = score(name if name == "elasticsearch" else connection.vendor, outcomes[batch.name][name])
                RESULTS_FOLDER.mkdir(parents=True, exist_ok=True)
                (RESULTS_FOLDER / f"{batch.results}-{report['engine']}.json").write_text(
                    json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
                )
        for name in backends:
            report = whole_set_report(name if name == "elasticsearch" else connection.vendor, outcomes, name)
            (RESULTS_FOLDER / f"relevance-residents-all-{report['engine']}.json").write_text(
                json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        try:
            yield Register(backends, legal_names, queries, outcomes)
        finally:
            if not elasticsearch_missing:
                client = elasticsearch_client()
                indices = list(client.indices.get(index=f"{alias_name()}*").body)
                if indices:
                    client.indices.delete(index=",".join(indices))
            transaction.set_rollback(True)


# Every test needs the test database: without a django_db test in the run, pytest-django would not set it up
# and the module fixture would reach the development database instead.
pytestmark = pytest.mark.django_db

ENGINES = ["database", pytest.param("elasticsearch", marks=pytest.mark.requires_service("elasticsearch"))]


BATCH_NAMES = sorted(BATCHES)


def _outcomes(register: Register, batch: str, engine: str) -> list[Outcome]:
    if engine not in register.outcomes[batch]:
        pytest.skip(f"{engine} is not available")
    return register.outcomes[batch][engine]


@pytest.mark.parametrize("batch", BATCH_NAMES)
def test_the_set_is_large_and_every_expected_merchant_is_in_the_register(demo_register, batch):
    assert len(BATCHES[batch].queries) >= BATCHES[batch].size
    registered = set(demo_register.legal_names.values())
    strays = {name for query in demo_register.queries[batch] for name in query.expected} - registered
    assert not strays
    open_now = [query for query in demo_register.queries[batch] if query.kind == "open_now"]
    assert all(query.expected for query in open_now), "an open-now query with nothing open tests nothing"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("batch", BATCH_NAMES)
def test_the_engine_answers_most_resident_queries_in_the_top_three(demo_register, batch, engine):
    outcomes = _outcomes(demo_register, batch, engine)
    share = sum(outcome.answered for outcome in outcomes) / len(outcomes)
    floor = BATCHES[batch].engine_floors[engine]
    assert share >= floor, [str(outcome.query) for outcome in outcomes if not outcome.answered]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_whole_relevance_set_meets_the_issues_targets(demo_register, engine):
    """Issue 11: at least 0.97 of every batch's queries together in the top three on Elasticsearch, 0.90 on the
    databases."""
    outcomes = [outcome for batch in BATCH_NAMES for outcome in _outcomes(demo_register, batch, engine)]
    share = sum(outcome.answered for outcome in outcomes) / len(outcomes)
    assert share >= ENGINE_FLOORS[engine]


@pytest.mark.parametrize(
    ("batch", "kind"), [(name, kind) for name in BATCH_NAMES for kind in sorted(BATCHES[name].class_floors)]
)
@pytest.mark.parametrize("engine", ENGINES)
def test_each_class_of_query_is_answered(demo_register, engine, batch, kind):
    outcomes = [outcome for outcome in _outcomes(demo_register, batch, engine) if outcome.query.kind == kind]
    assert outcomes, f"no query of class {kind}"
    share = sum(outcome.answered for outcome in outcomes) / len(outcomes)
    missed = [(str(outcome.query), outcome.names[:3]) for outcome in outcomes if not outcome.answered]
    assert share >= BATCHES[batch].class_floors[kind], missed


@pytest.mark.parametrize("batch", BATCH_NAMES)
def test_negatives_return_nothing_on_any_engine(demo_register, batch):
    """Every negative but a known miss (named with its reason) comes back empty."""
    known = BATCHES[batch].known_misses
    for engine, outcomes in demo_register.outcomes[batch].items():
        engines = [connection.vendor] if engine == "database" else [engine]
        shown = {
            str(outcome.query): outcome.names[:3]
            for outcome in outcomes
            if outcome.query.kind == "negative" and not any(f"{name}:{outcome.query}" in known for name in engines)
        }
        assert all(not names for names in shown.values()), (engine, shown)


def _engine_outcomes(register: Register, batch: str, engine: str) -> list[Outcome]:
    """The outcomes of an engine named as in the known misses: sqlite and postgresql are the database engine on
    the suite's database, when it is that one."""
    if engine == "elasticsearch":
        return _outcomes(register, batch, engine)
    if connection.vendor != engine:
        pytest.skip(f"the suite runs on {connection.vendor}, not {engine}")
    return _outcomes(register, batch, "database")


def _known_miss_cases():
    return [
        pytest.param(
            batch.name,
            engine,
            text,
            id=f"{batch.name}-{engine}-{text}",
            marks=pytest.mark.xfail(reason=reason, strict=True),
        )
        for batch in BATCHES.values()
        for key, reason in batch.known_misses.items()
        for engine, text in [key.split(":", 1)]
    ]


@pytest.mark.parametrize("batch", BATCH_NAMES)
def test_known_misses_name_queries_of_the_set(batch):
    texts = BATCHES[batch].texts()
    for key in BATCHES[batch].known_misses:
        engine, text = key.split(":", 1)
        assert engine in EVERY_ENGINE and text in texts, key


@pytest.mark.parametrize(("batch", "engine", "text"), _known_miss_cases())
def test_known_misses(demo_register, batch, engine, text):
    outcome = next(outcome for outcome in _engine_outcomes(demo_register, batch, engine) if str(outcome.query) == text)
    assert outcome.answered, outcome.names[:5]


@pytest.mark.parametrize(
    "engine",
    [
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.requires_service("postgresql")),
        pytest.param("elasticsearch", marks=pytest.mark.requires_service("elasticsearch")),
    ],
)
@pytest.mark.parametrize("batch", BATCH_NAMES)
def test_every_other_query_is_answered(demo_register, batch, engine):
    missed = {
        str(outcome.query): outcome.names[:3]
        for outcome in _engine_outcomes(demo_register, batch, engine)
        if not outcome.answered and f"{engine}:{outcome.query}" not in BATCHES[batch].known_misses
    }
    assert not missed
