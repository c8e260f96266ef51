"""Reads of the call pipeline: the matrix, the progress of the nine tasks, people to pick, addressee records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.tipos import UsuarioOAnonimo

from . import iati, procedimiento
from .filters import ConvocatoriaFilter
from .models import Aviso, Convocatoria, Destinatario, InformeEjecucion, Proyecto
from .models.convocatoria import alcance_de_dependencia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def matriz_para(usuario: Usuario) -> QuerySet[Convocatoria]:
    """The calls the user may see, with what the matrix shows and their stored score (a constant number of queries).

    `completa` says whether the user reads the whole call (the office, the executing dependencia, the transversal
    roles) or only the notice their dependencia received: then the score and the Jefe's decision are not shown.
    """
    consulta = (
        Convocatoria.objects.visibles_para(usuario)
        .select_related("cooperante", "modalidad", "responsable", "dependencia", "moneda")
        .prefetch_related("ods")
    )
    if usuario.ve_todas_las_dependencias:
        completa: Value | Case = Value(True)
    else:
        dependencia_id = alcance_de_dependencia(usuario)
        completa = Case(
            When(Q(dependencia_id=dependencia_id) | Q(proyecto__dependencia_id=dependencia_id), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    return consulta.annotate(completa=completa)


ORDENAMIENTOS = {
    "puntaje": "puntaje",
    "cierre": "fecha_cierre",
    "cooperante": "cooperante__nombre",
    "nombre": "nombre",
    "estado": "estado",
    "monto": "monto_cop",
}


def matriz_filtrada(usuario: Usuario, datos: Mapping[str, Any]) -> QuerySet[Convocatoria]:
    """The matrix with the page's filters and order: what the page lists is what the export writes."""
    filtro = ConvocatoriaFilter(datos, queryset=matriz_para(usuario), usuario=usuario)
    orden = datos.get("orden", "-puntaje")
    clave = ORDENAMIENTOS.get(orden.lstrip("-"), "puntaje")
    return filtro.qs.order_by(("-" if orden.startswith("-") else "") + clave, "pk")


def responsables_posibles(dependencia_id: int | None = None) -> QuerySet[Usuario]:
    """Active Profesional and Jefe users (of one dependencia when given)."""
    usuarios = Usuario.objects.filter(is_active=True, groups__name__in=[roles.PROFESIONAL, roles.JEFE])
    if dependencia_id is not None:
        usuarios = usuarios.filter(dependencia_id=dependencia_id)
    return usuarios.select_related("dependencia").distinct().order_by("first_name", "last_name", "username")


def destinatario_propio(usuario: Usuario, convocatoria: Convocatoria) -> Destinatario | None:
    """The addressee record of the user's dependencia on this call, once the oficio was sent to it."""
    if not usuario.dependencia_id:
        return None
    return (
        convocatoria.destinatarios.filter(dependencia_id=usuario.dependencia_id, notificado_en__isnull=False)
        .select_related("dependencia", "respondido_por")
        .first()
    )


HECHA, ACTUAL, PENDIENTE, OMITIDA = "hecha", "actual", "pendiente", "omitida"
ETIQUETAS_ESTADO_TAREA = {
    HECHA: _("Hecha"),
    ACTUAL: _("En curso"),
    PENDIENTE: _("Pendiente"),
    OMITIDA: _("No aplica"),
}
# The task in course in each state (10: all done).
TAREA_EN_CURSO: dict[str, int] = {
    Convocatoria.Estado.IDENTIFICADA: 1,
    Convocatoria.Estado.PRIORIZADA: 2,
    Convocatoria.Estado.VALIDADA: 3,
    Convocatoria.Estado.INFORMADA: 3,
    Convocatoria.Estado.COMPROMISOS: 5,
    Convocatoria.Estado.EN_FORMULACION: 5,
    Convocatoria.Estado.APROBADA: 6,
    Convocatoria.Estado.PRESENTADA: 7,
    Convocatoria.Estado.ACEPTADA: 8,
    Convocatoria.Estado.EN_EJECUCION: 8,
    Convocatoria.Estado.FINALIZADA: 10,
}


@dataclass(frozen=True)
class Paso:
    tarea: procedimiento.Tarea
    estado: str

    @property
    def estado_display(self) -> StrOrPromise:
        return ETIQUETAS_ESTADO_TAREA[self.estado]


