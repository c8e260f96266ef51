"""Record versions: an edit made from a stale page is refused, showing what the other person changed.

Models that inherit `ConVersion` count their saves. `AccionConFormularioView` adds the version the page was read
at to the form and, under the record's row lock, `exigir` compares it with the stored one: when someone saved in
between and changed a field this form also edits, the save is refused with the list of those changes (from the
record's history), the user's input stays in the form, and a second submit after reading them goes through.
"""

from collections.abc import Iterable
from typing import cast

from django import forms
from django.db.models import Field
from django.forms import BaseForm
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from .campos import agregar_campo_de_control
from .errores import ErrorDeDominio
from .models import ConVersion
from .selectors import mostrar_valor

CAMPO = "version_registro"


class RegistroDesactualizado(ErrorDeDominio):
    """Someone else saved the record after the form was opened; `cambios` lists (field, before, now, who)."""

    def __init__(self, mensaje: str, cambios: list[tuple[str, str, str, str]], version_actual: int):
        super().__init__(mensaje)
        self.cambios = cambios
        self.version_actual = version_actual


def versionado(obj: object) -> bool:
    return isinstance(obj, ConVersion) and obj.pk is not None


def agregar_campo(form: BaseForm, obj: ConVersion) -> None:
    """The hidden version field of an edit form (initial: the version read now); after validation its value is in
    `form.control[CAMPO]`, never passed to the service."""
    agregar_campo_de_control(
        form, CAMPO, forms.IntegerField(widget=forms.HiddenInput, initial=obj.revision, required=False)
    )


def cambios_desde(obj: ConVersion, version: int, campos: set[str]) -> list[tuple[str, str, str, str]]:
    """The changes saved after `version` to the given fields: (label, value then, value now, who)."""
    historia = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    anterior = historia.filter(revision=version).first()
    actual = historia.first()
    if anterior is None or actual is None or actual.pk == anterior.pk:
        return []
    quienes = {str(h.history_user) for h in historia.filter(revision__gt=version) if h.history_user}
    quien = ", ".join(sorted(quienes)) or _("otra persona")
    resultado = []
    for cambio in actual.diff_against(anterior, foreign_keys_are_objs=False).changes:
        campo = obj._meta.get_field(cambio.field)
        if not isinstance(campo, Field):
            continue  # a reverse relation: history records concrete fields only
        if campo.name not in campos and getattr(campo, "attname", "") not in campos:
            continue
        resultado.append(
            (
                str(campo.verbose_name).capitalize(),
                mostrar_valor(campo, cambio.old),
                mostrar_valor(campo, cambio.new),
                quien,
            )
        )
    return resultado


def exigir(obj: ConVersion, version_enviada: int | str | None, campos: Iterable[str]) -> None:
    """Refuse the save when the stored record moved past `version_enviada` on any of `campos`."""
    if version_enviada in (None, "") or int(version_enviada) == obj.revision:
        return
    cambios = cambios_desde(obj, int(version_enviada), set(campos))
    if not cambios:
        return  # only fields this form does not edit changed (a recomputed score, a transition)
    detalle = "; ".join(f"{etiqueta}: «{antes}» → «{ahora}»" for etiqueta, antes, ahora, _q in cambios)
    raise RegistroDesactualizado(
        _(
            "Mientras usted editaba, %(quien)s guardó cambios en este registro: %(detalle)s. Sus datos siguen en el "
            "formulario: revíselos y guarde de nuevo para reemplazar esos cambios."
        )
        % {"quien": cambios[0][3], "detalle": detalle},
        cambios,
        obj.revision,
    )


def exigir_revision(obj: ConVersion, enviada: int | str | None) -> None:
    """For pages that edit what hangs from a record (rows, documents): refuse when the record was saved after the
    page was read, saying who saved and when."""
    if enviada in (None, "") or int(enviada) == obj.revision:
        return
    ultima = obj.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    quien = str(ultima.history_user) if ultima and ultima.history_user else _("otra persona")
    cuando = timezone.localtime(ultima.history_date).strftime("%d/%m/%Y %H:%M") if ultima else ""
    raise RegistroDesactualizado(
        _(
            "Mientras usted editaba, %(quien)s guardó cambios en este registro (%(cuando)s). Sus datos siguen en el "
            "formulario: abra el registro en otra pestaña para ver lo que cambió y guarde de nuevo para reemplazarlo."
        )
        % {"quien": quien, "cuando": cuando},
        [],
        obj.revision,
    )


def actualizar_formulario(form: BaseForm, version_actual: int) -> None:
    """After a refusal, the form carries the current version so that a deliberate second submit goes through."""
    if form.is_bound:
        datos = cast(QueryDict, form.data).copy()  # a bound form's data: the request's QueryDict
        datos[form.add_prefix(CAMPO)] = str(version_actual)
        form.data = datos
