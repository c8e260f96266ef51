"""Follow-up by Control Interno (cut-offs, evaluations, the report), improvement actions, and the terms."""

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cooperacion.core import plazos
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.models import ReporteGenerado
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from .. import permissions, selectors, services
from ..filters import MejoraFilter
from ..forms import ConfiguracionForm, ConsentimientoForm, CorteForm, EvaluacionForm, MejoraForm
from ..models import AccionMejora, Configuracion, Corte, TextoConsentimiento
from ..models.estrategia import orden_de_elemento
from ..plazos import TIPO_MEJORA, TIPO_PUBLICACION
from ..services.seguimiento import INFORME_SEGUIMIENTO
from .comun import (
    CrearBajoView,
    PasoView,
    corte_visible,
    estrategia_visible,
    evaluacion_visible,
    mejora_visible,
)

FLUJO_CORTE = Flujo(
    url_name="rendicion:corte-transicion",
    acciones=(
        Accion(
            nombre="cerrar",
            etiqueta=gettext_lazy("Cerrar la evaluación"),
            servicio=services.corte_cerrar,
            permitida=permissions.can_cerrar_corte,
            rol_permitido=permissions.evalua,
            confirmacion=gettext_lazy(
                "Todas las acciones están evaluadas: las evaluaciones quedan fijas y se puede generar el informe."
            ),
        ),
        Accion(
            nombre="reabrir",
            etiqueta=gettext_lazy("Reabrir la evaluación"),
            servicio=services.corte_reabrir,
            permitida=permissions.can_reabrir_corte,
            rol_permitido=permissions.evalua,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=gettext_lazy("Las evaluaciones se pueden corregir de nuevo; el informe se genera otra vez."),
        ),
        Accion(
            nombre="publicar",
            etiqueta=gettext_lazy("Publicar el informe"),
            servicio=services.corte_publicar,
            permitida=permissions.can_publicar_corte,
            rol_permitido=permissions.evalua,
            estilo="success",
            confirmacion=gettext_lazy(
                "El último informe generado (PDF y, si existe, Excel) se publica en las páginas de transparencia con "
                "la fecha de hoy."
            ),
        ),
    ),
)

FLUJO_MEJORA = Flujo(
    url_name="rendicion:mejora-transicion",
    acciones=(
        Accion(
            nombre="cumplir",
            etiqueta=gettext_lazy("Registrar como cumplida"),
            servicio=services.mejora_cumplir,
            permitida=permissions.can_cumplir_mejora,
            rol_permitido=permissions.atiende_la_mejora,
            requiere_motivo=True,
            estilo="success",
            confirmacion=gettext_lazy("Describa en el motivo el resultado de la acción de mejora."),
        ),
        Accion(
            nombre="reabrir",
            etiqueta=gettext_lazy("Reabrir"),
            servicio=services.mejora_reabrir,
            permitida=permissions.can_reabrir_mejora,
            rol_permitido=permissions.evalua,
            requiere_motivo=True,
            estilo="outline-secondary",
        ),
    ),
)


class CorteTransicionView(TransicionView):
    modelo = Corte
    flujo = FLUJO_CORTE
    parametro = "corte"


class MejoraTransicionView(TransicionView):
    modelo = AccionMejora
    flujo = FLUJO_MEJORA
    parametro = "mejora"


class CorteListaView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/corte_lista.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator
        from django.db.models import Count, Q

        consulta = (
            Corte.objects.visibles_para(self.request.user)
            .select_related("estrategia")
            .annotate(
                total=Count("evaluaciones"),
                evaluadas=Count("evaluaciones", filter=~Q(evaluaciones__resultado="")),
            )
            .order_by("-fecha_corte", "-pk")
        )
        return super().get_context_data(
            page_obj=Paginator(consulta, 25).get_page(self.request.GET.get("page")),
            hoy=timezone.localdate(),
            **kwargs,
        )


