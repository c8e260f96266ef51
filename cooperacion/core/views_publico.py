"""The public transparency shell (no login): the index of what the entity publishes and the open data sets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from . import publico
from .reportes import texto_seguro_csv

if TYPE_CHECKING:
    _Vista = View  # what the mixin is mixed into
else:
    _Vista = object


class PublicoMixin(_Vista):
    """Public pages: no login, cacheable for a short while, never the staff navigation."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        respuesta = super().dispatch(request, *args, **kwargs)
        if not request.user.is_authenticated:
            respuesta.setdefault("Cache-Control", "public, max-age=300")
        return respuesta


class TransparenciaView(PublicoMixin, TemplateView):
    template_name = "publico/inicio.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            secciones=publico.secciones(),
            recientes=publico.recientes(20),
            conjuntos=publico.conjuntos(),
            **kwargs,
        )


class DatosView(PublicoMixin, TemplateView):
    template_name = "publico/datos.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(conjuntos=publico.conjuntos(), tipos=publico.TIPOS_DE_CAMPO, **kwargs)


class DiccionarioView(PublicoMixin, TemplateView):
    template_name = "publico/diccionario.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        conjunto = publico.conjunto(self.kwargs["codigo"])
        if conjunto is None:
            raise Http404
        campos = [(c, publico.TIPOS_DE_CAMPO.get(c.tipo, c.tipo)) for c in conjunto.campos]
        return super().get_context_data(conjunto=conjunto, campos=campos, **kwargs)


class _Eco:
    def write(self, valor: str) -> str:
        return valor


class DatosDescargaView(View):
    """A data set as CSV (UTF-8 with BOM, for Excel) or JSON, streamed row by row."""

    def get(self, request: HttpRequest, codigo: str, formato: str) -> StreamingHttpResponse:
        conjunto = publico.conjunto(codigo)
        if conjunto is None or formato not in ("csv", "json"):
            raise Http404
        nombres = [c.nombre for c in conjunto.campos]
        fecha = timezone.localdate().isoformat()
        if formato == "csv":
            escritor = csv.writer(_Eco())

            def lineas() -> Iterator[str]:
                yield "\ufeff" + escritor.writerow(nombres)
                for fila in conjunto.filas():
                    yield escritor.writerow([texto_seguro_csv(publico.valor_abierto(fila.get(n))) for n in nombres])

            respuesta = StreamingHttpResponse(lineas(), content_type="text/csv; charset=utf-8")
        else:

            def partes() -> Iterator[str]:
                cabecera = {"conjunto": conjunto.titulo, "descripcion": conjunto.descripcion, "generado": fecha}
                yield json.dumps(cabecera, ensure_ascii=False)[:-1] + ', "filas": ['

                primera = True
                for fila in conjunto.filas():
                    registro = {n: publico.valor_abierto(fila.get(n)) for n in nombres}
                    yield ("" if primera else ",") + json.dumps(registro, ensure_ascii=False)
                    primera = False
                yield "]}"

            respuesta = StreamingHttpResponse(partes(), content_type="application/json; charset=utf-8")
        respuesta["Content-Disposition"] = f'attachment; filename="{codigo}-{fecha}.{formato}"'
        respuesta["Cache-Control"] = "public, max-age=300"
        return respuesta
