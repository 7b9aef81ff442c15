"""Query planning: which words a search requires, and what may stand in for each of them."""

import pytest

from demo.data_files import nanjing
from search.analysis import segment_for_query
from search.models import Synonym
from search.query import (
    PART_WEIGHT,
    SYNONYM_WEIGHT,
    TYPED_WEIGHT,
    Alternative,
    Plan,
    SearchQuery,
    Term,
    compound_parts,
    names_somewhere,
    plan_text,
    relaxations,
    understand,
)
from search.vocabulary import Vocabulary
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, SubdistrictFactory

pytestmark = pytest.mark.django_db


def merchant(name: str, description: str, **fields):
    """A merchant known only by its legal name and description: no trade name or English name to match."""
    return OrganizationFactory(name=name, alternate_name="", name_en="", description=description, **fields)


def spelled(text: str) -> list[list[tuple[str, float]]]:
    """The plan as [group: [(the alternative's words joined by spaces, its weight)]]."""
    return [
        [(" ".join(term.text for term in alternative), alternative.weight) for alternative in group]
        for group in plan_text(text)
    ]


def test_a_long_word_may_be_satisfied_by_the_words_that_spell_it():
    assert compound_parts("洗衣服") == ["洗衣"]
    assert spelled("洗衣服")[0][0] == ("洗衣服", TYPED_WEIGHT)


def test_a_compound_needs_all_its_parts_together_never_one_of_them():
    assert compound_parts("家电维修") == ["家电", "维修"]
    (appliances,) = spelled("家电维修")
    assert appliances[0] == ("家电维修", TYPED_WEIGHT)
    assert ("家电 维修", PART_WEIGHT) in appliances
    assert ("家电", PART_WEIGHT) not in appliances and ("维修", PART_WEIGHT) not in appliances


def test_parts_rank_below_synonyms_and_synonyms_below_the_words_typed():
    assert TYPED_WEIGHT > SYNONYM_WEIGHT > PART_WEIGHT > 0


def test_every_word_of_a_phrase_still_has_to_match():
    (phrase,) = spelled("旧衣服回收")
    assert phrase[0] == ("旧衣服 回收", TYPED_WEIGHT)
    assert "衣服" not in [words for words, _ in phrase]
    assert "回收" not in [words for words, _ in phrase if _ == PART_WEIGHT]


def test_a_two_character_word_never_matches_its_characters_alone():
    (housekeeping,) = spelled("家政")
    assert housekeeping[0] == ("家政", TYPED_WEIGHT)
    assert [words for words, _ in housekeeping if len(words) == 1] == []


def test_a_light_verb_leading_a_word_need_not_match():
    (medicine,) = spelled("买药")
    assert ("药", PART_WEIGHT) in medicine
    assert "买" not in [words for words, _ in medicine]


def test_a_light_verb_standing_alone_is_not_required():
    (fruit,) = spelled("买 水果")
    assert fruit[0] == ("水果", TYPED_WEIGHT)
    assert "买" not in [words for words, _ in fruit]
    assert spelled("吃早饭")[0][0] == ("早饭", TYPED_WEIGHT)


def test_a_query_of_nothing_but_a_light_verb_still_searches_for_it():
    assert spelled("买") == [[("买", TYPED_WEIGHT)]]


def test_the_seeded_phrase_synonyms_answer_everyday_errands():
    (meal,) = spelled("吃饭")
    assert ("用餐", SYNONYM_WEIGHT) in meal
    assert ("助餐", SYNONYM_WEIGHT) in meal
    (medicine,) = spelled("买药")
    assert {("药店", SYNONYM_WEIGHT), ("药房", SYNONYM_WEIGHT)} <= set(medicine)


def test_a_synonym_spanning_several_query_words_joins_them_into_one_group():
    Synonym.objects.create(terms="修手机, 手机维修")

    (repair,) = spelled("修手机")

    assert repair[0] == ("修 手机", TYPED_WEIGHT)
    assert ("手机 维修", SYNONYM_WEIGHT) in repair


def test_words_the_synonym_list_does_not_join_stay_separate_groups():
    Synonym.objects.create(terms="修手机, 手机维修")

    assert [group[0] for group in spelled("手机 修")] == [("手机", TYPED_WEIGHT), ("修", TYPED_WEIGHT)]


def test_a_repeated_word_is_asked_once():
    (locks,) = spelled("开锁 开锁")
    assert locks[0] == ("开锁", TYPED_WEIGHT)
    assert {("锁匠", SYNONYM_WEIGHT), ("换锁", SYNONYM_WEIGHT)} <= set(locks)


def test_an_english_word_in_another_form_than_the_lists_term_still_gets_its_synonyms():
    # The list says recycling and pharmacy.
    (recycled,) = spelled("recycled")
    assert ("回收", SYNONYM_WEIGHT) in recycled
    (pharmacies,) = spelled("pharmacies")
    assert ("药店", SYNONYM_WEIGHT) in pharmacies


