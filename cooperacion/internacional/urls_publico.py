from django.urls import path

from .views import acciones

app_name = "internacional_publico"

urlpatterns = [
    path("", acciones.AccionesPublicasView.as_view(), name="acciones"),
]
