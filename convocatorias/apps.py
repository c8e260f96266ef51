from django.apps import AppConfig


class ConvocatoriasConfig(AppConfig):
    name = "convocatorias"
    label = "convocatorias"
    verbose_name = "Convocatorias y proyectos de cooperación"

    def ready(self):
        from . import api, registro

        registro.registrar_en_el_nucleo()
        api.registrar()
