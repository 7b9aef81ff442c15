"""The benefit pages through the Django test client: each for its owner only, every refusal shown on the page with
nothing recorded, and the counter's lookup → redeem → receipt, replayed once.
"""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from market.accounts.roles import Role
from market.discounts import codes
from market.discounts.codes import MAXIMUM_FAILURES
from market.discounts.models import (
    EligibilityApplication,
    EligibilityProof,
    MicroProfitSale,
    MicroProfitService,
    Offer,
    Redemption,
    SubsidyClaim,
)
from market.discounts.services.benefit_codes import active_benefit_code, revoke_benefit_code
from market.discounts.services.eligibility import apply_for_eligibility
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from market.discounts.services.redemption import reverse_redemption
from tests.discounts.conftest import WEDNESDAY, eligible_resident, new_key
from tests.discounts.factories import (
    PDF_BYTES,
    EligibilityFactory,
    MicroProfitServiceFactory,
    MicroProfitServiceTypeFactory,
    OfferFactory,
    applicant,
    group,
)
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db


def elderly_group():
    """The seeded group of the elderly, made again as it is seeded where a test flushed it."""
    elderly = group("elderly")
    elderly.derivable_from_birth_date, elderly.minimum_age, elderly.proof_required = True, 60, True
    elderly.save()
    return elderly

NOT_ELIGIBLE = "The code&#x27;s holder is not eligible for this offer today."
INVALID_CODE = "This code is not valid. Check it with the resident, or ask them to show the QR code."


def url(name, *args):
    return reverse(f"discounts:{name}", args=args)


def signed_in(client, user):
    client.force_login(user)
    return client