def test_english_words_are_read_as_the_chinese_words_merchants_write_but_not_the_other_way():
    (conditioner, repair) = spelled("air conditioners repair")
    assert ("空调", SYNONYM_WEIGHT) in conditioner
    assert ("维修", SYNONYM_WEIGHT) in repair
    (chinese,) = spelled("空调")
    assert not any(text.isascii() for text, _ in chinese)


def test_an_english_word_with_a_stem_of_its_own_gets_no_synonyms():
    assert spelled("recipe") == [[("recipe", TYPED_WEIGHT)]]


def test_latin_words_keep_no_parts():
    assert spelled("kaisuo")[0][0] == ("kaisuo", TYPED_WEIGHT)
    assert [words for words, weight in spelled("kaisuo")[0] if weight == PART_WEIGHT] == []


def test_the_pinyin_of_a_term_of_the_synonym_list_is_that_term_with_its_synonyms():
    (locksmith,) = spelled("kaisuo")
    assert ("开锁", TYPED_WEIGHT) in locksmith
    assert ("锁匠", SYNONYM_WEIGHT) in locksmith
    # An English word of the lists is no pinyin, whatever it spells.
    assert spelled("can") == [[("can", TYPED_WEIGHT)]] or spelled("can") == []


# -- what a resident sees, on every engine ---------------------------------------------------------------


def test_a_long_word_finds_what_its_parts_find_ranking_the_whole_word_first(engine):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    says_the_whole_word = OrganizationFactory(
        name="干净", alternate_name="", name_en="", description="上门取件代洗衣服，当天送回。", categories=[laundry]
    )
    says_a_part = OrganizationFactory(
        name="快捷", alternate_name="", name_en="", description="自助洗衣，被褥清洗。", categories=[laundry]
    )
    merchant("平安", "上门开锁、换锁。")
    engine.index()

    results = engine.search(text="洗衣服")

    assert [hit.id for hit in results.hits] == [says_the_whole_word.pk, says_a_part.pk]


def test_a_short_word_does_not_match_a_merchant_that_has_only_one_of_its_characters(engine):
    merchant("万家", "家 电 维修")
    housekeeping = merchant("红星家政", "日常保洁")
    engine.index()

    assert [hit.id for hit in engine.search(text="家政").hits] == [housekeeping.pk]


def test_an_errand_finds_the_merchant_through_the_synonym_list(engine):
    pharmacy = merchant("仁济大药房", "西药、中成药。")
    merchant("百姓超市", "日用百货、粮油。")
    engine.index()

    assert [hit.id for hit in engine.search(text="买药").hits] == [pharmacy.pk]


def test_an_english_word_in_another_form_finds_the_merchant_through_the_synonym_list(engine):
    recycler = merchant("绿源", "废品回收，旧家电上门收购。")
    merchant("百姓超市", "日用百货、粮油。")
    engine.index()

    assert [hit.id for hit in engine.search(text="recycled").hits] == [recycler.pk]


def test_a_mistyped_english_word_is_read_as_the_nearest_word_of_the_lists_english_terms(engine):
    repairer = merchant("顾师傅", "洗衣机维修，空调清洗。")
    merchant("百姓超市", "日用百货、粮油。")
    engine.index()

    results = engine.search(text="washing machne repair")

    assert [hit.id for hit in results.hits] == [repairer.pk]
    assert ("machne", "machine") in results.corrections


def test_a_character_typed_for_one_that_rhymes_with_it_is_corrected(engine):
    repairer = merchant("王师傅家电维修", "空调维修、加氟。")
    canteen = merchant("平安社区食堂", "老人午餐。")
    engine.index()

    # 掉 (diao) for 调 (tiao): the words as typed find nothing, then the rhyming reading is searched.
    repairs = engine.search(text="空掉维修")
    assert [hit.id for hit in repairs.hits] == [repairer.pk]
    assert repairs.corrections == [("空掉", "空调")]
    # 当 is nowhere in the index: 食当 is read as 食堂 at once.
    canteens = engine.search(text="社区食当")
    assert [hit.id for hit in canteens.hits] == [canteen.pk]
    assert canteens.corrections == [("食当", "食堂")]


def test_a_name_held_character_by_character_is_not_read_as_a_word_that_rhymes_with_it(engine):
    suling = merchant("苏邻超市", "日用百货。")
    merchant("睦邻超市", "日用百货。")
    engine.index()

    results = engine.search(text="苏邻超市")

    assert [hit.id for hit in results.hits] == [suling.pk]
    assert results.corrections == []


def test_a_place_held_character_by_character_is_not_read_as_one_that_sounds_nearly_like_it(engine):
    lanyuan = merchant("万家便利店", "兰园社区，日用百货。")
    merchant("友邻便利店", "南苑社区，日用百货。")
    engine.index()

    # 兰 (lan) and 南 (nan) differ by the l/n that fuzzy pinyin forgives: 兰园 is a name, not a typo of 南苑.
    results = engine.search(text="兰园社区便利店")

    assert [hit.id for hit in results.hits] == [lanyuan.pk]
    assert results.corrections == []


