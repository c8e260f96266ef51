from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.InicioView.as_view(), name="inicio"),
    path("perfil/", views.PerfilView.as_view(), name="perfil"),
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
    path("catalogos/dependencias/", views.DependenciaListaView.as_view(), name="dependencia-lista"),
    path("catalogos/divipola/", views.MunicipioListaView.as_view(), name="municipio-lista"),
    path("catalogos/ods/", views.ODSListaView.as_view(), name="ods-lista"),
    path("catalogos/monedas/", views.MonedaListaView.as_view(), name="moneda-lista"),
    path("catalogos/politicas-mipg/", views.PoliticaMIPGListaView.as_view(), name="politica-lista"),
]
