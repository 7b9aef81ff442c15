"""Issue 15: licensing as a bureau runs it — corrections and supersession, change applications on the clocks,
case numbers and written documents, publication (双公示) in working days, and a calendar that never runs out."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from market.licensing import holidays
from market.licensing.admin.actions import ACTS
from market.licensing.calendar import CalendarMissing, add_working_days
from market.licensing.checks import next_year_calendar
from market.licensing.clocks import clock_for
from market.licensing.corrections import correct_outlet, replace_licence
from market.licensing.models import (
    ApplicationKind,
    ApplicationState,
    CalendarDay,
    CalendarDayKind,
    CalendarSource,
    CategoryReviewPolicy,
    DocumentKind,
    HolidayCalendarYear,
    Licence,
    ListingAction,
)
from market.licensing.services.decisions import approve_application
from market.licensing.services.drafts import start_change_application
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    recommend_approval,
    record_decision_publication,
    request_information,
    start_review,
    submit_application,
)
from market.registry.models import ListingStatus
from tests.factories import SubdistrictFactory
from tests.licensing.factories import LicenceFactory

pytestmark = pytest.mark.django_db
day = datetime.date

# The State Council's 2026 calendar (国务院办公厅关于2026年部分节假日安排的通知).
OFFICIAL_2026_HOLIDAYS = [
    (day(2026, 1, 1), day(2026, 1, 3)),
    (day(2026, 2, 15), day(2026, 2, 23)),
    (day(2026, 4, 4), day(2026, 4, 6)),
    (day(2026, 5, 1), day(2026, 5, 5)),
    (day(2026, 6, 19), day(2026, 6, 21)),
    (day(2026, 9, 25), day(2026, 9, 27)),
    (day(2026, 10, 1), day(2026, 10, 7)),
]
OFFICIAL_2026_MAKE_UP_DAYS = [
    day(2026, 1, 4),
    day(2026, 2, 14),
    day(2026, 2, 28),
    day(2026, 5, 9),
    day(2026, 9, 20),
    day(2026, 10, 10),
]


def pdf_text(document) -> str:
    """The document's text with the line breaks of its layout taken out, so that phrases read whole."""
    with document.file.open("rb") as stored:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)
    return "".join(text.split())


# ---------------------------------------------------------------- the calendar


def test_the_package_based_seed_is_the_official_2026_calendar():
    CalendarDay.objects.filter(date__year=2026).delete()

    holidays.refresh_from_package(since_year=2026)

    expected_holidays = set()
    for first, last in OFFICIAL_2026_HOLIDAYS:
        expected_holidays |= {first + datetime.timedelta(days=n) for n in range((last - first).days + 1)}
    seeded = CalendarDay.objects.filter(date__year=2026)
    assert {row.date for row in seeded if row.kind == CalendarDayKind.PUBLIC_HOLIDAY} == expected_holidays
    assert sorted(row.date for row in seeded if row.kind == CalendarDayKind.MAKE_UP_WORKING_DAY) == (
        OFFICIAL_2026_MAKE_UP_DAYS
    )
    assert {row.source for row in seeded} == {CalendarSource.PUBLISHED}
    assert seeded.get(date=day(2026, 9, 25)).name == "中秋节"


def test_a_refresh_keeps_what_an_administrator_entered():
    CalendarDay.objects.filter(date=day(2026, 10, 7)).update(
        kind=CalendarDayKind.MAKE_UP_WORKING_DAY, name="本局值班", source=CalendarSource.ADMINISTRATOR
    )

    result = holidays.refresh_from_package(since_year=2026)

    assert result.kept == 1
    assert CalendarDay.objects.get(date=day(2026, 10, 7)).name == "本局值班"


def test_the_calendar_check_fires_from_november_when_next_year_is_missing(clock):
    HolidayCalendarYear.objects.filter(year=2027).delete()
    clock.set(day(2026, 10, 30))
    assert next_year_calendar(None, databases=["default"]) == []

    clock.set(day(2026, 11, 27))
    warnings = next_year_calendar(None, databases=["default"])

    assert [warning.id for warning in warnings] == ["licensing.W001"]
    assert "2027" in warnings[0].msg
    HolidayCalendarYear.objects.create(year=2027)
    assert next_year_calendar(None, databases=["default"]) == []