def test_a_phrase_that_finds_nothing_is_searched_word_by_word_with_each_words_synonyms(engine):
    dentist = merchant("康乐口腔门诊", "洗牙、补牙。")
    merchant("仁心中医诊所", "针灸推拿。")
    engine.index()

    # 牙医诊所 ↔ 口腔诊所 is a phrase of the synonym list; the register says 口腔 (牙医) and 门诊 (诊所).
    for typed in ("牙医诊所", "牙醫診所"):
        assert [hit.id for hit in engine.search(text=typed).hits] == [dentist.pk]


def test_a_sentence_is_searched_for_the_service_it_names_and_the_rest_is_named_as_left_out(engine):
    carer = merchant("佳美居家养老", "上门助浴、助餐、陪诊。")
    merchant("洁净家政", "日常保洁，上门服务。")
    engine.index()

    results = engine.search(text="我妈腿脚不好想找人上门帮她洗澡")

    assert [hit.id for hit in results.hits] == [carer.pk]
    assert "腿脚" in results.dropped


def test_pinyin_typed_short_of_its_last_letter_ranks_the_word_it_starts_first(engine):
    housekeeping = merchant("安居家政", "保洁。")
    merchant("家和理发", "理发。")
    engine.index()

    assert [hit.id for hit in engine.search(text="jiazhen").hits][:1] == [housekeeping.pk]


def test_every_district_sub_district_and_community_of_the_city_is_one_word_of_the_segmenter():
    names = [
        name.removesuffix(suffix) if len(name) - len(suffix) >= 2 else name
        for district in nanjing()["districts"]
        for subdistrict in district["subdistricts"]
        for name, suffix in [
            (district["name"], "区"),
            (subdistrict["name"], "街道"),
            *((community["name"], "社区") for community in subdistrict["communities"]),
        ]
    ]
    assert len(names) > 150 and "建邺" in names
    assert [name for name in names if segment_for_query(name) != [name]] == []


def test_a_place_name_typed_with_characters_that_sound_the_same_is_read_as_the_place(engine):
    suojincun = merchant("春晖居家养老", "锁金村街道，居家养老、助餐。")
    merchant("佳美居家养老", "五老村街道，居家养老。")
    engine.index()

    # 锁金村 is one word of the index (search/place_names.txt), so 所金村 (suo jin cun too) is read as it.
    results = engine.search(text="所金村养老")

    assert [hit.id for hit in results.hits] == [suojincun.pk]
    assert results.corrections == [("所金村", "锁金村")]


def test_a_synonym_the_index_holds_only_in_pieces_is_matched_by_all_of_its_pieces(engine):
    dentist = merchant("康乐口腔门诊", "社区诊所，洗牙。")
    merchant("仁心中医", "社区诊所，针灸推拿。")
    engine.index()

    # 牙科诊所 ↔ 口腔诊所 is a phrase of the list; no merchant writes 口腔诊所 in one piece.
    for typed in ("牙科诊所", "牙科診所"):
        assert [hit.id for hit in engine.search(text=typed).hits] == [dentist.pk]


def test_characters_that_spell_a_term_of_the_synonym_list_are_that_term_not_a_typo(engine):
    nurse = merchant("仁心母婴护理", "月嫂、育婴师。")
    merchant("汇通大药房", "医保刷卡，处方药。")
    engine.index()

    # 保母 is the Taiwanese 保姆: its 子保 is not read as 医保.
    results = engine.search(text="月子保母")

    assert [hit.id for hit in results.hits] == [nurse.pk]
    assert results.corrections == []


@pytest.mark.parametrize("typed", ["藥局", "水電行", "街市"])
def test_taiwan_and_hong_kong_names_of_a_trade_find_it(engine, typed):
    pharmacy = merchant("汇通大药房", "处方药，医保刷卡。")
    plumber = merchant("李师傅水电维修", "水管疏通。")
    market = merchant("锁金菜市场", "蔬菜水果。")
    engine.index()

    expected = {"藥局": pharmacy, "水電行": plumber, "街市": market}[typed]
    assert [hit.id for hit in engine.search(text=typed).hits] == [expected.pk]


def test_pinyin_with_a_letter_too_many_is_read_as_the_whole_word_not_as_the_start_of_another(engine):
    barber = merchant("放心理发店", "理发。")
    merchant("顾师傅电脑维修", "电脑维修。")
    engine.index()

    # lifa + diann (the start of diannao, 电脑) is not what was meant: lifadian is one letter away.
    results = engine.search(text="lifadiann")

    assert [hit.id for hit in results.hits] == [barber.pk]
    assert results.corrections == [("lifadiann", "lifadian")]


def test_a_word_put_right_is_not_put_right_again(engine):
    OrganizationFactory(name="放心理发店", alternate_name="", name_en="Fangxin Barber", description="理发。")
    engine.index()

    # planner is two letters from the list's banner, and banner two from barber: a wedding planner is no barber.
    assert engine.search(text="wedding planner").total == 0


