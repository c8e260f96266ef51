"""Home "Mis pendientes" with deadlines across apps, and the per-user iCalendar feed."""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from . import plazos
from .correo import enlace_absoluto
from .models import Dependencia, Usuario
from .pendientes import pendientes_de
from .views import PersonalRequeridoMixin

ALCANCES = [
    ("mios", gettext_lazy("Míos")),
    ("dependencia", gettext_lazy("Mi dependencia")),
    ("todos", gettext_lazy("Todas las dependencias")),
]


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

    def __init__(self, *args, con_dependencia: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", _("Todos"))] + [(t.codigo, t.nombre) for t in plazos.tipos_registrados()]
        if con_dependencia:
            self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        else:
            del self.fields["dependencia"]
        for campo in self.fields.values():
            campo.widget.attrs["class"] = "form-select"


class InicioView(PersonalRequeridoMixin, TemplateView):
    template_name = "core/inicio.html"

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        alcances = [(clave, etiqueta) for clave, etiqueta in ALCANCES if plazos.filtro_para(usuario, clave)]
        # A Jefe answers for the whole dependencia: that is their default view.
        por_defecto = "dependencia" if usuario.tiene_rol("Jefe de oficina") and usuario.dependencia_id else "mios"
        alcance = self.request.GET.get("alcance", por_defecto)
        if alcance not in dict(alcances):
            alcance = "mios"
        filtro = plazos.filtro_para(usuario, alcance)
        form = FiltroPlazosForm(self.request.GET or None, con_dependencia=alcance == "todos")
        tipos = None
        semaforo = ""
        if form.is_valid():
            if form.cleaned_data.get("tipo"):
                tipos = [form.cleaned_data["tipo"]]
            semaforo = form.cleaned_data.get("semaforo") or ""
            if form.cleaned_data.get("dependencia"):
                filtro = plazos.FiltroPlazos(dependencia_ids=frozenset({form.cleaned_data["dependencia"].pk}))
        items = plazos.plazos_en_curso(filtro=filtro, tipos=tipos)
        conteo = {clave: sum(1 for i in items if i.semaforo == clave) for clave in plazos.SEMAFORO}
        if semaforo:
            items = [i for i in items if i.semaforo == semaforo]
        pagina = Paginator(items, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            alcances=alcances,
            alcance=alcance,
            form=form,
            page_obj=pagina,
            conteo=conteo,
            pendientes=pendientes_de(usuario),
            **kwargs,
        )


class CalendarioView(View):
    """The user's deadlines as iCalendar, behind a secret token (calendar clients cannot log in)."""

    def get(self, request, token):
        usuario = Usuario.objects.filter(token_calendario=token, is_active=True).first() if token else None
        if usuario is None:
            raise Http404
        calendario = Calendar()
        calendario.add("prodid", "-//Cooperación//Plazos//ES")
        calendario.add("version", "2.0")
        calendario.add("x-wr-calname", f"Cooperación – {usuario}")
        calendario.add("x-wr-timezone", settings.TIME_ZONE)
        ahora = timezone.now()
        for item in plazos.plazos_en_curso(filtro=plazos.FiltroPlazos(responsable_id=usuario.pk)):
            plazo = item.plazo
            evento = Event()
            evento.add("uid", f"{plazo.clave}@cooperacion")
            evento.add("dtstamp", ahora)
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

    def post(self, request):
        usuario = request.user
        usuario.token_calendario = secrets.token_urlsafe(32)
        usuario.save(update_fields=["token_calendario"])
        messages.success(request, _("Nueva dirección del calendario creada. La anterior dejó de funcionar."))
        return redirect("core:perfil")
