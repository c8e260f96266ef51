"""Reads of ILO cases: who may answer them, their deadline for the core engine, and their traffic light."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperacion.core import roles
from cooperacion.core.models import Actor, TipoPlazo, Usuario
from cooperacion.core.numeros import formatear_numero
from cooperacion.core.plazos import SEMAFORO, Plazo, TipoDePlazo, dias_restantes
from cooperacion.core.vinculos import Seccion, Vinculado

from .models import AccionAlianza, CasoOIT, Convenio, InstrumentoInternacional, LineaPrioritaria, Necesidad

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from cooperacion.core.tipos import UsuarioOAnonimo

TIPO_PLAZO = TipoDePlazo(codigo="respuesta_oit", nombre="Respuesta a la OIT", dias_habiles=True, umbrales=(15, 5, 1))


def responsables_posibles(dependencia_id: int | None = None) -> QuerySet[Usuario]:
    """Active Profesional and Jefe users (of one dependencia when given), who may prepare an answer."""
    usuarios = Usuario.objects.filter(is_active=True, groups__name__in=[roles.PROFESIONAL, roles.JEFE])
    if dependencia_id is not None:
        usuarios = usuarios.filter(dependencia_id=dependencia_id)
    return usuarios.select_related("dependencia").distinct()


def plazos_de_respuesta(ids: set[int] | None) -> Iterator[Plazo]:
    """Deadline provider: one `Plazo` per case in trámite. Two queries whatever the number of cases."""
    consulta = CasoOIT.objects.en_tramite().select_related("responsable", "dependencia").order_by("pk")
    if ids is not None:
        consulta = consulta.filter(pk__in=ids)
    casos = list(consulta)
    tipos = dict(CasoOIT.Tipo.choices)
    if not casos:
        return
    jefes: dict[int | None, list[Usuario]] = defaultdict(list)
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
    def semaforo_display(self) -> StrOrPromise:
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


def configuracion_del_plazo() -> TipoPlazo | TipoDePlazo:
    """The Administrador's settings for this kind of deadline, or the declared defaults (one query)."""
    return TipoPlazo.objects.filter(codigo=TIPO_PLAZO.codigo).first() or TIPO_PLAZO


def estado_del_plazo(
    caso: CasoOIT, *, hoy: date, configuracion: TipoPlazo | TipoDePlazo = TIPO_PLAZO
) -> EstadoDelPlazo | None:
    """Business days left and traffic light of a case in trámite (None once answered or closed)."""
    if caso.estado != CasoOIT.Estado.EN_TRAMITE:
        return None
    fecha = caso.fecha_limite_respuesta
    # The declared defaults (a TipoDePlazo) carry the same `dias_habiles` as an Administrador's TipoPlazo row.
    restantes = dias_restantes(configuracion, fecha, hoy)  # type: ignore[arg-type]  # see the line above
    if fecha < hoy:
        semaforo = "rojo"
    elif restantes <= configuracion.dias_alerta:
        semaforo = "amarillo"
    else:
        semaforo = "verde"
    return EstadoDelPlazo(restantes=restantes, semaforo=semaforo, dias_habiles=configuracion.dias_habiles)


# Priority lines and needs -------------------------------------------------------------------------------------


def etiquetados_con(linea: LineaPrioritaria) -> Mapping[str, object]:
    """How many needs, calls and agreements carry the line (one query)."""
    fila = (
        type(linea)
        .objects.filter(pk=linea.pk)
        .annotate(
            n_necesidades=Count("necesidades", distinct=True),
            n_convocatorias=Count("convocatorias", distinct=True),
            n_convenios=Count("convenios", distinct=True),
        )
        .values("n_necesidades", "n_convocatorias", "n_convenios")
        .first()
    )
    return fila or {}


def convocatorias_de_la_necesidad(necesidad: Necesidad, usuario: UsuarioOAnonimo) -> list[Any]:
    """The calls (with their project) linked to the need that the user may see (one query)."""
    modelo: Any = type(necesidad)._meta.get_field("convocatorias").related_model
    return list(
        modelo.objects.visibles_para(usuario)
        .filter(necesidades=necesidad)
        .select_related("cooperante", "proyecto", "proyecto__moneda")
        .order_by("pk")
    )


def siguiente_prioridad() -> int:
    """The first free place in the office's ranking of open needs."""
    maximo = Necesidad.objects.abiertas().aggregate(m=Max("prioridad"))["m"]
    return (maximo or 0) + 1


@dataclass
class FilaResumen:
    nombre: str
    por_estado: dict[str, int] = field(default_factory=dict)
    estimado: dict[str, Decimal] = field(default_factory=dict)  # currency code → amount
    obtenido: dict[str, Decimal] = field(default_factory=dict)  # currency code → amount committed by the projects
    proyectos: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.por_estado.values())

    def estado(self, codigo: str) -> int:
        return self.por_estado.get(codigo, 0)


