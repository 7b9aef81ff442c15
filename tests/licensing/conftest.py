import datetime
from dataclasses import dataclass

import pytest

from market.accounts.roles import Role
from market.licensing.models import Application
from market.licensing.services.decisions import approve_application, reject_application
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    recommend_approval,
    request_information,
    start_review,
    submit_application,
    withdraw_application,
)
from tests.clock import clock_at
from tests.factories import CategoryFactory, UserFactory
from tests.licensing.factories import ApplicationFactory, LicenceFactory, LicenceTypeFactory

# Monday 2 March 2026, 10:00 in Nanjing: far enough from any holiday that five working days are a week.
MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _english_and_private_files(english, private_files):
    """Every test here: messages in English, private files in a temporary folder (tests/conftest.py)."""


@pytest.fixture
def clock():
    """The licensing clock, at 10:00 on MONDAY until the test moves it."""
    with clock_at(MONDAY) as clock:
        yield clock


@dataclass
class People:
    merchant: object
    other_merchant: object
    reviewer: object
    approver: object
    resident: object


@pytest.fixture
def people(db):
    return People(
        merchant=UserFactory(role=Role.MERCHANT),
        other_merchant=UserFactory(role=Role.MERCHANT),
        reviewer=UserFactory(role=Role.REVIEWER),
        approver=UserFactory(role=Role.APPROVER),
        resident=UserFactory(role=Role.RESIDENT),
    )


@pytest.fixture
def catering(db):
    """The catering category, whose merchants need a food business permit (5-day notice by default)."""
    category = CategoryFactory(code="catering", name="餐饮", name_en="Catering")
    LicenceTypeFactory(
        code="food-business",
        name="食品经营许可证",
        name_en="Food business permit",
        required_for_categories=[category],
    )
    return category


class Workflow:
    """Moves one application through the states with the real services, as the people would."""

    def __init__(self, people, category, clock):
        self.people = people
        self.category = category
        self.clock = clock

    def in_state(self, state: str) -> Application:
        """An application in a state, or in "public_notice_ended": on notice, the day after it ended."""
        if state == "public_notice_ended":
            application = self.public_notice()
            self.clock.set(application.notice_ends_on + datetime.timedelta(days=1))
            return application
        return getattr(self, state)()

    def draft(self) -> Application:
        application = ApplicationFactory(organization__owner=self.people.merchant)
        application.organization.categories.set([self.category])
        for licence_type in self.category.required_licence_types.all():
            LicenceFactory(organization=application.organization, application=application, licence_type=licence_type)
        return application

    def submitted(self):
        return submit_application(self.draft(), self.people.merchant)

    def needs_information(self):
        application = self.submitted()
        request_information(application, self.people.reviewer, ["营业执照副本"])
        application.refresh_from_db()
        return application

    def resubmitted(self):
        return answer_information_request(self.needs_information(), self.people.merchant, "已上传")

    def accepted(self):
        return accept_application(self.submitted(), self.people.reviewer)

    def under_review(self):
        return start_review(self.accepted(), self.people.reviewer)

    def public_notice(self):
        return recommend_approval(self.under_review(), self.people.reviewer, "材料齐全")

    def approved(self):
        return approve_application(self.in_state("public_notice_ended"), self.people.approver)

    def rejected(self):
        return reject_application(self.under_review(), self.people.approver, "经营场所不符合要求")

    def withdrawn(self):
        return withdraw_application(self.draft(), self.people.merchant)


@pytest.fixture
def workflow(people, catering, clock):
    return Workflow(people, catering, clock)
