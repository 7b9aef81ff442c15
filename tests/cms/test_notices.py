"""Public notices follow the registry: opened, closed and objected to through the licensing services."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from cms.models import NoticePage
from market.errors import AppError
from market.licensing.services.decisions import approve_application
from market.licensing.services.jobs import close_ended_public_notices
from market.licensing.services.workflow import answer_objection, recommend_approval, withdraw_application
from tests.clock import Clock
from tests.factories import LocationFactory
from tests.licensing.conftest import People, Workflow
from tests.licensing.conftest import catering as catering
from tests.licensing.conftest import clock as clock
from tests.licensing.conftest import people as people
from tests.page_structure import page_structure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files")]


@pytest.fixture
def workflow(people: People, catering, clock: Clock):
    return Workflow(people, catering, clock)


@pytest.fixture
def on_notice(workflow, sections, django_capture_on_commit_callbacks):
    """An application on public notice, with an outlet, whose notice pages the signal created."""
    application = workflow.under_review()
    LocationFactory(organization=application.organization, name="邻里小馆", address_1="珠江路88号")
    with django_capture_on_commit_callbacks(execute=True):
        recommend_approval(application, workflow.people.reviewer, "材料齐全")
    application.refresh_from_db()
    return application


def notices_of(application):
    return {page.locale.language_code: page for page in NoticePage.objects.filter(application=application)}


def test_a_notice_is_published_in_both_languages_when_the_application_goes_on_notice(client, on_notice):
    notices = notices_of(on_notice)

    assert set(notices) == {"zh-hans", "en"}
    chinese, english = notices["zh-hans"], notices["en"]
    assert chinese.live and english.live
    assert english.translation_key == chinese.translation_key
    assert chinese.merchant_name == on_notice.organization.name
    assert english.merchant_name == on_notice.organization.name_en
    assert english.notice_ends_on == on_notice.notice_ends_on == datetime.date(2026, 3, 9)
    response = client.get(english.url)
    assert response.status_code == 200
    assert on_notice.organization.unified_social_credit_code in response.text
    assert "珠江路88号" in response.text
    assert "Catering" in response.text
    assert "Open for objections" in response.text
    assert page_structure(response).h1_count == 1


def test_the_notice_is_marked_closed_and_kept_when_its_period_ends(
    client, on_notice, workflow, django_capture_on_commit_callbacks
):
    workflow.clock.set(on_notice.notice_ends_on + datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        close_ended_public_notices()

    for notice in notices_of(on_notice).values():
        assert notice.live and notice.closed_at is not None
    response = client.get(notices_of(on_notice)["en"].url)
    assert "Closed" in response.text
    assert "Send my objection" not in response.text
    assert "Sign in to object" not in response.text


def test_a_withdrawal_during_the_notice_closes_it(on_notice, workflow, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_application(on_notice, workflow.people.merchant, "不再经营")

    assert all(notice.closed_at is not None for notice in notices_of(on_notice).values())


def test_a_visitor_who_is_not_signed_in_is_offered_a_sign_in_that_returns_to_the_notice(client, on_notice):
    notice = notices_of(on_notice)["zh-hans"]

    response = client.get(notice.url)
    posted = client.post(f"/objections/{notice.pk}/", {"text": "噪音扰民"})

    assert f'href="/accounts/sign-in/?next={notice.url}"' in response.text
    assert "<textarea" not in response.text
    assert posted.status_code == 302 and posted["Location"].startswith("/accounts/sign-in/?next=")
    assert not on_notice.objections.exists()


def test_an_objection_blocks_approval_until_answered_and_the_objector_hears_the_answer(
    client, on_notice, workflow, django_capture_on_commit_callbacks
):
    people = workflow.people
    notice = notices_of(on_notice)["en"]
    client.force_login(people.resident)

    response = client.post(f"/en/objections/{notice.pk}/", {"text": "The outlet blocks the fire exit."}, follow=True)

    assert "Your objection has reached the bureau" in response.text
    objection = on_notice.objections.get()
    assert objection.objector == people.resident and objection.text == "The outlet blocks the fire exit."
    workflow.clock.set(on_notice.notice_ends_on + datetime.timedelta(days=1))
    with translation.override("en"), pytest.raises(AppError) as refused:
        approve_application(on_notice, people.approver)
    assert "An objection has not been answered." in refused.value.problems

    with django_capture_on_commit_callbacks(execute=True):
        answer_objection(objection, people.reviewer, "Inspected on 10 March: the exit is clear.")
    approve_application(on_notice, people.approver)

    on_notice.refresh_from_db()
    assert on_notice.state == "approved"
    to_objector = [message for message in mail.outbox if message.to == [people.resident.email]]
    assert len(to_objector) == 1
    assert "the exit is clear" in to_objector[0].body
    page = client.get(notice.url)
    assert "the exit is clear" in page.text


def test_an_empty_objection_is_refused_with_the_reason_beside_the_field(client, on_notice, workflow):
    notice = notices_of(on_notice)["en"]
    client.force_login(workflow.people.resident)

    response = client.post(f"/en/objections/{notice.pk}/", {"text": "  "})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert not on_notice.objections.exists()


def test_the_applicant_cannot_object_to_their_own_application(client, on_notice, workflow):
    notice = notices_of(on_notice)["en"]
    client.force_login(workflow.people.merchant)

    response = client.post(f"/en/objections/{notice.pk}/", {"text": "Objection to myself"}, follow=True)

    assert "The applicant cannot object to their own application." in response.text
    assert not on_notice.objections.exists()


def test_a_change_applications_notice_shows_what_is_proposed_beside_what_it_replaces(
    client, workflow, sections, django_capture_on_commit_callbacks
):
    from market.licensing.changes import outlet_data
    from market.licensing.services.drafts import start_change_application
    from market.licensing.services.workflow import accept_application, start_review, submit_application
    from tests.factories import CommunityFactory, DistrictFactory, SubdistrictFactory

    listed = workflow.approved().organization
    xuanwu = SubdistrictFactory(
        district=DistrictFactory(name="玄武区", name_en="Xuanwu"), name="玄武门街道", name_en="Xuanwumen"
    )
    outlet = LocationFactory(
        organization=listed,
        name="邻里小馆",
        address_1="珠江路88号",
        district=xuanwu.district,
        subdistrict=xuanwu,
        community=CommunityFactory(subdistrict=xuanwu, name="太平社区", name_en="Taiping"),
    )
    moved = {**outlet_data(outlet), "address_1": "龙蟠路1号"}
    del moved["name"], moved["phone"]
    people = workflow.people
    application = start_change_application(
        people.merchant, listed, {"alternate_name": "邻里新馆", "moved_outlets": {str(outlet.pk): moved}}
    )
    submit_application(application, people.merchant)
    accept_application(application, people.reviewer)
    start_review(application, people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        recommend_approval(application, people.reviewer, "材料齐全")

    notices = notices_of(application)
    chinese = client.get(notices["zh-hans"].url).text
    english = client.get(notices["en"].url).text

    # What is proposed, beside what it replaces, in each language; the register itself is unchanged until approval.
    assert "拟变更事项" in chinese and "申请变更登记事项" in chinese
    assert "网点迁址：邻里小馆，由玄武区玄武门街道太平社区珠江路88号迁至玄武区玄武门街道太平社区龙蟠路1号" in chinese
    assert "字号/品牌" in chinese and "邻里新馆" in chinese
    assert "Changes proposed" in english and "applies to change its register entry" in english
    moved = "Outlet moved: 邻里小馆, from Xuanwu Xuanwumen Taiping 珠江路88号 to Xuanwu Xuanwumen Taiping 龙蟠路1号"
    assert moved in english
    assert "Trade name: " in english and "邻里新馆" in english
    assert "Outlets on the register now" in english and "珠江路88号" in english
    outlet.refresh_from_db()
    assert outlet.address_1 == "珠江路88号"


def test_a_new_listings_notice_lists_no_proposed_changes(client, on_notice):
    english = client.get(notices_of(on_notice)["en"].url).text

    assert "Changes proposed" not in english
    assert "Services applied for" in english
