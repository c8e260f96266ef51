from django.apps import AppConfig
from django.utils.translation import gettext_lazy

# The "Internacional" dropdown: one entry in the bar for every international-relations page.
MENU_INTERNACIONAL = (
    (gettext_lazy("Necesidades de cooperación"), "internacional:necesidad-lista"),
    (gettext_lazy("Líneas prioritarias"), "internacional:linea-lista"),
    (gettext_lazy("Convenios"), "internacional:convenio-lista"),
    (gettext_lazy("Instrumentos internacionales"), "internacional:instrumento-lista"),
    (gettext_lazy("Acciones de alianza"), "internacional:accion-lista"),
    (gettext_lazy("Comisiones"), "internacional:comision-lista"),
    (gettext_lazy("Casos OIT"), "internacional:caso-lista"),
)


class InternacionalConfig(AppConfig):
    name = "cooperacion.internacional"
    label = "internacional"
    verbose_name = "Relaciones internacionales"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from cooperacion.core import demo, menu, plazos, publico, reportes, vinculos

        from . import api, permissions, publicacion, reports, selectors
        from . import demo as demo_oit
        from . import plazos as plazos_internacionales
        from .models import CasoOIT

        api.registrar()
        reportes.registrar(reports.LineasReporte())
        reportes.registrar(reports.NecesidadesReporte())
        reportes.registrar(reports.ConveniosReporte())
        plazos_internacionales.registrar()
        vinculos.registrar(selectors.convenios_del_actor, orden=30)
        vinculos.registrar(selectors.instrumentos_del_actor, orden=40)
        vinculos.registrar(selectors.acciones_del_actor, orden=50)
        reportes.registrar(reports.AccionesReporte())
        reportes.registrar(reports.ComisionesReporte())
        publico.registrar_seccion(publicacion.SECCION)
        reportes.registrar(reports.InstrumentosReporte())

        plazos.registrar(selectors.TIPO_PLAZO, selectors.plazos_de_respuesta, modelo=CasoOIT)
        demo.registrar("casos OIT", demo_oit.cargar_demo, orden=40)
        demo.registrar("líneas prioritarias y necesidades", demo_oit.cargar_prioridades, orden=30)
        demo.registrar("convenios y sus compromisos", demo_oit.cargar_convenios, orden=31)
        demo.registrar("instrumentos internacionales y memorias", demo_oit.cargar_instrumentos, orden=32)
        demo.registrar("acciones de alianza", demo_oit.cargar_acciones, orden=33)
        demo.registrar("comisiones", demo_oit.cargar_comisiones, orden=34)
        menu.registrar(
            menu.Entrada(
                etiqueta=_("Internacional"),
                url_name="internacional:necesidad-lista",
                visible=permissions.can_ver_casos,
                hijos=tuple(
                    menu.Entrada(etiqueta, url_name, permissions.can_ver_casos)
                    for etiqueta, url_name in MENU_INTERNACIONAL
                ),
                orden=45,
            )
        )