@pytest.mark.parametrize("typed", ["？？", "%%%", "!!!", "*", "的"])
def test_text_without_a_word_in_it_finds_nothing_rather_than_every_merchant(engine, typed):
    merchant("放心理发店", "理发。")
    merchant("百姓超市", "日用百货。")
    engine.index()

    assert engine.search(text="").total == 2
    assert engine.search(text=typed).total == 0


def test_a_brand_typed_as_a_word_that_sounds_exactly_like_it_is_read_as_the_brand(engine):
    suling = merchant("苏邻超市", "日用百货。")
    merchant("睦邻超市", "日用百货。")
    merchant("天天半价", "日用百货。")
    engine.index()

    # 苏林 (su lin) is a dictionary word no merchant has; the index holds the brand 苏邻 (su lin) as a name.
    results = engine.search(text="苏林超市")
    assert [hit.id for hit in results.hits] == [suling.pk]
    assert results.corrections == [("苏林", "苏邻")]
    # A word is still not read as another dictionary word that sounds like it, unless that one names a service:
    # moving house (搬家) is not half price (半价).
    assert engine.search(text="搬家").total == 0


def test_a_text_planned_again_is_read_against_the_vocabulary_and_synonyms_of_now():
    typed = "jiazhegn"
    vocabulary = Vocabulary({"jiazheng": 3, "维修": 2})

    assert understand(typed, vocabulary).corrections == [(typed, "jiazheng")]
    assert understand(typed, vocabulary).corrections == [(typed, "jiazheng")]
    assert understand(typed, Vocabulary({"jiazhen": 3})).corrections == [(typed, "jiazhen")]
    assert understand(typed, vocabulary).corrections == [(typed, "jiazheng")]
    Synonym.objects.create(terms="jiazhegn, 维修")

    assert understand(typed, vocabulary).corrections == []


@pytest.mark.parametrize("typed", ["bike repair shop", "removal company"])
def test_an_english_request_for_a_trade_nobody_offers_finds_nothing_by_its_generic_words(engine, typed):
    merchant("和美电子产品维修店", "手机维修，电脑维修。")
    merchant("满意大药房", "处方药。")
    engine.index()

    # repair and shop, like 维修 and 店, say what kind of business and not which; company is no pinyin (co manyi).
    assert engine.search(text=typed).total == 0
    assert engine.search(text="phone repair").total == 1


@pytest.mark.parametrize("typed", ["li2fa4dian4", "li3 fa4", "LI2FA4"])
def test_pinyin_with_tone_numbers_is_read_without_them(engine, typed):
    barber = merchant("放心理发店", "理发，剪发。")
    merchant("百姓超市", "日用百货。")
    engine.index()

    assert [hit.id for hit in engine.search(text=typed).hits] == [barber.pk]


def test_a_verb_said_twice_around_yi_is_searched_once(engine):
    plumber = merchant("健民水电维修", "水管疏通，马桶疏通。")
    merchant("百姓超市", "日用百货。")
    engine.index()

    # 通一通 (give it a clear-through) is 通; 洗一洗 is no typo of 洗衣 (laundry).
    assert [hit.id for hit in engine.search(text="下水道通一通").hits] == [plumber.pk]
    washed = understand("洗一洗")
    assert [[term.text for term in group[0]] for group in washed.groups] == [["洗"]]


def test_a_word_in_everyday_use_is_never_read_as_another_that_sounds_the_same(engine):
    merchant("兴旺职介", "职介，家政人员介绍。")
    greens = merchant("大众生鲜", "净菜，半成品。")
    engine.index()

    # 直接 (straight away, zhi jie) sounds exactly like 职介 (a job agency), which the index holds.
    results = engine.search(text="净菜买回家直接下锅")
    assert [hit.id for hit in results.hits] == [greens.pk]
    assert results.corrections == []


def test_a_real_word_is_not_read_as_one_whose_other_character_only_rhymes_with_it(engine):
    merchant("蒋记早点", "包子，豆浆。")
    tailor = merchant("李师傅裁缝铺", "改衣，修裤脚。")
    engine.index()

    # 裤子 (ku zi) is no typo of 包子 (bao zi), though 包 has a rare reading, fu, that rhymes with ku; 改短 is 改衣.
    results = engine.search(text="裤子太长了哪里可以改短")
    assert [hit.id for hit in results.hits] == [tailor.pk]
    assert results.corrections == []


def test_a_kind_of_shop_nobody_on_the_register_is_finds_nothing_by_the_other_words(engine):
    merchant("春晖居家养老", "上门助浴，洗澡，剪指甲。")
    engine.index()

    # 宠物店 matches nothing: the merchants that bathe the elderly are no pet groomers.
    assert engine.search(text="给狗狗洗澡剪毛的宠物店").total == 0
    assert engine.search(text="给老人洗澡").total == 1


