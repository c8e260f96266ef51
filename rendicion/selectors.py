"""Non-trivial reads of the accountability strategy, each with a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from cooperacion.core import colores, graficos
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import (
    AccionMejora,
    AccionRendicion,
    Corte,
    Elemento,
    ElementoEstrategia,
    EspacioDialogo,
    Estrategia,
    EvaluacionAccion,
    MetricaDefinida,
    PreguntaCiudadana,
    RegistroMetrica,
    ResponsableAccion,
)
from .models.estrategia import orden_de_elemento

MESES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
MESES_LARGOS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
COLORES_RESULTADO = {
    str(EvaluacionAccion.Resultado.CUMPLIDA.label): colores.VERDE,
    str(EvaluacionAccion.Resultado.PARCIAL.label): colores.AMARILLO,
    str(EvaluacionAccion.Resultado.NO_CUMPLIDA.label): colores.ROJO,
    _("Sin evaluar"): colores.GRIS,
}


def responsables_prefetch() -> Prefetch[Any, Any, Any]:
    return Prefetch("responsables", queryset=ResponsableAccion.objects.select_related("dependencia"))


def acciones_con_responsables(consulta: QuerySet[AccionRendicion]) -> QuerySet[AccionRendicion]:
    return consulta.select_related("estrategia").prefetch_related(responsables_prefetch())


@dataclass
class GrupoDeElemento:
    clave: str
    nombre: str
    elemento: ElementoEstrategia | None
    acciones: list[AccionRendicion]


def acciones_por_elemento(estrategia: Estrategia, acciones: Iterable[AccionRendicion]) -> list[GrupoDeElemento]:
    """The three elements in order with the strategy's texts and their actions (already loaded)."""
    textos = {e.clave: e for e in estrategia.elementos.all()}
    por_elemento = defaultdict(list)
    for accion in acciones:
        por_elemento[accion.elemento].append(accion)
    return [
        GrupoDeElemento(
            clave=e.value,
            nombre=str(e.label),
            elemento=textos.get(e.value),
            acciones=sorted(por_elemento[e.value], key=lambda a: a.numero),
        )
        for e in Elemento
    ]


def detalle_de_estrategia(estrategia: Estrategia, usuario: UsuarioOAnonimo) -> dict[str, Any]:
    """Everything the strategy's staff page shows."""
    acciones = list(
        acciones_con_responsables(estrategia.acciones.all()).prefetch_related("ods").order_by("elemento", "numero")
    )
    visibles = set(
        AccionRendicion.objects.visibles_para(usuario).filter(estrategia=estrategia).values_list("pk", flat=True)
    )
    for accion in acciones:
        accion.visible = accion.pk in visibles  # type: ignore[attr-defined]  # a flag for the page on the loaded row
    return {
        "grupos": acciones_por_elemento(estrategia, acciones),
        "objetivos": list(estrategia.objetivos.all()),
        "etapas": list(estrategia.etapas.select_related("completada_por")),
        "ods": list(estrategia.ods.all()),
        "total_acciones": len(acciones),
        "cumplidas": sum(1 for a in acciones if a.estado == AccionRendicion.Estado.CUMPLIDA),
        "cortes": list(Corte.objects.visibles_para(usuario).filter(estrategia=estrategia).order_by("fecha_corte")),
        "espacios": list(
            EspacioDialogo.objects.visibles_para(usuario)
            .filter(estrategia=estrategia)
            .select_related("dependencia")
            .annotate(por_moderar=Count("preguntas", filter=Q(preguntas__estado=PreguntaCiudadana.Estado.RECIBIDA)))
            .order_by("fecha")
        ),
        "mejoras_abiertas": AccionMejora.objects.visibles_para(usuario)
        .filter(estrategia=estrategia, estado=AccionMejora.Estado.ABIERTA)
        .count(),
    }


def avance_de_la_estrategia(acciones: Iterable[AccionRendicion]) -> int:
    lista = list(acciones)
    if not lista:
        return 0
    return round(sum(a.porcentaje_avance for a in lista) / len(lista))


# Metrics ---------------------------------------------------------------------------------------------


@dataclass
class FilaMetrica:
    definicion: MetricaDefinida
    valores: list[int | None]  # 12 values (None where not entered)


def metricas_de(estrategia: Estrategia) -> dict[str, Any]:
    """The metric fields of the strategy grouped by network, with their 12 monthly values and a chart per metric
    (two queries)."""
    definiciones = list(estrategia.metricas.order_by("red", "orden", "pk"))
    valores: dict[tuple[int, int], int] = {}
    for definicion_id, mes, valor in RegistroMetrica.objects.filter(definicion__estrategia=estrategia).values_list(
        "definicion_id", "mes", "valor"
    ):
        valores[(definicion_id, mes.month)] = valor
    redes: list[dict[str, Any]] = []
    actual: dict[str, Any] | None = None
    for definicion in definiciones:
        fila = FilaMetrica(definicion, [valores.get((definicion.pk, m)) for m in range(1, 13)])
        if actual is None or actual["red"] != definicion.red:
            actual = {"red": definicion.red, "nombre": definicion.get_red_display(), "filas": [], "graficos": []}
            redes.append(actual)
        actual["filas"].append(fila)
        datos = [(MESES[m], valor) for m, valor in enumerate(fila.valores) if valor is not None]
        if datos:
            titulo = f"{definicion.get_red_display()}: {definicion.metrica} ({estrategia.anio})"
            actual["graficos"].append((titulo, graficos.barras(titulo, datos)))
    meses_con_datos = sorted({m for (_d, m) in valores})
    return {"redes": redes, "meses": MESES, "meses_con_datos": meses_con_datos, "hay_datos": bool(valores)}


def valores_del_mes(estrategia: Estrategia, mes: date) -> dict[int, int]:
    return dict(
        RegistroMetrica.objects.filter(definicion__estrategia=estrategia, mes=mes).values_list("definicion_id", "valor")
    )


# Follow-up --------------------------------------------------------------------------------------------


def evaluaciones_del_corte(corte: Corte) -> list[EvaluacionAccion]:
    return list(
        corte.evaluaciones.select_related("accion", "evaluada_por")
        .prefetch_related(
            Prefetch("accion__responsables", queryset=ResponsableAccion.objects.select_related("dependencia"))
        )
        .order_by(orden_de_elemento("accion__elemento"), "accion__numero")
    )


def resumen_de_evaluaciones(evaluaciones: Iterable[EvaluacionAccion]) -> list[tuple[str, int]]:
    conteo: defaultdict[str, int] = defaultdict(int)
    for evaluacion in evaluaciones:
        conteo[evaluacion.resultado] += 1
    filas = [(str(r.label), conteo[r.value]) for r in EvaluacionAccion.Resultado]
    if conteo[""]:
        filas.append((_("Sin evaluar"), conteo[""]))
    return filas


def grafico_de_evaluaciones(titulo: str, resumen: Sequence[tuple[str, float]]) -> str:
    return graficos.barras(titulo, resumen, colores=COLORES_RESULTADO)
