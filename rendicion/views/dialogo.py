"""Dialogue spaces and the moderation of citizens' questions (staff side)."""

import copy
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from cooperacion.core import archivos, plazos, unicidad, versiones
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from .. import permissions, services
from ..filters import EspacioFilter, PreguntaFilter
from ..forms import EncuestaItemForm, EspacioForm, RespuestaForm, ResultadosForm
from ..models import EspacioDialogo, PreguntaCiudadana
from ..plazos import TIPO_RESPUESTA
from .comun import CrearBajoView, PasoView, espacio_visible, estrategia_visible, pregunta_visible

FLUJO_ESPACIO = Flujo(
    url_name="rendicion:espacio-transicion",
    acciones=(
        Accion(
            nombre="convocar",
            etiqueta=gettext_lazy("Convocar y publicar el aviso"),
            servicio=services.espacio_convocar,
            permitida=permissions.can_convocar,
            rol_permitido=permissions.organiza,
            estilo="success",
            confirmacion=gettext_lazy(
                "El aviso aparece en las páginas públicas los días de anticipación configurados antes del espacio "
                "(o desde hoy, si faltan menos), y desde entonces la ciudadanía puede enviar preguntas."
            ),
        ),
        Accion(
            nombre="realizar",
            etiqueta=gettext_lazy("Registrar que se realizó"),
            servicio=services.espacio_realizar,
            permitida=permissions.can_realizar,
            rol_permitido=permissions.organiza,
            confirmacion=gettext_lazy(
                "El espacio queda realizado y deja de recibir preguntas. Después registre la asistencia, el acta y "
                "la encuesta de evaluación."
            ),
        ),
        Accion(
            nombre="cancelar",
            etiqueta=gettext_lazy("Cancelar el espacio"),
            servicio=services.espacio_cancelar,
            permitida=permissions.can_cancelar_espacio,
            rol_permitido=permissions.organiza,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy("El espacio no se realizará; su aviso deja de recibir preguntas."),
        ),
    ),
)

FLUJO_PREGUNTA = Flujo(
    url_name="rendicion:pregunta-transicion",
    acciones=(
        Accion(
            nombre="aceptar",
            etiqueta=gettext_lazy("Aceptar y publicar"),
            servicio=services.pregunta_aceptar,
            permitida=permissions.can_aceptar_pregunta,
            rol_permitido=permissions.modera,
            estilo="success",
            confirmacion=gettext_lazy(
                "La pregunta se publica en la página del espacio, sin el nombre ni el correo de quien la hizo. "
                "La respuesta sigue pendiente."
            ),
        ),
        Accion(
            nombre="rechazar_spam",
            etiqueta=gettext_lazy("Rechazar: spam"),
            servicio=services.pregunta_rechazar_spam,
            permitida=permissions.can_rechazar_pregunta,
            rol_permitido=permissions.modera,
            estilo="outline-danger",
            confirmacion=gettext_lazy("La pregunta no se publica: es publicidad o un mensaje automático."),
        ),
        Accion(
            nombre="rechazar_ofensiva",
            etiqueta=gettext_lazy("Rechazar: lenguaje ofensivo"),
            servicio=services.pregunta_rechazar_ofensiva,
            permitida=permissions.can_rechazar_pregunta,
            rol_permitido=permissions.modera,
            estilo="outline-danger",
            confirmacion=gettext_lazy("La pregunta no se publica por su lenguaje ofensivo."),
        ),
        Accion(
            nombre="rechazar_fuera_de_alcance",
            etiqueta=gettext_lazy("Rechazar: fuera de alcance"),
            servicio=services.pregunta_rechazar_fuera_de_alcance,
            permitida=permissions.can_rechazar_pregunta,
            rol_permitido=permissions.modera,
            estilo="outline-danger",
            confirmacion=gettext_lazy(
                "La pregunta no se publica: no trata de la gestión de la entidad ni del tema del espacio. Si es una "
                "petición, remítala por el canal de atención al ciudadano."
            ),
        ),
    ),
)


class EspacioTransicionView(TransicionView):
    modelo = EspacioDialogo
    flujo = FLUJO_ESPACIO
    parametro = "espacio"


class PreguntaTransicionView(TransicionView):
    modelo = PreguntaCiudadana
    flujo = FLUJO_PREGUNTA
    parametro = "pregunta"


