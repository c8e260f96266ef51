"""The characterization as a PDF in the official format (and its Excel), and the filtered list of them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperacion.core.permissions import es_personal
from cooperacion.core.reportes import Columna, Reporte
from cooperacion.core.services import ErrorDeDominio

from .exportacion import escribir_libro
from .filters import CaracterizacionFilter
from .models import Caracterizacion, Etapa
from .selectors import con_todo, documento


class CaracterizacionReporte(Reporte):
    codigo = "caracterizacion"
    en_lista = False  # one record's document: asked for from the characterization's page
    de_un_registro = True
    titulo = _("Caracterización de proceso")
    descripcion = _("Se genera desde la página de cada caracterización (botones PDF y Excel).")
    plantilla = "procesos/pdf/caracterizacion.html"
    formatos = ("pdf", "xlsx")
    horizontal = True
    columnas = (
        Columna(_("Etapa"), ancho=12),
        Columna(_("Orden"), "entero", ancho=8),
        Columna(_("Entradas"), ancho=40),
        Columna(_("Actividades"), ancho=60),
        Columna(_("Salidas"), ancho=40),
    )

    def puede_generar(self, usuario) -> bool:
        return es_personal(usuario)

    def url_del_registro(self, parametros) -> str:
        return reverse("procesos:detalle", args=[parametros["id"]])

    def parametros(self, datos, usuario) -> dict:
        texto = str(datos.get("id") or "").strip()
        if not texto.isdigit() or not Caracterizacion.objects.visibles_para(usuario).filter(pk=int(texto)).exists():
            raise ErrorDeDominio(_("Indique una caracterización que exista y que usted pueda ver."))
        return {"id": int(texto)}

    def _caracterizacion(self, parametros, usuario) -> Caracterizacion:
        consulta = Caracterizacion.objects.visibles_para(usuario) if usuario else Caracterizacion.objects.none()
        c = con_todo(consulta).filter(pk=parametros["id"]).first()
        if c is None:
            raise ErrorDeDominio(_("La caracterización ya no está disponible."))
        return c

    def titulo_con(self, parametros) -> str:
        c = Caracterizacion.objects.select_related("proceso").filter(pk=parametros.get("id")).first()
        return f"{self.titulo} {c.proceso.codigo} v{c.version}" if c else str(self.titulo)

    def filas(self, parametros, usuario):
        for fila in self._caracterizacion(parametros, usuario).filas.all():
            yield (
                Etapa(fila.etapa).label,
                fila.orden,
                "\n".join(fila.entradas),
                "\n".join(fila.actividades),
                "\n".join(fila.salidas),
            )

    def contexto(self, parametros, usuario) -> dict:
        c = self._caracterizacion(parametros, usuario)
        return {"c": c, "doc": documento(c)}

    def escribir_excel(self, parametros, usuario, destino, *, titulo, al_avanzar=None) -> int:
        c = self._caracterizacion(parametros, usuario)
        escribir_libro(c, destino)
        return len(c.filas.all())


class ProcesosReporte(Reporte):
    codigo = "procesos"
    titulo = _("Caracterizaciones de proceso")
    descripcion = _("La lista de caracterizaciones con los filtros de la página.")
    columnas = (
        Columna(_("Código"), ancho=18),
        Columna(_("Proceso"), ancho=48),
        Columna(_("Versión"), ancho=9),
        Columna(_("Fecha"), "fecha", ancho=12),
        Columna(_("Tipología"), ancho=14),
        Columna(_("Dependencia"), ancho=40),
        Columna(_("Responsable"), ancho=40),
        Columna(_("Entidad"), ancho=36),
        Columna(_("Estado"), ancho=12),
    )

    def puede_generar(self, usuario) -> bool:
        return es_personal(usuario)

    def parametros(self, datos, usuario) -> dict:
        filtro = CaracterizacionFilter(datos, queryset=Caracterizacion.objects.none())
        if not filtro.form.is_valid():
            raise ErrorDeDominio(_("Revise los filtros: hay valores que no existen."))
        limpio = {}
        for clave, valor in filtro.form.cleaned_data.items():
            if valor:
                limpio[clave] = valor.pk if hasattr(valor, "pk") else valor
        return limpio

    def _consulta(self, parametros, usuario):
        base = Caracterizacion.objects.visibles_para(usuario).select_related("proceso", "dependencia")
        return CaracterizacionFilter(parametros, queryset=base.order_by("proceso__codigo", "-creada_en", "-pk")).qs

    def total(self, parametros, usuario) -> int:
        return self._consulta(parametros, usuario).count()

    def filas(self, parametros, usuario):
        for c in self._consulta(parametros, usuario).iterator(chunk_size=2000):
            yield (
                c.proceso.codigo,
                c.nombre,
                c.version,
                c.fecha,
                c.get_tipologia_display(),
                str(c.dependencia),
                c.responsable,
                c.entidad,
                c.get_estado_display(),
            )

    def contexto(self, parametros, usuario) -> dict:
        etiquetas = {
            "q": _("Buscar"),
            "tipologia": _("Tipología"),
            "dependencia": _("Dependencia"),
            "estado": _("Estado"),
        }
        return {"parametros_display": [(etiquetas.get(k, k), v) for k, v in parametros.items()]}