class CorteCrearView(CrearBajoView):
    form_class = CorteForm
    titulo = gettext_lazy("Nuevo corte de seguimiento")
    boton = gettext_lazy("Crear el corte")
    introduccion = gettext_lazy(
        "Control Interno evalúa cada acción con corte a esta fecha. El informe se debe publicar dentro de los días "
        "hábiles configurados después del corte (se avisa a Control Interno antes de que venza)."
    )

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def rol_permitido(self, usuario, estrategia):
        return permissions.can_crear_corte(usuario)

    permitida = rol_permitido

    def ejecutar(self, form):
        self.creado = services.corte_crear(usuario=usuario_de(self.request), estrategia=self.objeto, **self.datos(form))

    def mensaje_exito(self):
        return _("Corte creado: publique su informe a más tardar el %(f)s.") % {
            "f": self.creado.fecha_limite_publicacion.strftime("%d/%m/%Y")
        }


class CorteEditarView(PasoView):
    form_class = CorteForm
    titulo = gettext_lazy("Editar el corte")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Corte actualizado.")
    rol_permitido = staticmethod(permissions.configura)
    permitida = staticmethod(permissions.can_editar_corte)
    mensaje_estado = gettext_lazy("Solo se modifican los cortes en evaluación.")

    def cargar(self, usuario, pk):
        return corte_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        services.corte_editar(corte=self.objeto, usuario=self.request.user, **self.datos(form))


class CorteDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/corte_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = usuario_de(self.request)
        corte = corte_visible(usuario, self.kwargs["pk"])
        evaluaciones = selectors.evaluaciones_del_corte(corte)
        resumen = selectors.resumen_de_evaluaciones(evaluaciones)
        informes = []
        if usuario.ve_todas_las_dependencias:
            informes = list(
                ReporteGenerado.objects.filter(codigo=INFORME_SEGUIMIENTO, parametros__id=corte.pk)
                .select_related("solicitado_por")
                .order_by("-creado_en")[:10]
            )
        return super().get_context_data(
            corte=corte,
            estrategia=corte.estrategia,
            flujo=FLUJO_CORTE,
            evaluaciones=evaluaciones,
            resumen=resumen,
            pendientes=sum(1 for e in evaluaciones if not e.resultado),
            grafico=selectors.grafico_de_evaluaciones(_("Resultado de la evaluación"), resumen) if evaluaciones else "",
            informes=informes,
            informe_pdf_listo=services.informe_listo(corte, ReporteGenerado.Formato.PDF),
            plazo=plazos.del_objeto(corte, TIPO_PUBLICACION.codigo),
            puede_evaluar=permissions.can_evaluar(usuario, corte),
            puede_editar=permissions.can_editar_corte(usuario, corte),
            puede_generar=permissions.can_generar_informe(usuario, corte),
            puede_crear_mejora=permissions.can_crear_mejora(usuario),
            **kwargs,
        )


class InformeSolicitarView(DocumentoDeRegistroView):
    codigo = INFORME_SEGUIMIENTO

    def cargar(self, usuario, pk):
        corte = corte_visible(usuario, pk)
        if not permissions.can_generar_informe(usuario, corte):
            raise PermissionDenied
        return corte