class EspacioListaView(ListaFiltrada):
    model = EspacioDialogo
    filterset_class = EspacioFilter
    template_name = "rendicion/espacio_lista.html"
    titulo = gettext_lazy("Espacios de diálogo")
    ordenamientos = {"fecha": "fecha", "nombre": "nombre", "estado": "estado", "tipo": "tipo"}
    orden_por_defecto = "-fecha"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("estrategia", "dependencia")
            .annotate(
                por_moderar=Count("preguntas", filter=Q(preguntas__estado=PreguntaCiudadana.Estado.RECIBIDA)),
                total_preguntas=Count("preguntas"),
            )
        )


class EspacioCrearView(CrearBajoView):
    form_class = EspacioForm
    titulo = gettext_lazy("Nuevo espacio de diálogo")
    boton = gettext_lazy("Crear el espacio")
    introduccion = gettext_lazy(
        "Audiencia pública, evento de gestión, mesa técnica o transmisión en vivo. Queda en preparación; al "
        "convocarlo, su aviso se publica en las páginas de transparencia y se abre el formulario de preguntas."
    )

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def rol_permitido(self, usuario, estrategia):
        return permissions.can_crear_espacio(usuario)

    permitida = rol_permitido

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "estrategia": self.objeto,
            "elige_dependencia": permissions.gestiona_la_estrategia(self.request.user),
        }

    def ejecutar(self, form):
        self.creado = services.espacio_crear(
            usuario=usuario_de(self.request), estrategia=self.objeto, **self.datos(form)
        )

    def mensaje_exito(self):
        return _("Espacio «%(n)s» creado.") % {"n": self.creado.nombre}


class EspacioDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/espacio_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        espacio = espacio_visible(usuario, self.kwargs["pk"])
        conteo = espacio.preguntas.aggregate(
            **{estado.value: Count("pk", filter=Q(estado=estado.value)) for estado in PreguntaCiudadana.Estado}
        )
        return super().get_context_data(
            espacio=espacio,
            estrategia=espacio.estrategia,
            flujo=FLUJO_ESPACIO,
            conteo=[(estado, conteo[estado.value]) for estado in PreguntaCiudadana.Estado],
            total_preguntas=sum(conteo.values()),
            encuesta=list(espacio.encuesta.all()),
            mejoras=list(espacio.mejoras.select_related("dependencia")),
            puede_editar=permissions.can_editar_espacio(usuario, espacio),
            puede_resultados=permissions.can_registrar_resultados(usuario, espacio),
            organiza=permissions.organiza(usuario, espacio),
            puede_crear_mejora=permissions.can_crear_mejora(usuario),
            publico=EspacioDialogo.objects.publicos().filter(pk=espacio.pk).exists(),
            **kwargs,
        )


class EspacioEditarView(PasoView):
    form_class = EspacioForm
    titulo = gettext_lazy("Editar el espacio de diálogo")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Espacio actualizado.")
    rol_permitido = staticmethod(permissions.organiza)
    permitida = staticmethod(permissions.can_editar_espacio)
    mensaje_estado = gettext_lazy("Un espacio realizado o cancelado ya no se modifica.")

    def cargar(self, usuario, pk):
        return espacio_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "instance": copy.copy(self.objeto),
            "estrategia": self.objeto.estrategia,
            "elige_dependencia": False,
        }

    def ejecutar(self, form):
        services.espacio_editar(espacio=self.objeto, usuario=self.request.user, **self.datos(form))


def formulario_de_encuesta() -> EncuestaItemForm:
    """The survey form as the results page shows it, with the one-time token its view expects."""
    form = EncuestaItemForm()
    form.fields[unicidad.CAMPO] = forms.CharField(
        widget=forms.HiddenInput, initial=unicidad.nuevo_token(), max_length=64
    )
    return form


def _resultados_iniciales(e: EspacioDialogo) -> dict[str, Any]:
    return {
        "asistentes": e.asistentes,
        "conclusiones": e.conclusiones,
        "encuesta_respuestas": e.encuesta_respuestas,
    }


