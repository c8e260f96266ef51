from django.apps import AppConfig


class RendicionConfig(AppConfig):
    name = "rendicion"
    label = "rendicion"
    verbose_name = "Rendición de cuentas"

    def ready(self) -> None:
        from . import api, registro

        registro.registrar_en_el_nucleo()
        api.registrar()
