"""One reusable way to offer a record's transitions as buttons and to show its transition log.

An app describes its workflow as a `Flujo` of `Accion`s: each names the service that performs
the transition and the predicate that says who may take it now. The detail page renders
`{% transiciones objeto flujo %}`; the generic `TransicionView` runs the service on POST.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_fsm_log.models import StateLog


@dataclass(frozen=True)
class Accion:
    nombre: str
    etiqueta: str
    servicio: Callable[..., object]
    permitida: Callable[[object, object], bool]
    requiere_motivo: bool = False
    estilo: str = "primary"
    confirmacion: str = ""
    punto_critico: str = ""
    # Whether the user's role allows the action at all, whatever the state: when it does but the state no
    # longer does (a page left open in another tab), the user gets a message instead of a 403.
    rol_permitido: Callable[[object, object], bool] | None = None


@dataclass(frozen=True)
class Flujo:
    """The transitions of one model, reachable at the URL named `url_name` (args: pk, accion)."""

    url_name: str
    acciones: tuple[Accion, ...] = field(default_factory=tuple)

    def accion(self, nombre: str) -> Accion | None:
        return next((a for a in self.acciones if a.nombre == nombre), None)

    def disponibles(self, usuario, obj) -> list[Accion]:
        return [a for a in self.acciones if a.permitida(usuario, obj)]

    def url(self, obj, accion: Accion) -> str:
        return reverse(self.url_name, args=[obj.pk, accion.nombre])


def registro_de_transiciones(obj) -> list[StateLog]:
    """The transition log of one record, oldest first (two queries whatever its length)."""
    tipo = ContentType.objects.get_for_model(obj)
    return list(
        StateLog.objects.filter(content_type=tipo, object_id=obj.pk)
        .select_related("by", "content_type")
        .order_by("timestamp", "pk")
    )
