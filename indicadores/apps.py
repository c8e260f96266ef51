from django.apps import AppConfig


class IndicadoresConfig(AppConfig):
    name = "indicadores"
    label = "indicadores"
    verbose_name = "Indicadores"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from cooperacion.core import menu

        from . import api, permissions

        api.registrar()
        menu.registrar(menu.Entrada(_("Indicadores"), "indicadores:lista", permissions.can_ver_indicadores, orden=40))
