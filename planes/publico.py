"""Published plans on the public transparency pages (cooperacion.core.publico): a section listing each published plan
and each year's institutional action plan with its publication date, newest first, and an open data set of the
published plans and their activities. Only what is published reaches these functions."""

from datetime import date
from typing import cast

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperacion.core import publico

from .models import Actividad, Plan, Vigencia


def documentos_publicados(limite: int):
    documentos = []
    for plan in Plan.objects.publicados().select_related("dependencia").order_by("-fecha_publicacion", "-pk")[:limite]:
        documentos.append(
            publico.Documento(
                titulo=plan.nombre,
                url=reverse("planes_publico:detalle", args=[plan.pk]),
                publicado_en=cast(date, plan.fecha_publicacion),  # a published plan has its date
                tipo=str(plan.get_tipo_display()),
                descripcion=f"{plan.anio_inicio}–{plan.anio_fin} · {plan.dependencia}"
                if plan.anio_fin != plan.anio_inicio
                else f"{plan.anio_inicio} · {plan.dependencia}",
            )
        )
    for vigencia in Vigencia.objects.filter(estado=Vigencia.Estado.PUBLICADA, fecha_publicacion__isnull=False).order_by(
        "-fecha_publicacion"
    )[:limite]:
        documentos.append(
            publico.Documento(
                titulo=vigencia.nombre_consolidado,
                url=reverse("planes_publico:consolidado", args=[vigencia.anio]),
                publicado_en=cast(date, vigencia.fecha_publicacion),  # filtered: not null
                tipo=str(_("Plan de Acción Institucional")),
                descripcion=str(_("Consolida los planes de acción de las dependencias.")),
            )
        )
    return sorted(documentos, key=lambda d: d.publicado_en, reverse=True)[:limite]


CAMPOS = (
    publico.Campo("plan", "texto", "Nombre del plan"),
    publico.Campo("tipo_plan", "texto", "Plan Estratégico Sectorial, Plan Estratégico Institucional o Plan de Acción"),
    publico.Campo("dependencia", "texto", "Dependencia responsable del plan"),
    publico.Campo("anio_inicio", "entero", "Primer año del plan"),
    publico.Campo("anio_fin", "entero", "Último año del plan"),
    publico.Campo("version_plan", "entero", "Versión del plan (aumenta con cada ajuste aprobado)"),
    publico.Campo("fecha_publicacion", "fecha", "Fecha de publicación del plan"),
    publico.Campo("objetivo", "texto", "Objetivo del plan al que pertenece la actividad"),
    publico.Campo("estrategia", "texto", "Estrategia o iniciativa"),
    publico.Campo("codigo_actividad", "texto", "Código de la actividad"),
    publico.Campo("actividad", "texto", "Descripción de la actividad"),
    publico.Campo("producto", "texto", "Producto o entregable"),
    publico.Campo("indicador", "texto", "Nombre del indicador"),
    publico.Campo("unidad", "texto", "Unidad de medida del indicador"),
    publico.Campo("peso", "decimal", "Peso de la actividad en el plan (%)"),
    publico.Campo("presupuesto_cop", "decimal", "Presupuesto de la actividad en pesos colombianos"),
    publico.Campo("bpin", "texto", "Código BPIN del proyecto de inversión, si lo hay"),
    publico.Campo("fecha_inicio", "fecha", "Inicio de la actividad"),
    publico.Campo("fecha_fin", "fecha", "Fin de la actividad"),
    publico.Campo("dependencia_ejecutora", "texto", "Dependencia que ejecuta la actividad"),
)


def filas_publicadas():
    actividades = (
        Actividad.objects.filter(plan__estado=Plan.Estado.PUBLICADO, retirada=False)
        .select_related("plan", "plan__dependencia", "estrategia", "estrategia__objetivo", "indicador")
        .select_related("dependencia_responsable")
        .order_by("-plan__fecha_publicacion", "plan__pk", "orden", "codigo")
    )
    for a in actividades.iterator(chunk_size=1000):
        plan = a.plan
        yield {
            "plan": plan.nombre,
            "tipo_plan": str(plan.get_tipo_display()),
            "dependencia": plan.dependencia.nombre,
            "anio_inicio": plan.anio_inicio,
            "anio_fin": plan.anio_fin,
            "version_plan": plan.version_plan,
            "fecha_publicacion": plan.fecha_publicacion,
            "objetivo": a.estrategia.objetivo.descripcion,
            "estrategia": a.estrategia.descripcion,
            "codigo_actividad": a.codigo,
            "actividad": a.descripcion,
            "producto": a.producto,
            "indicador": a.indicador.nombre,
            "unidad": a.indicador.unidad,
            "peso": a.peso,
            "presupuesto_cop": a.presupuesto,
            "bpin": a.bpin,
            "fecha_inicio": a.fecha_inicio,
            "fecha_fin": a.fecha_fin,
            "dependencia_ejecutora": a.dependencia_responsable.nombre,
        }


def ultima_publicacion():
    plan = Plan.objects.publicados().order_by("-fecha_publicacion").first()
    return plan.fecha_publicacion if plan else None


def registrar() -> None:
    publico.registrar_seccion(
        publico.Seccion(
            codigo="planes",
            titulo=str(_("Planes institucionales")),
            url_name="planes_publico:lista",
            documentos=documentos_publicados,
            descripcion=str(
                _("Planes estratégicos sectorial e institucional y planes de acción, con su fecha de publicación.")
            ),
            orden=20,
        )
    )
    publico.registrar_datos(
        publico.ConjuntoDeDatos(
            codigo="planes",
            titulo=str(_("Planes publicados y sus actividades")),
            descripcion=str(
                _(
                    "Cada fila es una actividad de un plan publicado (Plan Estratégico Sectorial, Institucional o Plan "
                    "de Acción): su producto, indicador, peso, presupuesto y fechas."
                )
            ),
            campos=CAMPOS,
            filas=filas_publicadas,
            publicador=str(_("Oficina Asesora de Planeación")),
            orden=20,
            actualizado=ultima_publicacion,
        )
    )
