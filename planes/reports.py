"""The quarterly follow-up report of the plans (DE-PD-01 activities 17-19), through the core's report engine.

One selector (`selectors.informe`) gathers the quarter; the page, the PDF (the same template) and the Excel book
write its figures, which all come from indicadores' one computation. Generated at each cut-off and on demand; the
whole-entity copies are remitted to Control Interno (activity 18).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList

from cooperacion.core import graficos, periodos
from cooperacion.core.models import Dependencia, ReporteGenerado, Usuario
from cooperacion.core.reportes import Columna, Fila, Parametros, escribir_hoja, libro_excel
from cooperacion.core.reportes_nucleo import ReporteTrimestral
from indicadores import calculo
from indicadores import graficos as graficos_indicadores
from indicadores.graficos import COLOR_ESTADO

from . import procedimiento, selectors
from .services.informe import remision_encolar

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


ETIQUETAS = calculo.ETIQUETAS_ESTADO
GRAFICOS_DE_INDICADORES_PDF = 12


def fraccion(cumplimiento: calculo.Cumplimiento | None) -> Decimal | None:
    """A compliance for an Excel percentage cell (0.875 shows as 87,5 %); None when the state has no figure."""
    if cumplimiento is None or cumplimiento.valor is None:
        return None
    return calculo.redondear(cumplimiento.valor) / 100


def semaforo(cumplimiento: calculo.Cumplimiento) -> str:
    return ETIQUETAS[cumplimiento.estado]


def por_ciento(valor: Decimal | None) -> Decimal | None:
    return None if valor is None else calculo.redondear(valor) / 100


C = Columna
COLUMNAS_RESUMEN = (
    C(gettext_lazy("Concepto"), ancho=52),
    C(gettext_lazy("Valor"), "decimal", 18),
    C(gettext_lazy("Unidad"), ancho=16),
)
COLUMNAS_PLANES = (
    C(gettext_lazy("Plan"), ancho=50),
    C(gettext_lazy("Tipo"), ancho=26),
    C(gettext_lazy("Dependencia"), ancho=34),
    C(gettext_lazy("Versión"), "entero", 9),
    C(gettext_lazy("Actividades"), "entero", 11),
    C(gettext_lazy("Por debajo de lo programado"), "entero", 13),
    C(gettext_lazy("Cumplimiento ponderado"), "porcentaje", 14),
    C(gettext_lazy("Semáforo"), ancho=12),
    C(gettext_lazy("Presupuesto (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecutado (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecución presupuestal"), "porcentaje", 13),
)
COLUMNAS_DIAGNOSTICO = (
    C(gettext_lazy("Dependencia"), ancho=40),
    C(gettext_lazy("Estado del seguimiento"), ancho=22),
    C(gettext_lazy("Actividades"), "entero", 11),
    C(gettext_lazy("Reportadas"), "entero", 11),
    C(gettext_lazy("Por debajo"), "entero", 11),
    C(gettext_lazy("Justificadas"), "entero", 11),
    C(gettext_lazy("Devueltas"), "entero", 10),
    C(gettext_lazy("Alertas presupuestales"), "entero", 12),
    C(gettext_lazy("Cumplimiento del plan de acción"), "porcentaje", 15),
    C(gettext_lazy("Semáforo"), ancho=12),
    C(gettext_lazy("Presupuesto (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecutado (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecución presupuestal"), "porcentaje", 13),
    C(gettext_lazy("Observaciones de Control Interno"), ancho=50),
    C(gettext_lazy("Diagnóstico de Planeación"), ancho=60),
    C(gettext_lazy("Recomendaciones"), ancho=50),
)
COLUMNAS_ACTIVIDADES = (
    C(gettext_lazy("Dependencia"), ancho=14),
    C(gettext_lazy("Plan"), ancho=36),
    C(gettext_lazy("Código"), ancho=9),
    C(gettext_lazy("Actividad"), ancho=48),
    C(gettext_lazy("Producto"), ancho=30),
    C(gettext_lazy("Indicador"), ancho=36),
    C(gettext_lazy("Unidad"), ancho=12),
    C(gettext_lazy("Peso (%)"), "decimal", 9),
    C(gettext_lazy("Meta del trimestre"), "decimal", 12),
    C(gettext_lazy("Resultado del trimestre"), "decimal", 12),
    C(gettext_lazy("Cumplimiento del trimestre"), "porcentaje", 13),
    C(gettext_lazy("Meta acumulada"), "decimal", 12),
    C(gettext_lazy("Resultado acumulado"), "decimal", 12),
    C(gettext_lazy("Cumplimiento acumulado"), "porcentaje", 13),
    C(gettext_lazy("Semáforo"), ancho=12),
    C(gettext_lazy("Avance del año"), "porcentaje", 11),
    C(gettext_lazy("Estado del reporte"), ancho=18),
    C(gettext_lazy("Justificación"), ancho=50),
)
COLUMNAS_BAJO_META = (
    C(gettext_lazy("Dependencia"), ancho=14),
    C(gettext_lazy("Plan"), ancho=36),
    C(gettext_lazy("Código"), ancho=9),
    C(gettext_lazy("Actividad"), ancho=48),
    C(gettext_lazy("Cumplimiento acumulado"), "porcentaje", 13),
    C(gettext_lazy("Semáforo"), ancho=12),
    C(gettext_lazy("Justificación"), ancho=60),
    C(gettext_lazy("Avance cualitativo"), ancho=60),
)
COLUMNAS_INDICADORES = (
    C(gettext_lazy("Código"), ancho=16),
    C(gettext_lazy("Indicador"), ancho=44),
    C(gettext_lazy("Dependencia"), ancho=14),
    C(gettext_lazy("Acumulación"), ancho=14),
    C(gettext_lazy("Sentido"), ancho=14),
    C(gettext_lazy("Unidad"), ancho=12),
    C(gettext_lazy("Línea base"), "decimal", 11),
    C(gettext_lazy("Meta del trimestre"), "decimal", 12),
    C(gettext_lazy("Resultado del trimestre"), "decimal", 12),
    C(gettext_lazy("Cumplimiento del trimestre"), "porcentaje", 13),
    C(gettext_lazy("Meta acumulada"), "decimal", 12),
    C(gettext_lazy("Resultado acumulado"), "decimal", 12),
    C(gettext_lazy("Cumplimiento acumulado"), "porcentaje", 13),
    C(gettext_lazy("Semáforo"), ancho=12),
    C(gettext_lazy("Meta del año"), "decimal", 12),
    C(gettext_lazy("Avance del año"), "porcentaje", 11),
)
COLUMNAS_PRESUPUESTO = (
    C(gettext_lazy("Dependencia"), ancho=14),
    C(gettext_lazy("Plan"), ancho=36),
    C(gettext_lazy("Código"), ancho=9),
    C(gettext_lazy("Actividad"), ancho=44),
    C(gettext_lazy("Fuente"), ancho=18),
    C(gettext_lazy("BPIN"), ancho=15),
    C(gettext_lazy("Presupuesto (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecutado en el trimestre (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecutado acumulado (COP)"), "decimal", 18),
    C(gettext_lazy("Ejecución presupuestal"), "porcentaje", 13),
    C(gettext_lazy("Avance del año"), "porcentaje", 11),
    C(gettext_lazy("Alerta de coherencia"), ancho=12),
    C(gettext_lazy("Detalle"), ancho=60),
)
COLUMNAS_PENDIENTES = (
    C(gettext_lazy("Dependencia"), ancho=36),
    C(gettext_lazy("Código"), ancho=9),
    C(gettext_lazy("Actividad"), ancho=50),
    C(gettext_lazy("Estado"), ancho=22),
    C(gettext_lazy("Fecha límite"), "fecha", 13),
    C(gettext_lazy("Días vencido"), "entero", 11),
)
COLUMNAS_AJUSTES = (
    C(gettext_lazy("Aprobado"), "fecha", 12),
    C(gettext_lazy("Plan"), ancho=40),
    C(gettext_lazy("Versión"), "entero", 9),
    C(gettext_lazy("Actividad"), ancho=9),
    C(gettext_lazy("Cambio"), ancho=22),
    C(gettext_lazy("Año"), "entero", 8),
    C(gettext_lazy("Valor anterior"), ancho=20),
    C(gettext_lazy("Valor nuevo"), ancho=20),
    C(gettext_lazy("Causa"), ancho=60),
    C(gettext_lazy("Instancia que aprobó"), ancho=36),
    C(gettext_lazy("Acta"), ancho=14),
)


def _sigla(dependencia) -> str:
    return dependencia.sigla or dependencia.nombre


class SeguimientoPlanesReporte(ReporteTrimestral):
    codigo = "seguimiento_planes"
    titulo = gettext_lazy("Informe de seguimiento a planes de gestión")
    descripcion = gettext_lazy(
        "El seguimiento trimestral de DE-PD-01 (actividades 17 a 19): cumplimiento ponderado de cada plan, cuadro "
        "diagnóstico por dependencia, actividades por debajo de la meta con su justificación, indicadores con su "
        "semáforo, ejecución presupuestal, reportes pendientes y ajustes aprobados."
    )
    plantilla = "planes/reportes/seguimiento.html"
    horizontal = True
    columnas = COLUMNAS_ACTIVIDADES
    HOJAS = 9

    @property
    def codigo_documento(self) -> str:  # type: ignore[override]  # read from the procedure's current header
        encabezado = procedimiento.encabezado()
        return f"{encabezado['codigo']} v{encabezado['version']}"

    def _dependencia_id(self, usuario) -> int | None:
        if usuario is None or usuario.ve_todas_las_dependencias:
            return None
        return usuario.dependencia_id

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        parametros = super().parametros(datos, usuario)
        dependencia_id = self._dependencia_id(usuario)
        if dependencia_id:
            parametros["dependencia"] = dependencia_id
        return parametros

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        titulo = super().titulo_con(parametros)
        if parametros.get("dependencia"):
            dependencia = Dependencia.objects.filter(pk=parametros["dependencia"]).first()
            if dependencia is not None:
                titulo = f"{titulo} – {_sigla(dependencia)}"
        return titulo

    def informe(self, parametros, usuario) -> selectors.Informe:
        anio, trimestre = periodos.periodo_valido(parametros["periodo"])
        return selectors.informe(anio, trimestre, dependencia_id=self._dependencia_id(usuario))

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int:
        return self.HOJAS

    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterator[Fila]:
        # The book and the document are written from `informe` (escribir_excel, contexto); no generic table.
        return iter(())

    # Rows of each section (the same for the PDF's tables and the Excel's sheets) ------------------------------

    def filas_resumen(self, inf: selectors.Informe):
        ejecucion = inf.ejecutado / inf.presupuesto * 100 if inf.presupuesto else None
        return [
            (_("Cumplimiento del Plan de Acción Institucional"), calculo.redondear(inf.consolidado.valor), "%"),
            (_("Actividades en seguimiento"), len(inf.actividades), _("actividades")),
            (_("Actividades por debajo de lo programado"), len(inf.por_debajo), _("actividades")),
            (_("Presupuesto programado del año"), inf.presupuesto, "COP"),
            (_("Presupuesto ejecutado al corte"), inf.ejecutado, "COP"),
            (_("Ejecución presupuestal"), calculo.redondear(ejecucion), "%"),
            (_("Alertas de coherencia presupuestal"), len(inf.alertas), _("actividades")),
            (_("Reportes pendientes"), len(inf.pendientes), _("actividades")),
            (_("Cambios aprobados en el trimestre"), len(inf.ajustes), _("cambios")),
        ]

    def filas_planes(self, inf):
        for fp in inf.planes:
            yield (
                fp.plan.nombre,
                fp.plan.get_tipo_display(),
                fp.plan.dependencia.nombre,
                fp.plan.version_plan,
                fp.actividades,
                fp.por_debajo,
                fraccion(fp.cumplimiento),
                semaforo(fp.cumplimiento),
                fp.presupuesto,
                fp.ejecutado,
                por_ciento(fp.ejecucion),
            )

    def filas_diagnostico(self, inf):
        for fila in inf.diagnostico:
            yield (
                fila.dependencia.nombre,
                fila.estado,
                fila.actividades,
                fila.reportadas,
                fila.por_debajo,
                fila.justificadas,
                fila.devueltas,
                fila.alertas,
                fraccion(fila.cumplimiento),
                semaforo(fila.cumplimiento),
                fila.presupuesto,
                fila.ejecutado,
                por_ciento(fila.ejecucion),
                " | ".join(o.texto for o in fila.observaciones),
                fila.diagnostico,
                fila.recomendaciones,
            )

    def filas_actividades(self, inf):
        for f in inf.actividades:
            a, r = f.actividad, f.resultado
            yield (
                _sigla(a.dependencia_responsable),
                a.plan.nombre,
                a.codigo,
                a.descripcion,
                a.producto,
                a.indicador.nombre,
                a.indicador.unidad,
                a.peso,
                r.meta_periodo,
                r.valor_periodo,
                fraccion(r.periodo),
                r.meta_acumulada,
                r.valor_acumulado,
                fraccion(r.acumulado),
                semaforo(r.acumulado),
                fraccion(r.avance_anual),
                f.estado_reporte,
                f.justificacion,
            )

    def filas_bajo_meta(self, inf):
        for f in inf.por_debajo:
            a = f.actividad
            yield (
                _sigla(a.dependencia_responsable),
                a.plan.nombre,
                a.codigo,
                a.descripcion,
                fraccion(f.resultado.acumulado),
                semaforo(f.resultado.acumulado),
                f.justificacion,
                f.avance.avance_cualitativo if f.avance else "",
            )

    def filas_indicadores(self, inf):
        for f in inf.actividades:
            i, r = f.actividad.indicador, f.resultado
            yield (
                i.codigo,
                i.nombre,
                _sigla(f.actividad.dependencia_responsable),
                i.get_acumulacion_display(),
                i.get_sentido_display(),
                i.unidad,
                i.linea_base,
                r.meta_periodo,
                r.valor_periodo,
                fraccion(r.periodo),
                r.meta_acumulada,
                r.valor_acumulado,
                fraccion(r.acumulado),
                semaforo(r.acumulado),
                r.meta_anual,
                fraccion(r.avance_anual),
            )

    def filas_presupuesto(self, inf):
        for f in inf.actividades:
            a = f.actividad
            yield (
                _sigla(a.dependencia_responsable),
                a.plan.nombre,
                a.codigo,
                a.descripcion,
                a.get_fuente_recursos_display(),
                a.bpin,
                f.presupuesto,
                f.ejecutado_trimestre,
                f.ejecutado_acumulado,
                por_ciento(f.coherencia.ejecucion),
                por_ciento(f.coherencia.avance),
                _("Sí") if f.coherencia.diverge else _("No"),
                f.coherencia.detalle,
            )

    def filas_pendientes(self, inf):
        for p in inf.pendientes:
            yield (
                p.dependencia.nombre,
                p.actividad.codigo if p.actividad else "",
                p.actividad.descripcion if p.actividad else "",
                p.estado,
                p.fecha_limite,
                p.dias_vencido,
            )

    def filas_ajustes(self, inf):
        for c in inf.ajustes:
            s = c.solicitud
            yield (
                s.acta_fecha,
                s.plan.nombre,
                s.version_resultante,
                c.actividad.codigo,
                c.get_campo_display(),
                c.anio,
                c.valor_anterior,
                c.valor_nuevo,
                s.causa,
                s.get_instancia_aprobacion_display(),
                s.acta_numero,
            )

    # Excel ---------------------------------------------------------------------------------------------------

    def escribir_excel(
        self,
        parametros: Parametros,
        usuario: Usuario | None,
        destino: IO[bytes],
        *,
        titulo: str,
        al_avanzar: Callable[[int], None] | None = None,
    ) -> int:
        inf = self.informe(parametros, usuario)
        hojas = [
            (_("Resumen"), COLUMNAS_RESUMEN, self.filas_resumen(inf)),
            (_("Cumplimiento por plan"), COLUMNAS_PLANES, self.filas_planes(inf)),
            (_("Cuadro diagnóstico"), COLUMNAS_DIAGNOSTICO, self.filas_diagnostico(inf)),
            (_("Actividades"), COLUMNAS_ACTIVIDADES, self.filas_actividades(inf)),
            (_("Bajo la meta"), COLUMNAS_BAJO_META, self.filas_bajo_meta(inf)),
            (_("Indicadores"), COLUMNAS_INDICADORES, self.filas_indicadores(inf)),
            (_("Presupuesto"), COLUMNAS_PRESUPUESTO, self.filas_presupuesto(inf)),
            (_("Reportes pendientes"), COLUMNAS_PENDIENTES, self.filas_pendientes(inf)),
            (_("Ajustes aprobados"), COLUMNAS_AJUSTES, self.filas_ajustes(inf)),
        ]
        total = 0
        with libro_excel(destino) as libro:
            for numero, (nombre, columnas, filas) in enumerate(hojas, start=1):
                escritas = escribir_hoja(libro, nombre, columnas, filas)
                total += escritas
                if nombre == _("Cuadro diagnóstico") and escritas:
                    self._grafico_por_dependencia(libro.worksheets[-1], escritas)
                if al_avanzar:
                    al_avanzar(numero)
        return total

    def _grafico_por_dependencia(self, hoja, filas: int) -> None:
        """A native Excel bar chart of the action plan's compliance per dependencia (column I of the sheet)."""
        grafico = BarChart()
        grafico.type = "bar"
        grafico.title = _("Cumplimiento del plan de acción por dependencia")
        grafico.y_axis.title = _("Cumplimiento")
        grafico.y_axis.numFmt = "0%"
        grafico.y_axis.scaling.min = 0
        grafico.legend = None
        datos = Reference(hoja, min_col=9, min_row=1, max_row=filas + 1)
        categorias = Reference(hoja, min_col=1, min_row=2, max_row=filas + 1)
        grafico.add_data(datos, titles_from_data=True)
        grafico.set_categories(categorias)
        grafico.dataLabels = DataLabelList()
        grafico.dataLabels.showVal = True
        grafico.height = max(7, 1.2 * filas + 3)
        grafico.width = 22
        hoja.add_chart(grafico, "C" + str(filas + 4))

    # Page and PDF --------------------------------------------------------------------------------------------

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        inf = self.informe(parametros, usuario)
        dependencia = None
        if parametros.get("dependencia"):
            dependencia = Dependencia.objects.filter(pk=parametros["dependencia"]).first()
        encabezado = procedimiento.encabezado()
        return {
            "inf": inf,
            "parametros_display": [
                (_("Periodo"), parametros["periodo"]),
                (_("Alcance"), dependencia.nombre if dependencia else _("Todas las dependencias")),
                (_("Procedimiento"), f"{encabezado['codigo']} v{encabezado['version']} · {encabezado['nombre']}"),
            ],
            "resumen": self._resumen(inf),
            "graficos": self._graficos(inf),
            "graficos_indicadores": self._graficos_indicadores(inf),
            "semaforo": calculo.ETIQUETAS_ESTADO,
            "procedimiento": encabezado,
            "generado_local": timezone.localtime(),
        }

    def _resumen(self, inf) -> list[tuple[str, str]]:
        from indicadores.templatetags.indicadores_tags import cifra, porcentaje

        ejecucion = inf.ejecutado / inf.presupuesto * 100 if inf.presupuesto else None
        consolidado = inf.consolidado
        return [
            (
                _("Cumplimiento del Plan de Acción Institucional"),
                f"{porcentaje(consolidado.valor)} · {semaforo(consolidado)}"
                if consolidado.valor is not None
                else semaforo(consolidado),
            ),
            (_("Actividades en seguimiento"), cifra(len(inf.actividades))),
            (_("Por debajo de lo programado"), cifra(len(inf.por_debajo))),
            (_("Ejecución presupuestal"), porcentaje(ejecucion)),
            (_("Reportes pendientes"), cifra(len(inf.pendientes))),
            (_("Cambios aprobados en el trimestre"), cifra(len(inf.ajustes))),
        ]

    def _graficos(self, inf) -> list[tuple[str, str]]:
        graficas = []
        con_cifra = [(f.dependencia, f.cumplimiento) for f in inf.diagnostico if f.cumplimiento.valor is not None]
        if con_cifra:
            titulo = _("Cumplimiento del plan de acción por dependencia (%)")
            datos = [(_sigla(d), float(calculo.redondear(c.valor))) for d, c in con_cifra]
            colores = {_sigla(d): COLOR_ESTADO[c.estado] for d, c in con_cifra}
            graficas.append((titulo, graficos.barras(titulo, datos, colores=colores)))
        conteo = inf.conteo_semaforo()
        if inf.actividades:
            titulo = _("Actividades por semáforo del cumplimiento acumulado")
            datos = [(ETIQUETAS[e], conteo[e]) for e in calculo.Estado]
            colores = {ETIQUETAS[e]: COLOR_ESTADO[e] for e in calculo.Estado}
            graficas.append((titulo, graficos.barras(titulo, datos, colores=colores)))
        con_presupuesto = [f for f in inf.diagnostico if f.presupuesto]
        if con_presupuesto:
            titulo = _("Ejecución presupuestal por dependencia (%)")
            datos = [(_sigla(f.dependencia), float(calculo.redondear(f.ejecucion))) for f in con_presupuesto]
            graficas.append((titulo, graficos.barras(titulo, datos)))
        return graficas

    def _graficos_indicadores(self, inf) -> list[tuple[str, str]]:
        """Target vs result per quarter of the indicators below what was programmed (the first ones in the PDF)."""
        filas = [f for f in inf.por_debajo if f.resultado.acumulado.estado != calculo.Estado.SIN_META]
        filas = filas[:GRAFICOS_DE_INDICADORES_PDF]
        resultado = []
        for f in filas:
            indicador = f.actividad.indicador
            sigla = f.actividad.dependencia_responsable.sigla
            titulo = f"{sigla} {f.actividad.codigo} · {indicador.nombre}"[:70]
            resultado.append(
                (
                    titulo,
                    graficos_indicadores.meta_vs_real(titulo, f.resultados, unidad=indicador.unidad),
                )
            )
        return resultado

    def al_terminar(self, generado: ReporteGenerado) -> None:
        """Activity 18: a whole-entity copy (the cut-off's, or Planeación's) goes to Control Interno."""
        if generado.parametros.get("dependencia"):
            return  # a Jefe's copy of their own dependencia stays with them
        remision_encolar(generado)
