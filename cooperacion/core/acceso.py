"""Sign-in guards: the client's address behind the trusted proxies, and the limit on the change-password form."""

import ipaddress

from django.conf import settings


def ip_del_cliente(request) -> str | None:
    """The client's address for django-axes: REMOTE_ADDR, or what the outermost of our proxies saw.

    Each proxy appends to X-Forwarded-For the address that connected to it, so with TRUSTED_PROXY_COUNT = n the
    n-th entry from the right (the left-most, if there are fewer) was written by our outermost proxy; anything further
    left came from the client and is never trusted.
    """
    remota = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    reenviadas = [d.strip() for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if d.strip()]
    if proxies <= 0 or not reenviadas:
        return remota
    candidata = reenviadas[-min(proxies, len(reenviadas))]
    try:
        return str(ipaddress.ip_address(candidata))
    except ValueError:
        return remota
