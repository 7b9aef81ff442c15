"""The bureau in the Wagtail admin: staff take a post down with a reason the merchant sees (never their own shop's
post); the reports count posts, applications and hires by district, category and month, with the share of hires
that went to verified unemployed residents and the days to the first hire, on the page and in CSV and XLSX."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market import clock_source
from market.accounts.roles import Role
from market.jobs import reports, services
from market.jobs.models import JobApplicationState, JobPostState
from tests.factories import CategoryFactory, DistrictFactory, LocationFactory, SubdistrictFactory, UserFactory
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobApplicationFactory, JobPostFactory
from tests.jobs.helpers import written

REPORTS = "/admin/jobs/reports/"
TAKE_DOWN = "take_down_post"


def staff_client(role: Role, user=None) -> tuple[Client, object]:
    user = user or UserFactory(role=role)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    return client, user


def messages_of(response) -> list[str]:
    return [str(message.message).strip() for message in get_messages(response.wsgi_request)]


def test_staff_take_down_a_post_and_the_merchant_sees_the_reason(outlet):
    post = JobPostFactory(location=outlet, title="日结发传单")
    waiting = JobApplicationFactory(post=post, resident=UserFactory(preferred_language="en"))
    client, reviewer = staff_client(Role.REVIEWER)

    assert client.get(f"/admin/jobs/posts/{post.pk}/").status_code == 200
    response = client.post(
        f"/admin/jobs/posts/{post.pk}/act/{TAKE_DOWN}/",
        {f"{TAKE_DOWN}-reason": "岗位内容为街头派发传单，不属于社区服务。"},
    )

    post.refresh_from_db()
    assert post.state == JobPostState.TAKEN_DOWN
    assert post.taken_down_by == reviewer
    assert messages_of(response) == ["The post is taken down; the merchant and the waiting applicants are told."]
    assert ModelLogEntry.objects.filter(object_id=str(post.pk), action="jobs.take_down_post").count() == 1
    waiting.refresh_from_db()
    assert waiting.state == JobApplicationState.ENDED
    subjects = {tuple(message.to): message.subject for message in mail.outbox}
    assert subjects[(waiting.resident.email,)] == "The post “日结发传单” was taken down"
    merchant_email = next(message for message in mail.outbox if outlet.organization.owner.email in message.to)
    assert "岗位内容为街头派发传单，不属于社区服务。" in merchant_email.body

    merchant = Client()
    merchant.force_login(outlet.organization.owner)
    page = merchant.get(f"/en/jobs/merchant/{post.pk}/").content.decode()
    assert "took this post down" in page and "岗位内容为街头派发传单，不属于社区服务。" in page
    assert "日结发传单" not in Client().get("/en/jobs/").content.decode()


def test_a_take_down_needs_a_reason_and_the_right_person_and_a_refusal_writes_nothing(outlet):
    post = JobPostFactory(location=outlet)
    url = f"/admin/jobs/posts/{post.pk}/act/{TAKE_DOWN}/"
    before = written()

    client, _reviewer = staff_client(Role.REVIEWER)
    assert messages_of(client.post(url, {f"{TAKE_DOWN}-reason": ""}))[0].startswith("The form is not complete.")
    # A member of staff who is also the post's merchant never decides their own case.
    owner = outlet.organization.owner
    owner.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    own_client, _owner = staff_client(Role.REVIEWER, owner)
    assert messages_of(own_client.post(url, {f"{TAKE_DOWN}-reason": "x"})) == ["You are not allowed to do this."]
    editor, _editor = staff_client(Role.EDITOR)
    editor.post(url, {f"{TAKE_DOWN}-reason": "x"})
    assert written() == before


@pytest.fixture
def known_hires(db, clock):
    """March: two posts in Xuanwu (laundry), one hired a verified unemployed resident 2 days after posting, the other
    an ordinary resident 4 days after. April: a canteen post in Gulou with one application and no hire."""
    xuanwu = DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu District")
    gulou = DistrictFactory(code="320106", name="鼓楼区", name_en="Gulou District")
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    canteen = CategoryFactory(code="canteen", name="社区食堂", name_en="Community canteen")
    in_xuanwu = LocationFactory(subdistrict=SubdistrictFactory(district=xuanwu))
    in_gulou = LocationFactory(subdistrict=SubdistrictFactory(district=gulou))

    first = JobPostFactory(location=in_xuanwu, category=laundry)
    second = JobPostFactory(location=in_xuanwu, category=laundry, places=3)
    laid_off = services.apply(first, laid_off_resident(), full_name="甲", phone="13900000001", availability="上午")
    clock.advance(days=2)
    services.record_hire(laid_off, first.organization.owner)
    clock.advance(days=2)
    ordinary = services.apply(
        second, UserFactory(role=Role.RESIDENT), full_name="乙", phone="13900000002", availability="下午"
    )
    services.record_hire(ordinary, second.organization.owner)

    clock.set(datetime.date(2026, 4, 2))
    third = JobPostFactory(location=in_gulou, category=canteen)
    services.apply(third, laid_off_resident(), full_name="丙", phone="13900000003", availability="全天")
    return first, second, third


def test_the_report_counts_posts_applications_hires_and_the_share_of_the_unemployed(known_hires):
    assert reports.summary("district") == [
        {
            "label": "Xuanwu District",
            "posts": 2,
            "places": 5,
            "applications": 2,
            "hires": 2,
            "priority_hires": 1,
            "priority_share": Decimal("50.0"),
            "days_to_first_hire": Decimal("3.0"),
        },
        {
            "label": "Gulou District",
            "posts": 1,
            "places": 2,
            "applications": 1,
            "hires": 0,
            "priority_hires": 0,
            "priority_share": None,
            "days_to_first_hire": None,
        },
    ]
    assert [row["label"] for row in reports.summary("month")] == ["2026-03", "2026-04"]
    assert [row["label"] for row in reports.summary("category")] == ["Community canteen", "Laundry"]
    march = reports.Criteria(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
    assert [row["posts"] for row in reports.summary("category", march)] == [2]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_report_pages_chart_and_exports(known_hires):
    client, _reviewer = staff_client(Role.REVIEWER)

    page = client.get(f"{REPORTS}district/")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'role="img"' in content and "<title>Xuanwu District: 2</title>" in content

    rows = csv_rows(client.get(f"{REPORTS}month/", {"export": "csv"}))
    assert rows[0] == [
        "Month of publication",
        "Posts",
        "Vacancies",
        "Applications",
        "Hires",
        "Hires of verified registered unemployed",
        "Share of hires to verified registered unemployed (%)",
        "Days from post to first hire (median)",
    ]
    assert rows[1] == ["2026-03", "2", "5", "2", "2", "1", "50.0", "3.0"]

    response = client.get(f"{REPORTS}category/", {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert values[0][0] == "Category"
    assert values[2][:5] == ["Laundry", 2, 5, 2, 2]

    gulou = known_hires[2].location.district_id
    filtered = csv_rows(client.get(f"{REPORTS}district/", {"export": "csv", "district": gulou}))
    assert [row[0] for row in filtered[1:]] == ["Gulou District"]


def test_merchants_and_residents_do_not_reach_the_reports(known_hires):
    for role in (Role.MERCHANT, Role.RESIDENT):
        client = Client()
        client.force_login(UserFactory(role=role))
        assert client.get(f"{REPORTS}district/").status_code == 302


def test_the_time_to_first_hire_counts_from_publication(outlet, clock):
    post = JobPostFactory(location=outlet)
    clock.advance(hours=36)
    JobApplicationFactory(post=post, state=JobApplicationState.HIRED, hired_at=clock_source.now())

    assert reports.summary("month")[0]["days_to_first_hire"] == Decimal("1.5")


def test_the_admin_lists_posts_and_administrators_keep_the_minimum_wages(outlet):
    JobPostFactory(location=outlet, title="早班理货员")
    reviewer, _reviewer = staff_client(Role.REVIEWER)
    listing = reviewer.get("/admin/jobs/posts/")
    assert listing.status_code == 200 and "早班理货员" in listing.content.decode()

    administrator, _administrator = staff_client(Role.ADMINISTRATOR)
    settings_page = administrator.get("/admin/settings/jobs/jobssettings/", follow=True)
    assert settings_page.status_code == 200
    assert "23.50" in settings_page.content.decode()
    assert administrator.get("/admin/snippets/jobs/districtminimumwage/add/").status_code == 200
    assert reviewer.get("/admin/snippets/jobs/districtminimumwage/add/").status_code in (302, 403)
