"""The bureau's discount screens in the Wagtail admin: eligibility checks with their proof, subsidy claims, the
settings snippets and who may reach them. Every act goes through the real services; a refusal changes nothing.
"""

import datetime
import html
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.discounts import claims
from market.discounts.models import (
    BenefitCard,
    Eligibility,
    EligibilityApplication,
    MicroProfitServiceType,
    SaleFlag,
    SubsidyClaim,
)
from market.discounts.services.eligibility import verify_eligibility
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from tests.discounts.conftest import card_number, eligible_resident, new_key
from tests.discounts.factories import (
    PDF_BYTES,
    MicroProfitServiceFactory,
    MicroProfitServiceTypeFactory,
    group,
)
from tests.factories import LocationFactory, OrganizationFactory, UserFactory
from tests.page_structure import PageStructure, page_structure

QUEUE = "/admin/discounts/eligibility/"
CLAIMS = "/admin/discounts/claims/"
FLAGGED = "/admin/discounts/flagged-sales/"


def messages_of(response) -> list[str]:
    # Wagtail renders messages as HTML.
    return [html.unescape(str(message.message)).strip() for message in get_messages(response.wsgi_request)]


def page(client, url, **params) -> PageStructure:
    response = client.get(url, params)
    assert response.status_code == 200
    return page_structure(response)


def shown_after(client, response) -> PageStructure:
    """The page an act redirects to, with the messages it shows."""
    assert response.status_code == 302
    return page(client, response["Location"])


def messages_after(client, response) -> list[str]:
    return shown_after(client, response).message_texts


def listed(client, **filters) -> list[str]:
    """The applications the eligibility queue lists, by the page each row links to."""
    tables = [table for table in page(client, QUEUE, **filters).tables if "Name on the ID card" in table.headers]
    return [row.links[0].href for row in (tables[0].rows if tables else [])]


@pytest.fixture
def as_user(client):
    """Signs the user in, with the admin in English so that messages can be compared."""

    def sign_in(user):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(user)
        return client

    return sign_in


def act(application, name) -> str:
    return f"{QUEUE}{application.pk}/act/{name}/"


def proof_url(application) -> str:
    return f"{QUEUE}{application.pk}/proof/{application.proofs.get().pk}/"


# ---------------------------------------------------------------- eligibility


def test_queue_lists_waiting_applications_and_filters_by_group(as_user, people, application):
    client = as_user(people.reviewer)
    assert listed(client) == [f"{QUEUE}{application.pk}/"]
    assert listed(client, group=group("registered-unemployed").pk) == [f"{QUEUE}{application.pk}/"]
    assert listed(client, group=group("elderly").pk) == []


def test_queue_filters_by_the_age_of_the_request(as_user, people, application, clock):
    client = as_user(people.reviewer)
    assert listed(client, waiting="7") == []
    clock.advance(days=8)
    assert listed(client, waiting="7") == [f"{QUEUE}{application.pk}/"]


def test_reviewer_verifies_with_an_end_date(as_user, people, application):
    client = as_user(people.reviewer)
    page = client.get(f"{QUEUE}{application.pk}/")
    assert page.status_code == 200
    assert proof_url(application).encode() in page.content
    # The person beside the proof: name, full ID number, group (the queue shows the number masked).
    text = page.content.decode()
    assert application.real_name in text and application.id_number_masked in text and "Group" in text
    assert application.id_number in text  # on this screen only, to compare with the proof
    queue = client.get(QUEUE).content.decode()
    assert application.id_number_masked in queue and application.id_number not in queue

    response = client.post(act(application, "verify_eligibility"), {"verify_eligibility-valid_until": "2026-09-30"})

    shown = shown_after(client, response)
    assert [(message.level, message.text) for message in shown.messages] == [
        ("success", "The resident is verified as eligible.")
    ]
    assert "Verify" not in shown.section("What you can do now").button_names
    application.refresh_from_db()
    assert application.state == EligibilityApplication.S.VERIFIED
    eligibility = Eligibility.objects.get(source_application=application)
    assert eligibility.valid_until == datetime.date(2026, 9, 30)
    assert ModelLogEntry.objects.filter(action="discounts.verify_eligibility", user=people.reviewer).exists()


