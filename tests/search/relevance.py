"""The relevance set: a small Nanjing register and what residents type to find one merchant in it.

Each query names the ONE merchant a resident means; it must come back in the top three. Merchants are named by
their trade name (what the search shows). A query the search cannot yet answer is a weakness to fix, not a
wording to soften.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

# A Tuesday night: every shop has closed but the 24-hour ones.
TUESDAY_NIGHT = datetime.datetime(2026, 3, 10, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

XUANWU, GULOU, QINHUAI = "320102", "320106", "320104"

# District code -> (name, English name, its sub-districts).
DISTRICTS = {
    XUANWU: ("玄武区", "Xuanwu District", ["玄武门街道", "新街口街道"]),
    GULOU: ("鼓楼区", "Gulou District", ["宁海路街道", "湖南路街道"]),
    QINHUAI: ("秦淮区", "Qinhuai District", ["夫子庙街道", "瑞金路街道"]),
}

# (code, name, English name, parent code)
CATEGORIES = [
    ("housekeeping", "家政服务", "Housekeeping", ""),
    ("repair", "维修服务", "Repairs", ""),
    ("locks", "开锁换锁", "Locksmiths", "repair"),
    ("appliances", "家电维修", "Appliance repair", "repair"),
    ("plumbing", "水电维修", "Plumbing and wiring", "repair"),
    ("phones", "手机维修", "Phone repair", "repair"),
    ("laundry", "洗衣干洗", "Laundry and dry cleaning", ""),
    ("shopping", "购物", "Shopping", ""),
    ("convenience", "便利店", "Convenience stores", "shopping"),
    ("supermarket", "连锁超市", "Supermarkets", "shopping"),
    ("catering", "餐饮", "Food", ""),
    ("canteen", "社区食堂", "Community canteens", "catering"),
    ("pharmacy", "药店", "Pharmacies", ""),
    ("clinic", "社区诊所", "Community clinics", ""),
    ("recycling", "再生资源回收", "Recycling", ""),
    ("elderly", "养老服务", "Elderly care", ""),
]

DAYTIME = (datetime.time(8, 30), datetime.time(18, 0))
EVENING = (datetime.time(8, 0), datetime.time(21, 0))
LATE = (datetime.time(7, 0), datetime.time(22, 0))
ROUND_THE_CLOCK = (datetime.time(0, 0), datetime.time(23, 59))


@dataclass(frozen=True)
class Merchant:
    trade_name: str
    legal_name: str
    category: str
    district: str
    subdistrict: int  # index into the district's sub-districts
    address: str
    description: str
    services: tuple[str, ...] = ()
    hours: tuple[datetime.time, datetime.time] = EVENING  # every day of the week
    is_chain: bool = False


MERCHANTS = [
    # 家政 / 保洁
    Merchant(
        "红星家政",
        "南京红星家政服务有限公司",
        "housekeeping",
        XUANWU,
        0,
        "北京东路41号",
        "二十年老牌家政公司，承接开荒保洁、擦玻璃、家庭日常保洁。",
        ("开荒保洁", "擦玻璃", "日常保洁"),
    ),
    Merchant(
        "好帮手家政",
        "南京好帮手家庭服务有限公司",
        "housekeeping",
        GULOU,
        0,
        "宁海路112号",
        "专业月嫂、育儿嫂、住家保姆，持证上岗，签约后上户。",
        ("月嫂", "育儿嫂", "住家保姆"),
    ),
    Merchant(
        "洁美保洁",
        "南京洁美保洁服务有限公司",
        "housekeeping",
        QINHUAI,
        1,
        "瑞金路17号",
        "钟点工按小时计费，深度保洁，油烟机清洗。",
        ("钟点工", "深度保洁", "油烟机清洗"),
    ),
    Merchant(
        "阿姨来了家政",
        "南京阿姨来了家政服务有限公司",
        "housekeeping",
        XUANWU,
        1,
        "中山路88号",
        "做饭阿姨、老人陪护、病人护理。",
        ("做饭阿姨", "老人陪护"),
    ),
    # 开锁
    Merchant(
        "张师傅开锁",
        "南京市鼓楼区张师傅开锁服务部",
        "locks",
        GULOU,
        1,
        "湖南路9号",
        "公安备案，24小时上门开锁、换锁，防盗门开锁。",
        ("上门开锁", "防盗门换锁"),
        ROUND_THE_CLOCK,
    ),
    Merchant(
        "金钥匙锁业",
        "南京金钥匙锁业经营部",
        "locks",
        XUANWU,
        0,
        "珠江路203号",
        "更换锁芯、配钥匙、安装指纹锁和密码锁。",
        ("换锁芯", "配钥匙", "指纹锁安装"),
        DAYTIME,
    ),
    Merchant(
        "平安开锁",
        "南京市秦淮区平安开锁服务部",
        "locks",
        QINHUAI,
        0,
        "建康路56号",
        "汽车开锁、保险柜开锁、家庭开锁。",
        ("汽车开锁", "保险柜开锁"),
        DAYTIME,
    ),
    # 家电维修
    Merchant(
        "冷暖空调维修",
        "南京冷暖制冷设备维修有限公司",
        "appliances",
        XUANWU,
        1,
        "洪武北路15号",
        "空调安装、移机、加氟、清洗保养，各品牌空调上门维修。",
        ("空调维修", "空调加氟", "空调清洗"),
    ),
    Merchant(
        "万家家电维修",
        "南京万家家用电器维修服务部",
        "appliances",
        GULOU,
        0,
        "北京西路66号",
        "洗衣机、冰箱、冰柜上门维修，配件原厂。",
        ("冰箱维修", "洗衣机维修"),
    ),
    Merchant(
        "老王电视维修",
        "南京市秦淮区老王家用电器修理部",
        "appliances",
        QINHUAI,
        1,
        "龙蟠中路40号",
        "电视机、音响、机顶盒维修。",
        ("电视机维修",),
        DAYTIME,
    ),
    Merchant(
        "爱家电器维修",
        "南京爱家电器维修有限公司",
        "appliances",
        XUANWU,
        0,
        "长江路12号",
        "热水器、燃气灶、抽油烟机安装维修。",
        ("热水器维修", "燃气灶维修"),
    ),
    # 水电维修
    Merchant(
        "顺达水电",
        "南京顺达水电安装维修有限公司",
        "plumbing",
        GULOU,
        1,
        "云南路8号",
        "水管漏水、水龙头更换、电路维修、跳闸检修。",
        ("水管维修", "电路维修"),
    ),
    Merchant(
        "通畅管道疏通",
        "南京通畅管道疏通服务部",
        "plumbing",
        QINHUAI,
        0,
        "长乐路77号",
        "下水道疏通、马桶疏通、化粪池清理。",
        ("管道疏通", "马桶疏通"),
        ROUND_THE_CLOCK,
    ),
    Merchant(
        "鑫鑫水电",
        "南京市玄武区鑫鑫水电维修部",
        "plumbing",
        XUANWU,
        1,
        "太平北路30号",
        "灯具安装、开关插座更换、水电改造。",
        ("灯具安装", "水电改造"),
    ),
    # 洗衣 / 干洗
    Merchant(
        "白鸽干洗店",
        "南京白鸽洗涤服务有限公司",
        "laundry",
        XUANWU,
        0,
        "玄武门1号",
        "干洗、皮衣护理、羽绒服清洗、洗鞋。",
        ("干洗", "皮衣护理", "洗鞋"),
    ),
    Merchant(
        "邻家洗衣房",
        "南京邻家洗衣服务有限公司",
        "laundry",
        GULOU,
        0,
        "宁海路20号",
        "自助洗衣、衣物洗涤、被褥清洗，可上门取送。",
        ("自助洗衣", "被褥清洗"),
        LATE,
    ),
    Merchant(
        "清清洗衣",
        "南京清清洗涤有限公司",
        "laundry",
        QINHUAI,
        1,
        "中华路101号",
        "窗帘、地毯清洗，衣物熨烫。",
        ("窗帘清洗", "地毯清洗"),
    ),
    # 便利店
    Merchant(
        "金陵便利",
        "南京金陵便利商店有限公司",
        "convenience",
        XUANWU,
        1,
        "新街口5号",
        "24小时营业，日用百货、饮料零食、代收快递。",
        ("代收快递",),
        ROUND_THE_CLOCK,
        True,
    ),
    Merchant(
        "好邻居便利店",
        "南京好邻居商贸有限公司",
        "convenience",
        GULOU,
        1,
        "湖南路50号",
        "烟酒饮料、日用品、早餐。",
        (),
        LATE,
    ),
    Merchant(
        "友邻便利",
        "南京市秦淮区友邻便利店",
        "convenience",
        QINHUAI,
        0,
        "夫子庙贡院街3号",
        "零食饮料、充值缴费。",
        (),
        LATE,
    ),
    # 连锁超市
    Merchant(
        "金润发超市",
        "南京金润发商业连锁有限公司",
        "supermarket",
        GULOU,
        0,
        "北京西路120号",
        "粮油副食、日用百货、家电，会员积分。",
        ("会员积分",),
        LATE,
        True,
    ),
    Merchant(
        "惠民生鲜超市",
        "南京惠民生鲜连锁有限公司",
        "supermarket",
        QINHUAI,
        1,
        "瑞金北村8号",
        "新鲜蔬菜、水果、肉禽蛋、水产，每日早市特价。",
        ("早市特价",),
        LATE,
        True,
    ),
    Merchant(
        "全家乐超市",
        "南京全家乐商贸有限公司",
        "supermarket",
        XUANWU,
        1,
        "龙蟠路22号",
        "日用百货、粮油、烟酒。",
        (),
        LATE,
    ),
    # 社区食堂
    Merchant(
        "幸福里社区食堂",
        "南京幸福里餐饮管理有限公司",
        "canteen",
        XUANWU,
        0,
        "丹凤街18号",
        "老年助餐点，为辖区老人提供早餐、午餐，长者用餐优惠。",
        ("老年助餐", "长者午餐"),
        DAYTIME,
    ),
    Merchant(
        "邻里小厨",
        "南京邻里小厨餐饮有限公司",
        "canteen",
        QINHUAI,
        1,
        "瑞金路60号",
        "社区快餐、盒饭、家常菜。",
        ("快餐", "盒饭"),
        LATE,
    ),
    Merchant(
        "夫子庙社区食堂",
        "南京市秦淮区夫子庙社区食堂",
        "canteen",
        QINHUAI,
        0,
        "平江府路9号",
        "平价早餐、午餐、晚餐。",
        ("平价早餐",),
    ),
    # 药店
    Merchant(
        "百草堂大药房",
        "南京百草堂医药连锁有限公司",
        "pharmacy",
        GULOU,
        0,
        "中山北路99号",
        "处方药、中药饮片、医保刷卡。",
        ("中药饮片",),
        LATE,
        True,
    ),
    Merchant(
        "康民药店",
        "南京康民医药零售有限公司",
        "pharmacy",
        XUANWU,
        1,
        "中山东路14号",
        "非处方药、血压计、口罩、家庭常用药。",
        ("血压计",),
    ),
    Merchant(
        "仁济大药房",
        "南京仁济医药有限公司",
        "pharmacy",
        QINHUAI,
        0,
        "中华路200号",
        "西药、中成药、医疗器械。",
        (),
        ROUND_THE_CLOCK,
    ),
    # 社区诊所
    Merchant(
        "宁海路社区卫生服务站",
        "南京市鼓楼区宁海路社区卫生服务站",
        "clinic",
        GULOU,
        0,
        "宁海路150号",
        "全科门诊、打针输液、慢病管理、疫苗接种。",
        ("全科门诊", "打针输液"),
        DAYTIME,
    ),
    Merchant(
        "仁心中医诊所",
        "南京仁心中医诊所有限公司",
        "clinic",
        QINHUAI,
        1,
        "建邺路31号",
        "针灸、推拿、拔罐、中医内科。",
        ("针灸", "推拿"),
    ),
    Merchant(
        "康泰口腔诊所",
        "南京康泰口腔诊所有限公司",
        "clinic",
        XUANWU,
        1,
        "珠江路88号",
        "补牙、洗牙、拔牙、假牙修复。",
        ("洗牙", "补牙"),
        DAYTIME,
    ),
    # 再生资源回收
    Merchant(
        "绿源回收站",
        "南京绿源再生资源回收利用有限公司",
        "recycling",
        GULOU,
        1,
        "福建路6号",
        "废纸、塑料瓶、废旧家电上门回收。",
        ("废品回收", "废旧家电回收"),
        DAYTIME,
    ),
    Merchant(
        "惜物旧衣回收",
        "南京惜物环保科技有限公司",
        "recycling",
        QINHUAI,
        0,
        "箍桶巷11号",
        "旧衣物、旧书本回收，捐赠困难家庭。",
        ("旧衣物回收",),
        DAYTIME,
    ),
    # 养老服务
    Merchant(
        "夕阳红养老服务中心",
        "南京夕阳红养老服务有限公司",
        "elderly",
        XUANWU,
        0,
        "童卫路5号",
        "日间照料、助浴、助餐、上门护理。",
        ("日间照料", "助浴"),
    ),
    Merchant(
        "颐康居家养老",
        "南京颐康居家养老服务有限公司",
        "elderly",
        GULOU,
        1,
        "江苏路19号",
        "居家养老、陪诊、康复护理。",
        ("陪诊", "康复护理"),
    ),
    # 手机维修
    Merchant(
        "快修手机维修",
        "南京快修通讯设备维修部",
        "phones",
        GULOU,
        0,
        "上海路33号",
        "手机换屏幕、换电池、进水维修。",
        ("换屏幕", "换电池"),
    ),
    Merchant(
        "果粉之家",
        "南京果粉之家电子产品维修有限公司",
        "phones",
        QINHUAI,
        1,
        "中山南路288号",
        "苹果手机、iPad 维修，数据恢复。",
        ("苹果手机维修", "数据恢复"),
    ),
]


@dataclass(frozen=True)
class Query:
    text: str
    expected: str  # a trade name from MERCHANTS
    category: str = ""
    district: str = ""
    open_now: bool = False  # asked at TUESDAY_NIGHT
    kind: str = field(default="words", compare=False)

    def __str__(self) -> str:
        filters = [self.category, self.district, "open now" if self.open_now else ""]
        return " + ".join(part for part in [self.text, *filters] if part)


QUERIES = [
    # Chinese words and phrases
    Query("修空调", "冷暖空调维修"),
    Query("开荒保洁", "红星家政"),
    Query("月嫂", "好帮手家政"),
    Query("换锁芯", "金钥匙锁业"),
    Query("汽车开锁", "平安开锁"),
    Query("冰箱维修", "万家家电维修"),
    Query("水管漏水", "顺达水电"),
    Query("下水道疏通", "通畅管道疏通"),
    Query("干洗皮衣", "白鸽干洗店"),
    Query("中医推拿", "仁心中医诊所"),
    Query("洗牙", "康泰口腔诊所"),
    Query("打针", "宁海路社区卫生服务站"),
    Query("日间照料", "夕阳红养老服务中心"),
    Query("陪诊", "颐康居家养老"),
    Query("手机换屏幕", "快修手机维修"),
    Query("苹果手机维修", "果粉之家"),
    Query("老人助餐", "幸福里社区食堂"),
    Query("热水器", "爱家电器维修"),
    # everyday phrasings: a word jieba keeps whole matches through its parts, a light verb need not match
    Query("洗衣服", "邻家洗衣房"),  # the merchant says 洗衣 and 衣物, never 洗衣服
    Query("旧衣服回收", "惜物旧衣回收"),  # 旧衣, not 旧衣服
    Query("修洗衣机", "万家家电维修"),
    Query("洗衣机", "万家家电维修"),  # the part 洗衣 must not lift the laundries above the repairer
    Query("修水管", "顺达水电"),
    # everyday phrasings the synonym list answers
    Query("买药", "仁济大药房", district=QINHUAI, kind="synonym"),  # 药店, 药房, 西药: never 买 or 药 alone
    Query("老人吃饭", "幸福里社区食堂", kind="synonym"),  # the canteen says 用餐 and 助餐
    Query("吃早饭", "夫子庙社区食堂", district=QINHUAI, kind="synonym"),
    Query("买菜", "惠民生鲜超市", kind="synonym"),
    Query("看病", "宁海路社区卫生服务站", district=GULOU, kind="synonym"),
    # synonyms
    Query("钟点工", "洁美保洁", kind="synonym"),  # the merchant says 钟点工; 小时工 is its synonym
    Query("小时工", "洁美保洁", kind="synonym"),
    Query("废品回收", "绿源回收站", kind="synonym"),
    Query("锁匠", "平安开锁", district=QINHUAI, kind="synonym"),
    Query("保洁", "好帮手家政", district=GULOU, kind="synonym"),
    Query("药房", "康民药店", district=XUANWU, kind="synonym"),
    Query("超市", "好邻居便利店", district=GULOU, category="convenience", kind="synonym"),
    # full pinyin
    Query("kaisuo", "平安开锁", district=QINHUAI, kind="pinyin"),
    Query("xiyi", "邻家洗衣房", district=GULOU, kind="pinyin"),
    Query("hongxing", "红星家政", kind="pinyin"),
    Query("xiyanghong", "夕阳红养老服务中心", kind="pinyin"),
    Query("kongtiao", "冷暖空调维修", kind="pinyin"),
    Query("yaodian", "仁济大药房", district=QINHUAI, kind="pinyin"),
    # initials
    Query("ks", "张师傅开锁", district=GULOU, kind="initials"),
    Query("jz", "阿姨来了家政", district=XUANWU, category="housekeeping", kind="initials"),
    Query("hxjz", "红星家政", kind="initials"),
    Query("xyh", "夕阳红养老服务中心", kind="initials"),
    # Latin and pinyin typos
    Query("kaisou", "金钥匙锁业", district=XUANWU, kind="typo"),
    Query("jiazhen", "洁美保洁", district=QINHUAI, kind="typo"),
    Query("xiyii", "白鸽干洗店", district=XUANWU, kind="typo"),
    Query("kongtaio", "冷暖空调维修", kind="typo"),
    # filters: category, district, open now on a Tuesday at 23:00
    Query("开锁", "张师傅开锁", open_now=True, kind="filters"),
    Query("便利店", "金陵便利", open_now=True, kind="filters"),
    Query("药店", "仁济大药房", open_now=True, kind="filters"),
    Query("早餐", "夫子庙社区食堂", category="canteen", district=QINHUAI, kind="filters"),
    Query("燃气灶", "爱家电器维修", category="repair", kind="filters"),
    Query("疏通", "通畅管道疏通", category="plumbing", open_now=True, kind="filters"),
]
