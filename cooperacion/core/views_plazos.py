"""The home page ("Lo que debo hacer", then deadlines), the full deadline list, and the iCalendar feed.

Deadlines are read from the engine's table (plazos.py): filtered, counted, ordered and paged in the database.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from . import plazos, roles
from .correo import enlace_absoluto
from .models import Dependencia, PlazoAbierto, Usuario
from .pendientes import pendientes_de
from .tipos import SolicitudAutenticada, usuario_de
from .views import PersonalRequeridoMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ALCANCES = [
    ("mios", gettext_lazy("Míos")),
    ("dependencia", gettext_lazy("Mi dependencia")),
    ("todos", gettext_lazy("Todas las dependencias")),
]
POR_GRUPO = 5


def alcance_por_defecto(usuario: Usuario) -> str:
    """Who answers for what: Planeación, Control Interno and the Administrador see every dependencia first; a Jefe,
    their dependencia; everyone else, their own deadlines."""
    if usuario.ve_todas_las_dependencias:
        return "todos"
    if usuario.tiene_rol(roles.JEFE) and usuario.dependencia_id:
        return "dependencia"
    return "mios"


def alcances_de(usuario: Usuario) -> list[tuple[str, StrOrPromise]]:
    return [(clave, etiqueta) for clave, etiqueta in ALCANCES if plazos.filtro_para(usuario, clave)]


def alcance_pedido(request: HttpRequest) -> str:
    usuario = usuario_de(request)
    alcance = request.GET.get("alcance") or alcance_por_defecto(usuario)
    return alcance if plazos.filtro_para(usuario, alcance) else alcance_por_defecto(usuario)


class InicioView(PersonalRequeridoMixin, TemplateView):
    """What the user must do first, then the deadlines by traffic light (the first few of each, with "ver todos")."""

    template_name = "core/inicio.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = usuario_de(self.request)
        alcance = alcance_pedido(self.request)
        filtro = plazos.filtro_para(usuario, alcance)
        if filtro is None:  # alcance_pedido only returns a scope the user may use
            raise PermissionDenied
        hoy = timezone.localdate()
        configuracion = plazos.tipos_configurados()
        base = plazos.consulta(filtro=filtro, hoy=hoy, configuracion=configuracion)
        conteo = plazos.conteo_por_semaforo(base, hoy=hoy, configuracion=configuracion)
        grupos = []
        for clave, titulo in (
            ("rojo", _("Vencidos")),
            ("amarillo", _("Próximos a vencer")),
            ("verde", _("A tiempo")),
        ):
            if not conteo[clave]:
                continue
            filas = plazos.consulta(filtro=filtro, semaforo=clave, hoy=hoy, configuracion=configuracion)
            grupos.append(
                {
                    "clave": clave,
                    "titulo": titulo,
                    "total": conteo[clave],
                    "items": plazos.con_estado(filas[:POR_GRUPO], hoy=hoy, configuracion=configuracion),
                }
            )
        return super().get_context_data(
            alcances=alcances_de(usuario),
            alcance=alcance,
            con_dependencia=alcance != "mios",
            conteo=conteo,
            total_plazos=sum(conteo.values()),
            grupos=grupos,
            pendientes=pendientes_de(usuario),
            **kwargs,
        )


class FiltroPlazosForm(forms.Form):
    tipo = forms.ChoiceField(label=gettext_lazy("Tipo de plazo"), required=False)
    semaforo = forms.ChoiceField(
        label=gettext_lazy("Semáforo"),
        required=False,
        choices=[("", gettext_lazy("Todos")), *plazos.SEMAFORO.items()],
    )
    dependencia = forms.ModelChoiceField(
        label=gettext_lazy("Dependencia"),
        required=False,
        queryset=Dependencia.objects.none(),
        empty_label=gettext_lazy("Todas"),
    )

    def __init__(self, *args: Any, con_dependencia: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tipos = sorted(((t.codigo, t.nombre) for t in plazos.tipos_registrados()), key=lambda par: par[1])
        cast(forms.ChoiceField, self.fields["tipo"]).choices = [("", _("Todos")), *tipos]
        if con_dependencia:
            dependencia = cast(forms.ModelChoiceField[Dependencia], self.fields["dependencia"])
            dependencia.queryset = Dependencia.objects.filter(activa=True)
        else:
            del self.fields["dependencia"]
        for campo in self.fields.values():
            campo.widget.attrs["class"] = "form-select"


class PlazosView(PersonalRequeridoMixin, TemplateView):
    """Every open deadline in the user's scope, filtered and paged in the database, soonest first."""

    template_name = "core/plazos.html"
    por_pagina = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = usuario_de(self.request)
        alcance = alcance_pedido(self.request)
        filtro = plazos.filtro_para(usuario, alcance)
        if filtro is None:  # alcance_pedido only returns a scope the user may use
            raise PermissionDenied
        form = FiltroPlazosForm(self.request.GET or None, con_dependencia=alcance == "todos")
        tipos, semaforo = None, ""
        if form.is_valid():
            if form.cleaned_data.get("tipo"):
                tipos = [form.cleaned_data["tipo"]]
            semaforo = form.cleaned_data.get("semaforo") or ""
            if form.cleaned_data.get("dependencia"):
                filtro = plazos.FiltroPlazos(dependencia_ids=frozenset({form.cleaned_data["dependencia"].pk}))
        hoy = timezone.localdate()
        configuracion = plazos.tipos_configurados()
        todas = plazos.consulta(filtro=filtro, tipos=tipos, hoy=hoy, configuracion=configuracion)
        conteo = plazos.conteo_por_semaforo(todas, hoy=hoy, configuracion=configuracion)
        filas = plazos.consulta(filtro=filtro, tipos=tipos, semaforo=semaforo, hoy=hoy, configuracion=configuracion)
        pagina = Paginator(filas, self.por_pagina).get_page(self.request.GET.get("page"))
        filas_de_la_pagina = cast(QuerySet[PlazoAbierto], pagina.object_list)  # a page of a queryset is a queryset
        en_curso = plazos.con_estado(filas_de_la_pagina, hoy=hoy, configuracion=configuracion)
        pagina.object_list = en_curso  # type: ignore[assignment]  # the page shows each row with its status
        return super().get_context_data(
            alcances=alcances_de(usuario),
            alcance=alcance,
            form=form,
            conteo=conteo,
            page_obj=pagina,
            **kwargs,
        )