def test_declining_needs_a_reason_and_without_one_nothing_changes(as_user, people, application):
    client = as_user(people.reviewer)

    refused = client.post(act(application, "decline_eligibility"), {"decline_eligibility-reason": "  "})
    (message,) = shown_after(client, refused).messages
    assert message.level == "error" and message.text.startswith("The form is not complete.")
    application.refresh_from_db()
    assert application.state == EligibilityApplication.S.SUBMITTED

    client.post(act(application, "decline_eligibility"), {"decline_eligibility-reason": "证件已过期"})
    application.refresh_from_db()
    assert application.state == EligibilityApplication.S.DECLINED
    assert application.decline_reason == "证件已过期"
    assert not Eligibility.objects.filter(resident=application.resident).exists()


def test_a_decided_application_cannot_be_decided_again(as_user, people, application):
    client = as_user(people.reviewer)
    client.post(act(application, "decline_eligibility"), {"decline_eligibility-reason": "证件不清"})
    response = client.post(act(application, "verify_eligibility"), {})
    assert messages_after(client, response)[-1] == "This application has already been decided or withdrawn."
    assert not Eligibility.objects.filter(resident=application.resident).exists()


def test_a_past_end_date_is_refused_with_a_message(as_user, people, application):
    client = as_user(people.reviewer)
    response = client.post(act(application, "verify_eligibility"), {"verify_eligibility-valid_until": "2020-01-01"})
    assert messages_after(client, response) == ["The end of the eligibility cannot be in the past."]
    application.refresh_from_db()
    assert application.state == EligibilityApplication.S.SUBMITTED


def test_approvers_may_not_verify(as_user, people, application):
    response = as_user(people.approver).post(act(application, "verify_eligibility"), {})
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == EligibilityApplication.S.SUBMITTED


def test_reviewer_downloads_the_proof_as_an_attachment(as_user, people, application):
    response = as_user(people.reviewer).get(proof_url(application))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("role", [Role.APPROVER, Role.ADMINISTRATOR, Role.EDITOR])
def test_other_staff_get_not_found_for_the_proof(as_user, application, role):
    response = as_user(UserFactory(role=role)).get(proof_url(application))
    assert response.status_code == 404


def test_residents_merchants_and_visitors_never_get_the_proof(client, as_user, application):
    for user in (application.resident, UserFactory(role=Role.RESIDENT), OrganizationFactory().owner, None):
        client.logout()
        if user is not None:
            as_user(user)
        response = client.get(proof_url(application))
        assert response.status_code in (302, 404)
        assert not getattr(response, "streaming", False)


# ---------------------------------------------------------------- subsidy claims


def claim_act(claim, name) -> str:
    return f"{CLAIMS}{claim.pk}/act/{name}/"


def test_a_reviewer_checks_an_approver_approves_and_the_paid_total_reconciles(as_user, people, claim):
    checker = as_user(people.reviewer)
    response = checker.get(f"{CLAIMS}{claim.pk}/")
    assert response.status_code == 200
    assert response.content.count(b"<td>\xc2\xa52.00</td>") == 2  # subsidy per unit on each of the two records
    assert b"The totals agree." in response.content
    assert b"/act/approve_claim/" not in response.content
    checker.post(claim_act(claim, "check_claim"), {"check_claim-note": "与台账核对无误"})
    claim.refresh_from_db()
    assert (claim.state, claim.checked_by) == (SubsidyClaim.S.CHECKED, people.reviewer)

    client = as_user(people.approver)
    client.post(claim_act(claim, "approve_claim"), {"approve_claim-note": ""})
    wrong = client.post(
        claim_act(claim, "record_claim_payment"),
        {"record_claim_payment-amount": "9.00", "record_claim_payment-payment_reference": "BANK-1"},
    )
    assert messages_after(client, wrong)[-1] == "The amount paid must equal the subsidy on the claim's records, ¥10.00."
    claim.refresh_from_db()
    assert claim.state == SubsidyClaim.S.APPROVED

    client.post(
        claim_act(claim, "record_claim_payment"),
        {"record_claim_payment-amount": "10.00", "record_claim_payment-payment_reference": "BANK-1"},
    )
    claim.refresh_from_db()
    assert (claim.state, claim.paid_amount) == (SubsidyClaim.S.PAID, Decimal("10.00"))
    assert claims.reconcile(claim).balanced
    reconciliation = page(client, f"{CLAIMS}{claim.pk}/").section("Reconciliation")
    assert "The totals agree." in reconciliation.paragraphs
    assert reconciliation.table().row("Amount paid").cells == ["Amount paid", "¥10.00"]


