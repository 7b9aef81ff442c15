"""The groups the policy names. Administrators edit them afterwards; the elderly may be derived from a date of birth."""

from django.db import migrations

GROUPS = [
    {
        "code": "registered-unemployed",
        "name": "登记失业人员（持就业失业登记证）",
        "name_en": "Registered unemployed and laid-off workers",
        "description": "持《就业失业登记证》的下岗失业人员。请上传登记证照片或扫描件。",
        "default_validity_months": 12,
    },
    {
        "code": "minimum-living-allowance",
        "name": "城乡低保对象",
        "name_en": "Minimum living allowance (dibao) households",
        "description": "享受城乡居民最低生活保障的家庭成员。请上传低保证照片或扫描件。",
        "default_validity_months": 12,
    },
    {
        "code": "elderly",
        "name": "老年人（60周岁以上）",
        "name_en": "Elderly people (60 and over)",
        "description": "年满60周岁的居民。填写出生日期即可，无需上传证件。",
        "derivable_from_birth_date": True,
        "minimum_age": 60,
        "default_validity_months": 60,
    },
    {
        "code": "disability",
        "name": "残疾人（持残疾人证）",
        "name_en": "People with disabilities",
        "description": "持《中华人民共和国残疾人证》的居民。请上传残疾人证照片或扫描件。",
        "default_validity_months": 24,
    },
    {
        "code": "servicemen-families",
        "name": "优抚对象",
        "name_en": "Families of servicemen and other entitled groups",
        "description": "军人家属、烈属、伤残军人等优抚对象。请上传优待证或相关证明。",
        "default_validity_months": 24,
    },
]


def seed(apps, schema_editor):
    EligibilityGroup = apps.get_model("discounts", "EligibilityGroup")
    for sort_order, group in enumerate(GROUPS, start=1):
        EligibilityGroup.objects.update_or_create(
            code=group["code"], defaults={**group, "sort_order": sort_order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("discounts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
