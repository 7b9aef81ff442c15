"""The days loaded by 0002 are the published calendar of 2025 and 2026, both complete; administrators keep the
years, the licensing authority and the case number sequences like the rest of the licensing settings.
"""

from django.db import migrations

from market.accounts.grants import grant_model_permissions

PUBLISHED_YEARS = {
    2025: "国办发明电〔2024〕12号",
    2026: "国务院办公厅关于2026年部分节假日安排的通知",
}


def forwards(apps, schema_editor):
    CalendarDay = apps.get_model("licensing", "CalendarDay")
    HolidayCalendarYear = apps.get_model("licensing", "HolidayCalendarYear")
    CalendarDay.objects.filter(date__year__in=list(PUBLISHED_YEARS)).update(source="published")
    for year, reference in PUBLISHED_YEARS.items():
        HolidayCalendarYear.objects.get_or_create(year=year, defaults={"source": "published", "reference": reference})
    grant_model_permissions(apps, "administrator", "licensing", ["holidaycalendaryear", "licensingauthority"])


class Migration(migrations.Migration):
    dependencies = [
        ("licensing", "0005_bureau_practice"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
