"""Everything the app registers with the core in AppConfig.ready(): deadlines, reports, pending items, menu, the
public pages and open data, the outbox effect and the demo data."""


def registrar_en_el_nucleo() -> None:
    from django.utils.translation import gettext_lazy as _

    from cooperacion.core import demo, menu, pendientes, plazos, publico, reportes

    from . import demo as demo_rendicion
    from . import pendientes as pendientes_rendicion
    from . import permissions, publicacion
    from . import plazos as plazos_rendicion
    from .models import AccionMejora, AccionRendicion, Corte, Estrategia, PreguntaCiudadana
    from .reports import MetricasReporte, PreguntasEspacioReporte, SeguimientoReporte
    from .services import dialogo  # noqa: F401  (registers the outbox effect that e-mails the answers)

    plazos.registrar(
        plazos_rendicion.TIPO_ACCION,
        plazos_rendicion.plazos_de_acciones,
        modelo=AccionRendicion,
        depende_de={Estrategia: "estrategia"},
    )
    plazos.registrar(plazos_rendicion.TIPO_RESPUESTA, plazos_rendicion.plazos_de_respuestas, modelo=PreguntaCiudadana)
    plazos.registrar(plazos_rendicion.TIPO_PUBLICACION, plazos_rendicion.plazos_de_publicacion, modelo=Corte)
    plazos.registrar(plazos_rendicion.TIPO_MEJORA, plazos_rendicion.plazos_de_mejoras, modelo=AccionMejora)
    for reporte in (SeguimientoReporte, PreguntasEspacioReporte, MetricasReporte):
        reportes.registrar(reporte())
    pendientes.registrar(pendientes_rendicion.pendientes_de)
    publico.registrar_seccion(publicacion.SECCION)
    publico.registrar_datos(publicacion.ACCIONES)
    publico.registrar_datos(publicacion.RESPUESTAS)
    demo.registrar("rendicion", demo_rendicion.cargar_demo, orden=60)
    ver = permissions.can_ver_rendicion
    menu.registrar(
        menu.Entrada(
            etiqueta=_("Rendición"),
            url_name="rendicion:inicio",
            visible=ver,
            hijos=(
                menu.Entrada(_("Estrategias por año"), "rendicion:inicio", ver),
                menu.Entrada(_("Acciones"), "rendicion:acciones", ver),
                menu.Entrada(_("Espacios de diálogo"), "rendicion:espacios", ver),
                menu.Entrada(_("Preguntas ciudadanas"), "rendicion:preguntas", ver),
                menu.Entrada(_("Seguimiento de Control Interno"), "rendicion:cortes", ver),
                menu.Entrada(_("Acciones de mejora"), "rendicion:mejoras", ver),
                menu.Entrada(_("Configuración"), "rendicion:configuracion", permissions.configura),
            ),
            orden=40,
        )
    )
