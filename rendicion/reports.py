"""Documents of the accountability strategy through the core's report engine: the follow-up report of a cut-off
(published on the transparency pages), the questions and answers of a dialogue space, and the social-media metrics
of a year with their charts. Each is PDF (from the same template as its page) and Excel."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Usuario
from cooperacion.core.reportes import Columna, Fila, Parametros, Reporte

from . import selectors
from .models import Corte, EspacioDialogo, Estrategia, EvaluacionAccion, PreguntaCiudadana
from .models.estrategia import orden_de_elemento
from .services.seguimiento import INFORME_SEGUIMIENTO

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from cooperacion.core.tipos import UsuarioOAnonimo


def _identificador(datos) -> int:
    try:
        return int(str(datos.get("id", "")).strip())
    except ValueError as error:
        raise ErrorDeDominio(_("Este documento se genera desde la página de su registro.")) from error


class DocumentoDeRendicion(Reporte):
    """A document about one record, asked for from its page (never at the quarterly cut-off)."""

    formatos = ("pdf", "xlsx")
    horizontal = True
    en_lista = False  # asked for from its record's page, where its progress and download show
    de_un_registro = True
    vista_del_registro = ""  # the URL name of the record's page

    def url_del_registro(self, parametros: Parametros) -> str:
        return reverse(self.vista_del_registro, args=[parametros["id"]])

    def puede_generar(self, usuario: UsuarioOAnonimo) -> bool:
        return bool(usuario.is_authenticated and usuario.is_active and (usuario.roles or usuario.is_superuser))

    def puede_ver_automaticos(self, usuario: Usuario) -> bool:
        return False


class SeguimientoReporte(DocumentoDeRendicion):
    codigo = INFORME_SEGUIMIENTO
    vista_del_registro = "rendicion:corte"
    titulo = gettext_lazy("Informe de seguimiento a la estrategia de rendición de cuentas")
    descripcion = gettext_lazy("Se genera desde la página de cada corte de seguimiento.")
    codigo_documento = "OCI-RC"
    plantilla = "rendicion/reportes/seguimiento.html"
    columnas = (
        Columna(gettext_lazy("Elemento"), ancho=16),
        Columna(gettext_lazy("N.º"), ancho=6),
        Columna(gettext_lazy("Acción"), ancho=48),
        Columna(gettext_lazy("Entregable"), ancho=40),
        Columna(gettext_lazy("Responsable"), ancho=30),
        Columna(gettext_lazy("Avance al evaluar (%)"), "entero", ancho=10),
        Columna(gettext_lazy("Resultado"), ancho=20),
        Columna(gettext_lazy("Observaciones"), ancho=48),
        Columna(gettext_lazy("Evidencia revisada"), ancho=40),
    )

    def puede_generar(self, usuario: UsuarioOAnonimo) -> bool:
        return bool(usuario.is_authenticated and usuario.ve_todas_las_dependencias)

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        pk = _identificador(datos)
        if usuario is None or not Corte.objects.visibles_para(usuario).filter(pk=pk).exists():
            raise ErrorDeDominio(_("No hay un corte de seguimiento con ese número a su alcance."))
        return {"id": pk}

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        corte = Corte.objects.select_related("estrategia").filter(pk=parametros["id"]).first()
        if corte is None:
            return str(self.titulo)
        return f"{self.titulo} {corte.estrategia.anio} – {corte.nombre}"

    def _evaluaciones(self, parametros):
        return (
            EvaluacionAccion.objects.filter(corte_id=parametros["id"])
            .select_related("accion")
            .order_by(orden_de_elemento("accion__elemento"), "accion__numero")
        )

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int:
        return self._evaluaciones(parametros).count()

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        for evaluacion in self._evaluaciones(parametros).iterator(chunk_size=500):
            accion = evaluacion.accion
            yield (
                accion.get_elemento_display(),
                accion.numero,
                accion.texto,
                accion.entregable,
                accion.responsable_texto,
                evaluacion.avance,
                evaluacion.get_resultado_display() or _("Sin evaluar"),
                evaluacion.observaciones,
                evaluacion.evidencia_revisada,
            )

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        corte = Corte.objects.select_related("estrategia").get(pk=parametros["id"])
        evaluaciones = list(self._evaluaciones(parametros))
        resumen = selectors.resumen_de_evaluaciones(evaluaciones)
        return {
            "corte": corte,
            "estrategia": corte.estrategia,
            "borrador": corte.estado == Corte.Estado.ABIERTO,
            "resumen": [(_("Acciones evaluadas"), sum(1 for e in evaluaciones if e.resultado)), *resumen],
            "graficos": [
                (
                    _("Resultado de la evaluación"),
                    selectors.grafico_de_evaluaciones(str(_("Resultado de la evaluación")), resumen),
                )
            ],
            "parametros_display": [
                (_("Fecha de corte"), corte.fecha_corte.strftime("%d/%m/%Y")),
                (_("Publicar a más tardar el"), corte.fecha_limite_publicacion.strftime("%d/%m/%Y")),
            ],
        }


class PreguntasEspacioReporte(DocumentoDeRendicion):
    """The questions of a dialogue space and their answers, without the citizens' personal data."""

    codigo = "preguntas_espacio"
    vista_del_registro = "rendicion:espacio"
    titulo = gettext_lazy("Preguntas y respuestas del espacio de diálogo")
    descripcion = gettext_lazy("Se genera desde la página de cada espacio de diálogo.")
    codigo_documento = "RC-ED"
    plantilla = "rendicion/reportes/preguntas.html"
    columnas = (
        Columna(gettext_lazy("Número"), ancho=16),
        Columna(gettext_lazy("Recibida"), "fecha_hora", ancho=16),
        Columna(gettext_lazy("Pregunta"), ancho=60),
        Columna(gettext_lazy("Estado"), ancho=22),
        Columna(gettext_lazy("Motivo del rechazo"), ancho=26),
        Columna(gettext_lazy("Respuesta"), ancho=60),
        Columna(gettext_lazy("Respondida"), "fecha_hora", ancho=16),
        Columna(gettext_lazy("Fecha límite"), "fecha", ancho=13),
    )

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        pk = _identificador(datos)
        if usuario is None or not EspacioDialogo.objects.visibles_para(usuario).filter(pk=pk).exists():
            raise ErrorDeDominio(_("No hay un espacio de diálogo con ese número a su alcance."))
        return {"id": pk}

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        nombre = EspacioDialogo.objects.filter(pk=parametros["id"]).values_list("nombre", flat=True).first() or ""
        return f"{self.titulo} – {nombre}"

    def _preguntas(self, parametros):
        return PreguntaCiudadana.objects.filter(espacio_id=parametros["id"]).order_by("recibida_en", "pk")

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int:
        return self._preguntas(parametros).count()

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        for pregunta in self._preguntas(parametros).iterator(chunk_size=500):
            yield (
                pregunta.referencia,
                pregunta.recibida_en,
                pregunta.texto,
                pregunta.get_estado_display(),
                pregunta.get_motivo_rechazo_display(),
                pregunta.respuesta,
                pregunta.respondida_en,
                pregunta.fecha_limite_respuesta,
            )

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        espacio = EspacioDialogo.objects.select_related("estrategia", "dependencia").get(pk=parametros["id"])
        conteo = dict.fromkeys(PreguntaCiudadana.Estado, 0)
        for estado in self._preguntas(parametros).values_list("estado", flat=True):
            conteo[PreguntaCiudadana.Estado(estado)] += 1
        return {
            "espacio": espacio,
            "resumen": [(e.label, n) for e, n in conteo.items()],
            "parametros_display": [
                (_("Espacio"), espacio.get_tipo_display()),
                (_("Fecha"), timezone.localtime(espacio.fecha).strftime("%d/%m/%Y %H:%M")),
                (_("Organiza"), str(espacio.dependencia)),
            ],
        }


