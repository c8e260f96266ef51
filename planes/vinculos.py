"""What planes tells indicadores about the indicators of its activities (indicadores/vinculos.py): what each one
belongs to, and when its figures are locked by the plan (verification, approval) or by a quarter not open."""

from django.utils.translation import gettext as _

from indicadores import vinculos

from .models import Actividad, Plan, SeguimientoTrimestral
from .services.seguimiento import motivo_cerrado

PLAN_BLOQUEA = (Plan.Estado.ENVIADO, Plan.Estado.APROBADO, Plan.Estado.PUBLICADO)


def vinculos_de_planes(ids: set[int]):
    for actividad in Actividad.objects.filter(indicador_id__in=ids).select_related("plan"):
        yield vinculos.Vinculo(
            indicador_id=actividad.indicador_id,
            tipo=str(_("Actividad de plan")),
            titulo=f"{actividad.codigo} · {actividad.plan}",
            url=actividad.get_absolute_url(),
            estado=actividad.plan.get_estado_display(),
        )


def bloqueos_de_planes(ids: set[int], *, que, anio, trimestre, dependencia_id) -> dict[int, str]:
    actividades = list(Actividad.objects.filter(indicador_id__in=ids).select_related("plan", "dependencia_responsable"))
    resultado = {}
    if que in (vinculos.FICHA, vinculos.META):
        if que == vinculos.META and dependencia_id is not None:
            return {}  # a territorial dependencia's own targets are not the plan's programming
        for actividad in actividades:
            plan = actividad.plan
            if plan.estado in PLAN_BLOQUEA:
                resultado[actividad.indicador_id] = _(
                    "Este indicador mide la actividad %(a)s de «%(p)s» (%(e)s): su forma de cálculo y sus metas se "
                    "cambian con una solicitud de ajuste al plan."
                ) % {"a": actividad.codigo, "p": plan, "e": plan.get_estado_display().lower()}
        return resultado
    if que == vinculos.MEDICION and anio and trimestre:
        seguimientos = {
            (s.dependencia_id, s.anio, s.trimestre): s
            for s in SeguimientoTrimestral.objects.filter(
                dependencia_id__in={a.dependencia_responsable_id for a in actividades}, anio=anio, trimestre=trimestre
            ).select_related("dependencia")
        }
        for actividad in actividades:
            seguimiento = seguimientos.get((actividad.dependencia_responsable_id, anio, trimestre))
            if seguimiento is not None and not seguimiento.abierto:
                resultado[actividad.indicador_id] = motivo_cerrado(seguimiento)
    return resultado


def registrar() -> None:
    vinculos.registrar_vinculos(vinculos_de_planes)
    vinculos.registrar_bloqueo(bloqueos_de_planes)
