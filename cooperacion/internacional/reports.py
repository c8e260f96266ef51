"""Excel/PDF exports of this app's lists, with the same filters and the same scope as the page."""

from types import SimpleNamespace
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.permissions import es_personal
from cooperacion.core.reportes import Columna, Reporte

from . import filters
from .models import AccionAlianza, Comision, Convenio, InstrumentoInternacional, LineaPrioritaria, Necesidad


class ReporteDeLista(Reporte):
    """A list's rows as a sheet: the list's filterset on the records the user may see."""

    modelo: Any = None  # the model (its manager has `visibles_para`); every report sets it
    filtro: Any = None  # the list's FilterSet class
    relacionados: tuple[str, ...] = ()
    multiples: tuple[str, ...] = ()  # many-to-many relations, prefetched per chunk
    orden: tuple[str, ...] = ("pk",)

    def puede_generar(self, usuario) -> bool:
        return es_personal(usuario)

    def _filtro(self, datos, usuario, queryset):
        return self.filtro(datos, queryset=queryset, request=SimpleNamespace(user=usuario))

    def parametros(self, datos, usuario) -> dict:
        filtro = self._filtro(datos, usuario, self.modelo.objects.none())
        if not filtro.form.is_valid():
            raise ErrorDeDominio(_("Revise los filtros: hay valores que no existen."))
        return {clave: str(datos.get(clave)) for clave in filtro.form.fields if datos.get(clave)}

    def consulta(self, parametros, usuario):
        base = self.modelo.objects.visibles_para(usuario).select_related(*self.relacionados).order_by(*self.orden)
        return self._filtro(parametros, usuario, base).qs.prefetch_related(*self.multiples)

    def total(self, parametros, usuario) -> int:
        return self.consulta(parametros, usuario).count()

    def filas(self, parametros, usuario):
        # With prefetches, iterator() needs a chunk size: one prefetch query per chunk.
        for obj in self.consulta(parametros, usuario).iterator(chunk_size=500 if self.multiples else 2000):
            yield self.fila(obj)

    def fila(self, obj):
        raise NotImplementedError


class LineasReporte(ReporteDeLista):
    codigo = "lineas_prioritarias"
    titulo = _("Líneas prioritarias de cooperación")
    descripcion = _("Las líneas de oferta y demanda con los filtros de la lista.")
    modelo = LineaPrioritaria
    filtro = filters.LineaPrioritariaFilter
    relacionados = ("dependencia",)
    orden = ("-periodo_inicio", "nombre", "pk")
    columnas = (
        Columna(_("Línea"), ancho=44),
        Columna(_("Tipo"), ancho=20),
        Columna(_("Desde"), "entero", ancho=8),
        Columna(_("Hasta"), "entero", ancho=8),
        Columna(_("Estado"), ancho=12),
        Columna(_("Activa"), ancho=8),
        Columna(_("Dependencia que la lidera"), ancho=34),
        Columna(_("Descripción"), ancho=60),
    )

    def fila(self, linea):
        return (
            linea.nombre,
            linea.get_tipo_display(),
            linea.periodo_inicio,
            linea.periodo_fin,
            linea.get_estado_display(),
            str(linea.activa_display),
            str(linea.dependencia or ""),
            linea.descripcion,
        )


class NecesidadesReporte(ReporteDeLista):
    codigo = "necesidades"
    titulo = _("Necesidades de cooperación")
    descripcion = _("Las necesidades de cooperación con los filtros de la lista.")
    modelo = Necesidad
    filtro = filters.NecesidadFilter
    relacionados = ("dependencia", "linea", "ods", "moneda")
    orden = ("prioridad", "titulo", "pk")
    columnas = (
        Columna(_("Prioridad"), "entero", ancho=10),
        Columna(_("Necesidad"), ancho=48),
        Columna(_("Tema"), ancho=20),
        Columna(_("Dependencia"), ancho=34),
        Columna(_("Línea prioritaria"), ancho=34),
        Columna(_("ODS"), ancho=24),
        Columna(_("Monto estimado"), "decimal", ancho=18),
        Columna(_("Moneda"), ancho=8),
        Columna(_("Estado"), ancho=12),
        Columna(_("Presentada a"), ancho=24),
        Columna(_("Fecha de presentación"), "fecha", ancho=14),
        Columna(_("Motivo del descarte"), ancho=40),
    )

    def fila(self, necesidad):
        return (
            necesidad.prioridad,
            necesidad.titulo,
            necesidad.tema,
            str(necesidad.dependencia),
            str(necesidad.linea or ""),
            str(necesidad.ods or ""),
            necesidad.monto_estimado,
            necesidad.moneda.codigo if necesidad.moneda else "",
            necesidad.get_estado_display(),
            necesidad.presentada_a,
            necesidad.fecha_presentacion,
            necesidad.motivo_descarte,
        )


