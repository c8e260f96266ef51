"""The prioritization score of task 1 («priorizar las ofertas teniendo en cuenta: recursos, fecha de cierre,
actores e impacto», plus the fit with the entity's priority lines and needs).

Each criterion gives 0-100 points; the total is their average weighted by `PesosPriorizacion`. The parts that
depend only on the call's data are stored on it (services recompute them); the closing-date part changes every
day, so it is computed in SQL when the matrix is read, which also lets the matrix sort by the total.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Convocatoria, PesosPriorizacion

PUNTOS_ELEGIBILIDAD: dict[str, int] = {
    Convocatoria.Elegibilidad.DIRECTA: 100,
    Convocatoria.Elegibilidad.ALIANZA: 60,
    Convocatoria.Elegibilidad.TERCEROS: 30,
}
PUNTOS_IMPACTO: dict[str, int] = {
    Convocatoria.Impacto.ALTO: 100,
    Convocatoria.Impacto.MEDIO: 60,
    Convocatoria.Impacto.BAJO: 30,
}
# Days to closing → points: too close leaves no time to formulate; far away is less urgent.
BANDAS_CIERRE = (
    (5, 25, gettext_lazy("menos de 5 días: poco tiempo para formular")),
    (15, 60, gettext_lazy("de 5 a 14 días")),
    (61, 100, gettext_lazy("de 15 a 60 días: tiempo suficiente")),
    (None, 75, gettext_lazy("más de 60 días")),
)
PRIORIDADES = (("alta", gettext_lazy("Alta (70 o más)"), 70, None), ("media", gettext_lazy("Media (40 a 69)"), 40, 70),
               ("baja", gettext_lazy("Baja (menos de 40)"), None, 40))  # fmt: skip


def puntos_recursos(monto_cop: Decimal | None, referencia: Decimal) -> int:
    if not monto_cop or monto_cop <= 0:
        return 0
    return min(100, int((Decimal(100) * monto_cop / referencia).to_integral_value(rounding=ROUND_HALF_UP)))


def puntos_alineacion(lineas: int, necesidades: int) -> int:
    puntos = 0 if lineas == 0 else 50 if lineas == 1 else 60
    return min(100, puntos + (40 if necesidades else 0))


def puntos_cierre(fecha_cierre: datetime, ahora: datetime | None = None) -> int:
    ahora = ahora or timezone.now()
    if fecha_cierre < ahora:
        return 0
    dias = (fecha_cierre - ahora).days
    for limite, puntos, _texto in BANDAS_CIERRE:
        if limite is None or dias < limite:
            return puntos
    return 0


def expresion_cierre(ahora: datetime):
    """The closing-date points as a SQL CASE over `fecha_cierre`."""
    casos = [When(fecha_cierre__lt=ahora, then=Value(0))]
    for limite, puntos, _texto in BANDAS_CIERRE:
        if limite is None:
            break
        casos.append(When(fecha_cierre__lt=ahora + timedelta(days=limite), then=Value(puntos)))
    return Case(*casos, default=Value(BANDAS_CIERRE[-1][1]), output_field=IntegerField())


def expresion_puntaje(pesos: PesosPriorizacion, ahora: datetime):
    """The weighted total (0-100) as SQL, from the stored parts and the closing-date points at `ahora`."""
    total = pesos.total or 1
    ponderado = (
        F("puntaje_recursos") * pesos.peso_recursos
        + expresion_cierre(ahora) * pesos.peso_cierre
        + F("puntaje_alineacion") * pesos.peso_alineacion
        + F("puntaje_actores") * pesos.peso_actores
        + F("puntaje_impacto") * pesos.peso_impacto
    )
    return ExpressionWrapper(ponderado * 1.0 / total, output_field=FloatField())


def anotar_puntaje(queryset, pesos: PesosPriorizacion, ahora: datetime | None = None):
    """Annotate `puntaje_al_momento` (0-100, weighted) as it was or is at `ahora` (a past quarter's report)."""
    ahora = ahora or timezone.now()
    return queryset.annotate(
        puntos_cierre_al_momento=expresion_cierre(ahora), puntaje_al_momento=expresion_puntaje(pesos, ahora)
    )


def actualizar_puntajes(queryset, pesos: PesosPriorizacion | None = None, ahora: datetime | None = None) -> int:
    """Store the closing-date points and the total of these calls in one UPDATE. They are derived columns that the
    history does not keep (excluded_fields), so nothing is lost by not saving each record."""
    pesos = pesos or PesosPriorizacion.vigentes()
    ahora = ahora or timezone.now()
    return queryset.update(puntos_cierre=expresion_cierre(ahora), puntaje=expresion_puntaje(pesos, ahora))


def filtrar_prioridad(queryset, clave: str):
    for codigo, _etiqueta, minimo, maximo in PRIORIDADES:
        if codigo == clave:
            if minimo is not None:
                queryset = queryset.filter(puntaje__gte=minimo)
            if maximo is not None:
                queryset = queryset.filter(puntaje__lt=maximo)
    return queryset


def prioridad_de(puntaje: float) -> tuple[str, str]:
    for codigo, etiqueta, minimo, maximo in PRIORIDADES:
        if (minimo is None or puntaje >= minimo) and (maximo is None or puntaje < maximo):
            return codigo, str(etiqueta).split(" (")[0]
    return "baja", _("Baja")


@dataclass(frozen=True)
class Parte:
    criterio: str
    puntos: int
    peso: int
    aporte: float
    explicacion: str


def desglose(convocatoria: Convocatoria, pesos: PesosPriorizacion, ahora: datetime | None = None) -> list[Parte]:
    """The parts of the score, as shown on the call's page: points, weight and contribution to the total."""
    ahora = ahora or timezone.now()
    total = pesos.total or 1
    cierre = puntos_cierre(convocatoria.fecha_cierre, ahora)
    dias = (convocatoria.fecha_cierre - ahora).days
    if convocatoria.monto_cop:
        recursos = _("%(monto)s COP frente a una referencia de %(ref)s COP") % {
            "monto": _miles(convocatoria.monto_cop),
            "ref": _miles(pesos.monto_referencia_cop),
        }
    else:
        recursos = _("La convocatoria no declara un monto.")
    lineas = convocatoria.lineas_prioritarias.all()
    necesidades = convocatoria.necesidades.all()
    abiertas = sum(1 for n in necesidades if n.abierta)
    alineacion = ngettext("%(l)s línea prioritaria", "%(l)s líneas prioritarias", len(lineas)) % {"l": len(lineas)}
    alineacion += ", " + ngettext("%(n)s necesidad abierta", "%(n)s necesidades abiertas", abiertas) % {"n": abiertas}
    partes = [
        (_("Recursos"), convocatoria.puntaje_recursos, pesos.peso_recursos, recursos),
        (
            _("Días al cierre"),
            cierre,
            pesos.peso_cierre,
            _("Cerrada") if dias < 0 and cierre == 0 else _("%(n)s días al cierre") % {"n": max(dias, 0)},
        ),
        (_("Alineación con líneas y necesidades"), convocatoria.puntaje_alineacion, pesos.peso_alineacion, alineacion),
        (_("Actores"), convocatoria.puntaje_actores, pesos.peso_actores, convocatoria.get_elegibilidad_display()),
        (_("Impacto"), convocatoria.puntaje_impacto, pesos.peso_impacto, convocatoria.get_nivel_impacto_display()),
    ]
    return [Parte(c, p, w, round(p * w / total, 1), e) for c, p, w, e in partes]


def _miles(valor) -> str:
    return f"{int(valor):,}".replace(",", ".")
