"""How residents from Taiwan and Hong Kong name trades, next to the words the register uses (药局 → 药店, 水电行 →
水电维修, 街市 → 菜市场, 飞发 → 理发). Characters need no entries (queries are made simplified first); these are
words mainland merchants never write. Each line is one synonym set administrators can edit afterwards."""

from django.db import migrations

SYNONYM_SETS = """
药局, 药店, 药房
药妆店, 药店
超商, 便利店
电器行, 家电维修
家电行, 家电维修
水电行, 水电维修
冷气机, 空调
资源回收, 再生资源回收, 回收
回收场, 废品回收
洗衣铺, 洗衣店
保母, 保姆
褓姆, 保姆
月子中心, 月嫂, 产后护理
月子, 月嫂, 产后护理
托婴, 育婴师
长照, 养老护理, 居家护理
日照中心, 日间照料
居服, 居家护理
居家服务, 居家护理
看护, 养老护理
外佣, 家政
菲佣, 家政
家务助理, 家政
家事服务, 家政
钟点佣, 钟点工
雪柜, 冰箱
热水炉, 热水器
街市, 菜市场
传统市场, 菜市场
茶餐厅, 餐馆
便当, 盒饭, 外卖
手机行, 手机维修
通讯行, 手机维修
电脑行, 电脑维修
修改衣服, 改衣
影印, 复印打印
影印店, 复印打印
大头照, 证件照
发型屋, 理发
飞发, 理发
地产代理, 房屋中介
房仲, 房屋中介
仲介, 中介
水喉, 水管
水喉师傅, 水电维修
通渠, 水管疏通
"""


def _sets():
    return [line.strip() for line in SYNONYM_SETS.strip().splitlines() if line.strip()]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(Synonym(terms=terms) for terms in _sets() if terms not in existing)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=_sets()).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0010_result_card")]

    operations = [migrations.RunPython(seed, unseed)]
