"""When Elasticsearch is down or goes away, residents still get results (from the database), the outage is
logged once per interval, /healthz says search is degraded, and searches go back to Elasticsearch when it
returns. The shared Elasticsearch is never stopped: a proxy in front of it is."""

import contextlib
import logging
import socket
import threading

import pytest

from search.backends.resilient import forget_breakers
from search.engine import elasticsearch_client
from search.maintenance import rebuild_search
from search.query import SearchQuery
from search.service import search_merchants, suggest
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory

DEAD_PORT = "http://127.0.0.1:9"
ELASTICSEARCH = ("127.0.0.1", 9200)


class Proxy:
    """Forwards a local port to Elasticsearch, in threads, until stopped: stopping it is the server going
    away in the middle of a test, for every connection at once."""

    def __init__(self):
        self.port = 0
        self.start()

    def start(self):
        """Listen (again, on the same port once it has one) and forward."""
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(ELASTICSEARCH)
            self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                end.close()

    def stop(self):
        self.running = False
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the port listening.
        for end in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


@pytest.fixture
def fresh_connections():
    """Each test's ELASTICSEARCH_URL gets its own client and its own breaker."""
    elasticsearch_client.cache_clear()
    forget_breakers()
    yield
    elasticsearch_client.cache_clear()
    forget_breakers()


@pytest.fixture
def housekeepers(db, settings, fresh_connections):
    """Two listed housekeeping merchants and a shoe repairer, in the database entries."""
    housekeeping = CategoryFactory(code="housekeeping", name="家政服务")
    merchants = [
        OrganizationFactory(name=name, alternate_name="", name_en="", categories=[housekeeping])
        for name in ("红星家政", "蓝天家政")
    ]
    OrganizationFactory(name="老街修鞋铺", alternate_name="", name_en="")
    for merchant in merchants:
        LocationFactory(organization=merchant)
    return merchants


@pytest.fixture
def proxy(settings, elasticsearch_index, fresh_connections):
    """Elasticsearch reached through a proxy the test can stop; the real address is back for the cleanup."""
    original = settings.ELASTICSEARCH_URL
    proxy = Proxy()
    settings.ELASTICSEARCH_URL = proxy.url
    yield proxy
    proxy.stop()
    settings.ELASTICSEARCH_URL = original
    elasticsearch_client.cache_clear()


def outage_warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "search.backends.resilient"]


def test_a_dead_port_answers_from_the_database_and_health_says_degraded(housekeepers, settings, client, caplog):
    settings.ELASTICSEARCH_URL = DEAD_PORT
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    rebuild_search(elasticsearch=False, workers=1)

    with caplog.at_level(logging.WARNING, logger="search.backends.resilient"):
        first = search_merchants(SearchQuery(text="家政"))
        second = search_merchants(SearchQuery(text="jiazheng"))
        suggestions = suggest("红星")

    assert first.backend == second.backend == "database (fallback)"
    assert {hit.id for hit in first.hits} == {merchant.pk for merchant in housekeepers}
    assert {hit.id for hit in second.hits} == {merchant.pk for merchant in housekeepers}
    assert "红星家政" in [suggestion.text for suggestion in suggestions]
    assert len(outage_warnings(caplog)) == 1, "logged once per interval, not once per search"

    search = client.get("/healthz").json()
    assert search["status"] == "degraded"
    assert search["search"] == {
        "backend": "database (fallback)",
        "ok": False,
        "elasticsearch": "unreachable",
        "error": "ConnectionError",
    }


