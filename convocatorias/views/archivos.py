"""Uploaded files are served only here, after applying the call's scope (404 outside it)."""

from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from cooperacion.core.views import PersonalRequeridoMixin

from .. import permissions
from ..models import (
    Aviso,
    Convocatoria,
    Destinatario,
    InformeEjecucion,
    MovimientoFinanciero,
    Proyecto,
    VersionDocumento,
)

# kind in the URL → (model, file field)
ARCHIVOS = {
    "acta-reunion": (Aviso, "acta_reunion"),
    "asistencia": (Aviso, "asistencia_reunion"),
    "oficio-respuesta": (Destinatario, "oficio_respuesta"),
    "acta-compromisos": (Convocatoria, "acta_compromisos"),
    "version": (VersionDocumento, "archivo"),
    "comprobante": (Convocatoria, "comprobante_presentacion"),
    "soporte-decision": (Convocatoria, "soporte_decision"),
    "informe": (InformeEjecucion, "archivo"),
    "soporte-movimiento": (MovimientoFinanciero, "soporte"),
    "informe-final": (Proyecto, "informe_final"),
}


class DescargarArchivoView(PersonalRequeridoMixin, View):
    def get(self, request, tipo, pk):
        if tipo not in ARCHIVOS:
            raise Http404
        modelo, campo = ARCHIVOS[tipo]
        objeto = get_object_or_404(modelo, pk=pk)
        convocatoria = objeto.convocatoria_para_archivos()
        if not Convocatoria.objects.visibles_para(request.user).filter(pk=convocatoria.pk).exists():
            raise Http404
        proyecto = Proyecto.objects.filter(convocatoria=convocatoria).first()
        propio = (
            tipo == "oficio-respuesta"
            and objeto.dependencia_id
            and objeto.dependencia_id == request.user.dependencia_id
        )
        if not (permissions.ve_toda_la_convocatoria(request.user, convocatoria, proyecto) or propio):
            raise Http404
        archivo = getattr(objeto, campo)
        if not archivo:
            raise Http404
        try:
            contenido = archivo.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        nombre = PurePath(archivo.name).name
        return FileResponse(contenido, as_attachment=True, filename=nombre.split("-", 1)[-1] or nombre)
