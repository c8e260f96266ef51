"""The limit on the public question form: so many submissions per hour from one client address (the Django cache
holds the counters; in production it is Redis, shared by every process)."""

from django.core.cache import cache

from cooperacion.core.acceso import ip_del_cliente

VENTANA_SEGUNDOS = 60 * 60


def _clave(request) -> str:
    return f"rendicion:preguntas:{ip_del_cliente(request) or 'desconocida'}"


def agotado(request, limite: int) -> bool:
    return cache.get(_clave(request), 0) >= limite


def contar(request) -> int:
    """Count one submission; the count lives one hour from the first one (a fixed window)."""
    clave = _clave(request)
    cache.add(clave, 0, timeout=VENTANA_SEGUNDOS)
    try:
        return cache.incr(clave)
    except ValueError:  # the window closed between add and incr
        cache.set(clave, 1, timeout=VENTANA_SEGUNDOS)
        return 1
