import pytest

from tests.services import services_required, unavailable_reason


@pytest.fixture(autouse=True)
def _require_marked_services(request):
    for marker in request.node.iter_markers("requires_service"):
        for name in marker.args:
            reason = unavailable_reason(name)
            if reason is None:
                continue
            if services_required():
                pytest.fail(f"REQUIRE_SERVICES=1 but {name} is unavailable: {reason}", pytrace=False)
            pytest.skip(f"{name} unavailable: {reason}")
