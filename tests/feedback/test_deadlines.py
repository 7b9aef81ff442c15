"""Complaint deadlines are working days on the licensing calendar: weekends and public holidays do not count,
make-up working days do, and a holiday an administrator adds moves the dates. Past them, a complaint is overdue
and shows on the staff dashboard beside the overdue applications."""

import datetime

from market.feedback import services
from market.feedback.admin.dashboard import workload_for
from market.feedback.models import Complaint, ComplaintState
from market.licensing.models import CalendarDay, CalendarDayKind
from tests.feedback.factories import ComplaintFactory

day = datetime.date


def file(shop):
    return services.file_complaint(
        organization=shop.merchant,
        category="price",
        description="收费比价目表贵了一倍，不肯退。",
        complainant=shop.resident,
    )


def test_the_answer_is_due_fifteen_working_days_after_receipt_across_national_day(shop, clock):
    clock.set(day(2026, 9, 30))  # the day before the National Day holiday week

    complaint = file(shop)

    # 8 and 9 October, the make-up Saturday the 10th, then 12 working days: Tuesday 27 October.
    assert complaint.due_on == day(2026, 10, 27)


def test_the_merchant_deadline_skips_the_spring_festival(shop, clock):
    clock.set(day(2026, 2, 13))  # the Friday before the Spring Festival
    complaint = ComplaintFactory(organization=shop.merchant, state=ComplaintState.ASSIGNED)

    services.ask_merchant_to_respond(complaint, shop.reviewer, "Explain the price charged.", 5)

    # The make-up Saturday 14 February counts; 15 to 23 February do not: 24, 25, 26, 27 February.
    assert complaint.merchant_response_due_on == day(2026, 2, 27)


def test_a_holiday_an_administrator_adds_moves_the_due_date(shop, clock):
    clock.set(day(2026, 3, 2))
    before = file(shop).due_on
    CalendarDay.objects.create(
        date=day(2026, 3, 4), kind=CalendarDayKind.PUBLIC_HOLIDAY, name="测试假日", name_en="Test holiday"
    )

    after = file(shop).due_on

    assert before == day(2026, 3, 23)
    assert after == day(2026, 3, 24)


def test_past_its_dates_a_complaint_is_overdue_and_counted_on_the_dashboard(shop, clock):
    clock.set(day(2026, 3, 2))
    complaint = file(shop)
    services.assign_complaint(complaint, shop.approver, shop.reviewer)
    services.ask_merchant_to_respond(complaint, shop.reviewer, "Explain the price charged.", 3)

    clock.set(day(2026, 3, 6))
    assert (workload_for(shop.reviewer).overdue, workload_for(shop.reviewer).merchant_late) == (0, 1)
    clock.set(complaint.due_on + datetime.timedelta(days=1))
    workload = workload_for(shop.reviewer)

    assert complaint.is_overdue(complaint.due_on + datetime.timedelta(days=1))
    assert (workload.overdue, workload.assigned_to_me) == (1, 1)
    assert list(Complaint.objects.overdue(complaint.due_on + datetime.timedelta(days=1))) == [complaint]