class ConveniosReporte(ReporteDeLista):
    codigo = "convenios"
    titulo = _("Convenios, acuerdos y memorandos")
    descripcion = _("Los convenios con sus partes, vigencia y monto, con los filtros de la lista.")
    modelo = Convenio
    filtro = filters.ConvenioFilter
    relacionados = ("dependencia", "responsable", "moneda")
    multiples = ("actores",)
    orden = ("fecha_fin", "numero", "pk")
    columnas = (
        Columna(_("Número"), ancho=16),
        Columna(_("Tipo"), ancho=18),
        Columna(_("Alcance"), ancho=12),
        Columna(_("Objeto"), ancho=60),
        Columna(_("Actores"), ancho=40),
        Columna(_("Dependencia responsable"), ancho=34),
        Columna(_("Responsable"), ancho=24),
        Columna(_("Firma"), "fecha", ancho=12),
        Columna(_("Inicio"), "fecha", ancho=12),
        Columna(_("Fin de la vigencia"), "fecha", ancho=12),
        Columna(_("Monto"), "decimal", ancho=18),
        Columna(_("Moneda"), ancho=8),
        Columna(_("Estado"), ancho=12),
    )

    def fila(self, convenio):
        return (
            convenio.numero,
            convenio.get_tipo_display(),
            convenio.get_alcance_display(),
            convenio.objeto,
            "; ".join(str(a) for a in convenio.actores.all()),
            str(convenio.dependencia),
            str(convenio.responsable),
            convenio.fecha_firma,
            convenio.fecha_inicio,
            convenio.fecha_fin,
            convenio.monto,
            convenio.moneda.codigo if convenio.moneda else "",
            convenio.get_estado_display(),
        )


class InstrumentosReporte(ReporteDeLista):
    codigo = "instrumentos"
    titulo = _("Instrumentos internacionales")
    descripcion = _("Los instrumentos con su estado y fechas, con los filtros de la lista.")
    modelo = InstrumentoInternacional
    filtro = filters.InstrumentoFilter
    relacionados = ("organizacion", "dependencia")
    orden = ("codigo", "pk")
    columnas = (
        Columna(_("Código"), ancho=10),
        Columna(_("Nombre"), ancho=60),
        Columna(_("Organización"), ancho=30),
        Columna(_("Dependencia"), ancho=34),
        Columna(_("Estado"), ancho=18),
        Columna(_("Adopción"), "fecha", ancho=12),
        Columna(_("Ratificación"), "fecha", ancho=12),
        Columna(_("Denuncia"), "fecha", ancho=12),
    )

    def fila(self, instrumento):
        return (
            instrumento.codigo,
            instrumento.nombre,
            str(instrumento.organizacion),
            str(instrumento.dependencia),
            instrumento.get_estado_display(),
            instrumento.fecha_adopcion,
            instrumento.fecha_ratificacion,
            instrumento.fecha_denuncia,
        )


class AccionesReporte(ReporteDeLista):
    codigo = "acciones_alianza"
    titulo = _("Acciones de alianza y relaciones internacionales")
    descripcion = _("Las acciones con su producto, aliados, sector y visibilización, con los filtros de la lista.")
    modelo = AccionAlianza
    filtro = filters.AccionAlianzaFilter
    relacionados = ("dependencia", "responsable")
    multiples = ("aliados",)
    orden = ("-fecha_inicio", "pk")
    columnas = (
        Columna(_("Acción"), ancho=44),
        Columna(_("Tipo de producto"), ancho=28),
        Columna(_("Aliados"), ancho=40),
        Columna(_("Sector o entidad acompañada"), ancho=34),
        Columna(_("Dependencia"), ancho=34),
        Columna(_("Inicio"), "fecha", ancho=12),
        Columna(_("Fin previsto"), "fecha", ancho=12),
        Columna(_("Estado"), ancho=16),
        Columna(_("Medio de publicación"), ancho=24),
        Columna(_("Fecha de publicación"), "fecha", ancho=12),
        Columna(_("Enlace"), ancho=30),
    )

    def fila(self, accion):
        return (
            accion.nombre,
            accion.get_tipo_producto_display(),
            "; ".join(str(a) for a in accion.aliados.all()),
            accion.sector_acompanado,
            str(accion.dependencia),
            accion.fecha_inicio,
            accion.fecha_fin,
            accion.get_estado_display(),
            accion.medio_publicacion,
            accion.fecha_publicacion,
            accion.enlace_publicacion,
        )


class ComisionesReporte(ReporteDeLista):
    codigo = "comisiones"
    titulo = _("Comisiones con secretaría técnica de la oficina")
    descripcion = _("Las comisiones con su número de sesiones y de compromisos pendientes.")
    modelo = Comision
    filtro = filters.ComisionFilter
    relacionados = ("dependencia",)
    orden = ("nombre", "pk")
    columnas = (
        Columna(_("Comisión"), ancho=60),
        Columna(_("Secretaría técnica"), ancho=40),
        Columna(_("Activa"), ancho=8),
        Columna(_("Sesiones"), "entero", ancho=10),
        Columna(_("Compromisos pendientes"), "entero", ancho=12),
    )

    def consulta(self, parametros, usuario):
        return (
            super()
            .consulta(parametros, usuario)
            .annotate(
                n_sesiones=Count("sesiones", distinct=True),
                n_pendientes=Count("sesiones__compromisos", filter=Q(sesiones__compromisos__cumplido_en__isnull=True)),
            )
        )

    def fila(self, comision):
        return (
            comision.nombre,
            str(comision.dependencia),
            str(comision.activa_display),
            comision.n_sesiones,
            comision.n_pendientes,
        )
