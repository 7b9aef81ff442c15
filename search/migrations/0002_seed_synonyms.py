from django.db import migrations

# Words residents use interchangeably for the policy's community services. Administrators edit the list.
SYNONYM_SETS = [
    "保洁, 家政, 清洁",
    "修, 维修, 修理",
    "超市, 便利店",
    "回收, 再生资源, 废品回收",
    "开锁, 锁匠, 换锁",
    "洗衣, 干洗",
    "药店, 药房",
    "保姆, 月嫂, 育儿嫂",
    "小时工, 钟点工",
    "养老, 助老, 日间照料",
    "理发, 美发",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create(Synonym(terms=terms) for terms in SYNONYM_SETS)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=SYNONYM_SETS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