@pytest.mark.requires_service("elasticsearch")
def test_elasticsearch_going_away_mid_test_falls_back_and_comes_back(housekeepers, proxy, settings, caplog):
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    settings.ELASTICSEARCH_RETRY_SECONDS = 0
    # Each search asks an engine: with the results cache on, the repeats would be the answer Elasticsearch gave
    # before it went away (tests/search/test_views.py covers the cache).
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    rebuild_search(workers=1)
    before = search_merchants(SearchQuery(text="家政"))
    assert before.backend == "elasticsearch"
    assert {hit.id for hit in before.hits} == {merchant.pk for merchant in housekeepers}

    proxy.stop()
    settings.ELASTICSEARCH_RETRY_SECONDS = 60
    with caplog.at_level(logging.WARNING, logger="search.backends.resilient"):
        during = [search_merchants(SearchQuery(text="家政")) for _ in range(3)]

    assert [results.backend for results in during] == ["database (fallback)"] * 3
    assert all({hit.id for hit in results.hits} == {merchant.pk for merchant in housekeepers} for results in during)
    assert len(outage_warnings(caplog)) == 1, "one warning for the outage, not one per search"

    # The server comes back on the same address; after the retry interval searches use it again.
    proxy.start()
    settings.ELASTICSEARCH_RETRY_SECONDS = 0
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.backends.resilient"):
        after = search_merchants(SearchQuery(text="家政"))

    assert after.backend == "elasticsearch"
    assert outage_warnings(caplog) == ["Elasticsearch answers again; searches use it"]


def test_with_elasticsearch_stopped_the_database_still_corrects_typos_and_the_api_says_fallback(
    housekeepers, settings, client
):
    settings.ELASTICSEARCH_URL = DEAD_PORT
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    rebuild_search(elasticsearch=False, workers=1)

    pinyin_typo = search_merchants(SearchQuery(text="jiazhegn"))
    homophone = search_merchants(SearchQuery(text="家正"))
    response = client.get("/api/merchants/search", {"q": "jaizheng"})

    assert pinyin_typo.fallback and pinyin_typo.backend == "database (fallback)"
    assert {hit.id for hit in pinyin_typo.hits} == {merchant.pk for merchant in housekeepers}
    assert pinyin_typo.corrections == [("jiazhegn", "jiazheng")]
    assert {hit.id for hit in homophone.hits} == {merchant.pk for merchant in housekeepers}
    assert homophone.corrections == [("家正", "家政")]
    body = response.json()
    assert response.status_code == 200
    assert response["X-Search-Engine"] == "database (fallback)"
    assert response["X-Search-Fallback"] == "1"
    assert body["engine"] == "database (fallback)" and body["fallback"] is True
    assert {hit["id"] for hit in body["results"]} == {merchant.pk for merchant in housekeepers}
    assert body["understood"]["corrections"] == [["jaizheng", "jiazheng"]]


@pytest.mark.requires_service("elasticsearch")
def test_a_cluster_with_a_dead_node_still_answers_from_elasticsearch(housekeepers, proxy, settings, caplog):
    """ELASTICSEARCH_URL names every node of a cluster: a node that refuses connections (a dead port first in the
    list, and then a node that dies between two searches) is skipped for the next one, with no fallback."""
    settings.ELASTICSEARCH_URL = f"{DEAD_PORT},{proxy.url}"
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    elasticsearch_client.cache_clear()
    rebuild_search(workers=1)

    with caplog.at_level(logging.WARNING, logger="search.backends.resilient"):
        results = [search_merchants(SearchQuery(text="家政")) for _ in range(4)]

    assert [result.backend for result in results] == ["elasticsearch"] * 4
    assert all({hit.id for hit in result.hits} == {merchant.pk for merchant in housekeepers} for result in results)
    assert outage_warnings(caplog) == [], "no node that answers was taken for an outage"


def test_every_node_of_a_comma_separated_url_is_in_the_client(settings, fresh_connections):
    from search.engine import elasticsearch_hosts

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9250, http://127.0.0.1:9251,http://127.0.0.1:9252"

    assert elasticsearch_hosts() == ["http://127.0.0.1:9250", "http://127.0.0.1:9251", "http://127.0.0.1:9252"]
    nodes = elasticsearch_client().transport.node_pool.all()
    assert sorted(node.config.port for node in nodes) == [9250, 9251, 9252]
