"""Issue 4's "done when", with issue 12's trust: a resident applies for laid-off-worker eligibility with their name,
ID number and a PDF, a reviewer verifies it in the Wagtail admin beside the proof, the resident sees offers and
their rotating QR code and asks for a one-time code to type, a merchant redeems an offer with that code at the
counter on a phone, the resident sees the saving, and the bureau's savings report in the admin shows it.
"""

import re
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from market.accounts.roles import Role
from market.discounts.models import EligibilityApplication, Redemption
from tests.discounts.factories import OfferFactory, group, id_number
from tests.factories import LocationFactory, OrganizationFactory, UserFactory
from tests.licensing.factories import PDF_BYTES

LAID_OFF = "Registered unemployed and laid-off workers"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_laid_off_worker_saves_at_a_merchant_and_the_bureau_sees_it(
    page, sign_in, open_browser, home_page, private_files, tmp_path
):
    laid_off = group("registered-unemployed")
    resident = UserFactory(role=Role.RESIDENT)
    reviewer = UserFactory(role=Role.REVIEWER)
    merchant = OrganizationFactory(alternate_name="邻里洗衣")
    outlet = LocationFactory(organization=merchant, name="新街口店")
    offer = OfferFactory(organization=merchant, locations=[outlet], groups=[laid_off], name="洗衣九折")
    proof = tmp_path / "certificate.pdf"
    proof.write_bytes(PDF_BYTES)
    number = id_number()

    # The resident applies with their name and ID number as on the ID card, and a PDF of the certificate.
    sign_in(page, resident)
    page.goto("/en/benefits/apply/")
    page.get_by_label(LAID_OFF).check()
    page.get_by_role("textbox", name="Your name").fill("王小明")
    page.get_by_label(re.compile(r"^ID number")).fill(number.lower())
    page.locator("#id_proof").set_input_files(proof)
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("A reviewer will check your proof.").first).to_be_visible()
    application = EligibilityApplication.objects.get(resident=resident)

    # A reviewer verifies it on the admin's eligibility page, the name and full ID number beside the proof.
    staff = open_browser(reviewer)
    staff.goto(f"/admin/discounts/eligibility/{application.pk}/")
    expect(staff.locator("#verification-content")).to_contain_text(number)
    expect(staff.locator("#verification-content")).to_contain_text("王小明")
    verify = staff.locator("details", has=staff.locator("form[action$='/act/verify_eligibility/']"))
    verify.locator("summary").click()
    verify.locator("button[type=submit]").click()
    expect(staff.locator("form[action$='/act/verify_eligibility/']")).to_have_count(0)
    application.refresh_from_db()
    assert application.state == "verified"

    # The resident sees the offer, and gets their code.
    page.goto("/en/benefits/offers/")
    expect(page.get_by_role("heading", name=LAID_OFF)).to_be_visible()
    expect(page.get_by_role("heading", name="洗衣九折")).to_be_visible()
    expect(page.get_by_text("新街口店").first).to_be_visible()
    page.goto("/en/benefits/code/")
    page.get_by_role("button", name="Get my benefit code").click()
    expect(page.locator(".benefit-code-qr")).to_be_visible()
    # The image has loaded (on a busy machine it may still be on its way when the page is shown).
    page.wait_for_function(
        "() => { const image = document.querySelector('.benefit-code-qr');"
        " return image && image.complete && image.naturalWidth > 0; }",
        timeout=15_000,
    )
    expect(page.locator("script[src*='benefit-code']")).to_have_count(1)  # shows the next QR code in place
    page.get_by_role("button", name="Get a code to type").click()
    short_code = page.locator(".benefit-code__short").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", short_code)
    serious = [
        violation["id"]
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []  # e.g. no page that reloads itself under a screen reader

    # The merchant redeems the offer at the counter, on a phone.
    counter = open_browser(merchant.owner, width=390)
    counter.goto("/en/benefits/counter/")
    counter.get_by_label("Resident's benefit code").fill(short_code.lower())
    counter.get_by_role("button", name="Check the code").click()
    counter.get_by_label(re.compile("洗衣九折")).check()
    counter.get_by_label("Amount before the discount (yuan)").fill("120")
    confirm = counter.get_by_role("button", name="Confirm and record the discount")
    form = confirm.locator("xpath=ancestor::form")
    posted = confirm.evaluate("button => Object.fromEntries(new FormData(button.form, button))")
    # (The form has a field named "action", which hides `form.action`.)
    action = form.evaluate("form => new URL(form.getAttribute('action') || '', location.href).href")
    confirm.click()
    expect(counter.get_by_role("heading", name="Discount recorded")).to_be_visible()
    expect(counter.locator(".receipt__saving")).to_contain_text("¥12.00")
    expect(counter.locator(".receipt__paid")).to_contain_text("¥108.00")
    receipt_url = counter.url
    # The same form sent again (a double submit; signed-in pages are not stored, so Back cannot replay it): the
    # same receipt, still one record.
    action = urllib.parse.quote(action, safe=":/?&=%#")
    again = counter.context.request.post(action, form=posted, headers={"Referer": action})
    assert again.url == receipt_url
    assert Redemption.objects.filter(offer=offer).count() == 1
    # The typed code is spent: the next customer showing it is refused.
    counter.goto("/en/benefits/counter/")
    counter.get_by_label("Resident's benefit code").fill(short_code)
    counter.get_by_role("button", name="Check the code").click()
    expect(counter.get_by_text("This code has already been used")).to_be_visible()

    # The resident sees the saving.
    page.goto("/en/benefits/savings/")
    expect(page.locator(".savings-total")).to_contain_text("¥12.00")
    expect(page.locator(".savings-table tbody")).to_contain_text("¥12.00")

    # The bureau's report shows it.
    staff.goto("/admin/discounts/reports/savings_by_group/")
    report = staff.locator("table.listing")
    expect(report).to_contain_text(laid_off.name)
    expect(report).to_contain_text("12")
