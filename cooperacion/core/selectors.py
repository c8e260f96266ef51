"""Non-trivial reads of the core."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone

from . import flujos
from .archivos import nombre_visible
from .numeros import formatear_numero
from .textos import resumir

if TYPE_CHECKING:
    from .tipos import UsuarioOAnonimo


M = TypeVar("M", bound=models.Model)


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


def modelo_auditable(app_label: str, nombre_modelo: str) -> type[Any]:
    """The model behind a history URL, if it keeps history and knows who may see it; else 404."""
    try:
        modelo = apps.get_model(app_label, nombre_modelo)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(modelo, "history") or not hasattr(modelo.objects, "visibles_para"):
        raise Http404
    return modelo


def mostrar_valor(
    campo: models.Field[Any, Any],
    valor: Any,
    relacionados: dict[tuple[str, Any], object] | None = None,
    moneda: str = "",
) -> str:
    """A stored value as people read it: local dates dd/mm/aaaa HH:MM, amounts es-CO with their currency, the
    label of a choice, the name of a related record (looked up when `relacionados` is not given), the file's
    name, whole words."""
    if valor is None or valor == "":
        return "—"
    if campo.is_relation:
        if relacionados is not None:
            return str(relacionados.get((campo.name, valor), valor))
        modelo = campo.related_model
        relacionado = modelo._base_manager.filter(pk=valor).first() if isinstance(modelo, type) else None
        return str(relacionado) if relacionado is not None else str(valor)
    if campo.choices:
        return str(dict(campo.flatchoices).get(valor, valor))
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(campo, models.DateTimeField):
        valor = _como_fecha(valor, models.DateTimeField)
        if isinstance(valor, datetime):
            local = timezone.localtime(valor) if timezone.is_aware(valor) else valor
            return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(campo, models.DateField):
        valor = _como_fecha(valor, models.DateField)
        if isinstance(valor, date):
            return valor.strftime("%d/%m/%Y")
    if isinstance(campo, models.DecimalField | models.FloatField):
        try:
            texto = formatear_numero(Decimal(str(valor)))
        except ArithmeticError:
            return str(valor)
        if campo.name.endswith("_cop"):
            return f"{texto} COP"
        return f"{texto} {moneda}".strip() if campo.name.startswith("monto") else texto
    if isinstance(campo, models.FileField):
        return nombre_visible(str(valor))
    return resumir(valor, 300)


def _como_fecha(valor: object, tipo: type[models.DateField[Any, Any]]) -> object:
    if isinstance(valor, date):
        return valor
    try:
        return tipo().to_python(valor)
    except ValidationError:
        return valor


# model → (usuario, obj) -> fields that user may not read in the record's history; filled by the apps.
_reservas: dict[type[models.Model], Callable[[Any, Any], Iterable[str]]] = {}


def registrar_reserva(modelo: type[M], funcion: Callable[[UsuarioOAnonimo, M], Iterable[str]]) -> None:
    """An app declares which fields of its records a partial reader (e.g. a dependencia that only received a
    call's notice) must not see in the history."""
    _reservas[modelo] = funcion


def campos_reservados(obj: models.Model, usuario: UsuarioOAnonimo) -> set[str]:
    funcion = _reservas.get(type(obj))
    return set(funcion(usuario, obj)) if funcion else set()


def acciones_de(modelo: type[models.Model]) -> dict[str, str]:
    """The labels of a model's workflow actions (the Flujos registered for it), to show instead of their codes."""
    return {
        accion.nombre: str(accion.etiqueta)
        for modelo_flujo, flujo, _parametro in flujos.registrados()
        if modelo_flujo is modelo
        for accion in flujo.acciones
    }


def _motivo(texto: str | None, etiquetas: dict[str, str]) -> str:
    texto = texto or ""
    return etiquetas.get(texto, texto)


def historial_de(obj: Any, *, ocultos: AbstractSet[str] = frozenset()) -> list[EntradaHistorial]:
    """Who changed which field from what to what, newest first.

    `ocultos`: fields the reader may not see (their changes are left out, and so are the reasons written with each
    change, which may quote them). Queries: one for the history rows and one per foreign key that changed.
    """
    excluidos = [*OCULTOS, *ocultos]
    moneda = getattr(getattr(obj, "moneda", None), "codigo", "") or ""
    etiquetas_de_acciones = acciones_de(type(obj))
    registros = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    campos = {f.attname: f for f in obj._meta.concrete_fields}
    crudos = []
    ids_por_fk: dict[str, set[Any]] = {}
    anterior = None
    for registro in registros:
        cambios: list[tuple[Any, Any, Any]] = []
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
                motivo="" if ocultos else _motivo(registro.history_change_reason, etiquetas_de_acciones),
                cambios=[
                    Cambio(
                        campo=str(campo.verbose_name).capitalize(),
                        antes=mostrar_valor(campo, antes, relacionados, moneda),
                        despues=mostrar_valor(campo, despues, relacionados, moneda),
                    )
                    for campo, antes, despues in cambios
                ],
            )
        )
    entradas.reverse()
    return entradas