class TableRows(HTMLParser):
    """The text of each body row of the table with a class, cell by cell."""

    def __init__(self, table_class):
        super().__init__()
        self.table_class, self.rows = table_class, []
        self._in_table = self._in_body = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and self.table_class in (dict(attrs).get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in {"th", "td"}:
            self._in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag in {"th", "td"}:
            self._in_cell = False
        elif tag == "tbody":
            self._in_body = self._in_table = False

    def handle_data(self, data):
        if self._in_cell:
            self.rows[-1][-1] += data.strip()


def table_rows(response, table_class):
    parser = TableRows(table_class)
    parser.feed(response.content.decode())
    return parser.rows


def counter_post(counter, **changes):
    data = {
        "action": "redeem",
        "code": counter.card,
        "outlet": counter.outlet.pk,
        "offer": counter.offer.pk,
        "amount_before": "88.50",
        "idempotency_key": new_key(),
    }
    return {**data, **changes}


# ---------------------------------------------------------------- who may see what


@pytest.mark.parametrize("name", ["index", "apply", "code", "offers", "savings"])
def test_the_resident_pages_render_for_a_resident_with_one_heading_and_labelled_fields(client, counter, name):
    response = signed_in(client, counter.resident).get(url(name))

    assert response.status_code == 200
    structure = page_structure(response)
    assert structure.h1_count == 1
    assert structure.unlabelled_fields == []


@pytest.mark.parametrize("name", ["merchant", "offers_manage", "offer_new", "services", "counter", "sale"])
def test_the_merchant_pages_render_for_a_listed_merchant(client, counter, name):
    response = signed_in(client, counter.staff).get(url(name))

    assert response.status_code == 200
    structure = page_structure(response)
    assert structure.h1_count == 1
    assert structure.unlabelled_fields == []


def test_people_signed_out_are_sent_to_sign_in(client, db):
    response = client.get(url("savings"))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_a_resident_cannot_open_the_counter_nor_a_merchant_the_savings(client, counter):
    assert signed_in(client, counter.resident).get(url("counter")).status_code == 403
    assert signed_in(client, counter.staff).get(url("savings")).status_code == 403


def test_a_merchant_not_yet_listed_is_told_to_get_listed(client, db):
    merchant = OrganizationFactory(listing_status="unlisted")
    LocationFactory(organization=merchant)
    response = signed_in(client, merchant.owner).get(url("counter"))

    assert response.status_code == 403
    assert b"Your business is not listed yet" in response.content


def test_a_resident_reading_another_residents_saving_or_application_gets_404(client, counter):
    redemption = counter.redeem()
    application = apply_for_eligibility(
        counter.resident,
        group("minimum-living-allowance"),
        proofs=[SimpleUploadedFile("proof.pdf", PDF_BYTES)],
        **applicant(),
    )
    other = UserFactory(role=Role.RESIDENT)
    signed_in(client, other)

    assert client.get(url("saving", redemption.pk)).status_code == 404
    assert client.get(url("application", application.pk)).status_code == 404
    assert client.post(url("withdraw", application.pk)).status_code == 404
    assert counter.offer.name not in client.get(url("savings")).content.decode()
    application.refresh_from_db()
    assert application.state == "submitted"


def test_a_merchant_never_reaches_another_merchants_records(client, counter):
    redemption = counter.redeem()
    service = MicroProfitServiceFactory(organization=counter.merchant)
    sale = record_micro_profit_sale(
        service=service,
        location=counter.outlet,
        quantity=1,
        code=counter.card,
        staff=counter.staff,
        idempotency_key=new_key(),
    )
    claim = SubsidyClaim.objects.create(
        organization=counter.merchant,
        period_start=WEDNESDAY,
        period_end=WEDNESDAY,
        total_subsidy=Decimal("0"),
        submitted_by=counter.staff,
        submitted_at=sale.sold_at,
    )
    signed_in(client, OrganizationFactory().owner)

    for path in [
        url("receipt", redemption.pk),
        url("offer_edit", counter.offer.pk),
        url("service_edit", service.pk),
        url("sale_receipt", sale.pk),
        url("claim", claim.pk),
    ]:
        assert client.get(path).status_code == 404, path
    response = client.post(url("receipt", redemption.pk), {"reason": "mine now", "idempotency_key": new_key()})
    assert response.status_code == 404
    assert Redemption.objects.count() == 1


# ---------------------------------------------------------------- eligibility


def test_applying_with_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_saved(client, counter):
    fake = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = signed_in(client, counter.resident).post(
        url("apply"), {"group": group("minimum-living-allowance").pk, "proof": fake, **applicant()}
    )

    assert response.status_code == 200
    assert b"This file is a program, not a scanned document." in response.content
    assert not EligibilityApplication.objects.exists()
    assert not EligibilityProof.objects.exists()


def test_applying_without_proof_keeps_the_choice_and_says_what_is_missing(client, counter):
    laid_off = group("minimum-living-allowance")
    response = signed_in(client, counter.resident).post(url("apply"), {"group": laid_off.pk, **applicant()})

    assert b"Upload proof that you belong to this group" in response.content
    assert re.search(rf'value="{laid_off.pk}"[^>]*checked', response.content.decode())
    assert not EligibilityApplication.objects.exists()


def test_applying_with_a_real_pdf_sends_the_application_for_review(client, counter):
    proof = SimpleUploadedFile("certificate.pdf", PDF_BYTES, content_type="application/pdf")
    identity = applicant()
    response = signed_in(client, counter.resident).post(
        url("apply"), {"group": group("minimum-living-allowance").pk, "proof": proof, **identity}, follow=True
    )

    application = EligibilityApplication.objects.get()
    assert application.state == "submitted"
    assert (application.real_name, application.id_number) == (identity["real_name"], identity["id_number"])
    assert application.id_number_masked in response.content.decode()
    assert application.id_number not in response.content.decode()
    assert application.proofs.count() == 1
    assert response.redirect_chain[-1][0] == url("application", application.pk)
    assert b"A reviewer will check your proof" in response.content


def test_an_id_number_with_a_wrong_check_digit_is_refused_on_the_form(client, counter):
    proof = SimpleUploadedFile("certificate.pdf", PDF_BYTES, content_type="application/pdf")
    response = signed_in(client, counter.resident).post(
        url("apply"),
        {"group": group("disability").pk, "proof": proof, "real_name": "王小明", "id_number": "110105194912310021"},
    )

    assert response.status_code == 200
    assert "its last character does not match the first 17" in response.content.decode()
    assert 'value="王小明"' in response.content.decode()
    assert not EligibilityApplication.objects.exists()


def test_the_elderly_need_an_id_card_image_and_a_reviewer(client, clock, db):
    resident = UserFactory(role=Role.RESIDENT)
    identity = applicant(born=datetime.date(1950, 5, 1))
    signed_in(client, resident)
    refused = client.post(url("apply"), {"group": elderly_group().pk, **identity})
    assert b"Upload a photo of your ID card" in refused.content
    assert not EligibilityApplication.objects.exists()

    proof = SimpleUploadedFile("id-card.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(url("apply"), {"group": elderly_group().pk, "proof": proof, **identity}, follow=True)

    application = EligibilityApplication.objects.get()
    assert (application.state, application.date_of_birth) == ("submitted", datetime.date(1950, 5, 1))
    assert not resident.eligibilities.exists()
    assert b"A reviewer will check your proof" in response.content


def test_the_elderly_are_verified_by_age_when_an_administrator_turns_it_on(client, clock, db):
    group_ = elderly_group()
    group_.verify_automatically = True
    group_.save()
    resident = UserFactory(role=Role.RESIDENT)
    response = signed_in(client, resident).post(
        url("apply"), {"group": group_.pk, **applicant(born=datetime.date(1950, 5, 1))}, follow=True
    )

    assert EligibilityApplication.objects.get().state == "verified"
    assert resident.eligibilities.get().group.code == "elderly"
    assert b"Your ID number shows you are eligible" in response.content


# ---------------------------------------------------------------- the benefit code


def test_an_eligible_resident_gets_a_rotating_qr_code_and_on_request_a_code_to_type(client, clock, db):
    resident = eligible_resident()
    signed_in(client, resident)
    assert b"Get my benefit code" in client.get(url("code")).content

    response = client.post(url("code"), follow=True)

    code = active_benefit_code(resident)
    assert code is not None
    page = response.content.decode()
    assert f'src="{url("code_qr")}"' in page and f'data-seconds-left="{codes.seconds_left()}"' in page
    assert "js/benefit-code" in page  # the script that shows the next QR code in place
    assert f'<noscript><meta http-equiv="refresh" content="{codes.seconds_left() + 1}"></noscript>' in page
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    image = client.get(url("code_qr"))
    assert image["Content-Type"] == "image/svg+xml" and b"<path" in image.content
    assert codes.qr_payload(code).encode() not in image.content
    assert "no-store" in image["Cache-Control"] or "max-age=0" in image["Cache-Control"]
    assert b'class="benefit-code__short"' not in response.content

    typed = client.post(url("code"), {"action": "typed"}, follow=True)
    shown = re.search(r'class="benefit-code__short" translate="no">([^<]+)<', typed.content.decode()).group(1)
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", shown)
    assert shown in client.get(url("code")).content.decode()  # the page reloads itself every 30 seconds
    clock.advance(minutes=10)
    assert shown not in client.get(url("code")).content.decode()


def test_a_resident_without_eligibility_gets_no_code(client, clock, db):
    resident = UserFactory(role=Role.RESIDENT)
    response = signed_in(client, resident).post(url("code"))

    assert b"A benefit code is issued once your eligibility has been verified." in response.content
    assert active_benefit_code(resident) is None


def test_reissuing_asks_first_then_revokes_the_old_code(client, counter):
    signed_in(client, counter.resident)

    assert b"Yes, replace my code" in client.get(url("reissue")).content
    response = client.post(url("reissue"), follow=True)

    counter.code.refresh_from_db()
    assert counter.code.revoked_at is not None
    new_code = active_benefit_code(counter.resident)
    assert new_code != counter.code
    assert b'class="benefit-code-qr"' in response.content
    assert client.get(url("code_qr")).status_code == 200
    signed_in(client, UserFactory(role=Role.RESIDENT))
    assert client.get(url("code_qr")).status_code == 404


def test_offers_show_the_residents_groups_only(client, counter):
    other_group_offer = OfferFactory(
        organization=counter.merchant, locations=[counter.outlet], groups=[group("disability")], name="残疾人九折"
    )
    response = signed_in(client, counter.resident).get(url("offers"))

    assert counter.offer.name in response.content.decode()
    assert counter.outlet.address_1 in response.content.decode()
    assert other_group_offer.name not in response.content.decode()


# ---------------------------------------------------------------- the counter


def test_the_counter_looks_up_redeems_and_gives_a_receipt(client, counter):
    signed_in(client, counter.staff)
    lookup = client.post(
        url("counter"), {"action": "lookup", "code": counter.short_code.lower(), "outlet": counter.outlet.pk}
    )
    assert counter.offer.name in lookup.content.decode()
    assert b'name="idempotency_key"' in lookup.content
    assert counter.resident.username not in lookup.content.decode()

    response = client.post(url("counter"), counter_post(counter), follow=True)

    redemption = Redemption.objects.get()
    assert response.redirect_chain[-1][0] == url("receipt", redemption.pk)
    page = response.content.decode()
    assert "¥88.50" in page and "¥8.85" in page and "¥79.65" in page


def test_a_replayed_redemption_records_once(client, counter):
    signed_in(client, counter.staff)
    data = counter_post(counter)

    first = client.post(url("counter"), data)
    second = client.post(url("counter"), data)

    assert Redemption.objects.count() == 1
    assert first["Location"] == second["Location"] == url("receipt", Redemption.objects.get().pk)


def test_a_wrong_code_is_refused_with_the_code_kept(client, counter):
    response = signed_in(client, counter.staff).post(
        url("counter"), {"action": "lookup", "code": "AAAAA-BBBBB", "outlet": counter.outlet.pk}
    )

    assert INVALID_CODE in response.content.decode()
    assert b'value="AAAAA-BBBBB"' in response.content


def test_a_revoked_code_is_refused_at_the_counter(client, counter):
    revoke_benefit_code(counter.code, counter.resident)
    response = signed_in(client, counter.staff).post(url("counter"), counter_post(counter))

    assert INVALID_CODE in response.content.decode()
    assert not Redemption.objects.exists()


def test_an_expired_eligibility_leaves_no_offer_and_its_redemption_is_refused(client, counter, clock):
    clock.set(WEDNESDAY + datetime.timedelta(days=366))
    signed_in(client, counter.staff)
    lookup = client.post(url("counter"), {"action": "lookup", "code": counter.card, "outlet": counter.outlet.pk})
    assert b"none of your offers at this outlet can be used with it today" in lookup.content

    response = client.post(url("counter"), counter_post(counter))

    assert NOT_ELIGIBLE in response.content.decode()
    assert not Redemption.objects.exists()


def test_an_offer_for_another_group_is_refused(client, counter):
    disability = OfferFactory(organization=counter.merchant, locations=[counter.outlet], groups=[group("disability")])
    response = signed_in(client, counter.staff).post(url("counter"), counter_post(counter, offer=disability.pk))

    assert NOT_ELIGIBLE in response.content.decode()
    assert b'value="88.50"' in response.content
    assert not Redemption.objects.exists()


def test_a_merchant_cannot_redeem_another_merchants_offer(client, counter):
    rival = OrganizationFactory()
    rival_outlet = LocationFactory(organization=rival)
    response = signed_in(client, rival.owner).post(
        url("counter"), counter_post(counter, outlet=rival_outlet.pk, offer=counter.offer.pk)
    )

    assert response.status_code == 200
    assert not Redemption.objects.exists()


def test_repeated_wrong_codes_pause_code_entry_with_a_clear_message(client, counter):
    signed_in(client, counter.staff)
    for _attempt in range(MAXIMUM_FAILURES):
        client.post(url("counter"), {"action": "lookup", "code": "ZZZZZ-ZZZZZ", "outlet": counter.outlet.pk})

    response = client.post(
        url("counter"), {"action": "lookup", "code": counter.short_code, "outlet": counter.outlet.pk}
    )

    assert b"Too many wrong codes were entered. Code entry is paused for 10 minutes." in response.content
    assert counter.offer.name not in response.content.decode()


def test_a_redemption_is_reversed_by_a_new_record_with_a_reason(client, counter):
    redemption = counter.redeem("50.00")
    signed_in(client, counter.staff)

    refused = client.post(url("receipt", redemption.pk), {"reason": " ", "idempotency_key": new_key()})
    assert Redemption.objects.count() == 1
    assert refused.status_code == 200

    response = client.post(
        url("receipt", redemption.pk), {"reason": "金额输错", "idempotency_key": new_key()}, follow=True
    )

    reversal = Redemption.objects.get(reverses=redemption)
    assert reversal.saving == -redemption.saving
    redemption.refresh_from_db()
    assert redemption.saving == Decimal("5.00")
    assert "金额输错" in response.content.decode()
    assert b"Reverse the redemption" not in response.content


# ---------------------------------------------------------------- savings


def test_the_savings_table_has_the_numbers_of_the_redemptions(client, counter, clock):
    counter.redeem("100.00")
    mistaken = counter.redeem("40.00")
    clock.set(datetime.date(2026, 4, 2))
    counter.redeem("60.00")
    reverse_redemption(mistaken, counter.staff, "重复记录", new_key())

    response = signed_in(client, counter.resident).get(url("savings"))

    rows = table_rows(response, "savings-table")
    assert rows == [
        ["2026-03", "2", "¥140.00", "¥14.00"],
        ["2026-04", "0", "¥20.00", "¥2.00"],
    ]
    net = sum(redemption.saving for redemption in Redemption.objects.filter(resident=counter.resident))
    assert f"¥{net}" == "¥16.00"
    assert "¥16.00" in response.content.decode()
    assert "−¥4.00" in response.content.decode()
    assert response.content.decode().count('class="savings-chart__bar"') == 2


# ---------------------------------------------------------------- offers, services, sales and claims


def test_a_merchant_publishes_an_offer_for_its_outlets_and_groups(client, counter):
    response = signed_in(client, counter.staff).post(
        url("offer_new"),
        {
            "organization": counter.merchant.pk,
            "name": "洗衣八折",
            "locations": [counter.outlet.pk],
            "groups": [group("registered-unemployed").pk],
            "kind": "percent",
            "amount": "20",
            "valid_from": "2026-03-11",
            "quota_period": "month",
            "per_person_quota": "2",
            "active": "on",
        },
    )

    assert response.status_code == 302
    offer = Offer.objects.get(name="洗衣八折")
    assert list(offer.locations.all()) == [counter.outlet]


def test_an_offer_without_groups_is_refused_with_the_input_kept(client, counter):
    response = signed_in(client, counter.staff).post(
        url("offer_new"),
        {
            "organization": counter.merchant.pk,
            "name": "没有人群",
            "locations": [counter.outlet.pk],
            "kind": "amount",
            "amount": "5",
            "valid_from": "2026-03-11",
            "quota_period": "month",
        },
    )

    assert b"Choose the groups the offer is for." in response.content
    assert "没有人群" in response.content.decode()
    assert not Offer.objects.filter(name="没有人群").exists()


def test_a_service_priced_above_the_cap_is_refused_with_the_bureaus_message(client, counter):
    laundry = CategoryFactory()
    counter.merchant.categories.add(laundry)
    service_type = MicroProfitServiceTypeFactory(category=laundry)
    signed_in(client, counter.staff)

    page = client.get(url("service_new")).content.decode()
    assert "cap ¥30.00, subsidy ¥5.00" in page
    response = client.post(
        url("service_new"),
        {"organization": counter.merchant.pk, "service_type": service_type.pk, "name": "洗衬衫", "price": "35"},
    )

    assert f"The price ¥35.00 is above the cap of ¥30.00 that the bureau set for {service_type}." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not MicroProfitService.objects.exists()


def test_a_sale_is_recorded_once_and_claimed_with_each_record_listed(client, counter, clock):
    service = MicroProfitServiceFactory(organization=counter.merchant)
    signed_in(client, counter.staff)
    sale_data = {
        "code": counter.card,
        "service": service.pk,
        "outlet": counter.outlet.pk,
        "quantity": "3",
        "idempotency_key": new_key(),
    }
    client.post(url("sale"), sale_data)
    client.post(url("sale"), sale_data)
    assert MicroProfitSale.objects.get().subsidy_amount == Decimal("15.00")

    clock.set(datetime.date(2026, 4, 2))
    period = {"organization": counter.merchant.pk, "period_start": "2026-03-01", "period_end": "2026-03-31"}
    preview = client.post(url("claims"), {**period, "action": "preview"})
    assert "Claim ¥15.00" in preview.content.decode()
    assert not SubsidyClaim.objects.exists()

    response = client.post(url("claims"), {**period, "action": "submit"}, follow=True)

    claim = SubsidyClaim.objects.get()
    assert claim.total_subsidy == Decimal("15.00")
    page = response.content.decode()
    assert url("sale_receipt", MicroProfitSale.objects.get().pk) in page
    assert "Submitted" in page


def test_a_sale_is_reversed_at_its_receipt_with_a_reason_and_only_once(client, counter):
    service = MicroProfitServiceFactory(organization=counter.merchant)
    signed_in(client, counter.staff)
    client.post(
        url("sale"),
        {
            "code": counter.card,
            "service": service.pk,
            "outlet": counter.outlet.pk,
            "quantity": "2",
            "idempotency_key": new_key(),
        },
    )
    sale = MicroProfitSale.objects.get()

    refused = client.post(url("sale_receipt", sale.pk), {"reason": " ", "idempotency_key": new_key()})
    assert refused.status_code == 200
    assert MicroProfitSale.objects.count() == 1

    key = new_key()
    response = client.post(url("sale_receipt", sale.pk), {"reason": "份数记错", "idempotency_key": key}, follow=True)
    client.post(url("sale_receipt", sale.pk), {"reason": "份数记错", "idempotency_key": key})

    reversal = MicroProfitSale.objects.get(reverses=sale)
    assert (reversal.quantity, reversal.subsidy_amount) == (-2, -sale.subsidy_amount)
    assert MicroProfitSale.objects.count() == 2, "the retried form made no second reversal"
    assert response.redirect_chain[-1][0] == url("sale_receipt", sale.pk)
    assert "份数记错" in response.content.decode()


def test_a_receipt_names_an_outlet_called_like_its_merchant_once(client, counter):
    counter.outlet.name = str(counter.merchant)
    counter.outlet.save()
    service = MicroProfitServiceFactory(organization=counter.merchant)
    signed_in(client, counter.staff)

    response = client.post(
        url("sale"),
        {
            "code": counter.card,
            "service": service.pk,
            "outlet": counter.outlet.pk,
            "quantity": "1",
            "idempotency_key": new_key(),
        },
        follow=True,
    )

    assert f"<dd>{counter.merchant}</dd>" in response.content.decode()


def test_an_unended_period_cannot_be_claimed(client, counter):
    response = signed_in(client, counter.staff).post(
        url("claims"),
        {
            "organization": counter.merchant.pk,
            "period_start": "2026-03-01",
            "period_end": "2026-03-31",
            "action": "submit",
        },
    )

    assert b"A period can be claimed once it has ended." in response.content
    assert not SubsidyClaim.objects.exists()


def test_the_account_pages_link_to_the_benefits(client, counter):
    resident_home = signed_in(client, counter.resident).get(reverse("accounts:home")).content.decode()
    assert url("code") in resident_home and url("savings") in resident_home

    merchant_home = signed_in(client, counter.staff).get(reverse("accounts:home")).content.decode()
    assert url("counter") in merchant_home and url("offers_manage") in merchant_home


def test_an_eligibility_from_the_factory_shows_with_its_end_date(client, clock, db):
    resident = UserFactory(role=Role.RESIDENT)
    EligibilityFactory(resident=resident, group=group("disability"), valid_until=datetime.date(2027, 1, 31))

    response = signed_in(client, resident).get(url("index"))

    assert b"2027-01-31" in response.content


def test_a_sale_names_a_code_or_is_refused_on_the_page(client, counter):
    service = MicroProfitServiceFactory(organization=counter.merchant)
    signed_in(client, counter.staff)
    data = {"service": service.pk, "outlet": counter.outlet.pk, "quantity": "1", "idempotency_key": new_key()}

    missing = client.post(url("sale"), data)
    wrong = client.post(url("sale"), {**data, "code": "WRONGWRONG"})

    assert missing.status_code == 200 and b"This field is required." in missing.content
    assert INVALID_CODE in wrong.content.decode()
    assert not MicroProfitSale.objects.exists()
    response = client.post(url("sale"), {**data, "code": counter.qr()}, follow=True)
    sale = MicroProfitSale.objects.get()
    assert (sale.resident, sale.code_kind) == (counter.resident, "qr")
    assert counter.resident.username not in response.content.decode()


def test_the_claim_preview_shows_held_sales_apart(client, counter, clock):
    service = MicroProfitServiceFactory(
        organization=counter.merchant,
        service_type=MicroProfitServiceTypeFactory(review_above_daily_units=2, max_units_per_sale=5),
    )
    signed_in(client, counter.staff)
    base = {"service": service.pk, "outlet": counter.outlet.pk, "code": counter.card}
    client.post(url("sale"), {**base, "quantity": "2", "idempotency_key": new_key()})
    held = client.post(url("sale"), {**base, "quantity": "3", "idempotency_key": new_key()}, follow=True)
    assert b"Held for the bureau's check" in held.content

    clock.set(datetime.date(2026, 4, 2))
    period = {"organization": counter.merchant.pk, "period_start": "2026-03-01", "period_end": "2026-03-31"}
    preview = client.post(url("claims"), {**period, "action": "preview"}).content.decode()

    assert "Claim ¥10.00" in preview
    assert "Held for the bureau's check: not in this claim" in preview
    assert "Waiting for a reviewer" in preview


def test_the_groups_to_apply_for_are_described_in_the_language_of_the_page(client, counter):
    """The seeded groups carry an English description (migration 0009); /en/ shows it, / the Chinese one."""
    signed_in(client, counter.resident)
    with translation.override("zh-hans"):
        chinese = client.get(url("apply")).content.decode()
    with translation.override("en"):
        english = client.get(url("apply")).content.decode()

    assert "Laid-off and unemployed workers holding an Employment and Unemployment Registration Certificate" in english
    assert "请上传登记证照片或扫描件" not in english
    assert "请上传登记证照片或扫描件" in chinese
