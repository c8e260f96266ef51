"""The accountability pages under /transparencia/rendicion/ (no login)."""

from django.urls import path

from .views import publico

app_name = "rendicion_publico"

urlpatterns = [
    path("", publico.InicioView.as_view(), name="inicio"),
    path("<int:anio>/", publico.EstrategiaView.as_view(), name="estrategia"),
    path("espacios/", publico.EspaciosView.as_view(), name="espacios"),
    path("espacios/<int:pk>/", publico.EspacioView.as_view(), name="espacio"),
    path("espacios/<int:pk>/acta/", publico.ActaView.as_view(), name="acta"),
    path("respuestas/", publico.PreguntasView.as_view(), name="preguntas"),
    path("respuestas/<int:pk>/", publico.PreguntaView.as_view(), name="pregunta"),
    path("seguimiento/", publico.InformesView.as_view(), name="informes"),
    path("seguimiento/<int:pk>/", publico.InformeView.as_view(), name="informe"),
    path("seguimiento/<int:pk>/informe.<str:formato>", publico.InformeDescargaView.as_view(), name="informe-descarga"),
]
