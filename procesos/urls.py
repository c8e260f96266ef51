from django.urls import path

from . import views

app_name = "procesos"

urlpatterns = [
    path("", views.ListaView.as_view(), name="lista"),
    path("catalogo/", views.CatalogoView.as_view(), name="catalogo"),
    path("nueva/", views.CrearView.as_view(), name="crear"),
    path("importar/", views.ImportarView.as_view(), name="importar"),
    path("<int:pk>/", views.DetalleView.as_view(), name="detalle"),
    path("<int:pk>/historial/", views.HistorialContenidoView.as_view(), name="historial"),
    path("<int:pk>/editar/", views.EditarView.as_view(), name="editar"),
    path("<int:pk>/editar/phva/", views.EditarPHVAView.as_view(), name="editar-phva"),
    path("<int:pk>/editar/documentos/", views.EditarDocumentosView.as_view(), name="editar-documentos"),
    path("<int:pk>/control-de-cambios/", views.ControlCambiosView.as_view(), name="control-cambios"),
    path("<int:pk>/nueva-version/", views.NuevaVersionView.as_view(), name="nueva-version"),
    path("<int:pk>/pdf/", views.PDFView.as_view(), name="pdf"),
    path("<int:pk>/excel/", views.ExcelView.as_view(), name="excel"),
    path("<int:pk>/documentos/<int:documento>/", views.DocumentoArchivoView.as_view(), name="documento-archivo"),
    path("<int:pk>/transicion/<str:accion>/", views.TransicionCaracterizacionView.as_view(), name="transicion"),
]