def pasos(convocatoria: Convocatoria, *, hay_aceptacion: bool) -> list[Paso]:
    """The nine tasks of AI-P-003 with their status for this call: done, in course, pending or not applicable."""
    estado = convocatoria.estado
    fin = None  # tasks from this one on do not apply (the procedure ended)
    if estado == Convocatoria.Estado.NO_APLICADA:
        en_curso, fin = 3, 3
    elif estado == Convocatoria.Estado.RECHAZADA:
        en_curso, fin = 8, 8
    elif estado == Convocatoria.Estado.DESISTIDA:
        anterior = convocatoria.estado_al_desistir or Convocatoria.Estado.VALIDADA
        en_curso = TAREA_EN_CURSO.get(anterior, 3)
        if anterior == Convocatoria.Estado.INFORMADA and hay_aceptacion:
            en_curso = 4
        fin = en_curso
    else:
        en_curso = TAREA_EN_CURSO.get(estado, 1)
        if estado == Convocatoria.Estado.INFORMADA and hay_aceptacion:
            en_curso = 4
    resultado = []
    for tarea in procedimiento.tareas():
        if fin is not None and tarea.numero >= fin:
            situacion = OMITIDA
        elif tarea.numero < en_curso:
            situacion = HECHA
        elif tarea.numero == en_curso:
            situacion = ACTUAL
        else:
            situacion = PENDIENTE
        resultado.append(Paso(tarea, situacion))
    return resultado


def detalle_completo(convocatoria: Convocatoria) -> dict[str, Any]:
    """What the call's page shows of each task's record (a fixed number of queries)."""
    destinatarios = list(convocatoria.destinatarios.select_related("dependencia", "respondido_por"))
    proyecto = Proyecto.objects.filter(convocatoria=convocatoria).select_related("supervisor", "dependencia").first()
    informes = []
    if proyecto is not None:
        informes = list(proyecto.informes.all())
    return {
        "aviso": Aviso.objects.filter(convocatoria=convocatoria).select_related("enviado_por").first(),
        "destinatarios": destinatarios,
        "hay_aceptacion": any(d.respuesta == Destinatario.Respuesta.ACEPTA for d in destinatarios),
        "sin_enviar": [d for d in destinatarios if d.notificado_en is None],
        "compromisos": list(convocatoria.compromisos.all()),
        "versiones": list(convocatoria.versiones.select_related("subido_por").order_by("-numero")),
        "proyecto": proyecto,
        "informes": informes,
        "informes_aceptados": sum(1 for i in informes if i.estado == InformeEjecucion.Estado.ACEPTADO),
    }


def proyectos_para(usuario: UsuarioOAnonimo) -> QuerySet[Proyecto]:
    """Projects the user may see, with the counts of their execution reports (one query for the page)."""
    return (
        Proyecto.objects.visibles_para(usuario)
        .select_related("convocatoria", "convocatoria__cooperante", "dependencia", "supervisor", "moneda")
        .annotate(
            informes_total=Count("informes", distinct=True),
            informes_aceptados=Count(
                "informes", filter=Q(informes__estado=InformeEjecucion.Estado.ACEPTADO), distinct=True
            ),
            informes_por_revisar=Count(
                "informes", filter=Q(informes__estado=InformeEjecucion.Estado.RECIBIDO), distinct=True
            ),
        )
    )


def detalle_de_proyecto(proyecto: Proyecto) -> dict[str, Any]:
    movimientos = list(proyecto.movimientos.select_related("registrado_por"))
    desembolsos = sum((m.monto for m in movimientos if m.tipo == "3"), start=0)
    gastos = sum((m.monto for m in movimientos if m.tipo == "4"), start=0)
    informes = list(proyecto.informes.select_related("recibido_por", "revisado_por"))
    for informe in informes:
        informe.proyecto = proyecto  # the predicates read the project: no query per report
    return {
        "participantes": list(proyecto.participantes.select_related("actor")),
        "informes": informes,
        "movimientos": movimientos,
        "desembolsos": desembolsos,
        "gastos": gastos,
        "saldo": desembolsos - gastos,
        "municipios": list(proyecto.municipios.select_related("departamento")),
        "ods": list(proyecto.ods.all()),
        "sectores": [(s, iati.sectores().get(s.codigo, "")) for s in proyecto.sectores.all()],
    }