class EvaluacionView(PasoView):
    form_class = EvaluacionForm
    template_name = "rendicion/evaluacion.html"
    titulo = gettext_lazy("Evaluar la acción")
    boton = gettext_lazy("Guardar la evaluación")
    exito = gettext_lazy("Evaluación guardada.")
    rol_permitido = staticmethod(lambda usuario, evaluacion: permissions.evalua(usuario))
    permitida = staticmethod(permissions.can_evaluar_accion)
    mensaje_estado = gettext_lazy("La evaluación de este corte está cerrada: reábrala para corregirla.")

    def cargar(self, usuario, pk):
        return evaluacion_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        evaluacion = self.objeto
        accion = evaluacion.accion
        return super().get_context_data(
            evaluacion=evaluacion,
            accion=accion,
            avances=list(accion.avances.select_related("dependencia", "registrado_por")),
            siguiente=evaluacion.corte.evaluaciones.filter(resultado="")
            .exclude(pk=evaluacion.pk)
            .order_by(orden_de_elemento("accion__elemento"), "accion__numero")
            .first(),
            **kwargs,
        )

    def ejecutar(self, form):
        services.evaluacion_registrar(evaluacion=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return self.objeto.corte.get_absolute_url() + f"#evaluacion-{self.objeto.pk}"


# Improvement actions ----------------------------------------------------------------------------------


class MejoraListaView(ListaFiltrada):
    model = AccionMejora
    filterset_class = MejoraFilter
    template_name = "rendicion/mejora_lista.html"
    titulo = gettext_lazy("Acciones de mejora")
    ordenamientos = {"limite": "fecha_limite", "estado": "estado", "origen": "origen"}
    orden_por_defecto = "limite"

    def get_queryset(self):
        return super().get_queryset().select_related("estrategia", "dependencia", "responsable")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(hoy=timezone.localdate(), **kwargs)


class MejoraCrearView(CrearBajoView):
    form_class = MejoraForm
    titulo = gettext_lazy("Nueva acción de mejora")
    boton = gettext_lazy("Registrar la acción de mejora")
    introduccion = gettext_lazy(
        "Elemento Responsabilidad: las acciones de mejora que salen de la evaluación de Control Interno o de lo "
        "que la ciudadanía planteó en un espacio de diálogo, con su responsable y su fecha límite."
    )

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def rol_permitido(self, usuario, estrategia):
        return permissions.can_crear_mejora(usuario)

    permitida = rol_permitido

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "estrategia": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        inicial = {}
        if self.request.GET.get("evaluacion", "").isdigit():
            inicial = {"origen": AccionMejora.Origen.EVALUACION, "evaluacion": int(self.request.GET["evaluacion"])}
        elif self.request.GET.get("espacio", "").isdigit():
            inicial = {"origen": AccionMejora.Origen.DIALOGO, "espacio": int(self.request.GET["espacio"])}
        return inicial

    def ejecutar(self, form):
        self.creado = services.mejora_crear(
            usuario=usuario_de(self.request), estrategia=self.objeto, **self.datos(form)
        )

    def mensaje_exito(self):
        return _("Acción de mejora registrada.")


class MejoraDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/mejora_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        mejora = mejora_visible(self.request.user, self.kwargs["pk"])
        return super().get_context_data(
            mejora=mejora,
            estrategia=mejora.estrategia,
            flujo=FLUJO_MEJORA,
            plazo=plazos.del_objeto(mejora, TIPO_MEJORA.codigo),
            **kwargs,
        )


# Configuration --------------------------------------------------------------------------------------


class ConfiguracionView(PasoView):
    form_class = ConfiguracionForm
    template_name = "rendicion/configuracion.html"
    titulo = gettext_lazy("Configuración de la rendición de cuentas")
    boton = gettext_lazy("Guardar la configuración")
    exito = gettext_lazy("Configuración guardada.")
    rol_permitido = staticmethod(permissions.configura)
    permitida = staticmethod(permissions.configura)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        kwargs.setdefault("pk", None)
        return super().dispatch(request, *args, **kwargs)

    def cargar(self, usuario, pk):
        return Configuracion.vigente()

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            consentimientos=list(TextoConsentimiento.objects.select_related("creado_por")[:20]),
            puede_consentimiento=permissions.gestiona_la_estrategia(self.request.user),
            **kwargs,
        )

    def ejecutar(self, form):
        services.configuracion_editar(configuracion=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return self.request.path


class _ConsentimientoNuevo(PersonalRequeridoMixin, FormView):
    form_class = ConsentimientoForm
    template_name = "rendicion/formulario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if permissions.es_personal(request.user) and not permissions.gestiona_la_estrategia(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        vigente = TextoConsentimiento.objects.vigente()
        return {"titulo": vigente.titulo, "texto": vigente.texto} if vigente else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.urls import reverse

        return super().get_context_data(
            titulo=_("Nueva versión del texto de consentimiento"),
            boton=_("Publicar la nueva versión"),
            introduccion=_(
                "Ley 1581 de 2012. El formulario público muestra la nueva versión desde ahora; cada pregunta "
                "conserva la versión que aceptó quien la envió."
            ),
            volver=reverse("rendicion:configuracion"),
            **kwargs,
        )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            nuevo = services.consentimiento_crear(
                usuario=usuario_de(self.request),
                titulo=form.cleaned_data["titulo"],
                texto_consentimiento=form.cleaned_data["texto"],
            )
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Versión %(v)s del consentimiento publicada.") % {"v": nuevo.version})
        return redirect("rendicion:configuracion")


class ConsentimientoCrearView(CreacionUnicaMixin, _ConsentimientoNuevo):
    pass
