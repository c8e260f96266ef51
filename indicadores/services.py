"""Writes on indicators: the sheet, the targets of each quarter and the measurements.

Every write checks the role and the locks the upper apps registered (a closed quarter of a plan refuses a new
measurement and says why); `ignorar_bloqueo=True` is for those apps' own services (an approved adjustment).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import periodos
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.fechas import exigir_en_ventana
from cooperacion.core.models import Dependencia, Usuario
from cooperacion.core.tipos import historia

from . import calculo, permissions, vinculos
from .models import Indicador, Medicion, MetaTrimestral

CAMPOS_FICHA = (
    "codigo",
    "nombre",
    "objetivo",
    "tipo",
    "formula",
    "variable_numerador",
    "variable_denominador",
    "unidad",
    "medida",
    "sentido",
    "acumulacion",
    "frecuencia",
    "linea_base",
    "linea_base_fecha",
    "fuente",
    "responsable",
    "sinergia",
    "umbral_verde",
    "umbral_amarillo",
)
# What changes the figures: locked once a record that uses the indicator is approved.
CAMPOS_DEL_CALCULO = frozenset(
    {"variable_denominador", "medida", "sentido", "acumulacion", "linea_base", "umbral_verde", "umbral_amarillo"}
)


def _validar(obj: Model, excluir: Collection[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=excluir)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def _texto(valor: object) -> object:
    return valor.strip() if isinstance(valor, str) else valor


def _revisar_ficha(indicador: Indicador) -> None:
    """Rules of a coherent sheet (each message says what to fix)."""
    if indicador.umbral_amarillo >= indicador.umbral_verde:
        raise ErrorDeDominio(_("El umbral amarillo debe ser menor que el verde."))
    necesita_base = indicador.sentido == Indicador.Sentido.DECRECIENTE or indicador.acumulacion in (
        Indicador.Acumulacion.STOCK,
        Indicador.Acumulacion.REDUCCION,
        Indicador.Acumulacion.REDUCCION_ANUAL,
    )
    if necesita_base and indicador.linea_base is None:
        raise ErrorDeDominio(
            _("Un indicador decreciente, o de tipo stock, reducción o reducción anual, necesita su línea base.")
        )
    if indicador.linea_base is not None and indicador.linea_base_fecha is None:
        raise ErrorDeDominio(_("Indique la fecha de la línea base."))
    if indicador.linea_base_fecha:
        exigir_en_ventana(indicador.linea_base_fecha, etiqueta=_("Fecha de la línea base"))
    if indicador.medida == Indicador.Medida.RAZON and not indicador.con_denominador:
        raise ErrorDeDominio(_("Una razón necesita la variable del denominador."))


def siguiente_codigo(prefijo: str) -> str:
    """The next free code «PREFIJO-01», «PREFIJO-02»… (for indicators created with a plan activity)."""
    usados = set(Indicador.objects.filter(codigo__startswith=f"{prefijo}-").values_list("codigo", flat=True))
    numero = 1
    while f"{prefijo}-{numero:02d}" in usados:
        numero += 1
    return f"{prefijo}-{numero:02d}"


@transaction.atomic
def indicador_crear(
    *,
    usuario: Usuario,
    dependencia: Dependencia | None = None,
    territoriales: Iterable[Dependencia] = (),
    **datos: Any,
) -> Indicador:
    """Register an indicator's sheet. Profesional and Jefe create them for their dependencia; Planeación and the
    Administrador choose it."""
    if not permissions.can_crear_indicador(usuario):
        raise ErrorDeDominio(_("Su rol no puede crear indicadores."))
    if dependencia is None or not usuario.ve_todas_las_dependencias:
        dependencia = usuario.dependencia
    if dependencia is None:
        raise ErrorDeDominio(_("Indique la dependencia responsable del indicador."))
    desconocidos = set(datos) - set(CAMPOS_FICHA)
    if desconocidos:
        raise TypeError(f"Campos desconocidos: {sorted(desconocidos)}")
    indicador = Indicador(dependencia=dependencia, creado_por=usuario, **{k: _texto(v) for k, v in datos.items()})
    _revisar_ficha(indicador)
    _validar(indicador)
    historia(indicador)._history_user = usuario
    indicador.save()
    if territoriales:
        indicador.territoriales.set(_solo_territoriales(territoriales))
    return indicador


def _solo_territoriales(dependencias: Iterable[Dependencia]) -> list[Dependencia]:
    lista = list(dependencias)
    if any(d.tipo != Dependencia.Tipo.TERRITORIAL for d in lista):
        raise ErrorDeDominio(_("Solo las direcciones territoriales fijan metas y reportan por su cuenta."))
    return lista


@transaction.atomic
def indicador_editar(
    *,
    indicador: Indicador,
    usuario: Usuario,
    territoriales: Iterable[Dependencia] | None = None,
    ignorar_bloqueo: bool = False,
    **datos: Any,
) -> Indicador:
    """Change the sheet. Once a record that uses it is approved, what changes its figures is locked (and says why)."""
    if not permissions.can_editar_indicador(usuario, indicador):
        raise ErrorDeDominio(_("Su rol no puede editar este indicador."))
    cambios = [c for c in CAMPOS_FICHA if c in datos and getattr(indicador, c) != _texto(datos[c])]
    if not ignorar_bloqueo and set(cambios) & CAMPOS_DEL_CALCULO:
        motivo = vinculos.motivo_de_bloqueo(indicador.pk, que=vinculos.FICHA)
        if motivo:
            raise ErrorDeDominio(motivo)
    for campo in cambios:
        setattr(indicador, campo, _texto(datos[campo]))
    _revisar_ficha(indicador)
    _validar(indicador)
    if cambios:
        historia(indicador)._history_user = usuario
        indicador.save(update_fields=cambios)
    if territoriales is not None:
        indicador.territoriales.set(_solo_territoriales(territoriales))
    return indicador


def _revisar_periodo(anio: int, trimestre: int) -> None:
    if trimestre not in calculo.TRIMESTRES:
        raise ErrorDeDominio(_("El trimestre debe estar entre 1 y 4."))
    exigir_en_ventana(periodos.inicio_de_trimestre(anio, 1), etiqueta=_("Año"))


def _revisar_serie(indicador: Indicador, dependencia: Dependencia | None) -> None:
    if dependencia is not None and not indicador.territoriales.filter(pk=dependencia.pk).exists():
        raise ErrorDeDominio(_("Esa dirección territorial no ejecuta este indicador."))


def _revisar_valor_meta(indicador: Indicador, valor: Decimal) -> None:
    if valor < 0:
        raise ErrorDeDominio(_("Una meta no puede ser negativa."))
    if indicador.medida == Indicador.Medida.PORCENTAJE and valor > 100:
        raise ErrorDeDominio(_("Una meta en porcentaje no puede pasar de 100."))


@transaction.atomic
def metas_fijar(
    *,
    indicador: Indicador,
    usuario: Usuario,
    anio: int,
    valores: Mapping[int, Decimal | None],
    dependencia: Dependencia | None = None,
    ignorar_bloqueo: bool = False,
    motivo: str = "",
) -> list[MetaTrimestral]:
    """Set the targets of some quarters of a year (None removes one). A territorial dependencia sets its own."""
    if not permissions.can_fijar_metas(usuario, indicador, dependencia):
        raise ErrorDeDominio(_("Su rol no puede fijar las metas de este indicador."))
    _revisar_serie(indicador, dependencia)
    if not ignorar_bloqueo:
        motivo_bloqueo = vinculos.motivo_de_bloqueo(
            indicador.pk, que=vinculos.META, anio=anio, dependencia_id=getattr(dependencia, "pk", None)
        )
        if motivo_bloqueo:
            raise ErrorDeDominio(motivo_bloqueo)
    existentes = {
        m.trimestre: m
        for m in MetaTrimestral.objects.select_for_update().filter(
            indicador=indicador, anio=anio, dependencia=dependencia
        )
    }
    resultado = []
    for trimestre, valor in sorted(valores.items()):
        _revisar_periodo(anio, trimestre)
        actual = existentes.get(trimestre)
        if valor is None:
            if actual is not None:
                historia(actual)._history_user = usuario
                historia(actual)._change_reason = motivo[:100] if motivo else None
                actual.delete()
            continue
        valor = Decimal(valor)
        _revisar_valor_meta(indicador, valor)
        if trimestre not in indicador.trimestres_de_reporte and valor:
            raise ErrorDeDominio(
                _("El indicador se mide con frecuencia %(f)s: el T%(t)s no lleva meta.")
                % {"f": indicador.get_frecuencia_display().lower(), "t": trimestre}
            )
        if actual is None:
            actual = MetaTrimestral(indicador=indicador, anio=anio, trimestre=trimestre, dependencia=dependencia)
        elif actual.valor == valor:
            resultado.append(actual)
            continue
        actual.valor = valor
        historia(actual)._history_user = usuario
        historia(actual)._change_reason = motivo[:100] if motivo else None
        actual.save()
        resultado.append(actual)
    return resultado


def valor_calculado(indicador: Indicador, numerador: Decimal, denominador: Decimal | None) -> Decimal | None:
    return calculo.valor_de(indicador.ficha, calculo.Dato(numerador, denominador))


@transaction.atomic
def medicion_registrar(
    *,
    indicador: Indicador,
    usuario: Usuario,
    anio: int,
    trimestre: int,
    numerador: Decimal,
    denominador: Decimal | None = None,
    analisis: str = "",
    evidencia: File[bytes] | None = None,
    dependencia: Dependencia | None = None,
    ignorar_bloqueo: bool = False,
    permitir_rol: bool = False,
) -> Medicion:
    """Record (or correct) the measurement of one quarter: its variables, the computed value, the qualitative
    analysis and the evidence. A closed period refuses it with the reason (see vinculos.py).

    `permitir_rol` is for the upper apps' services, which checked their own role rule (the plan's dependencia)."""
    if not permitir_rol and not permissions.can_medir(usuario, indicador, dependencia):
        raise ErrorDeDominio(_("Su rol no puede reportar la medición de este indicador."))
    _revisar_periodo(anio, trimestre)
    territoriales = set(indicador.territoriales.values_list("pk", flat=True))
    if territoriales and dependencia is None:
        raise ErrorDeDominio(
            _("Este indicador lo ejecutan direcciones territoriales: cada una reporta su medición y el total se suma.")
        )
    if not territoriales and dependencia is not None:
        raise ErrorDeDominio(_("Este indicador no tiene series territoriales."))
    _revisar_serie(indicador, dependencia)
    hoy = timezone.localdate()
    if (anio, trimestre) > periodos.trimestre_de(hoy):
        raise ErrorDeDominio(_("No se puede reportar un trimestre que aún no ha empezado."))
    if not ignorar_bloqueo:
        motivo = vinculos.motivo_de_bloqueo(
            indicador.pk,
            que=vinculos.MEDICION,
            anio=anio,
            trimestre=trimestre,
            dependencia_id=getattr(dependencia, "pk", None),
        )
        if motivo:
            raise ErrorDeDominio(motivo)
    if numerador is None:
        raise ErrorDeDominio(_("Escriba el valor medido."))
    numerador = Decimal(numerador)
    if numerador < 0:
        raise ErrorDeDominio(_("El valor medido no puede ser negativo."))
    if indicador.con_denominador:
        if denominador is None or Decimal(denominador) <= 0:
            raise ErrorDeDominio(
                _("Escriba el denominador (%(v)s): debe ser mayor que cero.") % {"v": indicador.variable_denominador}
            )
        denominador = Decimal(denominador)
        if indicador.medida == Indicador.Medida.PORCENTAJE and numerador > denominador:
            raise ErrorDeDominio(_("En un porcentaje el numerador no puede ser mayor que el denominador."))
    else:
        denominador = None
    analisis = (analisis or "").strip()
    if not analisis:
        raise ErrorDeDominio(_("Escriba el análisis cualitativo del resultado."))
    medicion = (
        Medicion.objects.select_for_update()
        .filter(indicador=indicador, anio=anio, trimestre=trimestre, dependencia=dependencia)
        .first()
    )
    if medicion is None:
        medicion = Medicion(indicador=indicador, anio=anio, trimestre=trimestre, dependencia=dependencia)
    medicion.numerador = numerador
    medicion.denominador = denominador
    medicion.valor = valor_calculado(indicador, numerador, denominador)
    medicion.analisis = analisis
    medicion.registrado_por = usuario
    medicion.registrado_en = timezone.now()
    if evidencia:
        medicion.evidencia = evidencia
    _validar(medicion, excluir=["indicador", "dependencia"])
    historia(medicion)._history_user = usuario
    medicion.save()
    return medicion


@transaction.atomic
def indicadores_publicar(*, ids: Iterable[int], usuario: Usuario | None = None) -> int:
    """Mark the indicators of a published document as readable by all staff; returns how many changed."""
    cambiados = 0
    for indicador in Indicador.objects.select_for_update().filter(pk__in=list(ids), publicado=False):
        indicador.publicado = True
        historia(indicador)._history_user = usuario
        historia(indicador)._change_reason = _("Publicado con su documento")
        indicador.save(update_fields=["publicado"])
        cambiados += 1
    return cambiados
