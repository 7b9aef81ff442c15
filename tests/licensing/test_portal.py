"""The merchant portal, driven as a merchant would with the test client: the steps of an application, the
status page and its acts, the public profile, and who may reach which page.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from market.accounts.roles import Role
from market.licensing.models import Application, ApplicationState, EventAction, Licence
from market.licensing.services.workflow import request_information
from market.registry.models import LocationPhoto, Organization, ScheduleException
from tests.factories import (
    CategoryFactory,
    CommunityFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
    UserFactory,
)
from tests.licensing.factories import LicenceFactory, LicenceTypeFactory
from tests.licensing.sample_files import HTML_BYTES, pdf_upload, png_upload, upload
from tests.posted import as_posted

S = ApplicationState


@pytest.fixture(autouse=True)
def public_media(tmp_path, settings):
    """Outlet photos go to a temporary public media folder, not the checkout's."""
    settings.MEDIA_ROOT = tmp_path / "media"


VALID_CODE = "91310115MA1K3BTP2B"
INVALID_CODE = "91110000600037341N"


@pytest.fixture
def business_licence(catering):
    """Catering needs the food business permit (conftest) and, here, the business licence too."""
    return LicenceTypeFactory(
        code="business-licence", name="营业执照", name_en="Business licence", required_for_categories=[catering]
    )


@pytest.fixture
def community(db):
    return CommunityFactory(name="梅园新村社区")


def business_data(**changes):
    return {
        "name": "南京邻里餐饮有限公司",
        "name_en": "Nanjing Linli Catering Co., Ltd.",
        "alternate_name": "邻里小厨",
        "unified_social_credit_code": VALID_CODE.lower(),
        "legal_representative": "王建国",
        "phone": "025-84001234",
        "email": "",
        "website": "",
        "founded_by_laid_off_workers": "on",
        "action": "save",
        **changes,
    }


def outlet_data(community, **changes):
    subdistrict = community.subdistrict
    data = {
        "name": "梅园店",
        "address_1": "长江路292号",
        "district": subdistrict.district_id,
        "subdistrict": subdistrict.pk,
        "community": community.pk,
        "latitude": "32.045700",
        "longitude": "118.797900",
        "phone": "025-84005678",
        "opens_1": "08:00",
        "closes_1": "20:00",
        "opens_6": "09:00",
        "closes_6": "14:00",
        "action": "save",
    }
    return data | changes


def licence_data(licence_type, **changes):
    return {
        "licence_type": licence_type.pk,
        "number": f"JY{licence_type.pk:04d}3201020012345",
        "issuing_authority": "南京市玄武区市场监督管理局",
        "valid_from": "2026-01-01",
        "valid_to": "2030-12-31",
        "file": pdf_upload("我的营业执照扫描件.pdf"),
        "action": "save",
        **changes,
    }


def step(name, application):
    return reverse(f"licensing:step_{name}", args=[application.pk])


