"""The actions of the strategy: list, page, define, move, report progress; evidence downloads; the metrics."""

import copy
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from cooperacion.core import archivos, plazos
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.tipos import usuario_de
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from .. import permissions, selectors, services
from ..filters import AccionFilter
from ..forms import AccionForm, AvanceForm, MetricaForm, MetricasMesForm
from ..models import AccionRendicion, AvanceAccion, Corte, EvaluacionAccion, MetricaDefinida
from ..models.estrategia import orden_de_elemento
from ..plazos import TIPO_ACCION
from .comun import CrearBajoView, PasoView, accion_visible, estrategia_visible

FLUJO_ACCION = Flujo(
    url_name="rendicion:accion-transicion",
    acciones=(
        Accion(
            nombre="iniciar",
            etiqueta=gettext_lazy("Iniciar la acción"),
            servicio=services.accion_iniciar,
            permitida=permissions.can_iniciar_accion,
            rol_permitido=permissions.mueve_la_accion,
            confirmacion=gettext_lazy("La acción pasa a «En ejecución»."),
        ),
        Accion(
            nombre="completar",
            etiqueta=gettext_lazy("Dar por cumplida"),
            servicio=services.accion_completar,
            permitida=permissions.can_completar_accion,
            rol_permitido=permissions.mueve_la_accion,
            estilo="success",
            confirmacion=gettext_lazy(
                "El entregable está listo y sus evidencias registradas: la acción queda cumplida al 100 %."
            ),
        ),
        Accion(
            nombre="reabrir",
            etiqueta=gettext_lazy("Reabrir"),
            servicio=services.accion_reabrir,
            permitida=permissions.can_reabrir_accion,
            rol_permitido=permissions.gestiona_la_estrategia,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=gettext_lazy("La acción vuelve a «En ejecución»; explique qué falta."),
        ),
    ),
)


class AccionTransicionView(TransicionView):
    modelo = AccionRendicion
    flujo = FLUJO_ACCION
    parametro = "accion"


class AccionListaView(ListaFiltrada):
    model = AccionRendicion
    filterset_class = AccionFilter
    template_name = "rendicion/accion_lista.html"
    titulo = gettext_lazy("Acciones de rendición de cuentas")
    paginate_by = 25
    ordenamientos = {
        "anio": "estrategia__anio",
        "numero": "numero",
        "fin": "fecha_fin",
        "estado": "estado",
        "avance": "porcentaje_avance",
    }
    orden_por_defecto = ""

    def get_queryset(self):
        consulta = AccionRendicion.objects.visibles_para(self.request.user)
        consulta = selectors.acciones_con_responsables(consulta)
        orden = self.orden_actual()
        if orden:
            return self.ordenar(consulta)
        return consulta.order_by("-estrategia__anio", orden_de_elemento(), "numero", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        contexto = super().get_context_data(**kwargs)
        contexto["ve_dependencias"] = usuario_de(self.request).ve_todas_las_dependencias
        return contexto


class AccionDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/accion_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        accion = accion_visible(usuario, self.kwargs["pk"])
        avances = list(accion.avances.select_related("dependencia", "registrado_por"))
        por_dependencia = []
        for responsable in accion.responsables_ordenados:
            propios = [a for a in avances if a.dependencia_id == responsable.dependencia_id]
            por_dependencia.append(
                {
                    "responsable": responsable,
                    "avances": propios,
                    "ultimo": propios[0].porcentaje if propios else 0,
                }
            )
        evaluaciones = list(
            EvaluacionAccion.objects.filter(accion=accion, corte__in=Corte.objects.visibles_para(usuario))
            .exclude(resultado="")
            .select_related("corte")
            .order_by("corte__fecha_corte")
        )
        return super().get_context_data(
            accion=accion,
            estrategia=accion.estrategia,
            flujo=FLUJO_ACCION,
            partes=por_dependencia,
            evaluaciones=evaluaciones,
            espacios=list(accion.espacios.all()),
            plazo=plazos.del_objeto(accion, TIPO_ACCION.codigo),
            puede_editar=permissions.can_editar_accion(usuario, accion),
            puede_reportar=permissions.can_reportar_avance(usuario, accion),
            metricas=accion.metricas.exists(),
            **kwargs,
        )


class AccionCrearView(CrearBajoView):
    form_class = AccionForm
    rol_permitido = staticmethod(permissions.can_crear_accion)
    permitida = staticmethod(permissions.can_crear_accion)
    titulo = gettext_lazy("Nueva acción")
    boton = gettext_lazy("Agregar la acción")
    introduccion = gettext_lazy(
        "Cada acción pertenece a un elemento (información, diálogo o responsabilidad) y tiene un entregable y las "
        "dependencias responsables: una la lidera y las demás reportan el avance de su parte."
    )

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def get_initial(self) -> dict[str, Any]:
        return {"elemento": self.request.GET.get("elemento", "")}

    def ejecutar(self, form):
        self.creado = services.accion_crear(
            usuario=usuario_de(self.request), estrategia=self.objeto, **self.datos(form)
        )

    def mensaje_exito(self):
        return _("Acción %(c)s agregada.") % {"c": self.creado.codigo}


class AccionEditarView(PasoView):
    form_class = AccionForm
    rol_permitido = staticmethod(permissions.can_editar_accion)
    permitida = staticmethod(permissions.can_editar_accion)
    titulo = gettext_lazy("Editar la acción")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Acción actualizada.")

    def cargar(self, usuario, pk):
        return accion_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        services.accion_editar(accion=self.objeto, usuario=self.request.user, **self.datos(form))


class AvanceView(CrearBajoView):
    form_class = AvanceForm
    rol_permitido = staticmethod(permissions.reporta_avance)
    permitida = staticmethod(permissions.can_reportar_avance)
    titulo = gettext_lazy("Reportar el avance")
    boton = gettext_lazy("Registrar el avance")
    introduccion = gettext_lazy(
        "Cada dependencia responsable reporta el avance de su parte, con su evidencia (informe, acta, listado, "
        "captura de la publicación)."
    )
    mensaje_estado = gettext_lazy("La acción ya está cumplida: para registrar más avances, Planeación debe reabrirla.")

    def cargar(self, usuario, pk):
        return accion_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "dependencias": permissions.dependencias_que_reporta(self.request.user, self.objeto),
        }

    def get_initial(self) -> dict[str, Any]:
        return {"fecha": timezone.localdate()}

    def ejecutar(self, form):
        datos = form.cleaned_data
        avance = services.avance_registrar(
            accion=self.objeto,
            usuario=self.request.user,
            dependencia=datos["dependencia"],
            descripcion=datos["descripcion"],
            porcentaje=datos["porcentaje"],
            fecha=datos["fecha"],
            evidencia=datos["evidencia"],
        )
        self.creado = self.objeto
        return avance

    def mensaje_exito(self):
        return _("Avance registrado.")