def _montos(por_moneda: dict[str, Decimal]) -> str:
    return "; ".join(f"{formatear_numero(v, 2)} {k}" for k, v in sorted(por_moneda.items())) or "—"


def necesidades_frente_a_cooperacion(usuario: UsuarioOAnonimo) -> dict[str, Any]:
    """Needs by state and estimated amount, against the cooperation obtained (the committed amount of the projects
    of the calls that attend them), by dependencia and by priority line. Six queries whatever the volume."""
    visibles = Necesidad.objects.visibles_para(usuario).order_by()
    sin_linea = str(_("Sin línea prioritaria"))
    tablas: dict[str, list[dict[str, Any]]] = {}
    for clave, campo in (("dependencia", "dependencia__nombre"), ("linea", "linea__nombre")):
        filas: dict[str, FilaResumen] = {}

        def fila(nombre: str | None, filas: dict[str, FilaResumen] = filas) -> FilaResumen:
            nombre = nombre or sin_linea
            return filas.setdefault(nombre, FilaResumen(nombre))

        for nombre, estado, n in visibles.values_list(campo, "estado").annotate(n=Count("pk")):
            fila(nombre).por_estado[estado] = n
        for nombre, moneda, suma in (
            visibles.filter(monto_estimado__isnull=False)
            .values_list(campo, "moneda__codigo")
            .annotate(s=Sum("monto_estimado"))
        ):
            fila(nombre).estimado[moneda] = suma
        obtenidos = visibles.filter(convocatorias__proyecto__isnull=False).values_list(
            campo,
            "convocatorias__proyecto__pk",
            "convocatorias__proyecto__moneda__codigo",
            "convocatorias__proyecto__monto_comprometido",
        )
        for nombre, proyecto, moneda, monto in obtenidos.distinct():
            destino = fila(nombre)
            if proyecto not in destino.proyectos:  # a project that attends two needs of one row counts once
                destino.proyectos.add(proyecto)
                destino.obtenido[moneda] = destino.obtenido.get(moneda, Decimal(0)) + monto
        tablas[clave] = [
            {
                "nombre": f.nombre,
                "estados": [f.estado(codigo) for codigo, _e in Necesidad.Estado.choices],
                "total": f.total,
                "estimado": _montos(f.estimado),
                "obtenido": _montos(f.obtenido),
                "proyectos": len(f.proyectos),
            }
            for f in sorted(filas.values(), key=lambda f: f.nombre)
        ]
    return {"estados": [e for _c, e in Necesidad.Estado.choices], **tablas}


def convenios_del_actor(actor: Actor, usuario: UsuarioOAnonimo) -> Seccion:
    """The agreements the actor signed that the user may see, for the actor's page: one query."""
    consulta = (
        Convenio.objects.visibles_para(usuario)
        .filter(actores=actor)
        .select_related("moneda")
        .order_by("-fecha_firma", "pk")
    )
    return Seccion(
        titulo=_("Convenios, acuerdos y memorandos"),
        etiqueta_monto=_("Monto"),
        filas=[
            Vinculado(
                titulo=str(c),
                url=c.get_absolute_url(),
                detalle=_("Vigente hasta el %(f)s") % {"f": c.fecha_fin.strftime("%d/%m/%Y")},
                estado=c.get_estado_display(),
                monto=c.monto,
                moneda=c.moneda.codigo if c.moneda is not None else "",  # selected with the agreement: no query
            )
            for c in consulta
        ],
    )


def instrumentos_del_actor(actor: Actor, usuario: UsuarioOAnonimo) -> Seccion:
    """The instruments of the organization that the user may see, for the actor's page: one query."""
    consulta = InstrumentoInternacional.objects.visibles_para(usuario).filter(organizacion=actor).order_by("codigo")
    return Seccion(
        titulo=_("Instrumentos internacionales"),
        filas=[Vinculado(titulo=str(i), url=i.get_absolute_url(), estado=i.get_estado_display()) for i in consulta],
    )


def acciones_del_actor(actor: Actor, usuario: UsuarioOAnonimo) -> Seccion:
    """The alliance actions where the actor is an ally, that the user may see: one query."""
    consulta = AccionAlianza.objects.visibles_para(usuario).filter(aliados=actor).order_by("-fecha_inicio", "pk")
    return Seccion(
        titulo=_("Acciones de alianza"),
        filas=[
            Vinculado(
                titulo=a.nombre,
                url=a.get_absolute_url(),
                detalle=a.get_tipo_producto_display(),
                estado=a.get_estado_display(),
            )
            for a in consulta
        ],
    )
