from django.urls import path

from . import views
from .views import convenios, prioridades

app_name = "internacional"

urlpatterns = [
    path("casos-oit/", views.CasoListaView.as_view(), name="caso-lista"),
    path("casos-oit/nuevo/", views.CasoCrearView.as_view(), name="caso-crear"),
    path("casos-oit/<int:pk>/", views.CasoDetalleView.as_view(), name="caso-detalle"),
    path("casos-oit/<int:pk>/editar/", views.CasoEditarView.as_view(), name="caso-editar"),
    path("casos-oit/<int:pk>/respuesta/", views.CasoRespuestaView.as_view(), name="caso-respuesta"),
    path("casos-oit/<int:pk>/reabrir/", views.CasoReabrirView.as_view(), name="caso-reabrir"),
    path("casos-oit/<int:pk>/transicion/<str:accion>/", views.CasoTransicionView.as_view(), name="caso-transicion"),
    # Priority lines
    path("lineas-prioritarias/", prioridades.LineaListaView.as_view(), name="linea-lista"),
    path("lineas-prioritarias/nueva/", prioridades.LineaCrearView.as_view(), name="linea-crear"),
    path("lineas-prioritarias/<int:pk>/", prioridades.LineaDetalleView.as_view(), name="linea-detalle"),
    path("lineas-prioritarias/<int:pk>/editar/", prioridades.LineaEditarView.as_view(), name="linea-editar"),
    path(
        "lineas-prioritarias/<int:pk>/transicion/<str:accion>/",
        prioridades.LineaTransicionView.as_view(),
        name="linea-transicion",
    ),
    # Needs
    path("necesidades/", prioridades.NecesidadListaView.as_view(), name="necesidad-lista"),
    path("necesidades/resumen/", prioridades.NecesidadesResumenView.as_view(), name="necesidad-resumen"),
    path("necesidades/nueva/", prioridades.NecesidadCrearView.as_view(), name="necesidad-crear"),
    path("necesidades/<int:pk>/", prioridades.NecesidadDetalleView.as_view(), name="necesidad-detalle"),
    path("necesidades/<int:pk>/editar/", prioridades.NecesidadEditarView.as_view(), name="necesidad-editar"),
    path("necesidades/<int:pk>/priorizar/", prioridades.NecesidadPriorizarView.as_view(), name="necesidad-priorizar"),
    path("necesidades/<int:pk>/presentar/", prioridades.NecesidadPresentarView.as_view(), name="necesidad-presentar"),
    path("necesidades/<int:pk>/atender/", prioridades.NecesidadAtenderView.as_view(), name="necesidad-atender"),
    path(
        "necesidades/<int:pk>/transicion/<str:accion>/",
        prioridades.NecesidadTransicionView.as_view(),
        name="necesidad-transicion",
    ),
    # Agreements
    path("convenios/", convenios.ConvenioListaView.as_view(), name="convenio-lista"),
    path("convenios/nuevo/", convenios.ConvenioCrearView.as_view(), name="convenio-crear"),
    path("convenios/<int:pk>/", convenios.ConvenioDetalleView.as_view(), name="convenio-detalle"),
    path("convenios/<int:pk>/editar/", convenios.ConvenioEditarView.as_view(), name="convenio-editar"),
    path("convenios/<int:pk>/documento/", convenios.DocumentoConvenioView.as_view(), name="convenio-documento"),
    path("convenios/<int:pk>/compromisos/nuevo/", convenios.CompromisoAgregarView.as_view(), name="compromiso-agregar"),
    path("convenios/<int:pk>/revision/", convenios.RevisionAgregarView.as_view(), name="convenio-revision"),
    path(
        "convenios/<int:pk>/transicion/<str:accion>/",
        convenios.ConvenioTransicionView.as_view(),
        name="convenio-transicion",
    ),
    path("compromisos/<int:pk>/cumplir/", convenios.CompromisoCumplirView.as_view(), name="compromiso-cumplir"),
]