class ResultadosView(PasoView):
    """Attendance, minutes, conclusions and the evaluation survey of a space that took place."""

    form_class = ResultadosForm
    template_name = "rendicion/espacio_resultados.html"
    titulo = gettext_lazy("Resultados del espacio")
    boton = gettext_lazy("Guardar los resultados")
    exito = gettext_lazy("Resultados guardados.")
    rol_permitido = staticmethod(permissions.organiza)
    permitida = staticmethod(permissions.can_registrar_resultados)
    mensaje_estado = gettext_lazy("Los resultados se registran cuando el espacio ya se realizó.")

    def cargar(self, usuario, pk):
        return espacio_visible(usuario, pk)

    def get_initial(self) -> dict[str, Any]:
        return _resultados_iniciales(self.objeto)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            encuesta=list(self.objeto.encuesta.all()),
            form_encuesta=kwargs.pop("form_encuesta", None) or formulario_de_encuesta(),
            **kwargs,
        )

    def ejecutar(self, form):
        services.espacio_registrar_resultados(espacio=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return self.request.path


class EncuestaAgregarView(CreacionUnicaMixin, PasoView):
    """POST only, from the results page: one question of the survey with its counts (one-time token: a double
    submit adds it once)."""

    http_method_names = ["post"]
    form_class = EncuestaItemForm
    template_name = "rendicion/espacio_resultados.html"
    titulo = ResultadosView.titulo
    boton = ResultadosView.boton
    exito = gettext_lazy("Pregunta de la encuesta agregada.")
    rol_permitido = staticmethod(permissions.organiza)
    permitida = staticmethod(permissions.can_registrar_resultados)
    mensaje_estado = ResultadosView.mensaje_estado

    def cargar(self, usuario, pk):
        return espacio_visible(usuario, pk)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop(versiones.CAMPO, None)
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The page shows the results form and this one (with its errors) below it.
        kwargs["form_encuesta"] = kwargs.pop("form", None)
        kwargs["form"] = ResultadosForm(initial=_resultados_iniciales(self.objeto))
        kwargs["encuesta"] = list(self.objeto.encuesta.all())
        return super().get_context_data(**kwargs)

    def ejecutar(self, form):
        services.encuesta_agregar(espacio=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return reverse("rendicion:espacio-resultados", args=[self.objeto.pk])


class EncuestaQuitarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, item):
        espacio = espacio_visible(request.user, pk)
        if not permissions.organiza(request.user, espacio):
            raise PermissionDenied
        objetivo = get_object_or_404(espacio.encuesta, pk=item)
        try:
            services.encuesta_quitar(item=objetivo, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Pregunta de la encuesta quitada."))
        return redirect("rendicion:espacio-resultados", pk=espacio.pk)


class ActaView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        return archivos.servir(espacio_visible(request.user, pk).acta)


class PreguntasInformeView(DocumentoDeRegistroView):
    codigo = "preguntas_espacio"

    def cargar(self, usuario, pk):
        return espacio_visible(usuario, pk)


# Questions -------------------------------------------------------------------------------------------


class PreguntaListaView(ListaFiltrada):
    """The moderation queue: what each user may moderate (or read, for Control Interno, without personal data)."""

    model = PreguntaCiudadana
    filterset_class = PreguntaFilter
    template_name = "rendicion/pregunta_lista.html"
    titulo = gettext_lazy("Preguntas ciudadanas")
    ordenamientos = {"recibida": "recibida_en", "limite": "fecha_limite_respuesta", "estado": "estado"}
    orden_por_defecto = "-recibida"

    def get_queryset(self):
        return super().get_queryset().select_related("espacio", "espacio__dependencia")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        contexto = super().get_context_data(**kwargs)
        usuario = self.request.user
        contexto["filas"] = [(p, permissions.ve_datos_personales(usuario, p.espacio)) for p in contexto["object_list"]]
        contexto["hoy"] = timezone.localdate()
        return contexto


class PreguntaDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/pregunta_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        pregunta = pregunta_visible(usuario, self.kwargs["pk"])
        return super().get_context_data(
            pregunta=pregunta,
            espacio=pregunta.espacio,
            flujo=FLUJO_PREGUNTA,
            datos_personales=permissions.ve_datos_personales(usuario, pregunta.espacio),
            puede_responder=permissions.can_responder_pregunta(usuario, pregunta),
            plazo=plazos.del_objeto(pregunta, TIPO_RESPUESTA.codigo),
            **kwargs,
        )


class ResponderView(PasoView):
    form_class = RespuestaForm
    template_name = "rendicion/pregunta_responder.html"
    titulo = gettext_lazy("Responder la pregunta")
    boton = gettext_lazy("Publicar la respuesta")
    exito = gettext_lazy("Respuesta publicada; se enviará al correo del ciudadano.")
    rol_permitido = staticmethod(permissions.modera)
    permitida = staticmethod(permissions.can_responder_pregunta)
    mensaje_estado = gettext_lazy("Esta pregunta ya fue respondida o rechazada.")

    def cargar(self, usuario, pk):
        return pregunta_visible(usuario, pk)

    def ejecutar(self, form):
        services.pregunta_responder(
            pregunta=self.objeto, usuario=self.request.user, respuesta=form.cleaned_data["respuesta"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(pregunta=self.objeto, **kwargs)
