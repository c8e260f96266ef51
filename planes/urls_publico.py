from django.urls import path

from .views import publico

app_name = "planes_publico"

urlpatterns = [
    path("", publico.PublicoListaView.as_view(), name="lista"),
    path("<int:pk>/", publico.PublicoDetalleView.as_view(), name="detalle"),
    path("accion-institucional/<int:anio>/", publico.PublicoConsolidadoView.as_view(), name="consolidado"),
]
