from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from cooperacion.core.acceso import CambioDeClaveView

admin.site.site_header = _("Cooperación — administración")
admin.site.site_title = _("Cooperación")
admin.site.index_title = _("Catálogos y usuarios")

urlpatterns = [
    path("ingresar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("clave/", CambioDeClaveView.as_view(), name="password_change"),
    path("clave/lista/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The admin's own change-password form has no attempt limit: staff change theirs on the page above.
    path("administracion/password_change/", RedirectView.as_view(pattern_name="password_change")),
    path("administracion/", admin.site.urls),
    path("transparencia/planes/", include("planes.urls_publico")),
    path("transparencia/rendicion/", include("rendicion.urls_publico")),
    path("transparencia/internacional/", include("cooperacion.internacional.urls_publico")),
    path("transparencia/", include("cooperacion.core.urls_publico")),
    path("internacional/", include("cooperacion.internacional.urls")),
    path("procesos/", include("procesos.urls")),
    path("convocatorias/", include("convocatorias.urls")),
    path("indicadores/", include("indicadores.urls")),
    path("planes/", include("planes.urls")),
    path("rendicion/", include("rendicion.urls")),
    path("api/v1/", include("cooperacion.core.urls_api")),
    path("", include("cooperacion.core.urls")),
]
