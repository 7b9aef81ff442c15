"""Read settings from the process environment, failing with a message that says what to set."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None, *, required_because: str = "") -> str:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}: {required_because}".strip(": "))
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}.") from error


def env_admins(name: str) -> list[tuple[str, str]]:
    """ADMINS as Django wants them, from `Name <address>, address` (a bare address is named after itself)."""
    from email.utils import getaddresses

    admins = []
    for display_name, address in getaddresses([os.environ.get(name, "")]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(
                f"{name} must list e-mail addresses, e.g. 'Ops <ops@example.cn>', not {address!r}."
            )
        admins.append((display_name or address, address))
    return admins


def env_networks(name: str) -> list:
    """IP networks from a comma-separated list of addresses and CIDR ranges, e.g. `10.0.0.0/8,127.0.0.1`."""
    from ipaddress import ip_network

    networks = []
    for item in env_list(name):
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network ({error}).") from error
    return networks