def test_rejecting_a_claim_needs_reasons(as_user, people, claim):
    client = as_user(people.approver)
    client.post(claim_act(claim, "reject_claim"), {"reject_claim-reasons": ""})
    claim.refresh_from_db()
    assert claim.state == SubsidyClaim.S.SUBMITTED
    client.post(claim_act(claim, "reject_claim"), {"reject_claim-reasons": "数量与台账不符"})
    claim.refresh_from_db()
    assert (claim.state, claim.decision_reasons) == (SubsidyClaim.S.REJECTED, "数量与台账不符")


def test_reviewers_cannot_approve_claims_and_approvers_only_approve_checked_ones(as_user, people, claim):
    response = as_user(people.reviewer).post(claim_act(claim, "approve_claim"), {})
    assert response.status_code in (302, 403)
    claim.refresh_from_db()
    assert claim.state == SubsidyClaim.S.SUBMITTED

    response = as_user(people.approver).post(claim_act(claim, "approve_claim"), {"approve_claim-note": ""})
    assert messages_of(response)[-1] == "A reviewer checks the claim before it is approved."
    claim.refresh_from_db()
    assert claim.state == SubsidyClaim.S.SUBMITTED


# ---------------------------------------------------------------- settings


def test_administrator_edits_a_price_cap_and_a_reviewer_cannot(as_user, people, db):
    service_type = MicroProfitServiceTypeFactory(price_cap=Decimal("30.00"))
    url = f"/admin/snippets/discounts/microprofitservicetype/edit/{service_type.pk}/"
    data = {
        "name": service_type.name,
        "name_en": service_type.name_en,
        "category": service_type.category_id,
        "unit": "次",
        "price_cap": "25.00",
        "subsidy_per_unit": "4.00",
        "valid_from": "2026-01-01",
        "valid_to": "",
        "max_units_per_sale": "2",
        "max_units_per_resident_per_day": "4",
        "usual_volume_factor": "3.0",
        "review_above_daily_units": "20",
    }
    assert as_user(people.reviewer).post(url, data).status_code in (302, 403)
    service_type.refresh_from_db()
    assert service_type.price_cap == Decimal("30.00")

    response = as_user(people.administrator).post(url, data)
    assert response.status_code == 302
    service_type.refresh_from_db()
    assert (service_type.price_cap, service_type.subsidy_per_unit) == (Decimal("25.00"), Decimal("4.00"))
    assert (service_type.max_units_per_sale, service_type.max_units_per_resident_per_day) == (2, 4)


def test_administrator_edits_the_groups(as_user, people, db):
    groups = page(as_user(people.administrator), "/admin/snippets/discounts/eligibilitygroup/").table()
    assert "registered-unemployed" in groups.column("Code")
    assert MicroProfitServiceType.objects.count() == 0


# ---------------------------------------------------------------- who reaches these screens


