from django.urls import path

from . import views, views_plazos, views_reportes

app_name = "core"

urlpatterns = [
    path("", views_plazos.InicioView.as_view(), name="inicio"),
    path("plazos/", views_plazos.PlazosView.as_view(), name="plazos"),
    path("perfil/", views.PerfilView.as_view(), name="perfil"),
    path("perfil/token/", views.TokenCrearView.as_view(), name="token-crear"),
    path("perfil/token/revocar/", views.TokenRevocarView.as_view(), name="token-revocar"),
    path("perfil/calendario/", views_plazos.CalendarioRegenerarView.as_view(), name="calendario-regenerar"),
    path("calendario/<str:token>.ics", views_plazos.CalendarioView.as_view(), name="calendario"),
    path("reportes/", views_reportes.ReporteListaView.as_view(), name="reporte-lista"),
    path("reportes/solicitar/<slug:codigo>/", views_reportes.ReporteSolicitarView.as_view(), name="reporte-solicitar"),
    path("reportes/ver/<slug:codigo>/", views_reportes.ReporteVerView.as_view(), name="reporte-ver"),
    path("reportes/<int:pk>/", views_reportes.ReporteDetalleView.as_view(), name="reporte-detalle"),
    path("reportes/<int:pk>/descargar/", views_reportes.ReporteDescargarView.as_view(), name="reporte-descargar"),
    path("reportes/<int:pk>/reintentar/", views_reportes.ReporteReintentarView.as_view(), name="reporte-reintentar"),
    path("notificaciones/", views.NotificacionesView.as_view(), name="notificaciones"),
    path("notificaciones/<int:pk>/leer/", views.NotificacionLeerView.as_view(), name="notificacion-leer"),
    path("notificaciones/leer-todas/", views.NotificacionesLeerTodasView.as_view(), name="notificaciones-leer-todas"),
    path("historial/<str:app_label>/<str:modelo>/<int:pk>/", views.HistorialView.as_view(), name="historial"),
    path("catalogos/actores/", views.ActorListaView.as_view(), name="actor-lista"),
    path("catalogos/actores/<int:pk>/", views.ActorDetalleView.as_view(), name="actor-detalle"),
    path(
        "catalogos/actores/<int:pk>/transicion/<str:accion>/",
        views.ActorTransicionView.as_view(),
        name="actor-transicion",
    ),
    path("catalogos/entidad/", views.EntidadView.as_view(), name="entidad"),
    path("catalogos/dependencias/", views.DependenciaListaView.as_view(), name="dependencia-lista"),
    path("catalogos/divipola/", views.MunicipioListaView.as_view(), name="municipio-lista"),
    path("catalogos/ods/", views.ODSListaView.as_view(), name="ods-lista"),
    path("catalogos/monedas/", views.MonedaListaView.as_view(), name="moneda-lista"),
    path("catalogos/politicas-mipg/", views.PoliticaMIPGListaView.as_view(), name="politica-lista"),
]
