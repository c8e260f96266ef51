"""The call's page (the nine tasks of AI-P-003 as a progress list) and the pages of the steps that need data."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from cooperacion.core.archivos import servir
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.services import ErrorDeDominio
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from .. import permissions, priorizacion, procedimiento, selectors, services
from ..forms import (
    ActaCompromisosForm,
    AvisoForm,
    CompromisoForm,
    ConvocatoriaForm,
    DecisionForm,
    DestinatarioForm,
    PresentacionForm,
    RespuestaForm,
    ReunionForm,
    VersionForm,
)
from ..models import Aviso, Compromiso, Convocatoria, Destinatario, PesosPriorizacion
from .comun import PasoView, convocatoria_visible, datos_con_cooperante

FLUJO_CONVOCATORIA = Flujo(
    url_name="convocatorias:transicion",
    acciones=(
        Accion(
            nombre="priorizar",
            etiqueta=gettext_lazy("Priorizar y pasar a validación"),
            servicio=services.convocatoria_priorizar,
            permitida=permissions.can_priorizar,
            rol_permitido=permissions.es_de_la_oficina,
            confirmacion=gettext_lazy(
                "El análisis y el puntaje quedan registrados y el jefe de la dependencia recibe la convocatoria "
                "para decidir si se aplica (tarea 2)."
            ),
        ),
        Accion(
            nombre="aplicar",
            etiqueta=gettext_lazy("Aplicar"),
            servicio=services.convocatoria_aplicar,
            permitida=permissions.can_validar,
            rol_permitido=permissions.es_jefe_de_la_oficina,
            requiere_motivo=True,
            estilo="success",
            confirmacion=gettext_lazy("Se aplicará a la convocatoria: sigue la tarea 3, informar a los interesados."),
        ),
        Accion(
            nombre="no_aplicar",
            etiqueta=gettext_lazy("No aplicar"),
            servicio=services.convocatoria_no_aplicar,
            permitida=permissions.can_validar,
            rol_permitido=permissions.es_jefe_de_la_oficina,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy(
                "El procedimiento termina para esta convocatoria; queda en la matriz con el motivo."
            ),
        ),
        Accion(
            nombre="formalizar",
            etiqueta=gettext_lazy("Formalizar los compromisos"),
            servicio=services.convocatoria_formalizar_compromisos,
            permitida=permissions.can_formalizar_compromisos,
            rol_permitido=permissions.es_de_la_oficina,
            punto_critico=procedimiento.PUNTO_APLICACION,
            confirmacion=gettext_lazy(
                "Al menos una dependencia u organización aceptó participar, los compromisos y el acta están "
                "registrados: la convocatoria pasa a la formulación del proyecto (tarea 5)."
            ),
        ),
        Accion(
            nombre="aprobar_proyecto",
            etiqueta=gettext_lazy("Aprobar el proyecto"),
            servicio=services.convocatoria_aprobar_proyecto,
            permitida=permissions.can_aprobar_proyecto,
            rol_permitido=permissions.es_jefe_de_la_oficina,
            estilo="success",
            confirmacion=gettext_lazy("Se aprueba la última versión del documento del proyecto para presentarla."),
        ),
        Accion(
            nombre="desistir",
            etiqueta=gettext_lazy("No continuar"),
            servicio=services.convocatoria_desistir,
            permitida=permissions.can_desistir,
            rol_permitido=permissions.es_jefe_de_la_oficina,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=gettext_lazy(
                "La convocatoria no se presentará (nadie aceptó, cerró antes de tiempo, el cooperante la retiró...). "
                "Queda en la matriz con el motivo."
            ),
        ),
    ),
)


class ConvocatoriaTransicionView(TransicionView):
    modelo = Convocatoria
    flujo = FLUJO_CONVOCATORIA
    parametro = "convocatoria"


class ConvocatoriaDetalleView(PersonalRequeridoMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        self.convocatoria = convocatoria_visible(request.user, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.plantilla]

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        convocatoria = self.convocatoria
        detalle = selectors.detalle_completo(convocatoria)
        if not permissions.ve_toda_la_convocatoria(usuario, convocatoria, detalle["proyecto"]):
            destinatario = selectors.destinatario_propio(usuario, convocatoria)
            if destinatario is None:
                raise Http404
            self.plantilla = "convocatorias/detalle_destinatario.html"
            return super().get_context_data(
                convocatoria=convocatoria,
                destinatario=destinatario,
                ods=list(convocatoria.ods.all()),
                puede_responder=permissions.can_responder(usuario, destinatario),
                **kwargs,
            )
        self.plantilla = "convocatorias/detalle.html"
        pesos = PesosPriorizacion.vigentes()
        partes = priorizacion.desglose(convocatoria, pesos)
        puntaje = round(sum(p.aporte for p in partes), 1)
        for destinatario in detalle["destinatarios"]:
            destinatario.puede_responder = permissions.can_responder(usuario, destinatario)
        return super().get_context_data(
            convocatoria=convocatoria,
            flujo=FLUJO_CONVOCATORIA,
            acciones_disponibles=FLUJO_CONVOCATORIA.disponibles(usuario, convocatoria),
            pasos=selectors.pasos(convocatoria, hay_aceptacion=detalle["hay_aceptacion"]),
            partes=partes,
            puntaje=puntaje,
            prioridad=priorizacion.prioridad_de(puntaje),
            pesos=pesos,
            ods=list(convocatoria.ods.all()),
            lineas=list(convocatoria.lineas_prioritarias.all()),
            necesidades=list(convocatoria.necesidades.select_related("dependencia")),
            procedimiento=procedimiento.encabezado(),
            puede_editar=permissions.can_editar_convocatoria(usuario, convocatoria),
            puede_preparar_aviso=permissions.can_preparar_aviso(usuario, convocatoria),
            puede_reunion=permissions.can_registrar_reunion(usuario, convocatoria),
            puede_compromisos=permissions.can_gestionar_compromisos(usuario, convocatoria),
            puede_subir_version=permissions.can_subir_version(usuario, convocatoria),
            puede_presentar=permissions.can_presentar(usuario, convocatoria),
            puede_decidir=permissions.can_registrar_decision(usuario, convocatoria),
            puede_ejecutar=permissions.can_iniciar_ejecucion(usuario, convocatoria),
            es_oficina=permissions.es_de_la_oficina(usuario, convocatoria),
            **detalle,
            **kwargs,
        )


class ConvocatoriaEditarView(PasoView):
    form_class = ConvocatoriaForm
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_editar_convocatoria)
    titulo = gettext_lazy("Editar la convocatoria")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Convocatoria actualizada.")
    tarea = 1

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        with transaction.atomic():
            datos = datos_con_cooperante(form, self.request.user)
            services.convocatoria_editar(convocatoria=self.objeto, usuario=self.request.user, **datos)


# Task 3: the oficio informativo -------------------------------------------------------------------

FLUJO_AVISO = Flujo(
    url_name="convocatorias:aviso-transicion",
    acciones=(
        Accion(
            nombre="solicitar_firma",
            etiqueta=gettext_lazy("Pedir la firma del jefe"),
            servicio=services.aviso_solicitar_firma,
            permitida=permissions.can_solicitar_firma,
            rol_permitido=lambda usuario, aviso: permissions.es_de_la_oficina(usuario, aviso.convocatoria),
            confirmacion=gettext_lazy(
                "El oficio sale con el nombre y el cargo del jefe: él lo revisa y lo firma, o lo devuelve con "
                "observaciones. Mientras tanto su texto no cambia."
            ),
        ),
        Accion(
            nombre="firmar",
            etiqueta=gettext_lazy("Firmar y enviar"),
            servicio=services.aviso_firmar,
            permitida=permissions.can_firmar_oficio,
            rol_permitido=lambda usuario, aviso: permissions.es_jefe_que_firma(usuario, aviso.convocatoria),
            estilo="success",
            confirmacion=gettext_lazy(
                "Usted firma este oficio con su nombre y cargo. Se guarda tal como queda firmado y se envía por "
                "correo a los destinatarios; las respuestas llegan al profesional responsable de la convocatoria."
            ),
        ),
        Accion(
            nombre="devolver",
            etiqueta=gettext_lazy("Devolver con observaciones"),
            servicio=services.aviso_devolver,
            permitida=permissions.can_devolver_oficio,
            rol_permitido=lambda usuario, aviso: permissions.es_jefe_que_firma(usuario, aviso.convocatoria),
            requiere_motivo=True,
            estilo="outline-secondary",
        ),
    ),
)


class AvisoTransicionView(TransicionView):
    modelo = Aviso
    flujo = FLUJO_AVISO
    parametro = "aviso"


class AvisoView(PasoView):
    """Write the oficio, choose its addressees, preview it as PDF and send it."""

    form_class = AvisoForm
    template_name = "convocatorias/aviso.html"
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_preparar_aviso)
    titulo = gettext_lazy("Oficio informativo")
    boton = gettext_lazy("Guardar el oficio")
    exito = gettext_lazy("Oficio guardado.")
    tarea = 3

    def get_initial(self):
        aviso = Aviso.objects.filter(convocatoria=self.objeto).first()
        if aviso:
            return {"asunto": aviso.asunto, "texto": aviso.texto, "numero_oficio": aviso.numero_oficio}
        asunto, texto = services.oficio_por_defecto(self.objeto)
        return {"asunto": asunto, "texto": texto}

    def get_context_data(self, **kwargs):
        aviso = Aviso.objects.filter(convocatoria=self.objeto).select_related("enviado_por", "firmado_por").first()
        if aviso is not None:
            aviso.convocatoria = self.objeto
        destinatarios = list(self.objeto.destinatarios.select_related("dependencia"))
        return super().get_context_data(
            aviso=aviso,
            flujo_aviso=FLUJO_AVISO,
            destinatarios=destinatarios,
            sin_enviar=[d for d in destinatarios if d.notificado_en is None],
            form_destinatario=kwargs.pop("form_destinatario", None) or DestinatarioForm(convocatoria=self.objeto),
            **kwargs,
        )

    def ejecutar(self, form):
        services.aviso_guardar(convocatoria=self.objeto, usuario=self.request.user, **form.cleaned_data)

    def destino(self):
        return self.request.path


class DestinatarioAgregarView(CreacionUnicaMixin, AvisoView):
    """POST only: add an addressee from the oficio page."""

    http_method_names = ["post"]
    exito = gettext_lazy("Destinatario agregado.")

    def post(self, request, *args, **kwargs):
        form = DestinatarioForm(request.POST, convocatoria=self.objeto)
        if form.is_valid():
            try:
                services.destinatario_agregar(convocatoria=self.objeto, usuario=request.user, **form.cleaned_data)
            except ErrorDeDominio as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, str(self.exito))
                return redirect("convocatorias:aviso", pk=self.objeto.pk)
        return self.render_to_response(
            self.get_context_data(form=AvisoForm(initial=self.get_initial()), form_destinatario=form)
        )


class DestinatarioQuitarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, destinatario):
        convocatoria = convocatoria_visible(request.user, pk)
        if not permissions.es_de_la_oficina(request.user, convocatoria):
            raise PermissionDenied
        objetivo = get_object_or_404(Destinatario, pk=destinatario, convocatoria=convocatoria)
        try:
            services.destinatario_quitar(destinatario=objetivo, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Destinatario quitado."))
        return redirect("convocatorias:aviso", pk=convocatoria.pk)


class AvisoEnviarView(PersonalRequeridoMixin, View):
    """POST only: send the oficio by e-mail to every addressee not yet informed (task 3)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        convocatoria = convocatoria_visible(request.user, pk)
        if not permissions.es_de_la_oficina(request.user, convocatoria):
            raise PermissionDenied
        try:
            enviados = services.convocatoria_informar(convocatoria=convocatoria, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect("convocatorias:aviso", pk=convocatoria.pk)
        messages.success(
            request,
            _("El oficio firmado quedó en cola de envío para: %(d)s.") % {"d": ", ".join(d.nombre for d in enviados)},
        )
        return redirect("convocatorias:aviso", pk=convocatoria.pk)


class OficioPDFView(PersonalRequeridoMixin, View):
    """The oficio as PDF: the signed one exactly as it was sent (stored), or, before signing, a draft rendered now for
    the office to read (inline, in another tab; it is not listed among the reports)."""

    def get(self, request, pk):
        convocatoria = convocatoria_visible(request.user, pk)
        aviso = get_object_or_404(Aviso.objects.select_related("firmado_por"), convocatoria=convocatoria)
        if aviso.pdf_firmado:
            return servir(aviso.pdf_firmado, nombre=f"oficio-{convocatoria.pk}-firmado.pdf", en_linea=True)
        if not permissions.ve_toda_la_convocatoria(request.user, convocatoria):
            raise Http404  # an addressee reads the oficio once it is signed
        contenido = services.oficio_pdf(convocatoria, request.user)
        respuesta = HttpResponse(contenido, content_type="application/pdf")
        respuesta["Content-Disposition"] = f'inline; filename="oficio-{convocatoria.pk}-borrador.pdf"'
        return respuesta


class ActaCompromisosPDFView(DocumentoDeRegistroView):
    codigo = "acta_compromisos"

    def cargar(self, usuario, pk):
        convocatoria = convocatoria_visible(usuario, pk)
        if not permissions.ve_toda_la_convocatoria(usuario, convocatoria):
            raise Http404
        return convocatoria


class ResponderView(PasoView):
    """An addressee's answer: accepts, or declines with the causes."""

    form_class = RespuestaForm
    titulo = gettext_lazy("Respuesta al oficio informativo")
    boton = gettext_lazy("Registrar la respuesta")
    exito = gettext_lazy("Respuesta registrada.")
    tarea = 3

    def cargar(self, usuario, pk):
        convocatoria = convocatoria_visible(usuario, pk)
        destinatario = get_object_or_404(
            Destinatario.objects.select_related("dependencia"),
            pk=self.kwargs["destinatario"],
            convocatoria=convocatoria,
        )
        destinatario.convocatoria = convocatoria
        if not (
            permissions.ve_toda_la_convocatoria(usuario, convocatoria)
            or destinatario.dependencia_id == usuario.dependencia_id
        ):
            raise Http404  # another addressee's record
        return destinatario

    rol_permitido = staticmethod(permissions.puede_responder_por)
    permitida = staticmethod(permissions.can_responder)

    def get_initial(self):
        d = self.objeto
        if d.respuesta == Destinatario.Respuesta.PENDIENTE:
            return {}
        return {"respuesta": d.respuesta, "causas": d.causas, "observaciones": d.observaciones}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subtitulo=self.objeto.nombre,
            introduccion=_(
                "Indique si %(d)s participa en la aplicación de la convocatoria. Si no participa, explique las causas."
            )
            % {"d": self.objeto.nombre},
            **kwargs,
        )

    def ejecutar(self, form):
        datos = form.cleaned_data
        services.destinatario_responder(
            destinatario=self.objeto,
            usuario=self.request.user,
            acepta=datos["respuesta"] == Destinatario.Respuesta.ACEPTA,
            causas=datos["causas"],
            observaciones=datos["observaciones"],
            oficio_respuesta=datos["oficio_respuesta"],
        )

    def destino(self):
        return self.objeto.convocatoria.get_absolute_url()


