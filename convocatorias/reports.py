"""PDF documents of the pipeline (oficio informativo, acta de compromisos, acta de finalización) and the quarterly
report of calls and projects, all through the core's report engine."""

from datetime import datetime
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperacion.core import graficos, periodos
from cooperacion.core.permissions import es_personal
from cooperacion.core.reportes import LOTE, Columna, Reporte, escribir_hoja, libro_excel, por_lotes
from cooperacion.core.reportes_nucleo import ReporteTrimestral
from cooperacion.core.services import ErrorDeDominio

from . import matriz, permissions, priorizacion, procedimiento, selectors
from .filters import ConvocatoriaFilter
from .models import Convocatoria, InformeEjecucion, PesosPriorizacion, Proyecto
from .services.comun import jefes_de

CIUDAD = getattr(settings, "ENTIDAD_CIUDAD", "Bogotá D.C.")


def _identificador(datos) -> int:
    try:
        return int(str(datos.get("id", "")).strip())
    except ValueError as error:
        raise ErrorDeDominio(
            _("Este documento se genera desde la página de la convocatoria o del proyecto.")
        ) from error


def firmante(dependencia_id, respaldo=None):
    """Who signs for the office: its Jefe (the first active one), or else the person who acted."""
    jefes = jefes_de(dependencia_id)
    return jefes[0] if jefes else respaldo


class DocumentoReporte(Reporte):
    """A document about one record: only PDF, asked for from the record's page, never at the quarterly cut-off."""

    formatos = ("pdf",)
    horizontal = False
    en_lista = False  # not offered on the Reportes page: it is asked for from its record's page
    de_un_registro = True
    columnas = ()
    codigo_documento = procedimiento.encabezado()["codigo"]

    def puede_generar(self, usuario) -> bool:
        return es_personal(usuario)

    def puede_ver_automaticos(self, usuario) -> bool:
        return False

    def filas(self, parametros, usuario):
        return iter(())


class MatrizReporte(Reporte):
    """The matrix in Excel with the page's filters, generated in the background when it is large."""

    codigo = "matriz_convocatorias"
    titulo = gettext_lazy("Matriz de convocatorias")
    descripcion = gettext_lazy("La matriz con los filtros de la página, en el formato que se vuelve a importar.")
    formatos = ("xlsx",)
    en_lista = False  # asked for from the matrix page, with its filters

    def puede_generar(self, usuario) -> bool:
        return es_personal(usuario)

    def parametros(self, datos, usuario) -> dict:
        filtro = ConvocatoriaFilter(datos, queryset=Convocatoria.objects.none(), usuario=usuario)
        if not filtro.form.is_valid():
            raise ErrorDeDominio(_("Revise los filtros: hay valores que no existen."))
        limpio = {}
        for clave, valor in filtro.form.cleaned_data.items():
            if valor not in (None, "", []):
                limpio[clave] = valor.pk if hasattr(valor, "pk") else str(valor)
        if datos.get("orden"):
            limpio["orden"] = str(datos["orden"])
        return limpio

    def total(self, parametros, usuario) -> int:
        return selectors.matriz_filtrada(usuario, parametros).count()

    def filas(self, parametros, usuario):
        return matriz.filas(selectors.matriz_filtrada(usuario, parametros))

    def escribir_excel(self, parametros, usuario, destino, *, titulo, al_avanzar=None) -> int:
        return matriz.exportar(selectors.matriz_filtrada(usuario, parametros), destino, al_avanzar=al_avanzar)