ADMIN_URLS = [
    QUEUE,
    CLAIMS,
    "/admin/snippets/discounts/eligibilitygroup/",
    "/admin/snippets/discounts/microprofitservicetype/",
    "/admin/discounts/reports/savings_by_group/",
    "/admin/discounts/reports/savings_by_group/?export=csv",
    "/admin/discounts/reports/subsidy/?export=xlsx",
    "/admin/discounts/reports/codes_at_many_outlets/",
    "/admin/discounts/reports/flagged_sales/",
    "/admin/discounts/flagged-sales/",
    "/admin/discounts/cards/",
    "/admin/discounts/cards/issue/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_merchants_and_residents_reach_none_of_the_admin_screens(as_user, client, url, db):
    for user in (UserFactory(role=Role.RESIDENT), OrganizationFactory().owner):
        client.logout()
        response = as_user(user).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_reports_menu_shows_to_bureau_staff_but_not_editors(as_user, people, db):
    for user in (people.reviewer, people.approver, people.administrator):
        assert "Discount reports" in page(as_user(user), "/admin/").menu_labels
    editor = UserFactory(role=Role.EDITOR)
    client = as_user(editor)
    menu = page(client, "/admin/").menu
    assert menu, "the editor's menu was read"
    assert "Discount reports" not in [item.label for item in menu]
    assert not [item for item in menu if (item.url or "").startswith("/admin/discounts/reports/")]
    assert client.get("/admin/discounts/reports/savings_by_group/").status_code == 302


# ---------------------------------------------------------------- flagged sales and printed cards


def test_a_reviewer_clears_a_flagged_sale_from_its_page(as_user, people, clock):
    service = MicroProfitServiceFactory(service_type=MicroProfitServiceTypeFactory(review_above_daily_units=1))
    sale = record_micro_profit_sale(
        service=service,
        location=LocationFactory(organization=service.organization),
        quantity=2,
        code=card_number(eligible_resident()),
        staff=service.organization.owner,
        idempotency_key=new_key(),
    )
    flag = SaleFlag.objects.get(sale=sale)
    client = as_user(people.reviewer)
    page_url = f"{FLAGGED}{flag.pk}/"
    assert page_url.encode() in client.get(FLAGGED).content
    assert "2 units of this kind at the outlet that day" in client.get(page_url).content.decode()

    refused = client.post(f"{page_url}act/clear_sale_flag/", {"clear_sale_flag-note": ""})
    assert "The form is not complete." in messages_of(refused)[0]
    client.post(f"{page_url}act/clear_sale_flag/", {"clear_sale_flag-note": "已核实"})
    flag.refresh_from_db()
    assert (flag.state, flag.reviewed_by, flag.review_note) == ("cleared", people.reviewer, "已核实")
    assert ModelLogEntry.objects.filter(action="discounts.clear_sale_flag", user=people.reviewer).exists()


def test_an_administrator_issues_a_card_prints_it_once_and_withdraws_it(as_user, people, application):
    verify_eligibility(application, people.reviewer)
    assert as_user(people.reviewer).get("/admin/discounts/cards/issue/").status_code in (302, 403)
    client = as_user(people.administrator)
    assert client.get("/admin/discounts/cards/").status_code == 200

    printed = client.post("/admin/discounts/cards/issue/", {"id_number": application.id_number.lower()})

    card = BenefitCard.objects.get(resident=application.resident)
    page = printed.content.decode()
    assert printed.status_code == 200 and card.number_end in page and application.id_number_masked in page
    assert "no-store" in printed["Cache-Control"] or "max-age=0" in printed["Cache-Control"]
    assert client.get(f"/admin/discounts/cards/{card.pk}/").status_code == 200
    unknown = client.post("/admin/discounts/cards/issue/", {"id_number": "11010519491231002X"})
    assert b"No resident with verified eligibility has this ID number." in unknown.content

    client.post(f"/admin/discounts/cards/{card.pk}/act/revoke_card/", {"revoke_card-reason": "居民报失"})
    card.refresh_from_db()
    assert (card.revoked_by, card.revocation_reason) == (people.administrator, "居民报失")