class ReunionView(PasoView):
    form_class = ReunionForm
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_registrar_reunion)
    titulo = gettext_lazy("Reunión informativa")
    boton = gettext_lazy("Registrar la reunión")
    introduccion = gettext_lazy(
        "Si una dependencia u organización requiere mayor información, registre el encuentro con su acta y el "
        "registro de asistencia."
    )
    exito = gettext_lazy("Reunión informativa registrada.")
    tarea = 3

    def get_initial(self):
        aviso = self.objeto.aviso
        return {"fecha": aviso.reunion_fecha, "lugar": aviso.reunion_lugar}

    def ejecutar(self, form):
        services.reunion_registrar(convocatoria=self.objeto, usuario=self.request.user, **form.cleaned_data)


# Task 4: commitments --------------------------------------------------------------------------------


class CompromisosView(CreacionUnicaMixin, PasoView):
    form_class = CompromisoForm
    template_name = "convocatorias/compromisos.html"
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_gestionar_compromisos)
    titulo = gettext_lazy("Formalizar los compromisos")
    boton = gettext_lazy("Agregar un compromiso")
    exito = gettext_lazy("Compromiso agregado.")
    tarea = 4

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            compromisos=list(self.objeto.compromisos.all()),
            aceptaron=list(self.objeto.destinatarios.aceptaron().select_related("dependencia")),
            form_acta=kwargs.pop("form_acta", None) or ActaCompromisosForm(),
            **kwargs,
        )

    def ejecutar(self, form):
        services.compromiso_agregar(convocatoria=self.objeto, usuario=self.request.user, **form.cleaned_data)

    def destino(self):
        return self.request.path