class EvidenciaView(PersonalRequeridoMixin, View):
    """An evidence file, only to those who see its action (404 otherwise)."""

    def get(self, request, pk):
        avance = get_object_or_404(AvanceAccion.objects.visibles_para(request.user), pk=pk)
        return archivos.servir(avance.evidencia)


# Social-media metrics ------------------------------------------------------------------------------


class MetricasView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/metricas.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        estrategia = estrategia_visible(usuario, self.kwargs["pk"])
        hoy = timezone.localdate()
        ultimo_mes = 12 if estrategia.anio < hoy.year else (hoy.month if estrategia.anio == hoy.year else 0)
        return super().get_context_data(
            estrategia=estrategia,
            puede_definir=permissions.gestiona_la_estrategia(usuario),
            puede_registrar=permissions.can_registrar_metricas(
                usuario, services.dependencias_de_comunicaciones(estrategia)
            ),
            meses_registrables=[(m, selectors.MESES_LARGOS[m - 1]) for m in range(1, ultimo_mes + 1)],
            **selectors.metricas_de(estrategia),
            **kwargs,
        )


class MetricasMesView(PasoView):
    """The month's values of every metric field, in one form."""

    form_class = MetricasMesForm
    boton = gettext_lazy("Guardar las métricas del mes")
    exito = gettext_lazy("Métricas guardadas.")

    def cargar(self, usuario, pk):
        estrategia = estrategia_visible(usuario, pk)
        mes = self.kwargs["mes"]
        if not 1 <= mes <= 12:
            raise Http404
        self.mes = date(estrategia.anio, mes, 1)
        if self.mes > timezone.localdate():
            raise Http404
        self.comunicaciones = services.dependencias_de_comunicaciones(estrategia)
        self.definiciones = list(MetricaDefinida.objects.filter(estrategia=estrategia).order_by("red", "orden", "pk"))
        return estrategia

    def rol_permitido(self, usuario, estrategia):
        return permissions.can_registrar_metricas(usuario, self.comunicaciones)

    permitida = rol_permitido

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop("version_registro", None)  # the month's values, not the strategy, are edited here
        return form

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "definiciones": self.definiciones}

    def get_initial(self) -> dict[str, Any]:
        return {f"metrica_{d}": v for d, v in selectors.valores_del_mes(self.objeto, self.mes).items()}

    @property
    def titulo(self):
        nombre_mes = selectors.MESES_LARGOS[self.mes.month - 1]
        return _("Métricas de redes sociales de %(m)s de %(a)s") % {"m": nombre_mes, "a": self.mes.year}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            introduccion=_(
                "Escriba el valor de cada métrica en el mes (miles con punto: 1.234.567). Deje vacía una métrica "
                "que no se mide."
            ),
            sin_campos=not self.definiciones,
            **kwargs,
        )

    def ejecutar(self, form):
        services.metricas_registrar(
            estrategia=self.objeto, usuario=self.request.user, mes=self.mes, valores=form.valores()
        )

    def destino(self):
        from django.urls import reverse

        return reverse("rendicion:metricas", args=[self.objeto.pk])


class MetricaCrearView(CrearBajoView):
    """Planeación adds a metric field (network, metric, frequency) the communications group reports each month."""

    form_class = MetricaForm
    rol_permitido = staticmethod(permissions.gestiona_la_estrategia)
    permitida = staticmethod(permissions.gestiona_la_estrategia)
    titulo = gettext_lazy("Nueva métrica de redes sociales")
    boton = gettext_lazy("Agregar la métrica")
    exito = gettext_lazy("Métrica agregada.")

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "estrategia": self.objeto}

    def get_initial(self) -> dict[str, Any]:
        primera = self.objeto.metricas.exclude(accion=None).first()
        return {"accion": primera.accion_id} if primera else {}

    def ejecutar(self, form):
        self.creado = services.metrica_definir(estrategia=self.objeto, usuario=self.request.user, **self.datos(form))

    def destino_cancelar(self):
        from django.urls import reverse

        return reverse("rendicion:metricas", args=[self.objeto.pk])


class MetricasInformeView(DocumentoDeRegistroView):
    codigo = "metricas_rendicion"

    def cargar(self, usuario, pk):
        estrategia = estrategia_visible(usuario, pk)
        if not usuario.ve_todas_las_dependencias and not permissions.can_registrar_metricas(
            usuario, services.dependencias_de_comunicaciones(estrategia)
        ):
            raise PermissionDenied
        return estrategia
