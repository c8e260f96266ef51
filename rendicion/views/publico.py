"""The accountability pages of /transparencia/ (no login): the published strategy with its actions and progress,
the dialogue spaces with the question form, the published answers and the published follow-up reports.

Only what is published reaches a citizen: anything else answers 404, files included.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cooperacion.core import archivos
from cooperacion.core.views_publico import PublicoMixin

from .. import limites, selectors, services
from ..forms import PreguntaPublicaForm
from ..models import (
    AccionRendicion,
    Configuracion,
    Corte,
    EspacioDialogo,
    Estrategia,
    PreguntaCiudadana,
    ResponsableAccion,
    TextoConsentimiento,
)


def estrategias_publicadas():
    return Estrategia.objects.filter(estado=Estrategia.Estado.PUBLICADA)


def preguntas_publicas():
    return PreguntaCiudadana.objects.publicadas().select_related("espacio")


class InicioView(PublicoMixin, TemplateView):
    template_name = "rendicion/publico/inicio.html"
    extra_context = {"seccion_activa": "inicio"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        estrategias = list(estrategias_publicadas().order_by("-anio"))
        hoy = timezone.localdate()
        proximos = list(
            EspacioDialogo.objects.publicos(hoy).filter(fecha__gte=timezone.now()).order_by("-aviso_desde", "fecha")[:5]
        )
        return super().get_context_data(
            estrategias=estrategias,
            actual=estrategias[0] if estrategias else None,
            proximos=proximos,
            respuestas=list(
                preguntas_publicas().filter(estado=PreguntaCiudadana.Estado.RESPONDIDA).order_by("-respondida_en")[:5]
            ),
            informes=list(Corte.objects.publicados().select_related("estrategia").order_by("-publicado_en")[:5]),
            **kwargs,
        )


class EstrategiaView(PublicoMixin, TemplateView):
    template_name = "rendicion/publico/estrategia.html"
    extra_context = {"seccion_activa": "inicio"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        estrategia = get_object_or_404(estrategias_publicadas(), anio=self.kwargs["anio"])
        acciones = list(
            estrategia.acciones.prefetch_related(
                Prefetch("responsables", queryset=ResponsableAccion.objects.select_related("dependencia")), "ods"
            ).order_by("elemento", "numero")
        )
        return super().get_context_data(
            estrategia=estrategia,
            grupos=selectors.acciones_por_elemento(estrategia, acciones),
            objetivos=list(estrategia.objetivos.all()),
            etapas=list(estrategia.etapas.all()),
            ods=list(estrategia.ods.all()),
            avance=selectors.avance_de_la_estrategia(acciones),
            total=len(acciones),
            cumplidas=sum(1 for a in acciones if a.estado == AccionRendicion.Estado.CUMPLIDA),
            espacios=list(EspacioDialogo.objects.publicos().filter(estrategia=estrategia).order_by("-aviso_desde")),
            informes=list(Corte.objects.publicados().filter(estrategia=estrategia).order_by("-publicado_en")),
            metricas=selectors.metricas_de(estrategia),
            **kwargs,
        )


class EspaciosView(PublicoMixin, TemplateView):
    """Upcoming spaces first (newest notice first), then the ones that took place."""

    template_name = "rendicion/publico/espacios.html"
    extra_context = {"seccion_activa": "espacios"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ahora = timezone.now()
        publicos = EspacioDialogo.objects.publicos().select_related("estrategia")
        proximos = publicos.filter(estado=EspacioDialogo.Estado.CONVOCADO, fecha__gte=ahora).order_by(
            "-aviso_desde", "fecha"
        )
        anteriores = publicos.exclude(pk__in=proximos.values("pk")).annotate(
            respondidas=Count("preguntas", filter=Q(preguntas__estado=PreguntaCiudadana.Estado.RESPONDIDA))
        )
        return super().get_context_data(
            proximos=list(proximos),
            page_obj=Paginator(anteriores.order_by("-fecha", "-pk"), 20).get_page(self.request.GET.get("page")),
            **kwargs,
        )


class EspacioView(View):
    """A space's notice, its published questions and answers, and (while it receives them) the question form."""

    template_name = "rendicion/publico/espacio.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.espacio = get_object_or_404(
            EspacioDialogo.objects.publicos().select_related("estrategia", "dependencia"), pk=kwargs["pk"]
        )
        self.configuracion = Configuracion.vigente()
        respuesta = super().dispatch(request, *args, **kwargs)
        # The form carries a CSRF token and the page may carry a message: never kept by a shared cache.
        respuesta["Cache-Control"] = "no-store"
        return respuesta

    def _consentimiento(self):
        return TextoConsentimiento.objects.vigente()

    def _pagina(self, request, form=None, status=200):
        consentimiento = self._consentimiento()
        abierto = self.espacio.recibe_preguntas() and consentimiento is not None
        if abierto and form is None:
            form = PreguntaPublicaForm(initial={"version_consentimiento": consentimiento.version})
        preguntas = (
            PreguntaCiudadana.objects.filter(
                espacio=self.espacio,
                estado__in=[PreguntaCiudadana.Estado.ACEPTADA, PreguntaCiudadana.Estado.RESPONDIDA],
            )
            .only("pk", "texto", "estado", "respuesta", "recibida_en", "respondida_en", "espacio_id")
            .order_by("-recibida_en", "-pk")
        )
        contexto = {
            "espacio": self.espacio,
            "abierto": abierto,
            "form": form if abierto else None,
            "consentimiento": consentimiento,
            "page_obj": Paginator(preguntas, 20).get_page(request.GET.get("page")),
            "encuesta": list(self.espacio.encuesta.all())
            if self.espacio.estado == EspacioDialogo.Estado.REALIZADO
            else [],
            "dias_respuesta": self.configuracion.dias_respuesta,
            "seccion_activa": "espacios",
        }
        return render(request, self.template_name, contexto, status=status)

    def get(self, request, pk):
        return self._pagina(request)

    def post(self, request, pk):
        limite = self.configuracion.preguntas_por_hora
        if limites.agotado(request, limite):
            respuesta = render(
                request,
                "rendicion/publico/limite.html",
                {"espacio": self.espacio, "limite": limite, "seccion_activa": "espacios"},
                status=429,
            )
            respuesta["Retry-After"] = str(limites.VENTANA_SEGUNDOS)
            return respuesta
        limites.contar(request)
        if not self.espacio.recibe_preguntas():
            messages.error(request, _("Este espacio de diálogo ya no recibe preguntas."))
            return redirect(self.espacio.get_public_url())
        form = PreguntaPublicaForm(request.POST)
        if form.es_robot():
            # A robot filled the trap field: it gets the usual answer and nothing is stored.
            messages.success(request, _("Recibimos su pregunta. La publicaremos cuando el equipo la revise."))
            return redirect(self.espacio.get_public_url())
        consentimiento = self._consentimiento()
        if form.is_valid():
            if consentimiento is None or form.cleaned_data["version_consentimiento"] != consentimiento.version:
                form.add_error(
                    "acepta",
                    _("El texto de la autorización cambió mientras escribía: léalo de nuevo y marque la casilla."),
                )
                datos = form.data.copy()
                datos["version_consentimiento"] = str(consentimiento.version if consentimiento else "")
                datos.pop("acepta", None)
                form.data = datos
            else:
                try:
                    pregunta, nueva = services.pregunta_recibir(
                        espacio=self.espacio,
                        nombre=form.cleaned_data["nombre"],
                        correo=form.cleaned_data["correo"],
                        texto_pregunta=form.cleaned_data["texto"],
                        consentimiento=consentimiento,
                        acepta=form.cleaned_data["acepta"],
                    )
                except services.ErrorDeDominio as error:
                    form.add_error(None, str(error))
                else:
                    if nueva:
                        messages.success(
                            request,
                            _(
                                "Recibimos su pregunta con el número %(r)s. La publicaremos cuando el equipo la "
                                "revise; la respuesta llegará a su correo a más tardar el %(f)s."
                            )
                            % {"r": pregunta.referencia, "f": pregunta.fecha_limite_respuesta.strftime("%d/%m/%Y")},
                        )
                    else:
                        messages.info(
                            request,
                            _("Ya habíamos recibido esta pregunta (número %(r)s): no la registramos de nuevo.")
                            % {"r": pregunta.referencia},
                        )
                    return redirect(self.espacio.get_public_url())
        return self._pagina(request, form=form)