class OficioReporte(DocumentoReporte):
    codigo = "oficio_convocatoria"
    titulo = gettext_lazy("Oficio informativo de convocatoria")
    descripcion = gettext_lazy("Se genera desde la página de cada convocatoria (tarea 3 de AI-P-003).")
    plantilla = "convocatorias/pdf/oficio.html"

    def url_del_registro(self, parametros) -> str:
        return reverse("convocatorias:detalle", args=[parametros["id"]])

    def parametros(self, datos, usuario) -> dict:
        pk = _identificador(datos)
        if not Convocatoria.objects.visibles_para(usuario).filter(pk=pk, aviso__isnull=False).exists():
            raise ErrorDeDominio(_("No hay un oficio para esa convocatoria a su alcance."))
        return {"id": pk}

    def titulo_con(self, parametros) -> str:
        nombre = Convocatoria.objects.filter(pk=parametros["id"]).values_list("nombre", flat=True).first() or ""
        return f"{self.titulo} – {nombre}"

    def contexto(self, parametros, usuario) -> dict:
        convocatoria = Convocatoria.objects.select_related(
            "cooperante",
            "modalidad",
            "dependencia",
            "responsable",
            "moneda",
            "aviso",
            "aviso__enviado_por",
            "aviso__firmado_por",
        ).get(pk=parametros["id"])
        aviso = convocatoria.aviso
        destinatarios = list(convocatoria.destinatarios.select_related("dependencia"))
        if aviso.enviado_en:
            destinatarios = [d for d in destinatarios if d.notificado_en]
        return {
            "convocatoria": convocatoria,
            "aviso": aviso,
            "destinatarios": destinatarios,
            "ods": list(convocatoria.ods.all()),
            "fecha": timezone.localtime(aviso.enviado_en).date() if aviso.enviado_en else timezone.localdate(),
            "borrador": aviso.enviado_en is None,
            "ciudad": CIUDAD,
            # Signed: the Jefe who signed. A draft shows the Jefe who would sign it.
            "firmante": aviso.firmado_por
            or firmante(convocatoria.dependencia_id, aviso.enviado_por or convocatoria.responsable),
            "procedimiento": procedimiento.encabezado(),
        }


class ActaCompromisosReporte(DocumentoReporte):
    codigo = "acta_compromisos"
    titulo = gettext_lazy("Acta de reunión y compromisos")
    descripcion = gettext_lazy("Se genera desde la página de cada convocatoria (tarea 4 de AI-P-003).")
    plantilla = "convocatorias/pdf/acta_compromisos.html"

    def url_del_registro(self, parametros) -> str:
        return reverse("convocatorias:detalle", args=[parametros["id"]])

    def parametros(self, datos, usuario) -> dict:
        pk = _identificador(datos)
        convocatoria = Convocatoria.objects.visibles_para(usuario).filter(pk=pk).first()
        if convocatoria is None or not permissions.ve_toda_la_convocatoria(usuario, convocatoria):
            raise ErrorDeDominio(_("No hay una convocatoria con ese número a su alcance."))
        if not convocatoria.compromisos.exists():
            raise ErrorDeDominio(_("Registre los compromisos antes de generar el acta."))
        return {"id": pk}

    def titulo_con(self, parametros) -> str:
        nombre = Convocatoria.objects.filter(pk=parametros["id"]).values_list("nombre", flat=True).first() or ""
        return f"{self.titulo} – {nombre}"

    def contexto(self, parametros, usuario) -> dict:
        convocatoria = Convocatoria.objects.select_related("cooperante", "modalidad", "dependencia", "responsable").get(
            pk=parametros["id"]
        )
        aceptaron = list(convocatoria.destinatarios.aceptaron().select_related("dependencia"))
        jefe = firmante(convocatoria.dependencia_id, convocatoria.responsable)
        firmas = [
            (jefe.get_full_name() or str(jefe), jefe.cargo or _("Jefe de oficina"), convocatoria.dependencia.nombre)
        ]
        firmas += [("", _("Delegado(a)"), d.nombre) for d in aceptaron]
        return {
            "convocatoria": convocatoria,
            "compromisos": list(convocatoria.compromisos.all()),
            "aceptaron": aceptaron,
            "filas_de_firmas": [firmas[i : i + 2] for i in range(0, len(firmas), 2)],
            "fecha": timezone.localdate(),
            "ciudad": CIUDAD,
            "firmante": firmante(convocatoria.dependencia_id, convocatoria.responsable),
            "procedimiento": procedimiento.encabezado(),
        }