def test_the_clocks_refuse_to_count_into_a_year_without_a_calendar():
    HolidayCalendarYear.objects.filter(year=2027).delete()

    with pytest.raises(CalendarMissing) as refusal:
        add_working_days(day(2026, 12, 28), 10)

    assert "2027" in str(refusal.value)
    assert add_working_days(day(2026, 12, 21), 3) == day(2026, 12, 24)


def test_refresh_holiday_calendar_command_says_next_year_is_missing(clock):
    clock.set(day(2026, 11, 27))
    out = io.StringIO()
    call_command("refresh_holiday_calendar", "--since", "2026", stdout=out)
    assert "2027" in out.getvalue()


# ---------------------------------------------------------------- case numbers, documents and publication


def test_a_case_number_is_issued_at_receipt_and_the_written_documents_carry_it(workflow):
    application = workflow.submitted()
    assert application.case_number == "宁商社服〔2026〕第0001号"
    second = workflow.submitted()
    assert second.case_number == "宁商社服〔2026〕第0002号"

    accept_application(application, workflow.people.reviewer)

    acceptance = application.documents.get(kind=DocumentKind.ACCEPTANCE)
    text = pdf_text(acceptance)
    assert application.case_number in text
    assert application.organization.name in text
    assert "2026年3月2日" in text
    assert acceptance.sha256 in application.events.get(action="document_issued").reason


def test_every_line_of_a_written_document_is_set_in_the_chinese_serif_it_names(workflow):
    application = workflow.submitted()
    accept_application(application, workflow.people.reviewer)

    with application.documents.get(kind=DocumentKind.ACCEPTANCE).file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    # Each embedded font is named "ABCDEF+Family-Style" after its subset.
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }

    # The page numbers too: printed in a Japanese sans, their 第 and 页 would not match the letter's own.
    assert fonts == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}
    assert f"第 1 页 共 {len(reader.pages)} 页" in reader.pages[0].extract_text()


def test_the_decision_letter_of_a_rejection_gives_reasons_and_rights_of_review(workflow):
    application = workflow.rejected()

    text = pdf_text(application.documents.get(kind=DocumentKind.REJECTION))

    assert "经营场所不符合要求" in text
    assert "六十日" in text and "行政复议" in text
    assert "六个月" in text and "行政诉讼" in text
    assert application.case_number in text


def test_approval_is_offered_disabled_while_the_notice_runs(workflow):
    application = workflow.public_notice()

    offers = {
        offer.act.name: offer for offer in ACTS.offered(application, workflow.people.approver, "review_queue:act")
    }

    assert "approve" in offers
    assert str(application.notice_ends_on) in offers["approve"].unavailable
    workflow.clock.set(application.notice_ends_on + datetime.timedelta(days=1))
    offers = {
        offer.act.name: offer for offer in ACTS.offered(application, workflow.people.approver, "review_queue:act")
    }
    assert offers["approve"].unavailable is None


def test_the_publication_deadline_is_seven_working_days_across_national_day(workflow, client):
    workflow.clock.set(day(2026, 9, 1))
    application = workflow.public_notice()
    workflow.clock.set(day(2026, 9, 29))
    approve_application(application, workflow.people.approver)

    clock = clock_for(application)

    # After Tuesday 29 September: the 30th, then the holidays to 7 October, then 8, 9, the make-up Saturday the
    # 10th, 12, 13 and 14 October.
    assert clock.stage == "publication"
    assert clock.due_on == day(2026, 10, 14)
    workflow.clock.set(day(2026, 10, 14))
    assert not clock_for(application).overdue
    workflow.clock.set(day(2026, 10, 15))
    assert clock_for(application).overdue

    record_decision_publication(application, workflow.people.reviewer)
    data = json.loads(client.get(reverse("decisions:json")).content)
    [record] = data["records"]
    assert record["XK_XDR_SHXYM"] == application.organization.unified_social_credit_code
    assert record["XK_JDRQ"] == "2026-09-29" and record["GS_RQ"] == "2026-10-15"
    assert record["XK_WSH"].startswith(application.case_number)
    csv = client.get(reverse("decisions:csv")).content.decode("utf-8-sig")
    assert "XK_XDR_MC" in csv.splitlines()[0]


# ---------------------------------------------------------------- corrections


