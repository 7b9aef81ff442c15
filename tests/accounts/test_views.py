import re

import pytest
from django.core import mail
from django.urls import reverse

from market.accounts.models import User
from market.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-lantern-harbour-47"


def sign_up_data(**overrides):
    data = {
        "account_type": Role.RESIDENT.value,
        "username": "wangfang",
        "display_name": "王女士",
        "email": "wangfang@example.cn",
        "phone": "13912345678",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return data | overrides


@pytest.mark.parametrize(
    ("role", "home_template", "home_heading"),
    [
        (Role.RESIDENT, "accounts/home_resident.html", "My eligibility and benefit code"),
        (Role.MERCHANT, "accounts/home_merchant.html", "My applications"),
    ],
)
def test_sign_up_gives_the_chosen_role_and_lands_on_its_home_page(client, role, home_template, home_heading):
    response = client.post("/en/accounts/sign-up/", sign_up_data(account_type=role.value), follow=True)

    user = User.objects.get(username="wangfang")
    assert user.has_role(role)
    assert len(user.roles) == 1
    assert response.redirect_chain[-1][0] == "/en/accounts/"
    assert home_template in [template.name for template in response.templates]
    assert home_heading in response.text
    assert "Hello, 王女士" in response.text


def test_sign_up_with_a_taken_user_name_shows_a_chinese_error_and_keeps_what_was_typed(client):
    UserFactory(username="wangfang")

    response = client.post("/accounts/sign-up/", sign_up_data(email="typed@example.cn"))

    assert response.status_code == 200
    assert "此用户名已被占用" in response.text
    assert 'value="typed@example.cn"' in response.text
    assert re.search(r'<input[^>]*name="username"[^>]*aria-invalid="true"', response.text)
    assert 'id="id_username_error"' in response.text
    assert User.objects.filter(email="typed@example.cn").count() == 0


def test_sign_up_with_mismatched_passwords_shows_a_chinese_error_on_the_confirmation(client):
    response = client.post("/accounts/sign-up/", sign_up_data(password2="a-different-password-9"))

    assert response.status_code == 200
    assert "输入的两个密码不一致。" in response.text
    assert re.search(r'<input[^>]*name="password2"[^>]*aria-invalid="true"', response.text)
    assert 'value="wangfang"' in response.text
    assert not User.objects.filter(username="wangfang").exists()


def test_bureau_roles_cannot_be_chosen_at_sign_up(client):
    response = client.post("/en/accounts/sign-up/", sign_up_data(account_type=Role.APPROVER.value))

    assert response.status_code == 200
    assert not User.objects.filter(username="wangfang").exists()


def test_sign_in_and_sign_out_by_post(client):
    resident = UserFactory(username="lihua", display_name="李华")

    response = client.post("/en/accounts/sign-in/", {"username": "lihua", "password": PASSWORD}, follow=True)
    assert response.context["user"] == resident
    assert "Signed in as 李华" in response.text
    assert 'action="/en/accounts/sign-out/"' in response.text

    assert client.get("/en/accounts/sign-out/").status_code == 405
    response = client.post("/en/accounts/sign-out/", follow=True)
    assert not response.context["user"].is_authenticated
    assert client.get("/en/accounts/").status_code == 302


def test_sign_in_with_a_wrong_password_says_so_without_signing_in(client):
    UserFactory(username="lihua")

    response = client.post("/accounts/sign-in/", {"username": "lihua", "password": "not-the-password"})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert 'role="alert"' in response.text
    assert 'value="lihua"' in response.text


def test_a_reviewer_signing_in_lands_in_the_wagtail_admin(client):
    UserFactory(username="jingban", role=Role.REVIEWER)

    response = client.post("/accounts/sign-in/", {"username": "jingban", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert response.status_code == 200


def test_a_resident_who_opens_the_admin_is_told_who_is_signed_in_and_how_to_go_back(client):
    client.force_login(UserFactory(username="zhangwei", role=Role.RESIDENT))

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("wagtailadmin_login"))
    notice = next(paragraph for paragraph in page_structure(response).paragraphs if "zhangwei" in paragraph)
    assert "无权使用管理后台" in notice
    assert reverse("accounts:home") in page_structure(response).hrefs


def test_password_reset_sends_a_working_link_in_the_language_of_the_request(client):
    UserFactory(username="lihua", email="lihua@example.cn")

    response = client.post("/en/accounts/password/reset/", {"email": "lihua@example.cn"}, follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/password/reset/sent/"

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["lihua@example.cn"]
    assert email.subject == "Reset your Linli password"
    link = re.search(r"http://testserver(/en/accounts/password/reset/\S+/)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.text
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == "/en/accounts/password/reset/complete/"

    client.logout()
    assert client.login(username="lihua", password=NEW_PASSWORD)
    assert "This link no longer works" in client.get(link, follow=True).text


def test_password_reset_email_is_in_chinese_when_asked_for_in_chinese(client):
    UserFactory(username="lihua", email="lihua@example.cn")

    client.post("/accounts/password/reset/", {"email": "lihua@example.cn"})

    assert mail.outbox[0].subject == "重置您的邻里密码"
    assert "http://testserver/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/sign-in/",
        "/accounts/sign-up/",
        "/accounts/password/reset/",
        "/en/accounts/sign-in/",
        "/en/accounts/sign-up/",
    ],
)
def test_account_pages_have_one_main_heading_and_labelled_fields(client, path):
    structure = page_structure(client.get(path))

    assert structure.h1_count == 1
    assert structure.field_ids
    assert structure.unlabelled_fields == []


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MERCHANT])
def test_home_pages_have_one_main_heading(client, role):
    client.force_login(UserFactory(role=role))

    response = client.get("/accounts/")

    assert response.status_code == 200
    assert page_structure(response).h1_count == 1
    # Bookings and payouts exist: neither home page says "coming soon", or that its services are still opening.
    assert "即将推出" not in response.text
    assert "陆续开通" not in response.text


def test_password_change_needs_the_old_password_and_then_signs_in_with_the_new_one(client):
    user = UserFactory(role=Role.RESIDENT)
    client.force_login(user)

    wrong = client.post(
        "/accounts/password/change/",
        {"old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert "aria-invalid" in wrong.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    changed = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Still signed in on this device after the change.
    assert client.get("/accounts/").status_code == 200


def test_signing_up_in_english_makes_english_the_language_of_later_emails(client):
    client.post("/en/accounts/sign-up/", sign_up_data(username="lucy"))

    assert User.objects.get(username="lucy").preferred_language == "en"