class ActaFinalizacionReporte(DocumentoReporte):
    codigo = "acta_finalizacion"
    titulo = gettext_lazy("Acta de finalización de proyecto de cooperación")
    descripcion = gettext_lazy("Se genera desde la página de cada proyecto finalizado (tarea 9 de AI-P-003).")
    plantilla = "convocatorias/pdf/acta_finalizacion.html"

    def url_del_registro(self, parametros) -> str:
        return reverse("convocatorias:proyecto-detalle", args=[parametros["id"]])

    def parametros(self, datos, usuario) -> dict:
        pk = _identificador(datos)
        proyecto = Proyecto.objects.visibles_para(usuario).filter(pk=pk).select_related("convocatoria").first()
        if proyecto is None:
            raise ErrorDeDominio(_("No hay un proyecto con ese número a su alcance."))
        if not proyecto.finalizado:
            raise ErrorDeDominio(_("El acta se genera cuando el jefe firma la finalización del proyecto."))
        return {"id": pk}

    def titulo_con(self, parametros) -> str:
        codigo = Proyecto.objects.filter(pk=parametros["id"]).values_list("codigo", flat=True).first() or ""
        return f"{self.titulo} {codigo}"

    def contexto(self, parametros, usuario) -> dict:
        proyecto = Proyecto.objects.select_related(
            "convocatoria",
            "convocatoria__cooperante",
            "convocatoria__dependencia",
            "modalidad",
            "moneda",
            "dependencia",
            "supervisor",
            "acta_firmada_por",
        ).get(pk=parametros["id"])
        return {
            "proyecto": proyecto,
            "convocatoria": proyecto.convocatoria,
            **selectors.detalle_de_proyecto(proyecto),
            "ciudad": CIUDAD,
            "procedimiento": procedimiento.encabezado(),
        }


