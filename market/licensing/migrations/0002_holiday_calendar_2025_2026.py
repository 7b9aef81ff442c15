"""China's statutory holidays and make-up working days for 2025 and 2026 (State Council General Office notices
国办发明电〔2024〕12号 for 2025 and the notice for 2026 issued in November 2025).

Entered from memory of the published notices and cross-checked against the weekdays (every make-up day is a
Saturday or Sunday, every festival falls on its lunar date). Before relying on them, an administrator should
compare them with the notices on www.gov.cn; the 2026 notice is the one to double-check.
"""

import datetime

from django.db import migrations

HOLIDAY = "public_holiday"
WORKDAY = "make_up_working_day"

# (first day, last day, kind, Chinese name, English name)
PERIODS = [
    # 2025
    ("2025-01-01", "2025-01-01", HOLIDAY, "元旦", "New Year's Day"),
    ("2025-01-26", "2025-01-26", WORKDAY, "春节调休上班", "Spring Festival make-up working day"),
    ("2025-01-28", "2025-02-04", HOLIDAY, "春节", "Spring Festival"),
    ("2025-02-08", "2025-02-08", WORKDAY, "春节调休上班", "Spring Festival make-up working day"),
    ("2025-04-04", "2025-04-06", HOLIDAY, "清明节", "Qingming Festival"),
    ("2025-04-27", "2025-04-27", WORKDAY, "劳动节调休上班", "Labour Day make-up working day"),
    ("2025-05-01", "2025-05-05", HOLIDAY, "劳动节", "Labour Day"),
    ("2025-05-31", "2025-06-02", HOLIDAY, "端午节", "Dragon Boat Festival"),
    ("2025-09-28", "2025-09-28", WORKDAY, "国庆节调休上班", "National Day make-up working day"),
    ("2025-10-01", "2025-10-08", HOLIDAY, "国庆节、中秋节", "National Day and Mid-Autumn Festival"),
    ("2025-10-11", "2025-10-11", WORKDAY, "国庆节调休上班", "National Day make-up working day"),
    # 2026
    ("2026-01-01", "2026-01-03", HOLIDAY, "元旦", "New Year's Day"),
    ("2026-01-04", "2026-01-04", WORKDAY, "元旦调休上班", "New Year make-up working day"),
    ("2026-02-14", "2026-02-14", WORKDAY, "春节调休上班", "Spring Festival make-up working day"),
    ("2026-02-15", "2026-02-23", HOLIDAY, "春节", "Spring Festival"),
    ("2026-02-28", "2026-02-28", WORKDAY, "春节调休上班", "Spring Festival make-up working day"),
    ("2026-04-04", "2026-04-06", HOLIDAY, "清明节", "Qingming Festival"),
    ("2026-05-01", "2026-05-05", HOLIDAY, "劳动节", "Labour Day"),
    ("2026-05-09", "2026-05-09", WORKDAY, "劳动节调休上班", "Labour Day make-up working day"),
    ("2026-06-19", "2026-06-21", HOLIDAY, "端午节", "Dragon Boat Festival"),
    ("2026-09-20", "2026-09-20", WORKDAY, "国庆节调休上班", "National Day make-up working day"),
    ("2026-09-25", "2026-09-27", HOLIDAY, "中秋节", "Mid-Autumn Festival"),
    ("2026-10-01", "2026-10-07", HOLIDAY, "国庆节", "National Day"),
    ("2026-10-10", "2026-10-10", WORKDAY, "国庆节调休上班", "National Day make-up working day"),
]


def days():
    for first, last, kind, name, name_en in PERIODS:
        day = datetime.date.fromisoformat(first)
        while day <= datetime.date.fromisoformat(last):
            yield day, kind, name, name_en
            day += datetime.timedelta(days=1)


def load(apps, schema_editor):
    CalendarDay = apps.get_model("licensing", "CalendarDay")
    for day, kind, name, name_en in days():
        CalendarDay.objects.update_or_create(date=day, defaults={"kind": kind, "name": name, "name_en": name_en})


def unload(apps, schema_editor):
    CalendarDay = apps.get_model("licensing", "CalendarDay")
    CalendarDay.objects.filter(date__in=[day for day, *_ in days()]).delete()


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