@pytest.mark.parametrize(
    "typed",
    ["给狗狗洗澡美容", "鼓楼 宠物洗澡美容", "江宁 汽车保养换机油", "pet grooming and bathing", "car oil change"],
)
def test_a_service_to_a_pet_or_a_car_nobody_offers_is_not_answered_by_the_same_service_to_people(engine, typed):
    merchant_in("鼓楼区", "春晖居家养老", "上门助浴，洗澡，剪指甲。")
    merchant_in("鼓楼区", "丽人美容美发", "美容，美发，洗澡。")
    merchant_in("江宁区", "江宁数码快修", "手机维修，换屏，换电池，保养。")
    engine.index()

    assert engine.search(text=typed).total == 0
    # The same service to people is found as before.
    assert engine.search(text="鼓楼 洗澡美容").total > 0
    assert engine.search(text="江宁 手机保养换电池").total == 1


@pytest.mark.parametrize(
    ("typed", "trade"),
    [
        ("陪月", "月嫂"),
        ("長者日間護理中心", "日间照料"),
        ("有没有白天能把老人送过去的地方", "日间照料"),
        ("看牙", "口腔"),
        ("买小菜", "生鲜"),
        ("过早", "早点"),
        ("午饭", "助餐"),
        ("上班走不开，想找个人陪她去医院", "陪同就医"),
        # English phrases of the list in another form, or with filler around them.
        ("passport photos", "证件照"),
        ("part-time jobs", "兼职"),
        ("locked out", "开锁"),
        ("somewhere to print", "打印"),
        # Words that are filler elsewhere (help, can, in, to) are kept in a phrase of the list.
        ("domestic help", "保姆"),
        ("tin can", "易拉罐"),
        ("trade in", "以旧换新"),
        ("made to measure", "定做"),
    ],
)
def test_everyday_hong_kong_and_english_words_for_a_service_find_it(engine, typed, trade):
    wanted = merchant(f"仁心{trade}", f"{trade}服务。")
    merchant("百姓超市", "日用百货。")
    engine.index()

    assert [hit.id for hit in engine.search(text=typed).hits] == [wanted.pk]


@pytest.mark.parametrize(
    ("typed", "mistyped", "meant", "name"),
    [
        ("里发店", "里发店", "理发店", "放心理发店"),
        ("附近的里发店", "里发店", "理发店", "放心理发店"),
        ("想找个大要房", "大要房", "大药房", "钟山大药房"),
    ],
)
def test_a_typo_whose_wrong_character_is_a_filler_word_is_read_as_the_word_it_sounds_like(
    engine, typed, mistyped, meant, name
):
    wanted = merchant(name, "")
    merchant("百姓超市", "日用百货，大小药品不卖。")
    engine.index()

    # 里 and 要 are filler words; left out first, they left 发店 and 大房, which found nothing.
    results = engine.search(text=typed)
    assert [hit.id for hit in results.hits] == [wanted.pk]
    assert results.corrections == [(mistyped, meant)]


def test_a_supermarket_that_brings_the_shopping_home_is_found_by_how_residents_ask(engine):
    delivers = merchant("家和超市", "生鲜果蔬，满百元送货上门。")
    merchant("百姓超市", "日用百货。")
    engine.index()

    assert [hit.id for hit in engine.search(text="哪家超市可以把东西送到家里？").hits] == [delivers.pk]


def test_filler_words_that_sound_like_no_word_of_the_index_stay_filler(engine):
    watchmaker = merchant("精工钟表维修", "修表，换电池。")
    engine.index()

    results = engine.search(text="我要修表")
    assert [hit.id for hit in results.hits] == [watchmaker.pk]
    assert results.corrections == []


def test_a_word_the_index_holds_is_not_matched_by_a_part_that_leaves_a_character_out(engine):
    repairer = merchant("王师傅家电维修", "洗衣机、冰箱上门维修。")
    laundry = merchant("春晖洗衣店", "洗衣，干洗，熨烫。")
    engine.index()

    # 洗衣机 (a washing machine) is no 洗衣 (laundry); 洗衣服, which nobody writes, is.
    assert [hit.id for hit in engine.search(text="洗衣机不转了").hits] == [repairer.pk]
    assert engine.search(text="洗衣服").hits[0].id == laundry.pk


def test_a_word_of_size_says_nothing_of_the_service(engine):
    laundry = merchant("春晖洗衣店", "洗衣，干洗，窗帘清洗。")
    merchant("钟山大药房", "药品。")
    engine.index()

    # 大 (big) is in names (大药房): kept, it was asked of every merchant, then named as left out. The curtains are
    # what is to be washed.
    results = engine.search(text="客厅的大窗帘想送出去洗")
    assert [hit.id for hit in results.hits] == [laundry.pk]
    assert "大" not in results.dropped