def test_a_replacement_licence_supersedes_the_one_it_replaces(workflow):
    application = workflow.needs_information()
    [original] = application.licences.all()

    replacement = replace_licence(
        application,
        workflow.people.merchant,
        original,
        Licence(
            licence_type=original.licence_type,
            number="JY-NEW",
            issuing_authority="南京市市场监督管理局",
            valid_from=day(2026, 1, 1),
            valid_to=day(2030, 12, 31),
            file=original.file.name,
        ),
    )

    original.refresh_from_db()
    assert original.superseded_by == replacement
    assert list(Licence.objects.current().filter(organization=application.organization)) == [replacement]
    assert list(application.licences.current()) == [replacement]
    assert Licence.objects.filter(pk=original.pk).exists()  # kept for the audit trail
    assert application.events.filter(action="licence_superseded").exists()


def test_a_correction_edits_exactly_the_outlet_named(workflow):
    application = workflow.under_review()
    outlet = application.organization.locations.create(
        name="门店",
        address_1="错误地址1号",
        district=(sub := SubdistrictFactory()).district,
        subdistrict=sub,
        latitude="32.05",
        longitude="118.78",
    )
    request = request_information(application, workflow.people.reviewer, [], corrections={"outlets": [outlet.pk]})
    assert any("门店" in item for item in request.missing_items)
    assert "门店" in pdf_text(application.documents.get(kind=DocumentKind.CORRECTION))

    outlet.address_1 = "中山北路1号"
    correct_outlet(application, workflow.people.merchant, outlet)
    answer_information_request(application, workflow.people.merchant, "地址已更正")

    outlet.refresh_from_db()
    assert outlet.address_1 == "中山北路1号"
    assert "中山北路1号" in application.events.get(action="corrected").reason


# ---------------------------------------------------------------- changes after listing


def test_a_change_application_for_a_new_outlet_runs_on_the_clocks_with_the_shorter_notice(workflow):
    listed = workflow.approved()
    organization = listed.organization
    organization.refresh_from_db()
    assert organization.listing_status == ListingStatus.ACTIVE
    CategoryReviewPolicy.objects.create(
        category=workflow.category, public_notice_working_days=5, change_notice_working_days=2
    )
    subdistrict = SubdistrictFactory()
    new_outlet = {
        "name": "二店",
        "address_1": "龙蟠路88号",
        "district": subdistrict.district_id,
        "subdistrict": subdistrict.pk,
        "community": None,
        "latitude": "32.060000",
        "longitude": "118.800000",
        "phone": "",
    }
    start = workflow.clock.today()

    application = start_change_application(workflow.people.merchant, organization, {"new_outlets": [new_outlet]})
    submit_application(application, workflow.people.merchant)
    accept_application(application, workflow.people.reviewer)
    assert clock_for(application).limit == 20
    start_review(application, workflow.people.reviewer)
    recommend_approval(application, workflow.people.reviewer)

    assert application.kind == ApplicationKind.CHANGE
    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert application.notice_ends_on == add_working_days(start, 2)
    assert organization.locations.count() == 0 or not organization.locations.filter(name="二店").exists()
    workflow.clock.set(application.notice_ends_on + datetime.timedelta(days=1))
    approve_application(application, workflow.people.approver)

    assert organization.locations.filter(name="二店", address_1="龙蟠路88号").exists()
    change = organization.listing_events.get(action=ListingAction.CHANGED)
    assert "龙蟠路88号" in change.reason


def test_notice_days_stop_the_decision_clock_where_the_category_says_so(workflow):
    application = workflow.public_notice()
    workflow.clock.set(application.notice_ends_on + datetime.timedelta(days=1))
    counted = clock_for(application)
    CategoryReviewPolicy.objects.create(category=workflow.category, notice_stops_decision_clock=True)
    application.refresh_from_db()

    stopped = clock_for(application)

    assert stopped.notice_stops_clock and not counted.notice_stops_clock
    assert stopped.used == counted.used - 5
    assert stopped.due_on == add_working_days(counted.due_on, 5)


def test_licences_in_force_leave_out_superseded_ones(workflow):
    application = workflow.approved()
    old = application.licences.get()
    new = LicenceFactory(organization=application.organization, licence_type=old.licence_type)
    Licence.objects.filter(pk=old.pk).update(superseded_by=new)

    assert list(Licence.objects.in_force(workflow.clock.today()).filter(organization=application.organization)) == [new]
