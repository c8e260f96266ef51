from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cooperacion.core import versiones
from cooperacion.core.flujos import Accion, Flujo, bloquear
from cooperacion.core.models import Actor, Dependencia
from cooperacion.core.permissions import es_personal
from cooperacion.core.services import ErrorDeDominio
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from . import permissions, services
from .exportacion import escribir_libro
from .filters import CaracterizacionFilter, ProcesoFilter
from .forms import (
    CaracterizacionCrearForm,
    CaracterizacionForm,
    ControlCambiosForm,
    DocumentoFormSet,
    FilaPHVAForm,
    FilaPHVAFormSet,
    ImportarForm,
    RequisitoFormSet,
    RiesgoFormSet,
    en_orden,
    estilizar_conjunto,
)
from .importacion import ErrorDeImportacion, importar
from .models import Caracterizacion, Etapa, Proceso
from .selectors import con_todo, documento, historial_de_contenido, propuesta_control_cambios

FLUJO_CARACTERIZACION = Flujo(
    url_name="procesos:transicion",
    acciones=(
        Accion(
            nombre="enviar_revision",
            etiqueta=gettext_lazy("Enviar a revisión"),
            servicio=services.caracterizacion_enviar_revision,
            permitida=permissions.can_enviar_revision,
            confirmacion=gettext_lazy(
                "El Jefe de oficina revisará el borrador; mientras tanto no se puede editar. "
                "Usted quedará como quien lo elaboró."
            ),
        ),
        Accion(
            nombre="devolver",
            etiqueta=gettext_lazy("Devolver"),
            servicio=services.caracterizacion_devolver,
            permitida=permissions.can_devolver,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy("El borrador vuelve a quien lo elaboró para que lo corrija."),
        ),
        Accion(
            nombre="aprobar",
            etiqueta=gettext_lazy("Aprobar"),
            servicio=services.caracterizacion_aprobar,
            permitida=permissions.can_aprobar,
            estilo="success",
            confirmacion=gettext_lazy(
                "Esta versión quedará vigente, la anterior pasará a obsoleta y se escribirá la fila del "
                "control de cambios. Usted quedará como quien revisó y aprobó."
            ),
        ),
    ),
)


def _caracterizacion(request, pk, *, completa: bool = False) -> Caracterizacion:
    """The characterization if the user may see it; 404 otherwise."""
    consulta = Caracterizacion.objects.visibles_para(request.user)
    consulta = con_todo(consulta) if completa else consulta.select_related("proceso", "dependencia")
    return get_object_or_404(consulta, pk=pk)


class ListaView(ListaFiltrada):
    model = Caracterizacion
    filterset_class = CaracterizacionFilter
    template_name = "procesos/lista.html"
    titulo = gettext_lazy("Caracterizaciones de proceso")
    ordenamientos = {
        "codigo": "proceso__codigo",
        "nombre": "nombre",
        "version": "version",
        "fecha": "fecha",
        "tipologia": "tipologia",
        "dependencia": "dependencia__nombre",
        "estado": "estado",
    }
    orden_por_defecto = "codigo"

    def get_queryset(self):
        return super().get_queryset().select_related("proceso", "dependencia")

    def get_context_data(self, **kwargs):
        return super().get_context_data(puede_crear=permissions.can_crear_alguna(self.request.user), **kwargs)


class CatalogoView(ListaFiltrada):
    model = Proceso
    filterset_class = ProcesoFilter
    titulo = gettext_lazy("Catálogo de procesos")
    columnas = [
        (gettext_lazy("Código"), "codigo", "codigo"),
        (gettext_lazy("Proceso"), "nombre", "nombre"),
        (gettext_lazy("Tipología"), "get_tipologia_display", "tipologia"),
        (gettext_lazy("Dependencia"), "dependencia", ""),
        (gettext_lazy("Activo"), "activo_display", "activo"),
    ]
    ordenamientos = {"codigo": "codigo", "nombre": "nombre", "tipologia": "tipologia", "activo": "activo"}
    orden_por_defecto = "codigo"

    def get_queryset(self):
        return super().get_queryset().select_related("dependencia")


class DetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "procesos/detalle.html"

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        c = _caracterizacion(self.request, self.kwargs["pk"], completa=True)
        contexto = {
            "c": c,
            "doc": documento(c),
            "flujo": FLUJO_CARACTERIZACION,
            "puede_editar": permissions.can_editar(usuario, c),
            "puede_nueva_version": permissions.can_nueva_version(usuario, c),
            "puede_control": permissions.can_editar_control_cambios(usuario, c),
            "versiones": Caracterizacion.objects.visibles_para(usuario)
            .filter(proceso_id=c.proceso_id)
            .exclude(pk=c.pk)
            .order_by("-creada_en", "-pk"),
        }
        if c.estado in Caracterizacion.ABIERTOS:
            propuesta = (c.control_seccion, c.control_cambio) if c.control_manual else propuesta_control_cambios(c)
            contexto["propuesta"] = propuesta
            if contexto["puede_control"]:
                contexto["control_form"] = ControlCambiosForm(
                    initial={"control_seccion": propuesta[0], "control_cambio": propuesta[1]}
                )
        return super().get_context_data(**contexto, **kwargs)


class HistorialContenidoView(PersonalRequeridoMixin, TemplateView):
    """Every row added, changed or removed in the document; the header's history is the core's page."""

    template_name = "procesos/historial.html"

    def get_context_data(self, **kwargs):
        c = _caracterizacion(self.request, self.kwargs["pk"])
        pagina = Paginator(historial_de_contenido(c), 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(c=c, page_obj=pagina, **kwargs)


class CrearView(PersonalRequeridoMixin, CreacionUnicaMixin, FormView):
    template_name = "procesos/formulario.html"
    form_class = CaracterizacionCrearForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_crear(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=_("Nueva caracterización"), volver=reverse("procesos:lista"), **kwargs)

    def form_valid(self, form):
        datos = {k: v for k, v in form.cleaned_data.items() if k not in ("proceso", "dependencia", "token_creacion")}
        try:
            c = services.caracterizacion_crear(
                usuario=self.request.user,
                proceso=form.cleaned_data["proceso"],
                datos=datos,
                dependencia=form.cleaned_data.get("dependencia"),
            )
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Borrador creado. Escriba ahora las actividades del ciclo PHVA."))
        return redirect("procesos:editar-phva", c.pk)


class _EdicionMixin(PersonalRequeridoMixin):
    def guardar(self, request, funcion):
        """Run the save on the draft re-read under its row lock, refusing it when someone saved after this page was
        read (the page's hidden `version_registro`)."""
        with transaction.atomic():
            bloquear(self.caracterizacion)
            versiones.exigir_revision(self.caracterizacion, request.POST.get(versiones.CAMPO))
            return funcion()

    def dispatch(self, request, *args, **kwargs):
        if es_personal(request.user):
            self.caracterizacion = _caracterizacion(request, kwargs["pk"], completa=True)
            if not permissions.can_editar(request.user, self.caracterizacion):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditarView(_EdicionMixin, View):
    template_name = "procesos/formulario.html"

    def _pagina(self, form):
        c = self.caracterizacion
        return render(
            self.request,
            self.template_name,
            {"form": form, "c": c, "titulo": _("Encabezado y secciones"), "volver": c.get_absolute_url()},
        )

    def _form(self, datos=None):
        # A separate instance: the form validates on it, the service compares with the saved one.
        instancia = Caracterizacion.objects.get(pk=self.caracterizacion.pk)
        return CaracterizacionForm(datos, instance=instancia, usuario=self.request.user)

    def get(self, request, pk):
        return self._pagina(self._form())

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            datos = {k: v for k, v in form.cleaned_data.items() if k not in ("politicas",)}
            try:
                self.guardar(
                    request,
                    lambda: services.caracterizacion_actualizar(
                        caracterizacion=self.caracterizacion,
                        usuario=request.user,
                        datos=datos,
                        politicas=form.cleaned_data["politicas"],
                    ),
                )
            except ErrorDeDominio as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Cambios guardados."))
                return redirect(self.caracterizacion)
        return self._pagina(form)


def _catalogo_para_elegir() -> list[str]:
    """The names the suppliers/clients pickers offer; the service links them back to the catalogs."""
    nombres = [str(d) for d in Dependencia.objects.filter(activa=True)]
    nombres += [str(p) for p in Proceso.objects.filter(activo=True)]
    nombres += [str(a) for a in Actor.objects.filter(estado=Actor.Estado.ACTIVO)]
    return nombres


UNA_COLUMNA = {"fuentes", "receptores"}
SEPARADAS = {"proveedores_externos", "proveedores_internos", "responsables", "clientes_internos", "clientes_externos"}


def columnas_de(caracterizacion) -> set[str]:
    """The PHVA fields this characterization is written in: the one-column format (fuentes → receptores) or the
    separated one (internal/external suppliers and clients, responsables); both when it mixes them or is empty."""
    usados = set()
    for fila in caracterizacion.filas.all():
        usados |= {campo for campo, valor in FilaPHVAForm.inicial(fila).items() if valor and campo != "id"}
    todos = set(FilaPHVAForm.base_fields) - {"id"}
    if usados & UNA_COLUMNA and not usados & SEPARADAS:
        return todos - SEPARADAS
    if usados & SEPARADAS and not usados & UNA_COLUMNA:
        return todos - UNA_COLUMNA
    return todos


class EditarPHVAView(_EdicionMixin, View):
    template_name = "procesos/editar_phva.html"

    def _conjuntos(self, datos=None):
        c = self.caracterizacion
        conjuntos = []
        for etapa in Etapa:
            inicial = [FilaPHVAForm.inicial(f) for f in c.filas.all() if f.etapa == etapa.value]
            conjunto = FilaPHVAFormSet(datos, initial=inicial, prefix=etapa.name.lower())
            conjunto.extra = 0 if inicial else 1
            conjuntos.append((etapa, estilizar_conjunto(conjunto)))
        return conjuntos

    def _pagina(self, conjuntos, errores=()):
        columnas = columnas_de(self.caracterizacion)
        return render(
            self.request,
            self.template_name,
            {
                "c": self.caracterizacion,
                "conjuntos": conjuntos,
                "errores": errores,
                "catalogo": _catalogo_para_elegir(),
                "columnas": columnas,
                "tipos_parte": [
                    (campo, FilaPHVAForm.base_fields[campo].label) for campo in FilaPHVAForm.PARTES if campo in columnas
                ],
            },
        )

    def get(self, request, pk):
        return self._pagina(self._conjuntos())

    def post(self, request, pk):
        conjuntos = self._conjuntos(request.POST)
        if all(conjunto.is_valid() for _etapa, conjunto in conjuntos):
            filas = [form.como_datos(etapa.value) for etapa, conjunto in conjuntos for form in en_orden(conjunto)]
            try:
                self.guardar(
                    request,
                    lambda: services.caracterizacion_guardar_contenido(
                        caracterizacion=self.caracterizacion, usuario=request.user, contenido={"filas": filas}
                    ),
                )
            except ErrorDeDominio as error:
                return self._pagina(conjuntos, [str(error)])
            messages.success(request, _("Actividades del ciclo PHVA guardadas."))
            return redirect(self.caracterizacion)
        return self._pagina(conjuntos, [_("Revise las filas marcadas: lo escrito se conserva.")])


class EditarDocumentosView(_EdicionMixin, View):
    template_name = "procesos/editar_documentos.html"

    def _conjuntos(self, datos=None, archivos=None):
        c = self.caracterizacion
        documentos = [
            {"id": d.pk, "clase": d.clase, "codigo": d.codigo, "nombre": d.nombre} for d in c.documentos.all()
        ]
        requisitos = [
            {"id": r.pk, "norma": r.norma, "articulo": r.articulo, "descripcion": r.descripcion}
            for r in c.requisitos.all()
        ]
        riesgos = [
            {"id": r.pk, "codigo": r.codigo, "descripcion": r.descripcion, "controles": r.controles}
            for r in c.riesgos.all()
        ]
        return [
            (
                "documentos",
                _("Documentos del proceso y asociados"),
                DocumentoFormSet(datos, archivos, initial=documentos, prefix="doc"),
            ),
            (
                "requisitos",
                _("Requisitos legales (normograma)"),
                RequisitoFormSet(datos, initial=requisitos, prefix="req"),
            ),
            ("riesgos", _("Riesgos asociados"), RiesgoFormSet(datos, initial=riesgos, prefix="rie")),
        ]

    def _pagina(self, conjuntos, errores=()):
        for _clave, _titulo, conjunto in conjuntos:
            estilizar_conjunto(conjunto)
        archivos = {d.pk: d for d in self.caracterizacion.documentos.all() if d.archivo}
        return render(
            self.request,
            self.template_name,
            {"c": self.caracterizacion, "conjuntos": conjuntos, "errores": errores, "archivos": archivos},
        )

    def get(self, request, pk):
        return self._pagina(self._conjuntos())

    def post(self, request, pk):
        conjuntos = self._conjuntos(request.POST, request.FILES)
        if all(conjunto.is_valid() for _c, _t, conjunto in conjuntos):
            contenido = {}
            for clave, _titulo, conjunto in conjuntos:
                if clave == "documentos":
                    contenido[clave] = [form.como_datos() for form in en_orden(conjunto)]
                else:
                    contenido[clave] = [
                        {
                            k: (v.strip() if isinstance(v, str) else v)
                            for k, v in form.cleaned_data.items()
                            if k not in ("ORDER", "DELETE")
                        }
                        for form in en_orden(conjunto)
                    ]
            try:
                self.guardar(
                    request,
                    lambda: services.caracterizacion_guardar_contenido(
                        caracterizacion=self.caracterizacion, usuario=request.user, contenido=contenido
                    ),
                )
            except ErrorDeDominio as error:
                return self._pagina(conjuntos, [str(error)])
            messages.success(request, _("Documentos, requisitos y riesgos guardados."))
            return redirect(self.caracterizacion)
        return self._pagina(conjuntos, [_("Revise las filas marcadas: lo escrito se conserva.")])


class ControlCambiosView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        c = _caracterizacion(request, pk)
        if not permissions.can_editar_control_cambios(request.user, c):
            raise PermissionDenied
        form = ControlCambiosForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Escriba la sección modificada y el cambio realizado."))
            return redirect(c)
        try:
            services.caracterizacion_actualizar_control(
                caracterizacion=c,
                usuario=request.user,
                seccion=form.cleaned_data["control_seccion"],
                cambio=form.cleaned_data["control_cambio"],
            )
        except ErrorDeDominio as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Control de cambios de esta versión guardado."))
        return redirect(c)


class NuevaVersionView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        c = _caracterizacion(request, pk)
        if not permissions.can_nueva_version(request.user, c):
            raise PermissionDenied
        try:
            nueva = services.caracterizacion_nueva_version(caracterizacion=c, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect(c)
        messages.success(
            request, _("Se creó el borrador de la versión %(v)s: edítelo y envíelo a revisión.") % {"v": nueva.version}
        )
        return redirect(nueva)


class PDFView(DocumentoDeRegistroView):
    """The official format, rendered by the report engine (Celery); followed on the characterization's own page."""

    codigo = "caracterizacion"

    def cargar(self, usuario, pk):
        return _caracterizacion(self.request, pk)


class ExcelView(PersonalRequeridoMixin, View):
    """The workbook that `importar_caracterizacion` reads back (small: streamed directly)."""

    def get(self, request, pk):
        c = _caracterizacion(request, pk, completa=True)
        destino = BytesIO()
        escribir_libro(c, destino)
        respuesta = HttpResponse(
            destino.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        nombre = f"caracterizacion-{slugify(c.proceso.codigo)}-v{slugify(c.version)}.xlsx"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta


class DocumentoArchivoView(PersonalRequeridoMixin, View):
    def get(self, request, pk, documento):
        c = _caracterizacion(request, pk)
        doc = get_object_or_404(c.documentos.exclude(archivo=""), pk=documento)
        try:
            archivo = doc.archivo.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(archivo, as_attachment=True, filename=doc.archivo.name.rsplit("/", 1)[-1])


class TransicionCaracterizacionView(TransicionView):
    modelo = Caracterizacion
    flujo = FLUJO_CARACTERIZACION
    parametro = "caracterizacion"


class ImportarView(PersonalRequeridoMixin, View):
    template_name = "procesos/importar.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_importar(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": ImportarForm()})

    def post(self, request):
        form = ImportarForm(request.POST, request.FILES)
        errores = []
        if form.is_valid():
            try:
                resultado = importar(form.cleaned_data["archivo"], usuario=request.user)
            except ErrorDeImportacion as error:
                errores = error.errores
            except ErrorDeDominio as error:
                errores = [str(error)]
            else:
                c = resultado.caracterizacion
                if resultado.creada:
                    mensaje = _("Se creó el borrador %(c)s.") % {"c": c}
                else:
                    mensaje = _("Se actualizó el borrador %(c)s.") % {"c": c}
                messages.success(request, mensaje)
                return redirect(c)
        return render(request, self.template_name, {"form": form, "errores": errores})