class CalendarioView(View):
    """The user's deadlines as iCalendar, behind a secret token (calendar clients cannot log in).

    Deadlines with a time of day (a call closing at 17:00) are timed events; the rest are all-day events. Only
    deadlines from 60 days ago on are listed.
    """

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        usuario = Usuario.objects.filter(token_calendario=token, is_active=True).first() if token else None
        if usuario is None:
            raise Http404
        calendario = Calendar()
        calendario.add("prodid", "-//Cooperación//Plazos//ES")
        calendario.add("version", "2.0")
        calendario.add("x-wr-calname", f"Cooperación – {usuario}")
        calendario.add("x-wr-timezone", settings.TIME_ZONE)
        ahora = timezone.now()
        hoy = timezone.localdate()
        filas = plazos.consulta(filtro=plazos.FiltroPlazos(responsable_id=usuario.pk), hoy=hoy).filter(
            fecha__gte=hoy - timedelta(days=60)
        )
        zona = timezone.get_current_timezone()
        for item in plazos.iterar(filas, hoy=hoy):
            plazo = item.plazo
            evento = Event()
            evento.add("uid", f"{plazo.tipo}-{plazo.content_type_id}-{plazo.object_id}@cooperacion")
            evento.add("dtstamp", ahora)
            if plazo.hora is not None:
                inicio = datetime.combine(plazo.fecha, plazo.hora, tzinfo=zona)
                evento.add("dtstart", inicio)
                evento.add("dtend", inicio + timedelta(hours=1))
            else:
                evento.add("dtstart", plazo.fecha)
                evento.add("dtend", plazo.fecha + timedelta(days=1))
            evento.add("summary", f"{item.tipo_nombre}: {plazo.titulo}")
            evento.add("description", plazo.detalle or plazo.titulo)
            evento.add("url", enlace_absoluto(plazo.url))
            evento.add("categories", [item.tipo_nombre])
            calendario.add_component(evento)
        respuesta = HttpResponse(calendario.to_ical(), content_type="text/calendar; charset=utf-8")
        respuesta["Content-Disposition"] = 'inline; filename="cooperacion.ics"'
        respuesta["Cache-Control"] = "private, max-age=900"
        return respuesta


class CalendarioRegenerarView(PersonalRequeridoMixin, View):
    """Create or replace the secret address of the user's calendar (the old one stops working)."""

    http_method_names = ["post"]

    def post(self, request: SolicitudAutenticada) -> HttpResponse:
        usuario = request.user
        usuario.token_calendario = secrets.token_urlsafe(32)
        usuario.save(update_fields=["token_calendario"])
        messages.success(request, _("Nueva dirección del calendario creada. La anterior dejó de funcionar."))
        return redirect("core:perfil")
