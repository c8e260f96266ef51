"""Indicator pages: the list with its traffic lights, the sheet with its figures and charts, and the forms of the
sheet, the targets and the measurements. Views are thin: figures come from selectors (calculo), writes from
services; outside the user's scope a record answers 404."""

import copy
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cooperacion.core import archivos, periodos, versiones
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import AccionConFormularioView, ListaFiltrada, PersonalRequeridoMixin

from . import calculo, graficos, permissions, selectors, services, vinculos
from .filters import IndicadorFilter
from .forms import IndicadorForm, MedicionForm, MetasForm
from .models import Indicador, Medicion


def indicador_visible(usuario, pk) -> Indicador:
    """The indicator if the user may see it; 404 otherwise."""
    return get_object_or_404(
        Indicador.objects.visibles_para(usuario).select_related("dependencia", "responsable"), pk=pk
    )


def periodo_pedido(request) -> tuple[int, int]:
    """The quarter asked for (?periodo=AAAA-T#), by default the last one already closed."""
    leido = periodos.leer_periodo(request.GET.get("periodo", ""))
    if leido:
        return leido
    return periodos.trimestre_anterior(*periodos.trimestre_de(timezone.localdate()))


class IndicadorListaView(ListaFiltrada):
    model = Indicador
    filterset_class = IndicadorFilter
    template_name = "indicadores/lista.html"
    titulo = gettext_lazy("Indicadores")
    ordenamientos = {"codigo": "codigo", "nombre": "nombre", "dependencia": "dependencia__sigla"}
    orden_por_defecto = "codigo"

    def get_queryset(self):
        return super().get_queryset().select_related("dependencia")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        contexto = super().get_context_data(**kwargs)
        anio, trimestre = periodo_pedido(self.request)
        pagina = list(contexto["object_list"])
        series = selectors.series(pagina, anio)
        contexto.update(
            filas=[(i, series[i.pk].en(trimestre)) for i in pagina],
            anio=anio,
            trimestre=trimestre,
            periodo=periodos.periodo(anio, trimestre),
            periodos=periodos.periodos_recientes(timezone.localdate()),
            puede_crear=permissions.can_crear_indicador(self.request.user),
        )
        return contexto


class IndicadorCrearView(PersonalRequeridoMixin, CreacionUnicaMixin, FormView):
    form_class = IndicadorForm
    template_name = "indicadores/formulario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_crear_indicador(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(titulo=_("Nuevo indicador"), boton=_("Crear el indicador"), **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        datos = dict(form.cleaned_data)
        datos.pop("token_creacion", None)
        territoriales = datos.pop("territoriales", [])
        dependencia = datos.pop("dependencia", None)
        try:
            self.indicador = services.indicador_crear(
                usuario=usuario_de(self.request), dependencia=dependencia, territoriales=territoriales, **datos
            )
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Indicador creado. Fije ahora sus metas por trimestre."))
        return redirect(self.indicador)


class IndicadorDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "indicadores/detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        indicador = indicador_visible(usuario, self.kwargs["pk"])
        hoy = timezone.localdate()
        try:
            anio = int(self.request.GET.get("anio") or hoy.year)
        except ValueError as error:
            raise Http404 from error
        if not 1990 <= anio <= hoy.year + 30:
            raise Http404
        serie = selectors.serie(indicador, anio)
        territoriales = list(indicador.territoriales.order_by("nombre"))
        propias = permissions.territoriales_del_usuario(usuario, indicador, territoriales)
        series_territoriales = [selectors.serie_territorial(indicador, anio, d) for d in territoriales]
        actual = periodos.trimestre_de(hoy)
        cerrado = periodos.trimestre_anterior(*actual)  # the last quarter already over
        bloqueo_medicion = {
            t: vinculos.motivo_de_bloqueo(indicador.pk, que=vinculos.MEDICION, anio=anio, trimestre=t)
            for t in indicador.trimestres_de_reporte
        }
        puede_medir_general = not territoriales and permissions.can_medir(usuario, indicador)
        trimestres = []
        for resultado in serie.resultados:
            t = resultado.trimestre
            trimestres.append(
                {
                    "resultado": resultado,
                    "registros": serie.registros.get(t, []),
                    "puede_medir": puede_medir_general
                    and (anio, t) <= actual
                    and t in indicador.trimestres_de_reporte
                    and not bloqueo_medicion.get(t),
                    "bloqueo": bloqueo_medicion.get(t, ""),
                    "en_curso": (anio, t) == actual,
                    "por_venir": (anio, t) > actual,
                }
            )
        # The traffic light of the last quarter already over (a quarter in progress is not judged yet).
        hasta = 4 if anio < cerrado[0] else cerrado[1] if anio == cerrado[0] else 0
        ultimo = serie.en(max(hasta, 1))
        umbrales = {"verde": indicador.umbral_verde, "amarillo": indicador.umbral_amarillo}
        return super().get_context_data(
            indicador=indicador,
            anio=anio,
            anios=sorted({*selectors.anios_con_datos(indicador), hoy.year, anio}),
            serie=serie,
            trimestres=trimestres,
            ultimo=ultimo,
            series_territoriales=[(s, s.dependencia in propias) for s in series_territoriales],
            vinculos=vinculos.vinculos_de([indicador.pk]).get(indicador.pk, []),
            grafico_acumulado=graficos.meta_vs_real(
                _("Meta y resultado acumulados %(a)s") % {"a": anio},
                serie.resultados,
                unidad=indicador.unidad,
                hasta=hasta,
            ),
            grafico_periodo=graficos.meta_vs_real(
                _("Meta y resultado de cada trimestre %(a)s") % {"a": anio},
                serie.resultados,
                acumulado=False,
                unidad=indicador.unidad,
                hasta=hasta,
            ),
            grafico_semaforo=graficos.semaforo(
                _("Cumplimiento acumulado al T%(t)s") % {"t": ultimo.trimestre}, ultimo.acumulado, **umbrales
            ),
            puede_editar=permissions.can_editar_indicador(usuario, indicador),
            puede_metas=permissions.can_fijar_metas(usuario, indicador),
            bloqueo_ficha=vinculos.motivo_de_bloqueo(indicador.pk, que=vinculos.FICHA),
            bloqueo_metas=vinculos.motivo_de_bloqueo(indicador.pk, que=vinculos.META, anio=anio),
            estados=calculo.ETIQUETAS_ESTADO,
            **kwargs,
        )


class IndicadorFormularioView(AccionConFormularioView):
    template_name = "indicadores/formulario.html"

    def cargar(self, usuario, pk):
        return indicador_visible(usuario, pk)


class IndicadorEditarView(IndicadorFormularioView):
    form_class = IndicadorForm
    rol_permitido = staticmethod(permissions.es_responsable)
    permitida = staticmethod(permissions.can_editar_indicador)
    titulo = gettext_lazy("Editar la hoja de vida")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Hoja de vida actualizada.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.objeto)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            bloqueo=vinculos.motivo_de_bloqueo(self.objeto.pk, que=vinculos.FICHA), **kwargs
        )

    def ejecutar(self, form):
        datos = {c: v for c, v in form.cleaned_data.items() if c in services.CAMPOS_FICHA}
        services.indicador_editar(
            indicador=self.objeto,
            usuario=self.request.user,
            territoriales=form.cleaned_data.get("territoriales", []),
            **datos,
        )


if TYPE_CHECKING:
    _Vista = AccionConFormularioView  # what the mixin is mixed into
else:
    _Vista = object


class _SerieMixin(_Vista):
    """Forms on one series of an indicator: the general one, or a territorial one (?dependencia=<id>)."""

    def cargar(self, usuario, pk):
        indicador = indicador_visible(usuario, pk)
        self.dependencia = None
        pedida = self.request.GET.get("dependencia") or self.request.POST.get("dependencia")
        if pedida:
            try:
                self.dependencia = indicador.territoriales.get(pk=int(pedida))
            except (ValueError, Dependencia.DoesNotExist) as error:
                raise Http404 from error
        try:
            self.anio = int(self.kwargs["anio"])
        except ValueError as error:
            raise Http404 from error
        return indicador

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(dependencia=self.dependencia, anio=self.anio, **kwargs)

    def destino(self):
        return f"{self.objeto.get_absolute_url()}?anio={self.anio}"