def test_a_place_typed_in_pinyin_finds_the_merchants_there(engine):
    xinjiekou = SubdistrictFactory(name="新街口街道", district__name="秦淮区")
    elsewhere = SubdistrictFactory(name="仙林街道", district__name="栖霞区")
    there = merchant("康宁大药房", "处方药。")
    LocationFactory(organization=there, subdistrict=xinjiekou)
    LocationFactory(organization=merchant("汇通大药房", "处方药。"), subdistrict=elsewhere)
    engine.index()

    # As on maps and street signs in English; 区 and 街道 are not part of what is typed.
    assert [hit.id for hit in engine.search(text="pharmacy Xinjiekou").hits] == [there.pk]
    assert [hit.id for hit in engine.search(text="pharmacy Qinhuai district").hits] == [there.pk]


@pytest.mark.parametrize("typed", ["pharmacy luhe", "pharmacy Liuhe", "luhe yaofang"])
def test_a_district_is_found_by_the_name_it_is_called_as_well_as_by_its_characters_readings(engine, typed):
    there = merchant_in("六合区", "惠民大药房", "处方药，医保定点。")
    merchant_in("鼓楼区", "康宁大药房", "处方药，医保定点。")
    # luhe is a word of the index (an English name), so it is not read as a typo of liuhe.
    OrganizationFactory(
        name="南京路禾商贸有限公司", alternate_name="", name_en="Nanjing Luhe Trading", description="日用百货。"
    )
    engine.index()

    # 六合 is Luhe on maps and signs; its characters read liu he.
    assert [hit.id for hit in engine.search(text=typed).hits] == [there.pk]


def merchant_on(address: str, name: str, description: str):
    """A merchant (see merchant) with one outlet at an address."""
    found = merchant(name, description)
    LocationFactory(organization=found, address_1=address)
    return found


def test_every_street_of_the_city_is_one_word_and_a_place():
    streets = [
        street
        for district in nanjing()["districts"]
        for subdistrict in district["subdistricts"]
        for street in subdistrict["streets"]
    ]
    assert len(streets) > 150 and "太新路" in streets
    assert [street for street in streets if segment_for_query(street) != [street]] == []
    assert [street for street in streets if not names_somewhere((Alternative((Term(street),)),))] == []


def test_a_street_in_a_sentence_keeps_the_search_on_that_street(engine):
    on_the_street = merchant_on("太新路12号", "邻家早点铺", "包子、豆浆、油条，早上五点半开门。")
    merchant_on("龙蟠路3号", "晨光早点铺", "包子、豆浆、稀饭，早上五点开门。")
    merchant_on("中山路8号", "老街早点铺", "包子、豆浆。")
    engine.index()

    # 太新路 was 太 and 新路 to the segmenter, no place: the ladder left it out and ranked every breakfast shop.
    results = engine.search(text="我在工地干活早上五点多就要出门，住太新路那块，有没有这么早就开门卖包子豆浆的早点铺")
    assert [hit.id for hit in results.hits] == [on_the_street.pk]
    assert "太新路" in results.searched.split()


@pytest.mark.parametrize("typed", ["breakfast Taixin Road", "taixinlu baozi", "breakfast near Taixin"])
def test_a_street_typed_as_english_signs_spell_it_finds_the_merchants_on_it(engine, typed):
    on_the_street = merchant_on("太新路12号", "邻家早餐", "包子、豆浆。")
    merchant_on("龙蟠路3号", "晨光早餐", "包子、豆浆。")
    engine.index()

    # Street signs say Taixin Road (太新路): its pinyin, with or without 路, is in the index of its merchants; Road
    # only says it is a street, so it is not named as a word that found nothing.
    results = engine.search(text=typed)
    assert [hit.id for hit in results.hits] == [on_the_street.pk]
    assert results.dropped == []


def test_initials_of_a_trade_the_dictionary_cuts_in_two_find_the_shop(engine):
    tailor = merchant("秦淮区李师傅裁缝铺", "改衣、换拉链。")
    merchant("秦淮区李记五金店", "五金、配钥匙。")
    engine.index()

    # 裁缝铺 is 裁缝 and 铺 to the segmenter; residents type the initials of the three characters together.
    for typed in ("cfp", "caifengpu"):
        assert [hit.id for hit in engine.search(text=typed).hits] == [tailor.pk]


def test_a_word_for_the_person_of_a_trade_finds_the_trade(engine):
    carer = merchant("安心到家家政", "保洁、居家护理。")
    merchant("白鹭洗衣", "干洗，水洗。")
    merchant("康乐护理用品", "持证护理员上门。")
    engine.index()

    # 护理员 (a carer) is a word the index holds, and what the carers write is 护理: 员 only says it is a person.
    assert carer.pk in [hit.id for hit in engine.search(text="想找个护理员定期照顾老人").hits]


def test_a_generic_word_left_alone_by_what_matches_nothing_finds_nothing(engine):
    merchant("康乐口腔门诊", "口腔检查、洗牙。")
    engine.index()

    # 心电图 (an ECG) is no service of the register; 检查 alone would bring back every clinic that checks anything.
    assert engine.search(text="想做个心电图检查").hits == []


