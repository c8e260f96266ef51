"""E-mail rendering: one HTML and one text template per message, in Spanish, with an absolute link."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def enlace_absoluto(ruta: str) -> str:
    if not ruta or ruta.startswith(("http://", "https://")):
        return ruta
    return settings.SITE_URL.rstrip("/") + "/" + ruta.lstrip("/")


def asunto_seguro(texto: str) -> str:
    """A subject on one line: a call named with a line break must not make every e-mail about it fail."""
    return " ".join(str(texto or "").split())[:250]


def enviar_correo(
    *,
    destinatarios: list[str],
    asunto: str,
    plantilla: str,
    contexto: dict[str, Any],
    responder_a: list[str] | None = None,
    adjuntos: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render `<plantilla>.txt` and `<plantilla>.html` and send them as one message, with its attachments
    (name, content, MIME type). Called from the outbox (core.salidas), never inside the request that caused it."""
    contexto = {"entidad": settings.ENTIDAD_NOMBRE, "sitio": settings.SITE_URL, **contexto}
    texto = render_to_string(f"{plantilla}.txt", contexto)
    html = render_to_string(f"{plantilla}.html", contexto)
    mensaje = EmailMultiAlternatives(
        subject=asunto_seguro(asunto), body=texto, to=destinatarios, reply_to=responder_a or None
    )
    mensaje.attach_alternative(html, "text/html")
    for nombre, contenido, tipo in adjuntos or ():
        mensaje.attach(nombre, contenido, tipo)
    mensaje.send()
