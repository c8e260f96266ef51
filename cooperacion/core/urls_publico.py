from django.urls import path

from . import views_publico

app_name = "publico"

urlpatterns = [
    path("", views_publico.TransparenciaView.as_view(), name="inicio"),
    path("datos/", views_publico.DatosView.as_view(), name="datos"),
    path("datos/<slug:codigo>/", views_publico.DiccionarioView.as_view(), name="diccionario"),
    path("datos/<slug:codigo>.<str:formato>", views_publico.DatosDescargaView.as_view(), name="datos-descarga"),
]
