from django.db import migrations

# How residents phrase an errand, next to the words merchants use for the service (买药 → 药房; 吃饭 → 助餐).
# Administrators edit the list.
SYNONYM_SETS = [
    "吃饭, 用餐, 就餐, 助餐",
    "早饭, 早餐, 早点",
    "买药, 配药, 药店, 药房",
    "看病, 就医, 门诊, 诊所",
    "买菜, 生鲜, 蔬菜",
    "洗澡, 助浴",
    "衣服, 衣物",
    "被子, 被褥",
    "剪头发, 理发",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.bulk_create(Synonym(terms=terms) for terms in SYNONYM_SETS)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(terms__in=SYNONYM_SETS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_entry_facet_codes")]

    operations = [migrations.RunPython(seed, unseed)]