class ConvocatoriasTrimestralReporte(ReporteTrimestral):
    codigo = "convocatorias_trimestral"
    titulo = gettext_lazy("Convocatorias y proyectos de cooperación")
    descripcion = gettext_lazy(
        "El trámite de las convocatorias (AI-P-003) por estado y cooperante, montos solicitados y obtenidos, tasa de "
        "éxito y los proyectos en ejecución con el estado de sus informes."
    )
    codigo_documento = "AI-P-003"
    plantilla = "convocatorias/reportes/trimestral.html"
    columnas = (
        Columna(gettext_lazy("Cooperante"), ancho=16),
        Columna(gettext_lazy("Convocatoria"), ancho=44),
        Columna(gettext_lazy("Modalidad"), ancho=20),
        Columna(gettext_lazy("Dependencia"), ancho=12),
        Columna(gettext_lazy("Estado"), ancho=22),
        Columna(gettext_lazy("Cierre"), "fecha_hora", ancho=16),
        Columna(gettext_lazy("Puntaje"), "decimal", ancho=9),
        Columna(gettext_lazy("Ofrecido (COP)"), "decimal", ancho=18),
        Columna(gettext_lazy("Solicitado (COP)"), "decimal", ancho=18),
        Columna(gettext_lazy("Obtenido (COP)"), "decimal", ancho=18),
        Columna(gettext_lazy("Presentada"), "fecha", ancho=12),
        Columna(gettext_lazy("Respuesta"), "fecha", ancho=12),
    )
    columnas_proyectos = (
        Columna(gettext_lazy("Código"), ancho=16),
        Columna(gettext_lazy("Proyecto"), ancho=44),
        Columna(gettext_lazy("Cooperante"), ancho=16),
        Columna(gettext_lazy("Dependencia"), ancho=12),
        Columna(gettext_lazy("Inicio"), "fecha", ancho=12),
        Columna(gettext_lazy("Fin"), "fecha", ancho=12),
        Columna(gettext_lazy("Comprometido (COP)"), "decimal", ancho=18),
        Columna(gettext_lazy("Informes aceptados"), "entero", ancho=10),
        Columna(gettext_lazy("Informes programados"), "entero", ancho=10),
        Columna(gettext_lazy("Por revisar"), "entero", ancho=10),
        Columna(gettext_lazy("Vencidos"), "entero", ancho=10),
        Columna(gettext_lazy("Estado"), ancho=14),
    )
    columnas_informes = (
        Columna(gettext_lazy("Proyecto"), ancho=16),
        Columna(gettext_lazy("Informe"), "entero", ancho=8),
        Columna(gettext_lazy("Fecha de entrega"), "fecha", ancho=14),
        Columna(gettext_lazy("Estado"), ancho=24),
        Columna(gettext_lazy("Recibido"), "fecha_hora", ancho=16),
        Columna(gettext_lazy("Revisado por"), ancho=24),
        Columna(gettext_lazy("Observaciones"), ancho=48),
    )

    # Scope: the quarterly copies cover every dependencia; a Jefe's own copy covers their dependencia.
    def _alcance(self, usuario) -> Q:
        if usuario is None or usuario.ve_todas_las_dependencias:
            return Q()
        return Q(dependencia_id=usuario.dependencia_id)

    def _convocatorias(self, parametros, usuario):
        _inicio, fin = periodos.limites(parametros["periodo"])
        consulta = Convocatoria.objects.filter(self._alcance(usuario), creada_en__lt=fin)
        consulta = priorizacion.anotar_puntaje(consulta, PesosPriorizacion.vigentes(), ahora=min(fin, timezone.now()))
        return consulta.select_related("cooperante", "modalidad", "dependencia").order_by("fecha_cierre", "pk")

    def _proyectos(self, parametros, usuario):
        _inicio, fin = periodos.limites(parametros["periodo"])
        filtro = Q()
        if self._alcance(usuario):
            filtro = Q(convocatoria__dependencia_id=usuario.dependencia_id) | Q(dependencia_id=usuario.dependencia_id)
        consulta = Proyecto.objects.filter(
            filtro,
            convocatoria__creada_en__lt=fin,
            convocatoria__estado__in=[Convocatoria.Estado.EN_EJECUCION, Convocatoria.Estado.FINALIZADA],
        )
        return consulta.select_related("convocatoria", "convocatoria__cooperante", "dependencia").order_by("codigo")

    def total(self, parametros, usuario) -> int:
        return self._convocatorias(parametros, usuario).count()

    def filas(self, parametros, usuario):
        estados = {codigo: str(etiqueta) for codigo, etiqueta in Convocatoria.Estado.choices}
        # Plain values from a server-side cursor: no model instances for the largest sheet.
        valores = self._convocatorias(parametros, usuario).values_list(
            "cooperante__sigla", "cooperante__nombre", "nombre", "modalidad__nombre", "dependencia__sigla",
            "dependencia__codigo", "estado", "fecha_cierre", "puntaje_al_momento", "monto_cop",
            "monto_solicitado_cop", "monto_aprobado_cop", "fecha_presentacion", "fecha_decision",
        )  # fmt: skip
        for (
            sigla, cooperante, nombre, modalidad, dependencia_sigla, dependencia_codigo, estado, cierre, puntaje,
            *montos_y_fechas,
        ) in valores.iterator(chunk_size=2000):  # fmt: skip
            yield (
                sigla or cooperante,
                nombre,
                modalidad,
                dependencia_sigla or dependencia_codigo,
                estados.get(estado, estado),
                cierre,
                Decimal(str(round(puntaje, 1))),
                *montos_y_fechas,
            )

    def filas_proyectos(self, proyectos):
        """Projects as plain values from a server-side cursor; each chunk's report counts in one grouped query."""
        hoy = timezone.localdate()
        estado = InformeEjecucion.Estado
        por_entregar = Q(informes__estado__in=(estado.PENDIENTE, estado.DEVUELTO), informes__fecha_limite__lt=hoy)
        finalizado, en_ejecucion = Convocatoria.Estado.FINALIZADA.label, Convocatoria.Estado.EN_EJECUCION.label
        valores = proyectos.values_list(
            "pk", "codigo", "nombre", "convocatoria__cooperante__sigla", "convocatoria__cooperante__nombre",
            "dependencia__sigla", "dependencia__codigo", "fecha_inicio", "fecha_fin", "monto_comprometido_cop",
            "convocatoria__estado",
        )  # fmt: skip
        for lote in por_lotes(valores.iterator(chunk_size=LOTE)):
            conteos = {
                pk: resto
                for pk, *resto in Proyecto.objects.filter(pk__en_lote=[f[0] for f in lote])
                .order_by()
                .values_list("pk")
                .annotate(
                    aceptados=Count("informes", filter=Q(informes__estado=estado.ACEPTADO)),
                    programados=Count("informes"),
                    por_revisar=Count("informes", filter=Q(informes__estado=estado.RECIBIDO)),
                    vencidos=Count("informes", filter=por_entregar),
                )
            }
            for (pk, codigo, nombre, sigla, cooperante, dep_sigla, dep_codigo, inicio, fin, comprometido,
                 estado_convocatoria) in lote:  # fmt: skip
                aceptados, programados, por_revisar, vencidos = conteos.get(pk, (0, 0, 0, 0))
                ejecutando = estado_convocatoria == Convocatoria.Estado.EN_EJECUCION
                yield (
                    codigo,
                    nombre,
                    sigla or cooperante,
                    dep_sigla or dep_codigo,
                    inicio,
                    fin,
                    comprometido,
                    aceptados,
                    programados,
                    por_revisar,
                    vencidos if ejecutando else 0,
                    en_ejecucion if ejecutando else finalizado,
                )

    def filas_informes(self, proyectos):
        estados = {codigo: str(etiqueta) for codigo, etiqueta in InformeEjecucion.Estado.choices}
        informes = (
            InformeEjecucion.objects.filter(proyecto__in=proyectos.values("pk"))
            .order_by("proyecto__codigo", "numero")
            .values_list(
                "proyecto__codigo", "numero", "fecha_limite", "estado", "recibido_en", "revisado_por__first_name",
                "revisado_por__last_name", "revisado_por__username", "observaciones",
            )
        )  # fmt: skip
        for codigo, numero, limite, estado, recibido, nombre, apellido, usuario, observaciones in informes.iterator(
            chunk_size=LOTE
        ):
            revisor = f"{nombre} {apellido}".strip() or usuario or ""
            yield (codigo, numero, limite, estados.get(estado, estado), recibido, revisor, observaciones)

    def escribir_excel(self, parametros, usuario, destino, *, titulo, al_avanzar=None) -> int:
        with libro_excel(destino) as libro:
            escritas = escribir_hoja(
                libro, _("Convocatorias"), self.columnas, self.filas(parametros, usuario), al_avanzar=al_avanzar
            )
            proyectos = self._proyectos(parametros, usuario)
            escribir_hoja(libro, _("Proyectos"), self.columnas_proyectos, self.filas_proyectos(proyectos))
            escribir_hoja(libro, _("Informes de ejecución"), self.columnas_informes, self.filas_informes(proyectos))
        return escritas

    def contexto(self, parametros, usuario) -> dict:
        """The summary, counted in SQL (a constant number of queries), and the first rows for the PDF."""
        inicio, fin = periodos.limites(parametros["periodo"])
        convocatorias = self._convocatorias(parametros, usuario).order_by()
        estados = {codigo: str(etiqueta) for codigo, etiqueta in Convocatoria.Estado.choices}
        por_estado = [
            (estados.get(estado, estado), n)
            for estado, n in convocatorias.values_list("estado").annotate(n=Count("pk")).order_by("-n", "estado")
        ]
        por_cooperante = list(
            convocatorias.annotate(
                cooperante_nombre=Coalesce(NullIf("cooperante__sigla", Value("")), "cooperante__nombre")
            )
            .values_list("cooperante_nombre")
            .annotate(n=Count("pk"))
            .order_by("-n", "cooperante_nombre")[:8]
        )
        decididas = Q(fecha_decision__isnull=False)
        aceptadas = decididas & ~Q(estado__in=[Convocatoria.Estado.RECHAZADA, Convocatoria.Estado.PRESENTADA])
        cifras = convocatorias.aggregate(
            total=Count("pk"),
            decididas=Count("pk", filter=decididas),
            aceptadas=Count("pk", filter=aceptadas),
            rechazadas=Count("pk", filter=Q(estado=Convocatoria.Estado.RECHAZADA, fecha_decision__isnull=False)),
            solicitado=Sum("monto_solicitado_cop", filter=Q(fecha_presentacion__isnull=False)),
            obtenido=Sum("monto_aprobado_cop", filter=aceptadas),
            en_trimestre=Count("pk", filter=Q(creada_en__gte=inicio, creada_en__lt=fin)),
            presentadas_trimestre=Count(
                "pk", filter=Q(fecha_presentacion__gte=inicio.date(), fecha_presentacion__lt=fin.date())
            ),
        )
        solicitado, obtenido = cifras["solicitado"] or Decimal(0), cifras["obtenido"] or Decimal(0)
        tasa = cifras["aceptadas"] / cifras["decididas"] if cifras["decididas"] else None
        proyectos = self._proyectos(parametros, usuario)
        en_ejecucion = proyectos.filter(convocatoria__estado=Convocatoria.Estado.EN_EJECUCION).count()
        filas_proyectos = list(islice(self.filas_proyectos(proyectos), self.max_filas_pdf))
        graficas = []
        if por_estado:
            graficas.append((_("Convocatorias por estado"), graficos.barras(_("Convocatorias por estado"), por_estado)))
        if por_cooperante:
            graficas.append(
                (_("Convocatorias por cooperante"), graficos.barras(_("Convocatorias por cooperante"), por_cooperante))
            )
        if solicitado or obtenido:
            millones = [(_("Solicitado"), round(solicitado / 1_000_000)), (_("Obtenido"), round(obtenido / 1_000_000))]
            graficas.append(
                (
                    _("Montos en millones de pesos"),
                    graficos.barras(_("Montos en millones de pesos (COP)"), millones),
                )
            )
        return {
            "parametros_display": [(_("Periodo"), parametros["periodo"])],
            "resumen": [
                (_("Convocatorias en la matriz"), cifras["total"]),
                (_("Identificadas en el trimestre"), cifras["en_trimestre"]),
                (_("Presentadas en el trimestre"), cifras["presentadas_trimestre"]),
                (_("Aceptadas / rechazadas"), f"{cifras['aceptadas']} / {cifras['rechazadas']}"),
                (_("Tasa de éxito"), f"{tasa:.0%}".replace(".", ",") if tasa is not None else "—"),
                (_("Solicitado (millones COP)"), _millones(solicitado)),
                (_("Obtenido (millones COP)"), _millones(obtenido)),
                (_("Proyectos en ejecución"), en_ejecucion),
            ],
            "graficos": graficas,
            "columnas_proyectos": [self.columnas_proyectos[i] for i in COLUMNAS_PDF_PROYECTOS],
            "filas_proyectos": [_para_pdf(fila, COLUMNAS_PDF_PROYECTOS) for fila in filas_proyectos],
            "columnas_pdf": [self.columnas[i] for i in COLUMNAS_PDF],
            "filas_pdf": [
                _para_pdf(fila, COLUMNAS_PDF) for fila in islice(self.filas(parametros, usuario), self.max_filas_pdf)
            ],
            "titulo_tabla": _("Convocatorias"),
        }


# The PDF is landscape A4: it shows the columns that fit; the Excel file carries them all.
COLUMNAS_PDF = (0, 1, 4, 5, 6, 8, 9, 10)
COLUMNAS_PDF_PROYECTOS = (0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11)


def _para_pdf(fila, indices) -> tuple:
    """The row's columns for the PDF: pesos without cents, the score with one decimal, dates without time."""
    resultado = []
    for i in indices:
        valor = fila[i]
        if isinstance(valor, Decimal):
            valor = int(valor) if valor >= 1000 else valor.quantize(Decimal("0.1"))
        elif isinstance(valor, datetime):
            valor = timezone.localtime(valor).date()
        resultado.append(valor)
    return tuple(resultado)


def _millones(valor) -> str:
    return f"{valor / 1_000_000:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
