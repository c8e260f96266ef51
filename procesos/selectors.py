"""Reads of process characterizations: the document as laid out, section differences, pending work."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Field, Model, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import get_history_manager_for_model

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.pendientes import Pendiente
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import (
    Caracterizacion,
    ControlCambio,
    Documento,
    Etapa,
    FilaPHVA,
    Firma,
    ParteInteresada,
    PoliticaAsociada,
    RequisitoLegal,
    Riesgo,
)

# The PHVA columns in the order of the official formats; a column shows when some row fills it, so the
# PR-CRI layout (fuentes / receptores) and the 4212000-CR-040 layout (internal/external split) both appear
# as written. Entradas, actividades and salidas are always there.
COLUMNAS_PHVA = [
    ("proveedor_externo", "Proveedor externo"),
    ("proveedor_interno", "Proveedor interno"),
    ("fuente", "Fuentes de entradas"),
    ("entradas", "Entradas"),
    ("actividades", "Actividades"),
    ("responsables", "Responsable"),
    ("salidas", "Salidas"),
    ("cliente_interno", "Cliente interno"),
    ("cliente_externo", "Cliente externo"),
    ("receptor", "Receptores de salidas"),
]
SIEMPRE = {"entradas", "actividades", "salidas"}
LISTAS = ("entradas", "actividades", "responsables", "salidas")

# "Seguimiento y control": label, field. Labels as the 4212000-CR-040 format writes them.
SEGUIMIENTO = [
    ("Normatividad", "nota_normatividad"),
    ("Documentos", "nota_documentos"),
    ("Riesgos y controles", "nota_riesgos"),
    ("Acciones", "nota_acciones"),
    ("Indicadores", "indicadores"),
    ("Políticas de operación", "politicas_operacion"),
    ("Políticas de gestión y desempeño", "nota_politicas"),
    ("Productos y/o servicios", "productos_servicios"),
]
RECURSOS = [
    ("Humanos", "recursos_humanos"),
    ("Financieros", "recursos_financieros"),
    ("Tecnológicos", "recursos_tecnologicos"),
    ("Infraestructura", "recursos_infraestructura"),
]


def con_todo(consulta: QuerySet[Caracterizacion]) -> QuerySet[Caracterizacion]:
    """A characterization queryset with everything its document shows, in a constant number of queries."""
    return consulta.select_related("proceso", "dependencia", "version_anterior").prefetch_related(
        Prefetch(
            "filas",
            queryset=FilaPHVA.objects.order_by("etapa", "orden", "pk").prefetch_related(
                Prefetch(
                    "partes",
                    queryset=ParteInteresada.objects.select_related("dependencia", "proceso", "actor").order_by(
                        "orden", "pk"
                    ),
                )
            ),
        ),
        Prefetch("documentos", queryset=Documento.objects.order_by("orden", "pk")),
        "requisitos",
        "riesgos",
        "politicas__politica",
        Prefetch("firmas", queryset=Firma.objects.select_related("usuario").order_by("paso", "orden", "pk")),
        "cambios",
    )


@dataclass
class Item:
    texto: str
    url: str = ""
    catalogo: str = ""


@dataclass
class FilaDocumento:
    fila: FilaPHVA
    celdas: list[list[Item]] = field(default_factory=list)


@dataclass
class EtapaDocumento:
    etapa: int
    nombre: str
    filas: list[FilaDocumento]


def _items_de_parte(parte: ParteInteresada) -> Item:
    if parte.actor_id:
        return Item(parte.texto, reverse("core:actor-detalle", args=[parte.actor_id]), _("Actor"))
    if parte.dependencia_id:
        return Item(parte.texto, "", _("Dependencia"))
    if parte.proceso_id:
        return Item(parte.texto, "", _("Proceso"))
    return Item(parte.texto)


def _valores_fila(fila: FilaPHVA) -> dict[str, list[Item]]:
    valores: dict[str, list[Item]] = {clave: [] for clave, _titulo in COLUMNAS_PHVA}
    for clave in LISTAS:
        valores[clave] = [Item(t) for t in getattr(fila, clave)]
    for parte in sorted(fila.partes.all(), key=lambda p: (p.orden, p.pk)):
        valores[parte.tipo].append(_items_de_parte(parte))
    return valores


def documento(c: Caracterizacion) -> dict[str, Any]:
    """The characterization as the official document shows it (call on an object loaded with `con_todo`)."""
    filas = list(c.filas.all())
    valores = {f.pk: _valores_fila(f) for f in filas}
    columnas = [
        (clave, titulo)
        for clave, titulo in COLUMNAS_PHVA
        if clave in SIEMPRE or any(valores[f.pk][clave] for f in filas)
    ]
    etapas = []
    for etapa in Etapa:
        de_la_etapa = [f for f in filas if f.etapa == etapa.value]
        etapas.append(
            EtapaDocumento(
                etapa=etapa.value,
                nombre=str(etapa.label),
                filas=[FilaDocumento(f, [valores[f.pk][clave] for clave, _t in columnas]) for f in de_la_etapa],
            )
        )
    documentos = list(c.documentos.all())
    firmas = list(c.firmas.all())
    return {
        "columnas": columnas,
        "etapas": etapas,
        "total_filas": len(filas),
        "documentos_proceso": [d for d in documentos if d.clase == Documento.Clase.PROCESO],
        "documentos_asociados": [d for d in documentos if d.clase == Documento.Clase.ASOCIADO],
        "requisitos": list(c.requisitos.all()),
        "riesgos": list(c.riesgos.all()),
        "politicas": [a.politica for a in c.politicas.all()],
        "seguimiento": [(etiqueta, getattr(c, campo)) for etiqueta, campo in SEGUIMIENTO if getattr(c, campo)],
        "recursos": [(etiqueta, getattr(c, campo)) for etiqueta, campo in RECURSOS if getattr(c, campo)],
        "firmas": [(paso, [f for f in firmas if f.paso == paso.value]) for paso in Firma.Paso],
        "hay_firmas": bool(firmas),
        "cambios": list(c.cambios.all()),
    }


# Differences between versions -------------------------------------------------------------------------


def _partes_clave(fila: FilaPHVA) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (p.tipo, p.texto, p.dependencia_id, p.proceso_id, p.actor_id)
        for p in sorted(fila.partes.all(), key=lambda p: (p.tipo, p.orden, p.pk))
    )


def secciones(c: Caracterizacion) -> dict[str, object]:
    """The content of a characterization by section name, comparable between versions."""
    filas = list(c.filas.prefetch_related("partes").order_by("etapa", "orden", "pk"))
    resultado: dict[str, object] = {
        "Entidad": c.entidad,
        "Nombre del proceso": c.nombre,
        "Tipología": c.tipologia,
        "Responsable": (c.responsable, c.dependencia_id),
        "Objetivo": c.objetivo,
        "Alcance": c.alcance,
    }
    for etapa in Etapa:
        resultado[f"Ciclo PHVA: {etapa.label}"] = [
            (tuple(tuple(getattr(f, k)) for k in LISTAS), _partes_clave(f)) for f in filas if f.etapa == etapa.value
        ]
    documentos = list(c.documentos.order_by("orden", "pk"))
    resultado["Documentos del proceso"] = [
        (d.codigo, d.nombre, d.archivo.name) for d in documentos if d.clase == Documento.Clase.PROCESO
    ]
    resultado["Documentos asociados"] = [
        (d.codigo, d.nombre, d.archivo.name) for d in documentos if d.clase == Documento.Clase.ASOCIADO
    ]
    resultado["Requisitos legales"] = list(
        c.requisitos.order_by("orden", "pk").values_list("norma", "articulo", "descripcion")
    )
    resultado["Riesgos"] = list(c.riesgos.order_by("orden", "pk").values_list("codigo", "descripcion", "controles"))
    resultado["Políticas MIPG"] = sorted(c.politicas.values_list("politica_id", flat=True))
    resultado["Rol en el esquema de líneas de defensa"] = c.rol_lineas_defensa
    resultado["Mecanismos de seguimiento y medición"] = list(c.mecanismos_seguimiento)
    for etiqueta, campo in SEGUIMIENTO:
        resultado[etiqueta] = getattr(c, campo)
    resultado["Recursos"] = tuple(getattr(c, campo) for _e, campo in RECURSOS)
    return resultado


def secciones_cambiadas(anterior: Caracterizacion, actual: Caracterizacion) -> list[str]:
    antes, despues = secciones(anterior), secciones(actual)
    return [nombre for nombre in despues if antes.get(nombre) != despues[nombre]]


def propuesta_control_cambios(c: Caracterizacion) -> tuple[str, str]:
    """The change-control row suggested for this version: the sections that differ from the previous one."""
    anterior = c.version_anterior  # None without a query when there is no previous version
    if anterior is None:
        return "Todo el documento", "Elaboración de la caracterización del proceso."
    cambiadas = secciones_cambiadas(anterior, c)
    if not cambiadas:
        return "Ninguna", f"Se revisó la versión {anterior.version} sin cambios de contenido."
    return ", ".join(cambiadas), f"Se actualizaron: {', '.join(cambiadas)}."


# Mis pendientes ------------------------------------------------------------------------------------------


def pendientes_de_procesos(usuario: UsuarioOAnonimo) -> Iterable[Pendiente]:
    """Drafts waiting for the Jefe's review (or the Administrador's) and drafts in the user's dependencia."""
    if not usuario.is_authenticated:
        return []
    resultado: list[Pendiente] = []
    if usuario.tiene_rol(roles.JEFE, roles.ADMINISTRADOR):
        en_revision = Caracterizacion.objects.filter(estado=Caracterizacion.Estado.EN_REVISION)
        if not usuario.tiene_rol(roles.ADMINISTRADOR):
            # Every characterization has a dependencia: a Jefe without one has none to review.
            en_revision = (
                en_revision.filter(dependencia_id=usuario.dependencia_id)
                if usuario.dependencia_id is not None
                else en_revision.none()
            )
        for c in en_revision.select_related("proceso")[:50]:
            resultado.append(
                Pendiente(
                    titulo=f"{c.proceso.codigo} v{c.version} · {c.nombre}",
                    url=c.get_absolute_url(),
                    tipo=_("Caracterización por revisar"),
                    detalle=_("Revísela y apruébela, o devuélvala con observaciones."),
                    origen="procesos",
                    accion=_("Revisar"),
                )
            )
    if usuario.tiene_rol(roles.PROFESIONAL) and usuario.dependencia_id:
        borradores = Caracterizacion.objects.filter(
            estado=Caracterizacion.Estado.BORRADOR, dependencia_id=usuario.dependencia_id
        ).select_related("proceso")[:50]
        for c in borradores:
            resultado.append(
                Pendiente(
                    titulo=f"{c.proceso.codigo} v{c.version} · {c.nombre}",
                    url=c.get_absolute_url(),
                    tipo=_("Caracterización en borrador"),
                    detalle=_("Complete el borrador y envíelo a revisión del jefe."),
                    origen="procesos",
                    accion=_("Continuar"),
                )
            )
    return resultado


