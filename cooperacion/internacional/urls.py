from django.urls import path

from . import views
from .views import acciones, comisiones, convenios, instrumentos, prioridades

app_name = "internacional"

urlpatterns = [
    path("casos-oit/", views.CasoListaView.as_view(), name="caso-lista"),
    path("casos-oit/nuevo/", views.CasoCrearView.as_view(), name="caso-crear"),
    path("casos-oit/<int:pk>/", views.CasoDetalleView.as_view(), name="caso-detalle"),
    path("casos-oit/<int:pk>/editar/", views.CasoEditarView.as_view(), name="caso-editar"),
    path("casos-oit/<int:pk>/respuesta/", views.CasoRespuestaView.as_view(), name="caso-respuesta"),
    path("casos-oit/<int:pk>/reabrir/", views.CasoReabrirView.as_view(), name="caso-reabrir"),
    path("casos-oit/<int:pk>/documentos/nuevo/", views.CasoDocumentoView.as_view(), name="caso-documento"),
    path(
        "casos-oit/documentos/<int:pk>/",
        views.DocumentoCasoDescargarView.as_view(),
        name="caso-documento-descargar",
    ),
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
    # International instruments
    path("instrumentos/", instrumentos.InstrumentoListaView.as_view(), name="instrumento-lista"),
    path("instrumentos/nuevo/", instrumentos.InstrumentoCrearView.as_view(), name="instrumento-crear"),
    path("instrumentos/<int:pk>/", instrumentos.InstrumentoDetalleView.as_view(), name="instrumento-detalle"),
    path(
        "instrumentos/<int:pk>/transicion/<str:accion>/",
        instrumentos.InstrumentoTransicionView.as_view(),
        name="instrumento-transicion",
    ),
    path(
        "instrumentos/<int:pk>/estado/<str:accion>/",
        instrumentos.InstrumentoEstadoView.as_view(),
        name="instrumento-estado",
    ),
    path("instrumentos/<int:pk>/estudios/nuevo/", instrumentos.EstudioAgregarView.as_view(), name="estudio-agregar"),
    path("estudios/<int:pk>/documento/", instrumentos.DocumentoEstudioView.as_view(), name="estudio-documento"),
    path(
        "instrumentos/<int:pk>/memorias/nueva/", instrumentos.MemoriaProgramarView.as_view(), name="memoria-programar"
    ),
    path("memorias/<int:pk>/envio/", instrumentos.MemoriaEnvioView.as_view(), name="memoria-envio"),
    path("memorias/<int:pk>/soporte/", instrumentos.SoporteMemoriaView.as_view(), name="memoria-soporte"),
    # Alliance actions
    path("acciones/", acciones.AccionListaView.as_view(), name="accion-lista"),
    path("acciones/nueva/", acciones.AccionCrearView.as_view(), name="accion-crear"),
    path("acciones/<int:pk>/", acciones.AccionDetalleView.as_view(), name="accion-detalle"),
    path("acciones/<int:pk>/seguimiento/", acciones.SeguimientoView.as_view(), name="accion-seguimiento"),
    path("acciones/<int:pk>/finalizar/", acciones.FinalizarView.as_view(), name="accion-finalizar"),
    path("acciones/<int:pk>/visibilizacion/", acciones.VisibilizacionView.as_view(), name="accion-visibilizacion"),
    path(
        "acciones/<int:pk>/transicion/<str:accion>/", acciones.AccionTransicionView.as_view(), name="accion-transicion"
    ),
    # Commissions
    path("comisiones/", comisiones.ComisionListaView.as_view(), name="comision-lista"),
    path("comisiones/nueva/", comisiones.ComisionCrearView.as_view(), name="comision-crear"),
    path("comisiones/<int:pk>/", comisiones.ComisionDetalleView.as_view(), name="comision-detalle"),
    path("comisiones/<int:pk>/sesiones/nueva/", comisiones.SesionRegistrarView.as_view(), name="sesion-registrar"),
    path("sesiones/<int:pk>/acta/", comisiones.ActaView.as_view(), name="sesion-acta"),
    path("sesiones/<int:pk>/compromisos/nuevo/", comisiones.CompromisoSesionView.as_view(), name="sesion-compromiso"),
    path(
        "compromisos-de-sesion/<int:pk>/cumplir/",
        comisiones.CompromisoSesionCumplirView.as_view(),
        name="compromiso-sesion-cumplir",
    ),
]
