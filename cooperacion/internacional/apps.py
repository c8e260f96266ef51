from django.apps import AppConfig


class InternacionalConfig(AppConfig):
    name = "cooperacion.internacional"
    label = "internacional"
    verbose_name = "Relaciones internacionales"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from cooperacion.core import demo, menu, plazos

        from . import demo as demo_oit
        from . import permissions, selectors
        from .models import CasoOIT

        plazos.registrar(selectors.TIPO_PLAZO, selectors.plazos_de_respuesta, modelo=CasoOIT)
        demo.registrar("casos OIT", demo_oit.cargar_demo, orden=40)
        demo.registrar("líneas prioritarias y necesidades", demo_oit.cargar_prioridades, orden=30)
        menu.registrar(
            menu.Entrada(
                etiqueta=_("Casos OIT"),
                url_name="internacional:caso-lista",
                visible=permissions.can_ver_casos,
                orden=40,
            )
        )
        menu.registrar(
            menu.Entrada(
                etiqueta=_("Prioridades"),
                url_name="internacional:linea-lista",
                visible=permissions.can_ver_casos,
                hijos=(
                    menu.Entrada(_("Líneas prioritarias"), "internacional:linea-lista", permissions.can_ver_casos),
                    menu.Entrada(
                        _("Necesidades de cooperación"), "internacional:necesidad-lista", permissions.can_ver_casos
                    ),
                ),
                orden=45,
            )
        )
