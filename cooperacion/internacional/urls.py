from django.urls import path

from . import views

app_name = "internacional"

urlpatterns = [
    path("casos-oit/", views.CasoListaView.as_view(), name="caso-lista"),
    path("casos-oit/nuevo/", views.CasoCrearView.as_view(), name="caso-crear"),
    path("casos-oit/<int:pk>/", views.CasoDetalleView.as_view(), name="caso-detalle"),
    path("casos-oit/<int:pk>/editar/", views.CasoEditarView.as_view(), name="caso-editar"),
    path("casos-oit/<int:pk>/respuesta/", views.CasoRespuestaView.as_view(), name="caso-respuesta"),
    path("casos-oit/<int:pk>/reabrir/", views.CasoReabrirView.as_view(), name="caso-reabrir"),
    path("casos-oit/<int:pk>/transicion/<str:accion>/", views.CasoTransicionView.as_view(), name="caso-transicion"),
    path("lineas-prioritarias/", views.LineaPrioritariaListaView.as_view(), name="linea-lista"),
    path("necesidades/", views.NecesidadListaView.as_view(), name="necesidad-lista"),
]
