"""One real round trip to each local service, so a broken service fails here with its own name.

Each test runs only where its service answers (see tests/services.py); in CI (REQUIRE_SERVICES=1) an absent
service fails the test instead of skipping it.
"""

import uuid

import pytest
import stripe
from django.db import connection
from django.test import override_settings

from market.commerce.stripe_gateway import stripe_client
from search.engine import elasticsearch_client
from tests.services import stripe_mock_url


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db
def test_postgresql_answers_a_full_text_query():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version(), to_tsvector('simple', %s) @@ plainto_tsquery('simple', %s)",
            ["community laundry and repair", "laundry"],
        )
        version, matches = cursor.fetchone()
        cursor.execute(
            "SELECT to_tsvector('simple', %s) @@ plainto_tsquery('simple', %s)",
            ["community laundry and repair", "catering"],
        )
        (other_word_matches,) = cursor.fetchone()

    assert version.startswith("PostgreSQL")
    assert matches is True
    assert other_word_matches is False


@pytest.fixture
def throwaway_index(settings):
    """An index of its own, deleted afterwards whatever the test did."""
    elasticsearch_client.cache_clear()
    client = elasticsearch_client()
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-services-test-{uuid.uuid4().hex[:12]}"
    client.indices.create(index=name, mappings={"properties": {"name": {"type": "text"}}})
    yield client, name
    client.indices.delete(index=name)
    elasticsearch_client.cache_clear()


@pytest.mark.requires_service("elasticsearch")
def test_elasticsearch_indexes_and_finds_a_chinese_name(throwaway_index):
    client, index = throwaway_index
    client.index(index=index, id="outlet-1", document={"name": "幸福里便民洗衣店"})
    client.indices.refresh(index=index)

    found = client.search(index=index, query={"match": {"name": "洗衣"}})
    not_found = client.search(index=index, query={"match": {"name": "餐饮"}})

    assert [hit["_id"] for hit in found["hits"]["hits"]] == ["outlet-1"]
    assert found["hits"]["hits"][0]["_source"]["name"] == "幸福里便民洗衣店"
    assert not_found["hits"]["hits"] == []


@pytest.mark.requires_service("stripe")
def test_stripe_mock_creates_a_customer_and_rejects_an_unknown_parameter(settings):
    # Never Stripe itself from a test: stripe-mock, with a test key unless the environment gives one.
    configured_key = settings.STRIPE_SECRET_KEY
    test_key = configured_key if configured_key.startswith("sk_test_") else "sk_test_123"
    with override_settings(STRIPE_API_BASE=stripe_mock_url(), STRIPE_SECRET_KEY=test_key):
        client = stripe_client()
        customer = client.v1.customers.create(params={"name": "王芳", "email": "wangfang@example.cn"})
        with pytest.raises(stripe.InvalidRequestError):
            client.v1.customers.create(params={"favourite_colour": "red"})

    assert customer.object == "customer"
    assert customer.id.startswith("cus_")
