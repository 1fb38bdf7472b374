"""Addresses the server calls on someone's word (a teacher's calendar, a studio's webhook): every address their host
has must be on the public internet, so such an address never makes the server reach itself, its network or a
cloud's metadata service (SSRF). Checked when the address is given and again before each call, so a name that later
points inside is refused then."""

import ipaddress
import socket
from urllib.parse import urlsplit


class PrivateAddress(Exception):
    """The address's host cannot be found, or has an address off the public internet."""


def refuse_private_host(url: str) -> None:
    """PrivateAddress unless every address the URL's host resolves to is global."""
    host = urlsplit(url).hostname or ""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError):
        raise PrivateAddress(f"the host {host[:100]} cannot be found") from None
    if not found or not all(ipaddress.ip_address(address.split("%")[0]).is_global for address in found):
        raise PrivateAddress("the address is not on the public internet")
