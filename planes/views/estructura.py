"""The structure of a plan in formulation: objectives → strategies or initiatives → activities with their indicator
and quarterly programming (DE-PD-01 activities 1, 4 and 10)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Usuario
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import PersonalRequeridoMixin
from indicadores import calculo

from .. import permissions, services
from ..forms import ActividadForm, EstrategiaForm, ObjetivoForm, ProgramacionForm
from .comun import PasoView, actividad_visible, estrategia_visible, objetivo_visible, plan_visible

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _del_plan(predicado):
    """A predicate on a plan, applied to a part of it (objective, strategy, activity)."""
    return staticmethod(lambda usuario, parte: predicado(usuario, parte.plan))


class ObjetivoCrearView(CreacionUnicaMixin, PasoView):
    form_class = ObjetivoForm
    cargador = staticmethod(plan_visible)
    rol_permitido = staticmethod(permissions.formula_el_plan)
    permitida = staticmethod(permissions.can_editar_plan)
    titulo = gettext_lazy("Agregar un objetivo")
    boton = gettext_lazy("Agregar el objetivo")
    exito = gettext_lazy("Objetivo agregado.")
    mensaje_estado = gettext_lazy("El plan solo se edita en formulación o cuando Planeación lo devuelve.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        return {"codigo": str(self.objeto.objetivos.count() + 1)}

    def ejecutar(self, form):
        self.objetivo = services.objetivo_crear(plan=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return self.objetivo.get_absolute_url()


class ObjetivoEditarView(PasoView):
    form_class = ObjetivoForm
    cargador = staticmethod(objetivo_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Editar el objetivo")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Objetivo actualizado.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.objeto.plan, "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        services.objetivo_editar(objetivo=self.objeto, usuario=self.request.user, **self.datos(form))


class EstrategiaCrearView(CreacionUnicaMixin, PasoView):
    form_class = EstrategiaForm
    cargador = staticmethod(objetivo_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Agregar una estrategia o iniciativa")
    boton = gettext_lazy("Agregar la estrategia")
    exito = gettext_lazy("Estrategia agregada.")

    def get_initial(self) -> dict[str, Any]:
        return {"codigo": f"{self.objeto.codigo}.{self.objeto.estrategias.count() + 1}"}

    def ejecutar(self, form):
        self.estrategia = services.estrategia_crear(objetivo=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino(self):
        return self.estrategia.get_absolute_url()


class EstrategiaEditarView(PasoView):
    form_class = EstrategiaForm
    cargador = staticmethod(estrategia_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Editar la estrategia")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Estrategia actualizada.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        services.estrategia_editar(estrategia=self.objeto, usuario=self.request.user, **self.datos(form))


class ActividadCrearView(CreacionUnicaMixin, PasoView):
    form_class = ActividadForm
    template_name = "planes/actividad_formulario.html"
    cargador = staticmethod(estrategia_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Agregar una actividad")
    boton = gettext_lazy("Agregar la actividad")
    exito = gettext_lazy("Actividad agregada con su indicador. Ahora programe sus metas trimestrales.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "plan": self.objeto.plan, "estrategia": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        return {"codigo": f"{self.objeto.codigo}.{self.objeto.actividades.count() + 1}"}

    def ejecutar(self, form):
        self.actividad = services.actividad_crear(
            estrategia=self.objeto,
            usuario=self.request.user,
            indicador=form.cleaned_data.get("indicador"),
            ficha_indicador=form.ficha_indicador(),
            **form.datos_actividad(),
        )

    def destino(self):
        from django.urls import reverse

        return reverse("planes:programacion", args=[self.actividad.pk])


class ActividadEditarView(PasoView):
    form_class = ActividadForm
    template_name = "planes/actividad_formulario.html"
    cargador = staticmethod(actividad_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Editar la actividad")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Actividad actualizada.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "plan": self.objeto.plan,
            "instance": copy.copy(self.objeto),
            "nueva": False,
        }

    def ejecutar(self, form):
        services.actividad_editar(actividad=self.objeto, usuario=self.request.user, **form.datos_actividad())


class ProgramacionView(PasoView):
    """The quarterly programming of an activity: its indicator's targets for each year of the plan."""

    form_class = ProgramacionForm
    template_name = "planes/programacion.html"
    cargador = staticmethod(actividad_visible)
    rol_permitido = _del_plan(permissions.formula_el_plan)
    permitida = _del_plan(permissions.can_editar_plan)
    titulo = gettext_lazy("Programación trimestral")
    boton = gettext_lazy("Guardar la programación")
    exito = gettext_lazy("Programación guardada.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actividad": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        return {
            f"m_{m.anio}_{m.trimestre}": m.valor
            for m in self.objeto.indicador.metas.filter(dependencia__isnull=True, anio__in=self.objeto.plan.anios)
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        indicador = self.objeto.indicador
        anuales = []
        metas: dict[int, dict[int, Decimal]] = {}
        for m in indicador.metas.filter(dependencia__isnull=True, anio__in=self.objeto.plan.anios):
            metas.setdefault(m.anio, {})[m.trimestre] = m.valor
        for anio in self.objeto.plan.anios:
            anuales.append(
                (
                    anio,
                    calculo.calcular(indicador.ficha, metas.get(anio, {}), {})[3].meta_anual
                    if metas.get(anio)
                    else None,
                )
            )
        return super().get_context_data(indicador=indicador, anuales=anuales, **kwargs)

    def ejecutar(self, form):
        services.programacion_fijar(actividad=self.objeto, usuario=self.request.user, valores=form.valores())

    def destino(self):
        return self.objeto.get_absolute_url()


class QuitarView(PersonalRequeridoMixin, View):
    """POST-only removal of a part of a plan in formulation (the page asks for confirmation first)."""

    http_method_names = ["post"]
    cargador: Callable[[Usuario, int], Any] | None = None
    servicio: Callable[..., object] | None = None
    parametro = ""
    exito: StrOrPromise = ""

    def post(self, request, pk):
        parte = self.cargador(request.user, pk)
        if not permissions.formula_el_plan(request.user, parte.plan):
            raise PermissionDenied
        try:
            self.servicio(**{self.parametro: parte}, usuario=request.user)
        except ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect(parte.get_absolute_url())
        messages.success(request, str(self.exito))
        return redirect(parte.plan.get_absolute_url())


class ObjetivoQuitarView(QuitarView):
    cargador = staticmethod(objetivo_visible)
    servicio = staticmethod(services.objetivo_quitar)
    parametro = "objetivo"
    exito = gettext_lazy("Objetivo quitado.")


class EstrategiaQuitarView(QuitarView):
    cargador = staticmethod(estrategia_visible)
    servicio = staticmethod(services.estrategia_quitar)
    parametro = "estrategia"
    exito = gettext_lazy("Estrategia quitada.")


class ActividadQuitarView(QuitarView):
    cargador = staticmethod(actividad_visible)
    servicio = staticmethod(services.actividad_quitar)
    parametro = "actividad"
    exito = gettext_lazy("Actividad quitada.")


__all__ = ["_"]