# Content history ---------------------------------------------------------------------------------------


@dataclass
class CambioContenido:
    fecha: datetime
    usuario: Usuario | None
    tipo: str
    seccion: str
    registro: str
    motivo: str
    cambios: list[tuple[str, str, str]]


def _mostrar(campo: Field[Any, Any], valor: object) -> str:
    if valor in (None, "", []):
        return "—"
    if isinstance(valor, list):
        return "; ".join(str(v) for v in valor)
    if campo.choices:
        return str(dict(campo.flatchoices).get(valor, valor))
    return str(valor)


def historial_de_contenido(c: Caracterizacion) -> list[CambioContenido]:
    """Who added, changed or removed which row of the document (PHVA rows, suppliers and clients, documents,
    requirements, risks, policies, signatures, change control), newest first; one query per kind of row."""
    filas_ids = set(FilaPHVA.history.filter(caracterizacion_id=c.pk).values_list("id", flat=True))
    fuentes: list[tuple[type[Model], str, dict[str, object], tuple[str, ...]]] = [
        (FilaPHVA, _("Ciclo PHVA"), {"caracterizacion_id": c.pk}, ()),
        (ParteInteresada, _("Proveedores y clientes"), {"fila_id__in": filas_ids}, ()),
        (Documento, _("Documentos"), {"caracterizacion_id": c.pk}, ()),
        (RequisitoLegal, _("Requisitos legales"), {"caracterizacion_id": c.pk}, ()),
        (Riesgo, _("Riesgos"), {"caracterizacion_id": c.pk}, ()),
        (PoliticaAsociada, _("Políticas MIPG"), {"caracterizacion_id": c.pk}, ("politica",)),
        (Firma, _("Aprobación"), {"caracterizacion_id": c.pk}, ()),
        (ControlCambio, _("Control de cambios"), {"caracterizacion_id": c.pk}, ()),
    ]
    tipos = {"+": _("Agregado"), "~": _("Modificado"), "-": _("Eliminado")}
    entradas = []
    for modelo, seccion, filtro, relacionados in fuentes:
        campos = [f for f in modelo._meta.concrete_fields if f.name not in ("id", "caracterizacion", "fila", "usuario")]
        registros = (
            get_history_manager_for_model(modelo)
            .filter(**filtro)
            .select_related("history_user", *relacionados)
            .order_by("id", "history_date", "history_id")
        )
        previos: dict[int, Any] = {}
        for registro in registros:
            previo = previos.get(registro.id)
            cambios = []
            if registro.history_type == "~" and previo is not None:
                for campo in campos:
                    antes, despues = getattr(previo, campo.attname), getattr(registro, campo.attname)
                    if antes != despues:
                        if campo.is_relation:
                            antes, despues = getattr(previo, campo.name, antes), getattr(registro, campo.name, despues)
                        cambios.append(
                            (str(campo.verbose_name).capitalize(), _mostrar(campo, antes), _mostrar(campo, despues))
                        )
            previos[registro.id] = registro
            if registro.history_type == "~" and not cambios:
                continue
            entradas.append(
                CambioContenido(
                    fecha=registro.history_date,
                    usuario=registro.history_user,
                    tipo=str(tipos.get(registro.history_type, registro.history_type)),
                    seccion=str(seccion),
                    registro=str(registro.politica if modelo is PoliticaAsociada else registro.instance),
                    motivo=registro.history_change_reason or "",
                    cambios=cambios,
                )
            )
    entradas.sort(key=lambda e: e.fecha, reverse=True)
    return entradas
