"""The address a request came from, as the one rule that the API throttle, the sign-in lockout and the logs share.

Without trusted proxies (the default) it is the connection's peer, REMOTE_ADDR, and no request header counts:
anyone can write X-Forwarded-For. Behind reverse proxies listed in TRUSTED_PROXIES, X-Forwarded-For is read
from its right end, where each trusted proxy appended the address it was connected from, and the first address
that is not a trusted proxy is the client. What a client writes into the header itself stands to the left of
that and is never reached.
"""

from ipaddress import ip_address

from django.conf import settings

UNKNOWN = "unknown"


def _parse(text: str):
    try:
        return ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(request) -> str:
    """The client's IP address as text (compressed form), or `unknown` when the peer has none."""
    peer = _parse(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return UNKNOWN
    address = peer
    if settings.TRUSTED_PROXIES:
        hops = [hop for hop in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
        while hops and _is_trusted_proxy(address):
            previous = _parse(hops.pop())
            if previous is None:
                # Not an address: not written by a proxy of ours. The last trusted hop is all that is known.
                break
            address = previous
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.compressed
