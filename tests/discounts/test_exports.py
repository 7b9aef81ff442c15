"""The bureau's discount reports in the admin: the numbers of a small known data set, in the page's table and
chart and in the CSV and XLSX downloads, with the date, group and district filters applied.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from wagtail.users.models import UserProfile

from market.discounts.services.redemption import redeem
from tests.discounts.conftest import code_for, eligible_resident, new_key
from tests.discounts.factories import group
from tests.factories import LocationFactory
from tests.page_structure import page_structure

REPORTS = "/admin/discounts/reports/"


@pytest.fixture
def reviewer_client(client, people):
    profile = UserProfile.get_for_user(people.reviewer)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(people.reviewer)
    return client


@pytest.fixture
def known_redemptions(counter, clock):
    """March: two laid-off redemptions (¥100 saves 10, ¥300 saves the ¥20 maximum). April: an elderly
    resident's ¥50 saves 5 at a second outlet in another district.
    """
    counter.redeem("100")
    counter.redeem("300")
    elderly = group("elderly")
    counter.offer.groups.add(elderly)
    other_outlet = LocationFactory(organization=counter.merchant)
    counter.offer.locations.add(other_outlet)
    older = eligible_resident("elderly")
    clock.set(datetime.date(2026, 4, 2))
    redeem(
        code=code_for(older),
        offer=counter.offer,
        location=other_outlet,
        amount_before="50",
        staff=counter.staff,
        idempotency_key=new_key(),
    )
    return counter, other_outlet


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    assert response["Content-Disposition"].startswith("attachment")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_savings_by_month_page_has_a_chart_and_the_numbers(reviewer_client, known_redemptions):
    response = reviewer_client.get(f"{REPORTS}savings_by_month/")
    assert response.status_code == 200
    structure = page_structure(response)
    (chart,) = structure.charts  # an image to screen readers, named and with a title on each bar
    assert chart.name == "Savings by month"
    assert chart.parts == ["2026-03: 30.00", "2026-04: 5.00"]
    assert [row.cells for row in structure.table().rows] == [
        ["2026-03", "2", "400.00", "30.00"],
        ["2026-04", "1", "50.00", "5.00"],
    ]


def test_savings_by_month_csv(reviewer_client, known_redemptions):
    rows = csv_rows(reviewer_client.get(f"{REPORTS}savings_by_month/", {"export": "csv"}))
    assert rows == [
        ["Month", "Redemptions (net)", "Amount before discount (yuan)", "Saving (yuan)"],
        ["2026-03", "2", "400.00", "30.00"],
        ["2026-04", "1", "50.00", "5.00"],
    ]


def test_savings_by_group_xlsx_filtered_by_date(reviewer_client, known_redemptions):
    response = reviewer_client.get(
        f"{REPORTS}savings_by_group/", {"export": "xlsx", "period_from": "2026-03-01", "period_to": "2026-03-31"}
    )
    rows = xlsx_rows(response)
    assert rows[0] == ["Group", "Redemptions (net)", "Amount before discount (yuan)", "Saving (yuan)"]
    assert [(row[0], row[1], float(row[3])) for row in rows[1:]] == [
        ("Registered unemployed and laid-off workers", 2, 30.0)
    ]


def test_savings_by_district_filtered_by_group(reviewer_client, known_redemptions):
    _counter, other_outlet = known_redemptions
    rows = csv_rows(
        reviewer_client.get(f"{REPORTS}savings_by_district/", {"export": "csv", "group": group("elderly").pk})
    )
    assert rows[1:] == [[other_outlet.district.name_en or other_outlet.district.name, "1", "50.00", "5.00"]]


def test_redemptions_per_merchant_filtered_by_district(reviewer_client, known_redemptions):
    counter, _other_outlet = known_redemptions
    everywhere = csv_rows(reviewer_client.get(f"{REPORTS}redemptions_per_merchant/", {"export": "csv"}))
    assert [row[1:] for row in everywhere[1:]] == [["3", "450.00", "35.00"]]
    in_district = csv_rows(
        reviewer_client.get(
            f"{REPORTS}redemptions_per_merchant/", {"export": "csv", "district": counter.outlet.district.pk}
        )
    )
    assert [row[1:] for row in in_district[1:]] == [["2", "400.00", "30.00"]]


def test_codes_at_many_outlets_lists_the_burst(reviewer_client, counter, clock):
    outlets = [counter.outlet] + [LocationFactory(organization=counter.merchant) for _ in range(2)]
    counter.offer.locations.set(outlets)
    for outlet in outlets:
        counter.redeem(location=outlet)
        clock.advance(minutes=20)
    rows = xlsx_rows(reviewer_client.get(f"{REPORTS}codes_at_many_outlets/", {"export": "xlsx"}))
    assert [(row[1], row[2], row[3]) for row in rows[1:]] == [(counter.code.pk, "2026-03-11 10:00", 3)]


def test_every_report_renders_for_each_bureau_role(client, people, known_redemptions):
    names = [
        "savings_by_group",
        "savings_by_district",
        "savings_by_month",
        "redemptions_per_merchant",
        "subsidy",
        "codes_at_many_outlets",
        "outlets_above_peers",
    ]
    for user in (people.reviewer, people.approver, people.administrator):
        client.force_login(user)
        for name in names:
            assert client.get(f"{REPORTS}{name}/").status_code == 200, name


def test_a_chinese_reader_gets_chinese_headings_in_the_csv(client, people, known_redemptions):
    client.force_login(people.reviewer)  # the admin in the default language, Chinese

    rows = csv_rows(client.get(f"{REPORTS}savings_by_month/", {"export": "csv"}))

    assert rows[0][0] == "月份"
