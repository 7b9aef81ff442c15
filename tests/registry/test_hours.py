import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from market.registry.models import ScheduleException
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_a_special_day_must_be_closed_or_have_its_hours():
    outlet = LocationFactory()
    unclear = ScheduleException(location=outlet, date=datetime.date(2026, 10, 1), closed=False)

    # In Chinese, the site's default language, whatever an earlier test on this worker left active.
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="将该日标记为休息"):
        unclear.full_clean()
    with pytest.raises(IntegrityError):
        unclear.save()


def test_a_closed_special_day_needs_no_hours():
    outlet = LocationFactory()
    closure = ScheduleException(location=outlet, date=datetime.date(2026, 10, 1), closed=True, notes="国庆")

    closure.full_clean()
    closure.save()

    assert not outlet.is_open_at(datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC))