class MetricasReporte(DocumentoDeRendicion):
    """The social-media metrics of a year: a value per network, metric and month, with a chart per metric."""

    codigo = "metricas_rendicion"
    vista_del_registro = "rendicion:metricas"
    titulo = gettext_lazy("Métricas de redes sociales de la estrategia de rendición de cuentas")
    descripcion = gettext_lazy("Se genera desde la página de métricas de cada estrategia.")
    codigo_documento = "RC-MR"
    plantilla = "rendicion/reportes/metricas.html"
    columnas = (
        Columna(gettext_lazy("Red social"), ancho=14),
        Columna(gettext_lazy("Métrica"), ancho=36),
        Columna(gettext_lazy("Mes"), "fecha", ancho=12),
        Columna(gettext_lazy("Valor"), "entero", ancho=16),
    )

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        pk = _identificador(datos)
        if usuario is None or not Estrategia.objects.visibles_para(usuario).filter(pk=pk).exists():
            raise ErrorDeDominio(_("No hay una estrategia con ese número a su alcance."))
        return {"id": pk}

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        anio = Estrategia.objects.filter(pk=parametros["id"]).values_list("anio", flat=True).first() or ""
        return f"{self.titulo} {anio}"

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        from .models import RegistroMetrica

        consulta = (
            RegistroMetrica.objects.filter(definicion__estrategia_id=parametros["id"])
            .select_related("definicion")
            .order_by("definicion__red", "definicion__orden", "definicion_id", "mes")
        )
        for registro in consulta.iterator(chunk_size=1000):
            yield (registro.definicion.get_red_display(), registro.definicion.metrica, registro.mes, registro.valor)

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        estrategia = Estrategia.objects.get(pk=parametros["id"])
        return {"estrategia": estrategia, **selectors.metricas_de(estrategia)}