def test_a_merchant_applies_step_by_step_saving_a_draft_at_each_step(
    client, people, catering, business_licence, community, clock
):
    client.force_login(people.merchant)
    assert client.get(reverse("licensing:index")).status_code == 200

    # Step 1 saves the business as a draft; a bad credit code later loses nothing already saved or typed.
    response = client.post(reverse("licensing:apply"), business_data())
    application = Application.objects.get(applicant=people.merchant)
    assert response.status_code == 302 and response["Location"] == step("business", application)
    assert application.state == S.DRAFT
    organization = application.organization
    assert organization.unified_social_credit_code == VALID_CODE
    assert organization.founded_by_laid_off_workers

    response = client.post(
        step("business", application),
        business_data(name="改过的名称", unified_social_credit_code=INVALID_CODE, action="next"),
    )
    assert response.status_code == 200
    assert "This unified social credit code is not valid" in response.content.decode()
    assert 'value="改过的名称"' in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "南京邻里餐饮有限公司"

    # Submitting now is refused with everything missing at once.
    response = client.post(step("review", application), follow=True)
    assert "Choose at least one category of service." in response.content.decode()
    application.refresh_from_db()
    assert application.state == S.DRAFT

    # Step 2, then back: the choice is kept.
    response = client.post(step("categories", application), {"categories": [catering.pk], "action": "next"})
    assert response["Location"] == step("outlets", application)
    back = client.get(step("categories", application)).content.decode()
    assert f'value="{catering.pk}"' in back and "checked" in back

    # Step 3: without JavaScript the district brings its sub-districts back; nothing is saved or refused.
    subdistrict = community.subdistrict
    response = client.post(
        step("outlets", application),
        {"name": "梅园店", "district": subdistrict.district_id, "choose_area": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{subdistrict.pk}">{subdistrict}</option>' in page
    assert 'value="梅园店"' in page and "This field is required" not in page
    assert not organization.locations.exists()

    response = client.post(step("outlets", application), outlet_data(community, closes_6="08:00"))
    assert "The closing time must be after the opening time." in response.content.decode()
    assert 'value="长江路292号"' in response.content.decode()
    assert not organization.locations.exists()

    client.post(step("outlets", application), outlet_data(community))
    outlet = organization.locations.get()
    assert [str(schedule) for schedule in outlet.schedules.all()] == ["Monday 08:00–20:00", "Saturday 09:00–14:00"]
    assert outlet.community == community

    # The review lists both missing licences at once, and the submission is refused with both.
    response = client.post(step("review", application), follow=True)
    page = response.content.decode()
    assert "Upload your Food business permit." in page
    assert "Upload your Business licence." in page
    application.refresh_from_db()
    assert application.state == S.DRAFT

    # Step 4: the licences; then the submission is accepted.
    food_permit = catering.required_licence_types.get(code="food-business")
    client.post(step("licences", application), licence_data(food_permit))
    client.post(step("licences", application), licence_data(business_licence, action="next"))
    assert application.licences.count() == 2
    assert all("扫描件" not in licence.file.name for licence in application.licences.all())
    assert "Upload your" not in client.get(step("review", application)).content.decode()

    response = client.post(step("review", application))
    assert response["Location"] == reverse("licensing:application", args=[application.pk])
    application.refresh_from_db()
    assert application.state == S.SUBMITTED

    # Submitted: the steps no longer edit it, and the status page shows where it is and its clock.
    assert client.get(step("business", application))["Location"] == reverse(
        "licensing:application", args=[application.pk]
    )
    page = client.get(reverse("licensing:application", args=[application.pk])).content.decode()
    assert "Submitted" in page
    assert "Working days left" in page
    assert str(clock.today() + datetime.timedelta(days=7)) in page  # 5 working days from a Monday
    assert "Application started" in page


def test_answering_a_request_shows_every_item_and_takes_a_replacement_licence(client, workflow, people, clock):
    application = workflow.submitted()
    request_information(application, people.reviewer, ["营业执照副本（加盖公章）", "场所租赁合同"], "请一次补齐")
    client.force_login(people.merchant)

    status_page = client.get(reverse("licensing:application", args=[application.pk])).content.decode()
    assert "营业执照副本（加盖公章）" in status_page and "场所租赁合同" in status_page

    answer_url = reverse("licensing:answer", args=[application.pk])
    licence_type = application.licences.first().licence_type
    refused = client.post(
        answer_url,
        {"answer": "已补充租赁合同", **prefixed(licence_data(licence_type, file=upload("合同.pdf", HTML_BYTES)))},
    )
    assert "web page (HTML)" in refused.content.decode()
    assert "已补充租赁合同" in refused.content.decode()
    application.refresh_from_db()
    assert application.state == S.NEEDS_INFORMATION

    response = client.post(
        answer_url, {"answer": "已补充租赁合同和营业执照副本", **prefixed(licence_data(licence_type))}
    )

    assert response["Location"] == reverse("licensing:application", args=[application.pk])
    application.refresh_from_db()
    assert application.state == S.RESUBMITTED
    assert application.licences.count() == 2
    assert application.information_requests.get().answer == "已补充租赁合同和营业执照副本"


def prefixed(data):
    return {f"licence-{key}": value for key, value in data.items() if key != "action"}


def test_answering_without_a_replacement_licence_is_enough(client, workflow, people, clock):
    application = workflow.needs_information()
    client.force_login(people.merchant)

    client.post(reverse("licensing:answer", args=[application.pk]), {"answer": "副本已邮寄"})

    application.refresh_from_db()
    assert application.state == S.RESUBMITTED
    assert application.licences.count() == 1


def test_withdrawing_asks_for_confirmation(client, workflow, people, clock):
    application = workflow.submitted()
    client.force_login(people.merchant)
    url = reverse("licensing:withdraw", args=[application.pk])

    unconfirmed = client.post(url, {"reason": "暂停营业"})
    assert unconfirmed.status_code == 200
    assert "This field is required." in unconfirmed.content.decode()
    application.refresh_from_db()
    assert application.state == S.SUBMITTED

    client.post(url, {"reason": "暂停营业", "confirm": "on"})
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    event = application.events.get(action=EventAction.WITHDRAWN)
    assert (event.actor, event.reason) == (people.merchant, "暂停营业")
    assert client.get(url)["Location"] == reverse("licensing:application", args=[application.pk])


def test_a_listed_merchant_renews_a_licence(client, people, clock):
    licence = LicenceFactory(organization__owner=people.merchant, valid_to=datetime.date(2026, 6, 30))
    client.force_login(people.merchant)

    response = client.post(reverse("licensing:renew", args=[licence.pk]))

    renewal = Application.objects.get(renewed_licence=licence)
    assert response["Location"] == step("licences", renewal)
    assert (renewal.kind, renewal.state) == ("renewal", S.DRAFT)
    page = client.get(step("review", renewal)).content.decode()
    assert "Upload the renewed" in page


def test_a_listed_merchant_asks_to_change_the_legal_name(client, people, clock):
    organization = OrganizationFactory(owner=people.merchant, categories=[CategoryFactory()])
    old_name = organization.name
    client.force_login(people.merchant)
    url = reverse("licensing:change", args=[organization.pk])

    unchanged = client.post(
        url,
        {
            "name": old_name,
            "name_en": organization.name_en,
            "alternate_name": organization.alternate_name,
            "categories": [c.pk for c in organization.categories.all()],
        },
    )
    assert "Nothing has changed" in unchanged.content.decode()

    response = client.post(
        url,
        {
            "name": "南京邻里新名称有限公司",
            "name_en": organization.name_en,
            "alternate_name": organization.alternate_name,
            "categories": [c.pk for c in organization.categories.all()],
        },
    )
    change = Application.objects.get(organization=organization, kind="change")
    assert response["Location"] == step("review", change)
    assert change.proposed_changes == {"name": "南京邻里新名称有限公司"}
    organization.refresh_from_db()
    assert organization.name == old_name


def test_profile_changes_go_live_at_once_and_are_logged(client, people, clock):
    organization = OrganizationFactory(owner=people.merchant)
    outlet = LocationFactory(organization=organization)
    ScheduleFactory(location=outlet)
    client.force_login(people.merchant)

    client.post(
        reverse("registry_portal:profile", args=[organization.pk]),
        {"description": "社区老字号，提供早餐和家常菜。", "phone": "025-84009999", "email": "", "website": ""},
    )
    organization.refresh_from_db()
    assert organization.description == "社区老字号，提供早餐和家常菜。"
    entry = ModelLogEntry.objects.get(object_id=str(organization.pk), content_type__model="organization")
    assert entry.user == people.merchant
    assert entry.data["after"]["description"] == "社区老字号，提供早餐和家常菜。"

    hours = {
        "phone": "025-84001111",
        "opens_2": "07:00",
        "closes_2": "19:00",
        "exceptions-TOTAL_FORMS": "2",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-0-date": "2026-10-01",
        "exceptions-0-closed": "on",
        "exceptions-0-notes": "国庆休息",
        "exceptions-1-date": "",
    }
    client.post(reverse("registry_portal:outlet_hours", args=[organization.pk, outlet.pk]), hours)
    assert [str(schedule) for schedule in outlet.schedules.all()] == ["Tuesday 07:00–19:00"]
    assert outlet.schedule_exceptions.get().closed
    assert ModelLogEntry.objects.filter(object_id=str(outlet.pk), content_type__model="location").exists()

    photos_url = reverse("registry_portal:outlet_photos", args=[organization.pk, outlet.pk])
    refused = client.post(photos_url, {"image": upload("门头.png", HTML_BYTES, "image/png"), "alt_text": "门头照片"})
    assert "web page (HTML)" in refused.content.decode()
    assert 'value="门头照片"' in refused.content.decode()
    missing_alt = client.post(photos_url, {"image": png_upload(), "alt_text": ""})
    assert "This field is required." in missing_alt.content.decode()
    client.post(photos_url, {"image": png_upload("门头.png"), "alt_text": "长江路上的店门"})
    photo = LocationPhoto.objects.get()
    assert photo.alt_text == "长江路上的店门"
    assert "门头" not in photo.image.name


def hours_posted_back(page, changes: dict) -> dict:
    """The hours form and its dated exceptions as the page shows them, with some fields changed."""
    return as_posted(page.context["form"], page.context["formset"]) | changes


def test_saving_the_hours_keeps_the_dates_already_set_and_refuses_past_or_backward_ones(client, people, clock):
    organization = OrganizationFactory(owner=people.merchant)
    outlet = LocationFactory(organization=organization)
    ScheduleFactory(location=outlet)
    year_end = datetime.date(2026, 12, 31)
    ScheduleException.objects.create(location=outlet, date=year_end, closed=True, notes="盘点")
    client.force_login(people.merchant)
    url = reverse("registry_portal:outlet_hours", args=[organization.pk, outlet.pk])

    client.post(url, hours_posted_back(client.get(url), {"opens_2": "08:30", "closes_2": "19:00"}))
    assert outlet.schedule_exceptions.get().date == year_end
    assert "Tuesday 08:30–19:00" in [str(schedule) for schedule in outlet.schedules.all()]

    overnight = {"exceptions-1-date": "2026-12-24", "exceptions-1-opens_at": "20:00", "exceptions-1-closes_at": "08:00"}
    backward = client.post(url, hours_posted_back(client.get(url), overnight))
    assert "The closing time must be after the opening time." in backward.content.decode()
    long_ago = {"exceptions-1-date": "1900-01-01", "exceptions-1-closed": "on"}
    past = client.post(url, hours_posted_back(client.get(url), long_ago))
    assert "Choose today or a later date." in past.content.decode()
    assert list(outlet.schedule_exceptions.values_list("date", flat=True)) == [year_end]

    removed = hours_posted_back(client.get(url), {"exceptions-0-DELETE": "on"})
    client.post(url, removed)
    assert not outlet.schedule_exceptions.exists()


def test_the_legal_name_cannot_be_slipped_into_the_profile_form(client, people, clock):
    organization = OrganizationFactory(owner=people.merchant)
    client.force_login(people.merchant)

    client.post(
        reverse("registry_portal:profile", args=[organization.pk]),
        {"description": "", "phone": "", "email": "", "website": "", "name": "冒名有限公司"},
    )

    assert Organization.objects.get(pk=organization.pk).name == organization.name


# ---------------------------------------------------------------- who reaches what


@pytest.fixture
def owned(people, catering, community):
    """One of everything the merchant owns: a draft application, a listed merchant with an outlet and photo."""
    draft = Application.objects.create(
        applicant=people.merchant, organization=OrganizationFactory(owner=people.merchant, listing_status="unlisted")
    )
    listed = OrganizationFactory(owner=people.merchant)
    outlet = LocationFactory(organization=listed)
    draft_outlet = LocationFactory(organization=draft.organization)
    licence = LicenceFactory(organization=listed, valid_to=datetime.date(2026, 12, 31))
    draft_licence = LicenceFactory(organization=draft.organization, application=draft)
    photo = LocationPhoto.objects.create(location=outlet, image=png_upload(), alt_text="店门")
    return {
        "application": draft,
        "organization": listed,
        "outlet": outlet,
        "draft_outlet": draft_outlet,
        "licence": licence,
        "draft_licence": draft_licence,
        "photo": photo,
    }


def portal_urls(owned):
    """(url name, arguments, method) for every portal page that belongs to someone, licensing's and the register's."""
    application, organization, outlet = owned["application"].pk, owned["organization"].pk, owned["outlet"].pk
    return [
        ("licensing:application", [application], "get"),
        ("licensing:step_business", [application], "get"),
        ("licensing:step_categories", [application], "get"),
        ("licensing:step_outlets", [application], "get"),
        ("licensing:edit_outlet", [application, owned["draft_outlet"].pk], "get"),
        ("licensing:remove_outlet", [application, owned["draft_outlet"].pk], "post"),
        ("licensing:step_licences", [application], "get"),
        ("licensing:remove_licence", [application, owned["draft_licence"].pk], "post"),
        ("licensing:step_review", [application], "get"),
        ("licensing:answer", [application], "get"),
        ("licensing:withdraw", [application], "get"),
        ("licensing:licence_file", [owned["licence"].pk], "get"),
        ("licensing:renew", [owned["licence"].pk], "post"),
        ("licensing:change", [organization], "get"),
        ("registry_portal:profile", [organization], "get"),
        ("registry_portal:outlet_hours", [organization, outlet], "get"),
        ("registry_portal:outlet_photos", [organization, outlet], "get"),
        ("registry_portal:remove_photo", [organization, outlet, owned["photo"].pk], "post"),
    ]


OWN_PAGES = [("licensing:index", [], "get"), ("licensing:apply", [], "get")]


def test_permission_matrix_over_every_portal_url(client, people, owned, clock):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    for name, args, method in portal_urls(owned) + OWN_PAGES:
        url = reverse(name, args=args)
        private = bool(args)
        for person, expected in [
            (None, 404 if name == "licensing:licence_file" else "sign-in"),
            (people.resident, 404 if name == "licensing:licence_file" else 403),
            (people.reviewer, 200 if name == "licensing:licence_file" else 403),
            (administrator, 200 if name == "licensing:licence_file" else 403),
            (people.other_merchant, 404 if private else 200),
        ]:
            client.logout()
            if person is not None:
                client.force_login(person)
            response = getattr(client, method)(url)
            if expected == "sign-in":
                assert response.status_code == 302, url
                assert response["Location"].startswith(reverse("accounts:login")), url
            else:
                assert response.status_code == expected, (url, person)

    # And the owner reaches each of them (the acts last: they change what the pages show).
    client.force_login(people.merchant)
    for name, args, method in sorted(portal_urls(owned) + OWN_PAGES, key=lambda entry: entry[2]):
        response = getattr(client, method)(reverse(name, args=args))
        assert response.status_code in (200, 302), name
        if method == "get" and name not in ("licensing:answer", "licensing:withdraw"):
            assert response.status_code == 200, name
    assert not Licence.objects.filter(pk=owned["draft_licence"].pk).exists()
    assert not LocationPhoto.objects.exists()


def test_a_merchant_sees_only_their_own_applications_in_the_portal(client, people, owned, clock):
    theirs = Application.objects.create(
        applicant=people.other_merchant,
        organization=OrganizationFactory(
            owner=people.other_merchant, name="别家餐馆有限公司", listing_status="unlisted"
        ),
    )
    client.force_login(people.merchant)

    page = client.get(reverse("licensing:index")).content.decode()

    assert str(owned["organization"]) in page
    assert "别家餐馆" not in page and str(theirs.organization) not in page


def test_a_subdistrict_of_another_district_is_refused(client, people, community, clock):
    application = Application.objects.create(
        applicant=people.merchant, organization=OrganizationFactory(owner=people.merchant, listing_status="unlisted")
    )
    elsewhere = SubdistrictFactory()
    client.force_login(people.merchant)

    response = client.post(step("outlets", application), outlet_data(community, subdistrict=elsewhere.pk))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not application.organization.locations.exists()
