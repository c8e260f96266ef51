from django.urls import path

from .views import acciones, dialogo, estrategia, seguimiento

app_name = "rendicion"

urlpatterns = [
    path("", estrategia.EstrategiaListaView.as_view(), name="inicio"),
    path("nueva/", estrategia.EstrategiaCrearView.as_view(), name="estrategia-crear"),
    path("<int:pk>/", estrategia.EstrategiaDetalleView.as_view(), name="estrategia"),
    path("<int:pk>/editar/", estrategia.EstrategiaEditarView.as_view(), name="estrategia-editar"),
    path("<int:pk>/copiar/", estrategia.EstrategiaCopiarView.as_view(), name="estrategia-copiar"),
    path(
        "<int:pk>/transicion/<str:accion>/",
        estrategia.EstrategiaTransicionView.as_view(),
        name="estrategia-transicion",
    ),
    path("etapas/<int:pk>/", estrategia.EtapaView.as_view(), name="etapa"),
    # Actions, progress and evidence
    path("acciones/", acciones.AccionListaView.as_view(), name="acciones"),
    path("<int:pk>/acciones/nueva/", acciones.AccionCrearView.as_view(), name="accion-crear"),
    path("acciones/<int:pk>/", acciones.AccionDetalleView.as_view(), name="accion"),
    path("acciones/<int:pk>/editar/", acciones.AccionEditarView.as_view(), name="accion-editar"),
    path("acciones/<int:pk>/avance/", acciones.AvanceView.as_view(), name="avance"),
    path(
        "acciones/<int:pk>/transicion/<str:accion>/", acciones.AccionTransicionView.as_view(), name="accion-transicion"
    ),
    path("avances/<int:pk>/evidencia/", acciones.EvidenciaView.as_view(), name="evidencia"),
    # Social-media metrics
    path("<int:pk>/metricas/", acciones.MetricasView.as_view(), name="metricas"),
    path("<int:pk>/metricas/<int:mes>/", acciones.MetricasMesView.as_view(), name="metricas-mes"),
    path("<int:pk>/metricas/nueva/", acciones.MetricaCrearView.as_view(), name="metrica-crear"),
    path("<int:pk>/metricas/informe/", acciones.MetricasInformeView.as_view(), name="metricas-informe"),
    # Dialogue spaces and questions
    path("espacios/", dialogo.EspacioListaView.as_view(), name="espacios"),
    path("<int:pk>/espacios/nuevo/", dialogo.EspacioCrearView.as_view(), name="espacio-crear"),
    path("espacios/<int:pk>/", dialogo.EspacioDetalleView.as_view(), name="espacio"),
    path("espacios/<int:pk>/editar/", dialogo.EspacioEditarView.as_view(), name="espacio-editar"),
    path("espacios/<int:pk>/resultados/", dialogo.ResultadosView.as_view(), name="espacio-resultados"),
    path("espacios/<int:pk>/encuesta/", dialogo.EncuestaAgregarView.as_view(), name="encuesta-agregar"),
    path("espacios/<int:pk>/encuesta/<int:item>/quitar/", dialogo.EncuestaQuitarView.as_view(), name="encuesta-quitar"),
    path("espacios/<int:pk>/acta/", dialogo.ActaView.as_view(), name="espacio-acta"),
    path("espacios/<int:pk>/preguntas/informe/", dialogo.PreguntasInformeView.as_view(), name="preguntas-informe"),
    path(
        "espacios/<int:pk>/transicion/<str:accion>/", dialogo.EspacioTransicionView.as_view(), name="espacio-transicion"
    ),
    path("preguntas/", dialogo.PreguntaListaView.as_view(), name="preguntas"),
    path("preguntas/<int:pk>/", dialogo.PreguntaDetalleView.as_view(), name="pregunta"),
    path("preguntas/<int:pk>/responder/", dialogo.ResponderView.as_view(), name="pregunta-responder"),
    path(
        "preguntas/<int:pk>/transicion/<str:accion>/",
        dialogo.PreguntaTransicionView.as_view(),
        name="pregunta-transicion",
    ),
    # Follow-up by Control Interno
    path("cortes/", seguimiento.CorteListaView.as_view(), name="cortes"),
    path("<int:pk>/cortes/nuevo/", seguimiento.CorteCrearView.as_view(), name="corte-crear"),
    path("cortes/<int:pk>/", seguimiento.CorteDetalleView.as_view(), name="corte"),
    path("cortes/<int:pk>/editar/", seguimiento.CorteEditarView.as_view(), name="corte-editar"),
    path("cortes/<int:pk>/informe/", seguimiento.InformeSolicitarView.as_view(), name="corte-informe"),
    path(
        "cortes/<int:pk>/transicion/<str:accion>/", seguimiento.CorteTransicionView.as_view(), name="corte-transicion"
    ),
    path("evaluaciones/<int:pk>/", seguimiento.EvaluacionView.as_view(), name="evaluacion"),
    path("mejoras/", seguimiento.MejoraListaView.as_view(), name="mejoras"),
    path("<int:pk>/mejoras/nueva/", seguimiento.MejoraCrearView.as_view(), name="mejora-crear"),
    path("mejoras/<int:pk>/", seguimiento.MejoraDetalleView.as_view(), name="mejora"),
    path(
        "mejoras/<int:pk>/transicion/<str:accion>/",
        seguimiento.MejoraTransicionView.as_view(),
        name="mejora-transicion",
    ),
    # Terms and consent texts
    path("configuracion/", seguimiento.ConfiguracionView.as_view(), name="configuracion"),
    path("configuracion/consentimiento/", seguimiento.ConsentimientoCrearView.as_view(), name="consentimiento-crear"),
]