def merchant_in(district: str, name: str, description: str):
    """A merchant (see merchant) with an outlet in a sub-district of the district named."""
    found = merchant(name, description)
    LocationFactory(organization=found, subdistrict=SubdistrictFactory(district__name=district))
    return found


def test_a_district_typed_without_its_suffix_keeps_the_search_there(engine):
    there = merchant_in("建邺区", "白鹭洗衣连锁", "干洗，水洗，熨烫。")
    merchant_in("鼓楼区", "春晖洗衣", "干洗，水洗。")
    engine.index()

    # 建邺 is not in jieba's dictionary: unless the city's names are, it is 建 and 邺, which match nothing.
    results = engine.search(text="干冼 建邺")
    assert [hit.id for hit in results.hits] == [there.pk]
    assert results.dropped == []


def test_pinyin_of_a_trade_finds_what_the_trade_in_characters_finds(engine):
    chain = merchant_in("鼓楼区", "白鹭洗衣连锁", "干洗，水洗，熨烫。")
    merchant_in("建邺区", "春晖洗衣店", "干洗，水洗。")
    engine.index()

    # xiyidian is 洗衣店, whose synonyms (洗衣, 干洗) the chain in Gulou has; its name has no 洗衣店. Typed without
    # a space, the trade and the place are still read apart, each word with its synonyms.
    for typed in ("xiyidian gulou", "xiyidain gulou", "xiyidiangulou"):
        assert [hit.id for hit in engine.search(text=typed).hits] == [chain.pk]
    # Syllables that are no word of their own stay together: 健身房 (a gym) is not 家 or 深 or 房 anywhere.
    assert engine.search(text="jianshenfang").hits == []


def test_words_another_word_already_says_are_left_out_before_the_place(engine):
    there = merchant_in("栖霞区", "明德开锁服务部", "开锁，换锁芯。")
    merchant_in("鼓楼区", "德顺开锁服务部", "开锁，配钥匙。")
    engine.index()

    # 钥匙 (钥匙丢) and 锁 (修锁) are in 开锁's synonyms: left out, they no longer outweigh where the resident is.
    results = engine.search(text="钥匙锁在屋里了，栖霞这边有开锁的吗")
    assert [hit.id for hit in results.hits] == [there.pk]
    assert "栖霞" not in results.dropped


def test_a_place_is_kept_while_other_words_of_a_sentence_can_be_left_out(engine):
    there = merchant_in("建邺区", "白鹭洗衣连锁", "连锁洗衣店，中央工厂统一洗护，可上门取送。")
    merchant_in("鼓楼区", "春晖洗衣店", "洗被子，洗窗帘。")
    engine.index()

    # Nobody in Jianye says 被子 and 窗帘 as well: those are left out before 建邺.
    results = engine.search(text="想把家里的被子和窗帘拿去洗一洗，建邺这边有洗衣店吗")
    assert [hit.id for hit in results.hits] == [there.pk]
    assert "建邺" not in results.dropped


def test_a_word_that_only_says_something_is_broken_gives_way_to_the_thing(engine):
    tailor = merchant("李师傅裁缝铺", "改衣服，换拉链，修补。")
    merchant("恒信水电维修服务部", "水电维修，管道疏通。")
    engine.index()

    assert [hit.id for hit in engine.search(text="replace broken zipper on my jacket").hits] == [tailor.pk]


def test_an_english_word_is_not_read_as_pinyin_with_a_slip_and_a_word_begun():
    vocabulary = Vocabulary({"renli": 3, "shunhe": 2, "jiadian": 2, "weixiu": 2})

    # english: 'engli' one slip from renli (人力), then sh, the start of shunhe (顺和).
    assert vocabulary.split_latin("english") is None
    assert vocabulary.split_latin("jiadianweixu") == ["jiadian", "weixiu"]


def test_a_short_word_of_an_english_query_is_english_as_typed_not_a_slip_of_pinyin(engine):
    dentist = merchant_in("鼓楼区", "同心口腔门诊", "洗牙、补牙、儿童涂氟。")
    merchant("心怡母婴护理", "育儿嫂，月嫂。")
    engine.index()

    # year is one letter from yuer (育儿), the baby-care firm's word; in English it is a year.
    results = engine.search(text="dentist for my 5 year old, we live in Gulou")
    assert [hit.id for hit in results.hits] == [dentist.pk]
    assert results.corrections == []


def test_words_left_out_still_rank_the_merchants_that_have_them_first(engine):
    walk_in = merchant("春晖洗衣店", "洗衣店，干洗，水洗，熨烫。")
    picks_up = merchant("白鹭洗衣店", "干洗，可上门取送。")
    engine.index()
    laundry, door = plan_text("洗衣店"), plan_text("上门")

    # On its words alone the laundry that says 洗衣店 twice comes first; preferring 上门 puts the one that comes to
    # the door first, and still finds both.
    assert engine.backend.search(SearchQuery(text="洗衣店"), laundry).hits[0].id == walk_in.pk
    preferred = engine.backend.search(SearchQuery(text="洗衣店"), laundry, door)
    assert [hit.id for hit in preferred.hits] == [picks_up.pk, walk_in.pk]


