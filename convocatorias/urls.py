from django.urls import path

from .views import archivos, convocatoria, datos_abiertos, matriz, proyectos

app_name = "convocatorias"

urlpatterns = [
    path("", matriz.MatrizView.as_view(), name="matriz"),
    path("nueva/", matriz.ConvocatoriaCrearView.as_view(), name="crear"),
    path("exportar/", matriz.ExportarView.as_view(), name="exportar"),
    path("importar/", matriz.ImportarView.as_view(), name="importar"),
    path("<int:pk>/", convocatoria.ConvocatoriaDetalleView.as_view(), name="detalle"),
    path("<int:pk>/editar/", convocatoria.ConvocatoriaEditarView.as_view(), name="editar"),
    path("<int:pk>/transicion/<str:accion>/", convocatoria.ConvocatoriaTransicionView.as_view(), name="transicion"),
    path("<int:pk>/oficio/", convocatoria.AvisoView.as_view(), name="aviso"),
    path("<int:pk>/oficio/destinatarios/", convocatoria.DestinatarioAgregarView.as_view(), name="destinatario-agregar"),
    path(
        "<int:pk>/oficio/destinatarios/<int:destinatario>/quitar/",
        convocatoria.DestinatarioQuitarView.as_view(),
        name="destinatario-quitar",
    ),
    path("<int:pk>/oficio/enviar/", convocatoria.AvisoEnviarView.as_view(), name="aviso-enviar"),
    path("<int:pk>/oficio/pdf/", convocatoria.OficioPDFView.as_view(), name="oficio-pdf"),
    path(
        "oficios/<int:pk>/transicion/<str:accion>/", convocatoria.AvisoTransicionView.as_view(), name="aviso-transicion"
    ),
    path("<int:pk>/respuestas/<int:destinatario>/", convocatoria.ResponderView.as_view(), name="responder"),
    path("<int:pk>/reunion/", convocatoria.ReunionView.as_view(), name="reunion"),
    path("<int:pk>/compromisos/", convocatoria.CompromisosView.as_view(), name="compromisos"),
    path("<int:pk>/compromisos/acta/", convocatoria.ActaCompromisosSubirView.as_view(), name="acta-compromisos"),
    path("<int:pk>/compromisos/acta/pdf/", convocatoria.ActaCompromisosPDFView.as_view(), name="acta-compromisos-pdf"),
    path(
        "<int:pk>/compromisos/<int:compromiso>/quitar/",
        convocatoria.CompromisoQuitarView.as_view(),
        name="compromiso-quitar",
    ),
    path("<int:pk>/proyecto/version/", convocatoria.VersionView.as_view(), name="version"),
    path("<int:pk>/presentacion/", convocatoria.PresentacionView.as_view(), name="presentacion"),
    path("<int:pk>/decision/", convocatoria.DecisionView.as_view(), name="decision"),
    path("<int:pk>/ejecucion/", proyectos.IniciarEjecucionView.as_view(), name="ejecucion"),
    path("proyectos/", proyectos.ProyectoListaView.as_view(), name="proyecto-lista"),
    path("proyectos/iati.xml", datos_abiertos.ProyectosIATIView.as_view(), name="proyectos-iati"),
    path("proyectos/iati-organizacion.xml", datos_abiertos.OrganizacionIATIView.as_view(), name="organizacion-iati"),
    path("proyectos/ciclope.xlsx", datos_abiertos.CiclopeView.as_view(), name="proyectos-ciclope"),
    path("proyectos/ciclope.csv", datos_abiertos.CiclopeCSVView.as_view(), name="proyectos-ciclope-csv"),
    path("proyectos/<int:pk>/", proyectos.ProyectoDetalleView.as_view(), name="proyecto-detalle"),
    path("proyectos/<int:pk>/iati.xml", datos_abiertos.ProyectoIATIView.as_view(), name="proyecto-iati"),
    path("proyectos/<int:pk>/datos-iati/", proyectos.DatosIATIView.as_view(), name="proyecto-datos-iati"),
    path(
        "proyectos/<int:pk>/informes/<int:informe>/entregar/",
        proyectos.InformeRecibirView.as_view(),
        name="informe-recibir",
    ),
    path(
        "proyectos/informes/<int:pk>/transicion/<str:accion>/",
        proyectos.InformeTransicionView.as_view(),
        name="informe-transicion",
    ),
    path("proyectos/<int:pk>/movimientos/nuevo/", proyectos.MovimientoView.as_view(), name="movimiento"),
    path("proyectos/<int:pk>/finalizar/", proyectos.FinalizarView.as_view(), name="finalizar"),
    path("proyectos/<int:pk>/acta/pdf/", proyectos.ActaFinalizacionPDFView.as_view(), name="acta-finalizacion-pdf"),
    path("archivos/<slug:tipo>/<int:pk>/", archivos.DescargarArchivoView.as_view(), name="archivo"),
]
