"""One rule for the client's address: the peer, unless the peer is a trusted proxy; no header of the client's own."""

from ipaddress import ip_network

import pytest
from django.test import RequestFactory

from market.client_address import client_address

PROXY = "10.0.0.5"


def request(peer="192.0.2.10", forwarded_for=None):
    headers = {"REMOTE_ADDR": peer}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_peer_is_the_client_and_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []

    assert client_address(request()) == "192.0.2.10"
    assert client_address(request(forwarded_for="203.0.113.9")) == "192.0.2.10"


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/24"), ip_network("127.0.0.1/32")]


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_client(behind_a_proxy):
    assert client_address(request(PROXY, "198.51.100.7")) == "198.51.100.7"


def test_what_the_client_wrote_into_forwarded_for_is_never_reached(behind_a_proxy):
    # The client sent "X-Forwarded-For: 203.0.113.9, 10.0.0.1"; the proxy appended the real peer.
    assert client_address(request(PROXY, "203.0.113.9, 10.0.0.1, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_first_untrusted_hop(behind_a_proxy):
    assert client_address(request(PROXY, "198.51.100.7, 127.0.0.1, 10.0.0.9")) == "198.51.100.7"


def test_a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_forwards(behind_a_proxy):
    assert client_address(request("192.0.2.10", "198.51.100.7")) == "192.0.2.10"


def test_garbage_in_forwarded_for_stops_at_the_last_trusted_hop(behind_a_proxy):
    assert client_address(request(PROXY, "<script>, not-an-address")) == PROXY


def test_ipv4_mapped_and_missing_addresses(settings):
    settings.TRUSTED_PROXIES = []

    assert client_address(request("::ffff:192.0.2.10")) == "192.0.2.10"
    assert client_address(request("")) == "unknown"
