"""IATI 2.03 and Cíclope-layout downloads of the cooperation projects, with the same scope and filters as the list."""

import csv
import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from cooperacion.core.publico import valor_abierto
from cooperacion.core.reportes import texto_seguro_csv
from cooperacion.core.views import PersonalRequeridoMixin

from .. import ciclope, iati
from ..filters import ProyectoFilter
from ..models import Proyecto
from .comun import proyecto_visible


def proyectos_filtrados(usuario, datos):
    """The projects list's filters (never request.GET passed to a queryset) on the user's scope."""
    return ProyectoFilter(datos, queryset=Proyecto.objects.visibles_para(usuario).order_by("codigo")).qs


def _respuesta_iati(request, proyectos, nombre: str):
    exportacion = iati.exportar_actividades(proyectos, sitio=request.build_absolute_uri("/").rstrip("/"))
    if not exportacion.valida:
        return render(
            request,
            "convocatorias/iati_problemas.html",
            {"problemas": list(exportacion.problemas.items()), "total": exportacion.total},
            status=422,
        )
    respuesta = HttpResponse(exportacion.contenido, content_type="application/xml; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}-{timezone.localdate():%Y%m%d}.xml"'
    return respuesta


class ProyectosIATIView(PersonalRequeridoMixin, View):
    """/convocatorias/proyectos/iati.xml: the filtered list as one iati-activities file."""

    def get(self, request):
        return _respuesta_iati(request, proyectos_filtrados(request.user, request.GET), "proyectos-iati")


class ProyectoIATIView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        proyecto = proyecto_visible(request.user, pk)
        return _respuesta_iati(request, Proyecto.objects.filter(pk=proyecto.pk), f"iati-{proyecto.codigo}")


def _sin_proyectos_ajenos(usuario, problemas) -> list:
    """The file adds up every dependencia's projects: those the user does not see are counted, not named."""
    con_proyecto = [p.pk for p in problemas if p is not None]
    visibles = set(Proyecto.objects.visibles_para(usuario).filter(pk__in=con_proyecto).values_list("pk", flat=True))
    resultado = [(p, lista) for p, lista in problemas.items() if p is None or p.pk in visibles]
    if ajenos := len(con_proyecto) - len(visibles):
        resultado.append(
            (
                None,
                [
                    _(
                        "%(n)s proyecto(s) de otras dependencias no tienen tasa de cambio a USD; la dependencia "
                        "responsable debe registrarla en «Datos para IATI y Cíclope»."
                    )
                    % {"n": ajenos}
                ],
            )
        )
    return resultado


class OrganizacionIATIView(PersonalRequeridoMixin, View):
    """The entity's iati-organisations file."""

    def get(self, request):
        exportacion = iati.exportar_organizacion()
        if not exportacion.valida:
            problemas = _sin_proyectos_ajenos(request.user, exportacion.problemas)
            return render(request, "convocatorias/iati_problemas.html", {"problemas": problemas}, status=422)
        respuesta = HttpResponse(exportacion.contenido, content_type="application/xml; charset=utf-8")
        respuesta["Content-Disposition"] = 'attachment; filename="organizacion-iati.xml"'
        return respuesta


class CiclopeView(PersonalRequeridoMixin, View):
    """/convocatorias/proyectos/ciclope.xlsx: the filtered projects in the Cíclope intervention layout."""

    def get(self, request):
        temporal = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it once sent)
        ciclope.exportar(proyectos_filtrados(request.user, request.GET), temporal)
        temporal.seek(0)
        return FileResponse(
            temporal,
            as_attachment=True,
            filename=f"proyectos-ciclope-{timezone.localdate():%Y%m%d}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class _Eco:
    def write(self, valor):
        return valor


class CiclopeCSVView(PersonalRequeridoMixin, View):
    """The same rows as CSV (UTF-8 with BOM, for Excel), streamed; user text never starts a formula."""

    def get(self, request):
        escritor = csv.writer(_Eco())
        proyectos = proyectos_filtrados(request.user, request.GET)

        def lineas():
            yield "\ufeff" + escritor.writerow(ciclope.COLUMNAS)
            for fila in ciclope.filas(proyectos):
                yield escritor.writerow([texto_seguro_csv(valor_abierto(v)) for v in fila])

        respuesta = StreamingHttpResponse(lineas(), content_type="text/csv; charset=utf-8")
        respuesta["Content-Disposition"] = f'attachment; filename="proyectos-ciclope-{timezone.localdate():%Y%m%d}.csv"'
        return respuesta