def test_the_relaxation_ladder_prefers_the_words_it_leaves_out():
    plan = Plan(plan_text("洗衣店 上门 取送"))
    ladder = list(relaxations(plan))
    assert ladder
    for relaxed in ladder:
        kept = set(relaxed.groups)
        assert set(relaxed.preferred) == {group for group in plan.groups if group not in kept}
        assert relaxed.preferred


def test_a_home_visit_asked_for_in_a_sentence_is_kept_with_the_service(engine):
    merchant("春晖洗衣店", "社区洗衣店，被褥和窗帘也能洗，三天取件。")
    comes = merchant("白鹭洗衣", "连锁洗衣店，可上门取送。")
    engine.index()

    # Nobody says 衣服, 收走 and 送回来 together: those words tell the situation; 上门 is part of what is asked.
    results = engine.search(text="哪家洗衣店能上门把衣服收走洗好再送回来？")
    assert [hit.id for hit in results.hits] == [comes.pk]
    assert "上门" not in results.dropped


def test_pinyin_of_a_word_only_a_description_has_finds_it(engine):
    movers = merchant_in("玄武区", "李师傅家电维修部", "空调加氟、移机。")
    merchant_in("玄武区", "陈记家电维修部", "空调清洗。")
    engine.index()

    # The index holds the pinyin of names, services and categories; yiji is 移机 of a description.
    assert [hit.id for hit in engine.search(text="kongtiaoyiji xuanwu").hits] == [movers.pk]


def test_a_word_put_right_is_read_with_the_phrase_it_makes(engine):
    cleaners = merchant("健民家政", "家庭保洁，钟点工。")
    merchant("润泽房地产", "公寓出租，拎包入住，保洁到位。")
    engine.index()

    # apartmnet put right is apartment, and apartment cleaning is a phrase of the list: 家庭保洁, not 公寓 and 保洁.
    results = engine.search(text="apartmnet cleaning")
    assert results.hits[0].id == cleaners.pk
    assert results.corrections == [("apartmnet", "apartment")]


def test_a_measure_word_inside_a_verb_and_its_object_is_read_without_it(engine):
    barber = merchant("金穗理发店", "理发，剃头，修面。")
    merchant("恒信水电维修服务部", "水电维修，洗澡间漏水。")
    engine.index()

    # 剃个头 is 剃头 (a haircut); read as 剃 and 个头 (one's height), it matched nothing.
    assert [hit.id for hit in engine.search(text="剃个头").hits] == [barber.pk]


def test_a_sentence_that_names_two_services_finds_the_one_it_asks_for(engine):
    locksmith = merchant_in("栖霞区", "明德开锁服务部", "开锁，换锁芯。")
    merchant_in("鼓楼区", "润泽房地产经纪", "房屋租赁，二手房买卖。")
    merchant_in("鼓楼区", "放心便利店", "放心消费，换季打折。")
    engine.index()

    # 租房子 tells what happened; 锁芯 is what is asked for, in 栖霞.
    results = engine.search(text="刚租的房子住进来不太放心，想把门上锁芯换了，栖霞这边谁家能换")
    assert [hit.id for hit in results.hits] == [locksmith.pk]


def test_a_sentence_that_names_three_services_finds_the_one_it_asks_for(engine):
    corner_shop = merchant_in("栖霞区", "睦邻便利店", "甘家巷口的小店，日用百货，可代收快递。")
    merchant_in("栖霞区", "润泽房地产经纪", "房屋租赁，二手房买卖。")
    merchant_in("栖霞区", "东山居家养老服务中心", "日间照料，助餐。")
    merchant_in("栖霞区", "惠民餐饮", "工作餐，上班前送到。")
    engine.index()

    # 租房子 and 白天 (日间) tell of the resident's day; 代收快递 is what is asked for, in 栖霞. Keeping any two of the
    # three found nothing, and the ladder stopped before trying one alone.
    results = engine.search(text="我在栖霞甘家巷租房子，白天上班不在家，想找个小店帮忙代收快递")
    assert [hit.id for hit in results.hits] == [corner_shop.pk]


def test_a_street_left_out_of_a_sentence_is_named_as_the_resident_wrote_it(engine):
    merchant_in("栖霞区", "睦邻便利店", "日用百货，可代收快递。")
    engine.index()

    # 甘家巷 is a street no merchant names; the segmenter cuts it into 甘, 家 and 巷. The resident is told the
    # street was left out, not three characters.
    results = engine.search(text="我在栖霞甘家巷租房子，想找个小店帮忙代收快递")
    assert results.hits
    assert "甘家巷" in results.dropped
    assert not {"甘", "家", "巷"} & set(results.dropped)