class ActaCompromisosSubirView(CompromisosView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ActaCompromisosForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.acta_compromisos_subir(
                    convocatoria=self.objeto, usuario=request.user, archivo=form.cleaned_data["archivo"]
                )
            except ErrorDeDominio as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Acta de compromisos adjuntada."))
                return redirect("convocatorias:compromisos", pk=self.objeto.pk)
        return self.render_to_response(self.get_context_data(form=CompromisoForm(), form_acta=form))


class CompromisoQuitarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, compromiso):
        convocatoria = convocatoria_visible(request.user, pk)
        if not permissions.es_de_la_oficina(request.user, convocatoria):
            raise PermissionDenied
        objetivo = get_object_or_404(Compromiso, pk=compromiso, convocatoria=convocatoria)
        try:
            services.compromiso_quitar(compromiso=objetivo, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Compromiso quitado."))
        return redirect("convocatorias:compromisos", pk=convocatoria.pk)


# Tasks 5 to 8 --------------------------------------------------------------------------------------


class VersionView(CreacionUnicaMixin, PasoView):
    form_class = VersionForm
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_subir_version)
    titulo = gettext_lazy("Nueva versión del documento del proyecto")
    boton = gettext_lazy("Subir una versión")
    introduccion = gettext_lazy(
        "El proyecto se elabora en el formato que pide la convocatoria; el jefe de la dependencia revisa y aprueba "
        "la última versión."
    )
    exito = gettext_lazy("Versión del proyecto subida.")
    tarea = 5

    def ejecutar(self, form):
        services.version_subir(convocatoria=self.objeto, usuario=self.request.user, **form.cleaned_data)


