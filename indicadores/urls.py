from django.urls import path

from . import views

app_name = "indicadores"

urlpatterns = [
    path("", views.IndicadorListaView.as_view(), name="lista"),
    path("nuevo/", views.IndicadorCrearView.as_view(), name="crear"),
    path("<int:pk>/", views.IndicadorDetalleView.as_view(), name="detalle"),
    path("<int:pk>/editar/", views.IndicadorEditarView.as_view(), name="editar"),
    path("<int:pk>/metas/<int:anio>/", views.MetasView.as_view(), name="metas"),
    path("<int:pk>/medicion/<int:anio>/<int:trimestre>/", views.MedicionView.as_view(), name="medicion"),
    path("mediciones/<int:pk>/evidencia/", views.EvidenciaView.as_view(), name="evidencia"),
]
