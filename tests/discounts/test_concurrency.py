"""Twenty counters redeeming the last unit of an offer at the same moment record exactly one redemption; ten
counters selling to one resident at once keep to the resident's daily limit."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from market.discounts.models import MicroProfitSale, Redemption
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from market.errors import AppError
from tests.discounts.conftest import card_number, code_for, eligible_resident, new_key
from tests.discounts.factories import MicroProfitServiceFactory, MicroProfitServiceTypeFactory
from tests.factories import LocationFactory

COUNTERS = 20
SELLERS = 10


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_redemptions_of_the_last_unit_record_one(counter):
    counter.offer.total_quota = 2
    counter.offer.save()
    counter.redeem()  # one unit left
    holders = [code_for(eligible_resident()) for _ in range(COUNTERS)]
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


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_counters_selling_to_one_resident_at_once_keep_to_the_daily_limit(clock):
    service_type = MicroProfitServiceTypeFactory(
        max_units_per_sale=2, max_units_per_resident_per_day=5, review_above_daily_units=1000
    )
    services = [MicroProfitServiceFactory(service_type=service_type) for _ in range(SELLERS)]
    card = card_number(eligible_resident())
    start = threading.Barrier(SELLERS)
    outcomes = []

    def sell(service, outlet):
        try:
            start.wait()
            record_micro_profit_sale(
                service=service,
                location=outlet,
                quantity=2,
                code=card,
                staff=service.organization.owner,
                idempotency_key=new_key(),
            )
            outcomes.append("sold")
        except AppError:
            outcomes.append("refused")
        finally:
            connection.close()

    outlets = [LocationFactory(organization=service.organization) for service in services]
    threads = [threading.Thread(target=sell, args=pair) for pair in zip(services, outlets, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("sold") == 2 and outcomes.count("refused") == SELLERS - 2
    assert sum(MicroProfitSale.objects.values_list("quantity", flat=True)) == 4