class PresentacionView(PasoView):
    form_class = PresentacionForm
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_presentar)
    titulo = gettext_lazy("Presentar el proyecto al cooperante")
    boton = gettext_lazy("Registrar la presentación")
    exito = gettext_lazy("Presentación registrada.")
    tarea = 6

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "convocatoria": self.objeto}

    def ejecutar(self, form):
        services.convocatoria_presentar(convocatoria=self.objeto, usuario=self.request.user, **form.cleaned_data)


class DecisionView(PasoView):
    form_class = DecisionForm
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_registrar_decision)
    titulo = gettext_lazy("Respuesta del cooperante")
    boton = gettext_lazy("Registrar la respuesta")
    introduccion = gettext_lazy(
        "Se avisa por correo a todos los involucrados. Si la respuesta es negativa, el procedimiento termina."
    )
    exito = gettext_lazy("Respuesta del cooperante registrada y comunicada a los involucrados.")
    tarea = 7

    def ejecutar(self, form):
        datos = form.cleaned_data
        services.convocatoria_registrar_decision(
            convocatoria=self.objeto,
            usuario=self.request.user,
            aceptada=datos["resultado"] == "aceptada",
            fecha=datos["fecha"],
            comunicacion=datos["comunicacion"],
            soporte=datos["soporte"],
            monto_aprobado=datos["monto_aprobado"],
        )
