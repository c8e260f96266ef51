from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .api import router

# Swagger UI (served from our static files) injects one fixed <style> element; only that one is allowed, by its hash,
# and only on the documentation page. The split view serves its start-up script as a file: no inline script.
ESTILO_DE_SWAGGER_UI = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update({"style-src": [ESTILO_DE_SWAGGER_UI]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    *router.urls,
]
