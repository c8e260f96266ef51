"""Reads of ILO cases: who may answer them, their deadline for the core engine, and their traffic light."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperacion.core import roles
from cooperacion.core.models import TipoPlazo, Usuario
from cooperacion.core.plazos import SEMAFORO, Plazo, TipoDePlazo, dias_restantes

from .models import CasoOIT

TIPO_PLAZO = TipoDePlazo(codigo="respuesta_oit", nombre="Respuesta a la OIT", dias_habiles=True, umbrales=(15, 5, 1))


def responsables_posibles(dependencia_id: int | None = None):
    """Active Profesional and Jefe users (of one dependencia when given), who may prepare an answer."""
    usuarios = Usuario.objects.filter(is_active=True, groups__name__in=[roles.PROFESIONAL, roles.JEFE])
    if dependencia_id is not None:
        usuarios = usuarios.filter(dependencia_id=dependencia_id)
    return usuarios.select_related("dependencia").distinct()


def plazos_de_respuesta(ids: set[int] | None) -> Iterator[Plazo]:
    """Deadline provider: one `Plazo` per case in trámite. Two queries whatever the number of cases."""
    casos = CasoOIT.objects.en_tramite().select_related("responsable", "dependencia").order_by("pk")
    if ids is not None:
        casos = casos.filter(pk__in=ids)
    casos = list(casos)
    tipos = dict(CasoOIT.Tipo.choices)
    if not casos:
        return
    jefes: dict[int, list[Usuario]] = defaultdict(list)
    for jefe in Usuario.objects.filter(
        groups__name=roles.JEFE, is_active=True, dependencia_id__in={c.dependencia_id for c in casos}
    ):
        jefes[jefe.dependencia_id].append(jefe)
    for caso in casos:
        yield Plazo(
            tipo=TIPO_PLAZO.codigo,
            objeto=caso,
            fecha=caso.fecha_limite_respuesta,
            titulo=caso.titulo,
            url=caso.get_absolute_url(),
            responsables=(caso.responsable,),
            avisar_tambien=tuple(jefes[caso.dependencia_id]),
            dependencia=caso.dependencia,
            detalle=_("%(tipo)s · Convenios %(convenios)s · Responsable: %(responsable)s")
            % {"tipo": tipos.get(caso.tipo, caso.tipo), "convenios": caso.convenios, "responsable": caso.responsable},
        )


@dataclass(frozen=True)
class EstadoDelPlazo:
    restantes: int
    semaforo: str  # "rojo", "amarillo" or "verde", as in the core's deadline engine
    dias_habiles: bool = True

    @property
    def semaforo_display(self) -> str:
        return SEMAFORO[self.semaforo]

    @property
    def texto(self) -> str:
        if self.semaforo == "rojo" and self.restantes >= 0:
            return _("Vencido")
        if self.restantes == 0:
            return _("Vence hoy")
        n = abs(self.restantes)
        unidad = ngettext("día hábil", "días hábiles", n) if self.dias_habiles else ngettext("día", "días", n)
        if self.restantes < 0:
            return _("Vencido hace %(n)s %(unidad)s") % {"n": n, "unidad": unidad}
        return ngettext("Falta %(n)s %(unidad)s", "Faltan %(n)s %(unidad)s", n) % {"n": n, "unidad": unidad}


def configuracion_del_plazo():
    """The Administrador's settings for this kind of deadline, or the declared defaults (one query)."""
    return TipoPlazo.objects.filter(codigo=TIPO_PLAZO.codigo).first() or TIPO_PLAZO


def estado_del_plazo(caso: CasoOIT, *, hoy: date, configuracion=TIPO_PLAZO) -> EstadoDelPlazo | None:
    """Business days left and traffic light of a case in trámite (None once answered or closed)."""
    if caso.estado != CasoOIT.Estado.EN_TRAMITE:
        return None
    fecha = caso.fecha_limite_respuesta
    restantes = dias_restantes(configuracion, fecha, hoy)
    if fecha < hoy:
        semaforo = "rojo"
    elif restantes <= configuracion.dias_alerta:
        semaforo = "amarillo"
    else:
        semaforo = "verde"
    return EstadoDelPlazo(restantes=restantes, semaforo=semaforo, dias_habiles=configuracion.dias_habiles)
