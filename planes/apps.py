from django.apps import AppConfig


class PlanesConfig(AppConfig):
    name = "planes"
    label = "planes"
    verbose_name = "Planes de gestión (DE-PD-01)"

    def ready(self) -> None:
        from . import api, registro

        registro.registrar_en_el_nucleo()
        api.registrar()