class ActaView(View):
    """The minutes of a space that took place, without login once the space is on the public pages."""

    def get(self, request, pk):
        espacio = get_object_or_404(
            EspacioDialogo.objects.publicos().filter(estado=EspacioDialogo.Estado.REALIZADO), pk=pk
        )
        respuesta = archivos.servir(espacio.acta)
        respuesta["Cache-Control"] = "public, max-age=300"
        return respuesta


class PreguntasView(PublicoMixin, TemplateView):
    """The published answers, newest first."""

    template_name = "rendicion/publico/preguntas.html"
    extra_context = {"seccion_activa": "respuestas"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        respondidas = (
            preguntas_publicas().filter(estado=PreguntaCiudadana.Estado.RESPONDIDA).order_by("-respondida_en", "-pk")
        )
        return super().get_context_data(
            page_obj=Paginator(respondidas, 20).get_page(self.request.GET.get("page")), **kwargs
        )


class PreguntaView(PublicoMixin, TemplateView):
    template_name = "rendicion/publico/pregunta.html"
    extra_context = {"seccion_activa": "respuestas"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        pregunta = get_object_or_404(preguntas_publicas().select_related("espacio__estrategia"), pk=self.kwargs["pk"])
        return super().get_context_data(pregunta=pregunta, espacio=pregunta.espacio, **kwargs)


class InformesView(PublicoMixin, TemplateView):
    template_name = "rendicion/publico/informes.html"
    extra_context = {"seccion_activa": "informes"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consulta = Corte.objects.publicados().select_related("estrategia").order_by("-publicado_en", "-pk")
        return super().get_context_data(
            page_obj=Paginator(consulta, 20).get_page(self.request.GET.get("page")), **kwargs
        )


class InformeView(PublicoMixin, TemplateView):
    template_name = "rendicion/publico/informe.html"
    extra_context = {"seccion_activa": "informes"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        corte = get_object_or_404(Corte.objects.publicados().select_related("estrategia"), pk=self.kwargs["pk"])
        evaluaciones = selectors.evaluaciones_del_corte(corte)
        resumen = selectors.resumen_de_evaluaciones(evaluaciones)
        return super().get_context_data(
            corte=corte,
            evaluaciones=evaluaciones,
            resumen=resumen,
            grafico=selectors.grafico_de_evaluaciones(_("Resultado de la evaluación"), resumen),
            **kwargs,
        )


class InformeDescargaView(View):
    """The published report's file, without login; 404 before it is published."""

    def get(self, request, pk, formato):
        corte = get_object_or_404(Corte.objects.publicados(), pk=pk)
        archivo = {"pdf": corte.informe_pdf, "xlsx": corte.informe_xlsx}.get(formato)
        if not archivo:
            raise Http404
        nombre = f"informe-seguimiento-rendicion-{corte.estrategia.anio}-{corte.fecha_corte:%Y%m%d}.{formato}"
        respuesta = archivos.servir(archivo, nombre=nombre, en_linea=formato == "pdf")
        respuesta["Cache-Control"] = "public, max-age=300"
        return respuesta
