"""Twenty counters redeeming the last unit of an offer at the same moment record exactly one redemption."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from market.discounts import codes
from market.discounts.models import Redemption
from market.discounts.services.benefit_codes import issue_benefit_code
from market.errors import AppError
from tests.discounts.conftest import eligible_resident, new_key

COUNTERS = 20


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_redemptions_of_the_last_unit_record_one(counter):
    counter.offer.total_quota = 2
    counter.offer.save()
    counter.redeem()  # one unit left
    holders = [codes.short_code(issue_benefit_code(eligible_resident())) for _ in range(COUNTERS)]
    start = threading.Barrier(COUNTERS)
    outcomes = []

    def redeem(code):
        try:
            start.wait()
            with translation.override("en"):  # each thread has its own active language
                counter.redeem(code=code, idempotency_key=new_key())
            outcomes.append("redeemed")
        except AppError as error:
            with translation.override("en"):
                outcomes.append(str(error.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem, args=(code,)) for code in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["This offer has been used up."] * (COUNTERS - 1) + ["redeemed"]
    assert Redemption.objects.filter(offer=counter.offer).count() == 2


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_retried_request_at_the_same_moment_records_one_redemption(counter):
    key = new_key()
    start = threading.Barrier(5)
    results = []

    def redeem():
        try:
            start.wait()
            results.append(counter.redeem(idempotency_key=key).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(results) == 5 and len(set(results)) == 1
    assert Redemption.objects.count() == 1