class MetasView(_SerieMixin, IndicadorFormularioView):
    form_class = MetasForm
    titulo = gettext_lazy("Metas por trimestre")
    boton = gettext_lazy("Guardar las metas")
    exito = gettext_lazy("Metas guardadas.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.rol_permitido = lambda usuario, obj: permissions.can_fijar_metas(usuario, obj, self.dependencia)
        self.permitida = self.rol_permitido
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "indicador": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        metas = self.objeto.metas.filter(anio=self.anio, dependencia=self.dependencia)
        return {f"t{m.trimestre}": m.valor for m in metas}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            subtitulo=f"{self.anio}" + (f" · {self.dependencia}" if self.dependencia else ""),
            introduccion=_(
                "Deje vacío un trimestre sin meta. En un indicador acumulado cada meta es lo que se espera lograr en "
                "ese trimestre; en los demás, el nivel esperado al corte."
            ),
            **kwargs,
        )

    def ejecutar(self, form):
        services.metas_fijar(
            indicador=self.objeto,
            usuario=self.request.user,
            anio=self.anio,
            valores=form.valores(),
            dependencia=self.dependencia,
        )


class MedicionView(_SerieMixin, IndicadorFormularioView):
    form_class = MedicionForm
    template_name = "indicadores/medicion.html"
    titulo = gettext_lazy("Reportar la medición")
    boton = gettext_lazy("Guardar la medición")
    exito = gettext_lazy("Medición guardada: los resultados acumulados de los trimestres siguientes ya la incluyen.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.rol_permitido = lambda usuario, obj: permissions.can_medir(usuario, obj, self.dependencia)
        self.permitida = self.rol_permitido
        return super().dispatch(request, *args, **kwargs)

    def cargar(self, usuario, pk):
        indicador = super().cargar(usuario, pk)
        try:
            self.trimestre = int(self.kwargs["trimestre"])
        except ValueError as error:
            raise Http404 from error
        if self.trimestre not in (1, 2, 3, 4):
            raise Http404
        self.medicion = Medicion.objects.filter(
            indicador=indicador, anio=self.anio, trimestre=self.trimestre, dependencia=self.dependencia
        ).first()
        return indicador

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "indicador": self.objeto}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.medicion is not None:
            form.fields.pop(versiones.CAMPO, None)
            versiones.agregar_campo(form, self.medicion)
        return form

    def get_initial(self) -> dict[str, Any]:
        if self.medicion is None:
            return {}
        return {
            "numerador": self.medicion.numerador,
            "denominador": self.medicion.denominador,
            "analisis": self.medicion.analisis,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        serie = selectors.serie(self.objeto, self.anio)
        return super().get_context_data(
            subtitulo=f"{self.anio}-T{self.trimestre}" + (f" · {self.dependencia}" if self.dependencia else ""),
            medicion=self.medicion,
            resultado=serie.en(self.trimestre),
            bloqueo=vinculos.motivo_de_bloqueo(
                self.objeto.pk,
                que=vinculos.MEDICION,
                anio=self.anio,
                trimestre=self.trimestre,
                dependencia_id=getattr(self.dependencia, "pk", None),
            ),
            **kwargs,
        )

    def _ejecutar_si_permitida(self, form):
        # The measurement carries its own version: a stale page is refused with what the other person changed.
        if self.medicion is not None:
            self.medicion.refresh_from_db()
            versiones.exigir(self.medicion, form.control.get(versiones.CAMPO), form.fields)
        return self.ejecutar(form)

    def ejecutar(self, form):
        datos = form.cleaned_data
        services.medicion_registrar(
            indicador=self.objeto,
            usuario=self.request.user,
            anio=self.anio,
            trimestre=self.trimestre,
            numerador=datos["numerador"],
            denominador=datos.get("denominador"),
            analisis=datos["analisis"],
            evidencia=datos.get("evidencia"),
            dependencia=self.dependencia,
        )


class EvidenciaView(PersonalRequeridoMixin, View):
    """A measurement's evidence, after checking the user may see its indicator."""

    def get(self, request, pk):
        medicion = get_object_or_404(Medicion.objects.visibles_para(request.user), pk=pk)
        return archivos.servir(medicion.evidencia)
