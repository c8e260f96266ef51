"""What this app publishes on the transparency pages: the results of the alliance actions marked for publication."""

from collections.abc import Iterator
from datetime import date
from typing import cast

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperacion.core import publico

from .models import AccionAlianza


def documentos_publicados(limite: int) -> Iterator[publico.Documento]:
    """The published results, newest first (one query)."""
    acciones = AccionAlianza.objects.publicadas().order_by("-fecha_publicacion", "-pk")[:limite]
    for accion in acciones:
        yield publico.Documento(
            titulo=accion.nombre,
            url=accion.enlace_publicacion or reverse("internacional_publico:acciones"),
            publicado_en=cast(date, accion.fecha_publicacion),  # publicadas(): a published result has its date
            tipo=accion.get_tipo_producto_display(),
            descripcion=accion.sector_acompanado,
        )


SECCION = publico.Seccion(
    codigo="alianzas",
    titulo=str(_("Alianzas y relaciones internacionales")),
    url_name="internacional_publico:acciones",
    documentos=documentos_publicados,
    descripcion=str(
        _("Resultados de las acciones de alianza y relaciones internacionales, con su medio de publicación.")
    ),
    orden=60,
)
