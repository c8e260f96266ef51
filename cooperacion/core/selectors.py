"""Non-trivial reads of the core."""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class Cambio:
    campo: str
    antes: str
    despues: str


@dataclass(frozen=True)
class EntradaHistorial:
    fecha: datetime
    usuario: object
    tipo: str  # "+" created, "~" changed, "-" deleted
    motivo: str
    cambios: list[Cambio]


TIPOS = {"+": "Creación", "~": "Modificación", "-": "Eliminación"}
# Bookkeeping fields that never show in a history: the record's save counter (ConVersion).
OCULTOS = ["revision"]


def modelo_auditable(app_label: str, nombre_modelo: str):
    """The model behind a history URL, if it keeps history and knows who may see it; else 404."""
    try:
        modelo = apps.get_model(app_label, nombre_modelo)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(modelo, "history") or not hasattr(modelo.objects, "visibles_para"):
        raise Http404
    return modelo


def mostrar_valor(campo: models.Field, valor, relacionados: dict | None = None) -> str:
    """A stored value as people read it (the related record's name when `relacionados` does not have it)."""
    if valor is None or valor == "":
        return "—"
    if campo.is_relation:
        if relacionados is not None:
            return str(relacionados.get((campo.name, valor), valor))
        relacionado = campo.related_model._base_manager.filter(pk=valor).first()
        return str(relacionado) if relacionado is not None else str(valor)
    if campo.choices:
        return str(dict(campo.flatchoices).get(valor, valor))
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    return str(valor)


# model → (usuario, obj) -> fields that user may not read in the record's history; filled by the apps.
_reservas: dict[type, object] = {}


def registrar_reserva(modelo, funcion) -> None:
    """An app declares which fields of its records a partial reader (e.g. a dependencia that only received a
    call's notice) must not see in the history."""
    _reservas[modelo] = funcion


def campos_reservados(obj, usuario) -> set[str]:
    funcion = _reservas.get(type(obj))
    return set(funcion(usuario, obj)) if funcion else set()


def historial_de(obj, *, ocultos: set[str] = frozenset()) -> list[EntradaHistorial]:
    """Who changed which field from what to what, newest first.

    `ocultos`: fields the reader may not see (their changes are left out, and so are the reasons written with each
    change, which may quote them). Queries: one for the history rows and one per foreign key that changed.
    """
    excluidos = [*OCULTOS, *ocultos]
    registros = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    campos = {f.attname: f for f in obj._meta.concrete_fields}
    crudos = []
    ids_por_fk: dict[str, set] = {}
    anterior = None
    for registro in registros:
        cambios = []
        if anterior is not None:
            for cambio in registro.diff_against(
                anterior, foreign_keys_are_objs=False, excluded_fields=excluidos
            ).changes:
                campo = campos.get(cambio.field) or obj._meta.get_field(cambio.field)
                cambios.append((campo, cambio.old, cambio.new))
                if campo.is_relation:
                    ids_por_fk.setdefault(campo.name, set()).update(v for v in (cambio.old, cambio.new) if v)
        crudos.append((registro, cambios))
        anterior = registro

    relacionados = {}
    for nombre, ids in ids_por_fk.items():
        modelo = obj._meta.get_field(nombre).related_model
        for pk, rel in modelo._base_manager.in_bulk(ids).items():
            relacionados[(nombre, pk)] = rel

    entradas = []
    for registro, cambios in crudos:
        entradas.append(
            EntradaHistorial(
                fecha=registro.history_date,
                usuario=registro.history_user,
                tipo=TIPOS.get(registro.history_type, registro.history_type),
                motivo="" if ocultos else (registro.history_change_reason or ""),
                cambios=[
                    Cambio(
                        campo=str(campo.verbose_name).capitalize(),
                        antes=mostrar_valor(campo, antes, relacionados),
                        despues=mostrar_valor(campo, despues, relacionados),
                    )
                    for campo, antes, despues in cambios
                ],
            )
        )
    entradas.reverse()
    return entradas
